/**
 * Command line entry point: `deepgram-emulator --port 4000 --transcripts fixtures --auth any`.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as DeepgramEmulator from "./DeepgramEmulator.js"
import type { EmulatorError } from "./EmulatorError.js"

const usage = `Usage: deepgram-emulator [options]

A Deepgram-compatible server for tests and demos.

Options:
  -p, --port <n>          port to listen on (default 0: a free port)
      --host <address>    address to listen on (default 127.0.0.1)
  -t, --transcripts <dir> load sidecar transcripts (X.wav + X.txt or X.wav.txt); repeatable
      --auth <mode>       none | any | keys (default: keys when keys are given, else any)
  -k, --key <key>         an API key accepted in keys mode; repeatable
                          (or DEEPGRAM_EMULATOR_KEYS=key1,key2 to keep keys off the command line)
      --latency <ms>      latency added to every answer
      --live-transcript <text>
                          what live streams that match no registered audio "say"
      --live-timeout <ms> /v1/listen closes with 1011 after this long without audio or a message
                          (default 10000)
      --speak-pace <x>    speak WebSockets deliver audio at x times real time (default: as fast as
                          it is synthesized)
      --agent-timeout <ms>
                          /v1/agent/converse ends after this long without audio or a message
                          (default 10000)
      --agent-trigger <phrase=function>
                          the voice agent calls function when the user says phrase; repeatable
      --cors              answer CORS preflights (lets pages on other origins call the REST API)
  -q, --quiet             do not log requests
  -h, --help              show this help
`

class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

interface Parsed {
  readonly help: boolean
  readonly options: DeepgramEmulator.Options
}

const parseArgs = (args: ReadonlyArray<string>): Effect.Effect<Parsed, UsageError> =>
  Effect.suspend(() => {
    let port: number | undefined
    let host: string | undefined
    let auth: DeepgramEmulator.AuthMode | undefined
    let latency: number | undefined
    let liveTranscript: string | undefined
    let liveTimeout: number | undefined
    let speakPace: number | undefined
    let agentTimeout: number | undefined
    const agentTriggers: Array<DeepgramEmulator.AgentTrigger> = []
    let quiet = false
    let cors = false
    let help = false
    const transcripts: Array<string> = []
    const keys: Array<string> = (process.env["DEEPGRAM_EMULATOR_KEYS"] ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter((key) => key !== "")
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      const [flag, inline] = arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined]
      const value = (): string | undefined => inline ?? args[++i]
      switch (flag) {
        case "-p":
        case "--port": {
          const n = Number(value())
          if (!Number.isInteger(n) || n < 0 || n > 65535) {
            return Effect.fail(new UsageError({ message: `${flag} expects a port number` }))
          }
          port = n
          break
        }
        case "--host": {
          const v = value()
          if (v === undefined) return Effect.fail(new UsageError({ message: "--host needs a value" }))
          host = v
          break
        }
        case "-t":
        case "--transcripts": {
          const v = value()
          if (v === undefined) return Effect.fail(new UsageError({ message: `${flag} needs a directory` }))
          transcripts.push(v)
          break
        }
        case "--auth": {
          const v = value()
          if (v !== "none" && v !== "any" && v !== "keys") {
            return Effect.fail(new UsageError({ message: "--auth must be none, any or keys" }))
          }
          auth = v
          break
        }
        case "-k":
        case "--key": {
          const v = value()
          if (v === undefined || v === "") return Effect.fail(new UsageError({ message: `${flag} needs a key` }))
          keys.push(v)
          break
        }
        case "--latency": {
          const v = value()
          const n = Number(v)
          if (v === undefined || !Number.isFinite(n) || n < 0) {
            return Effect.fail(new UsageError({ message: "--latency expects milliseconds" }))
          }
          latency = n
          break
        }
        case "--live-transcript": {
          const v = value()
          if (v === undefined || v.trim() === "") {
            return Effect.fail(new UsageError({ message: "--live-transcript needs a text" }))
          }
          liveTranscript = v
          break
        }
        case "--live-timeout": {
          const v = value()
          const n = Number(v)
          if (v === undefined || !Number.isFinite(n) || n <= 0) {
            return Effect.fail(new UsageError({ message: "--live-timeout expects milliseconds" }))
          }
          liveTimeout = n
          break
        }
        case "--speak-pace": {
          const v = value()
          const n = Number(v)
          if (v === undefined || !Number.isFinite(n) || n < 0) {
            return Effect.fail(new UsageError({ message: "--speak-pace expects a multiple of real time (e.g. 2)" }))
          }
          speakPace = n
          break
        }
        case "--agent-timeout": {
          const v = value()
          const n = Number(v)
          if (v === undefined || !Number.isFinite(n) || n <= 0) {
            return Effect.fail(new UsageError({ message: "--agent-timeout expects milliseconds" }))
          }
          agentTimeout = n
          break
        }
        case "--agent-trigger": {
          const v = value() ?? ""
          const at = v.lastIndexOf("=")
          if (at <= 0 || at === v.length - 1) {
            return Effect.fail(new UsageError({ message: "--agent-trigger expects phrase=function" }))
          }
          agentTriggers.push({ phrase: v.slice(0, at), function: v.slice(at + 1) })
          break
        }
        case "--cors":
          cors = true
          break
        case "-q":
        case "--quiet":
          quiet = true
          break
        case "-h":
        case "--help":
          help = true
          break
        default:
          return Effect.fail(new UsageError({ message: `unknown option ${arg}` }))
      }
    }
    if (auth === "keys" && keys.length === 0) {
      const message = "--auth keys needs at least one --key (or DEEPGRAM_EMULATOR_KEYS)"
      return Effect.fail(new UsageError({ message }))
    }
    return Effect.succeed({
      help,
      options: {
        port,
        host,
        auth,
        apiKeys: keys,
        transcriptsDir: transcripts,
        latency: latency === undefined ? undefined : Duration.millis(latency),
        logRequests: !quiet,
        cors,
        liveTranscript,
        liveTimeout: liveTimeout === undefined ? undefined : Duration.millis(liveTimeout),
        speakPace,
        agentTimeout: agentTimeout === undefined ? undefined : Duration.millis(agentTimeout),
        agentTriggers
      }
    })
  })

/** What the system said, in words, for the errors a start can meet. */
const systemCodes: Readonly<Record<string, string>> = {
  EADDRINUSE: "the port is already in use",
  EADDRNOTAVAIL: "the address is not available on this machine",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOENT: "no such file or directory",
  ENOTDIR: "not a directory",
  ENOTFOUND: "unknown host",
  EAI_AGAIN: "unknown host"
}

/** The innermost cause: the system error under the platform's wrappers. */
const rootCause = (error: unknown): unknown => {
  let current = error
  for (let depth = 0; depth < 10; depth++) {
    const next = current !== null && typeof current === "object" && "cause" in current ? current.cause : undefined
    if (next === undefined || next === null) return current
    current = next
  }
  return current
}

/** One line for a start-up failure: what could not be done, and why (no stack trace). */
const describeStartError = (error: EmulatorError): string => {
  const root = rootCause(error.cause)
  const code = root !== null && typeof root === "object" && "code" in root && typeof root.code === "string"
    ? root.code
    : undefined
  const why = code !== undefined && systemCodes[code] !== undefined
    ? `${systemCodes[code]} (${code})`
    : root instanceof Error && root !== error
    ? root.message
    : undefined
  return why === undefined ? error.description : `${error.description}: ${why}`
}

const main = Effect.gen(function*() {
  const { help, options } = yield* parseArgs(process.argv.slice(2))
  if (help) {
    return yield* Console.log(usage)
  }
  yield* Effect.gen(function*() {
    const { transcriptsDir, ...rest } = options
    const emulator = yield* DeepgramEmulator.make(rest)
    const directories = typeof transcriptsDir === "string" ? [transcriptsDir] : transcriptsDir ?? []
    const loaded = yield* Effect.forEach(directories, (directory) => emulator.loadTranscripts(directory))
    const count = loaded.reduce((a, b) => a + b, 0)
    yield* Console.log(`Deepgram emulator listening on ${emulator.url}`)
    yield* Console.log(
      `  auth: ${options.auth ?? ((options.apiKeys?.length ?? 0) > 0 ? "keys" : "any")}, ` +
        `${count} transcript${count === 1 ? "" : "s"} loaded; Ctrl-C to stop`
    )
    yield* Console.log(`  project: ${DeepgramEmulator.defaultProjectId} (management, usage and requests)`)
    // The line to paste in another terminal: a key this emulator accepts (in keys mode, one of the user's own).
    const mode = options.auth ?? ((options.apiKeys?.length ?? 0) > 0 ? "keys" : "any")
    const key = mode === "keys" ? "<one of your --key values>" : "emulator-key"
    yield* Console.log(`  try:  DEEPGRAM_BASE_URL=${emulator.url} DEEPGRAM_API_KEY=${key} npm run demo`)
    return yield* Effect.never
  }).pipe(Effect.scoped)
}).pipe(
  Effect.catchTag("UsageError", (error) =>
    Console.error(`deepgram-emulator: ${error.message}\n\n${usage}`).pipe(
      Effect.zipRight(Effect.sync(() => {
        process.exitCode = 2
      }))
    )),
  Effect.catchTag("EmulatorError", (error) =>
    Console.error(`deepgram-emulator: ${describeStartError(error)}`).pipe(
      Effect.zipRight(Effect.sync(() => {
        process.exitCode = 1
      }))
    )),
  Effect.provide(Logger.pretty)
)

NodeRuntime.runMain(main, { disableErrorReporting: false })
