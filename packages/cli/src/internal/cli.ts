/**
 * The command tree and how a run ends (exit codes 0, 1, 2).
 *
 * @internal
 */
import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import type * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import { format } from "node:util"
import * as Connection from "./connection.js"
import { status } from "./output.js"
import * as Globals from "./globals.js"
import * as IO from "./io.js"
import * as Listen from "./listen.js"
import * as Manage from "./manage.js"
import * as Profile from "./profile.js"
import * as SpeakRead from "./speakRead.js"
import * as Transcribe from "./transcribe.js"

const emulator = Command.make("emulator", {}, () =>
  status("run `deepgram emulator --help` for the emulator's flags")).pipe(
    Command.withDescription(
      "Run the Deepgram emulator: a local Deepgram-compatible server (flags: --port, --transcripts DIR, --auth, --key, --latency; see deepgram emulator --help)"
    )
  )

const mcp = Command.make("mcp", {}, () =>
  Effect.gen(function*() {
    const globals = yield* Globals.root
    yield* status("deepgram mcp: a Model Context Protocol server on stdio (tools: transcribe, speak, read, models, usage)")
    // Loaded only for this command (@effect/ai and the tools).
    const { serve } = yield* Effect.promise(() => import("./mcp.js"))
    yield* Effect.provide(serve, Connection.layer(globals))
  }).pipe(
    // stdout carries only protocol frames: every log line goes to stderr.
    Effect.provide(Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true, colors: false })))
  )).pipe(
    Command.withDescription(
      "A Model Context Protocol server on stdio: tools transcribe (a path or URL), speak (text to an audio file), read " +
        "(summary, topics, intents, sentiment), models and usage, with the same credentials as the other commands"
    )
  )

/** @internal */
export const command = Globals.root.pipe(
  Command.withDescription(
    "Deepgram from a terminal. Talks to Deepgram when DEEPGRAM_API_KEY (or a profile, --api-key, --base-url) is set, otherwise to an emulator started in-process."
  ),
  Command.withSubcommands([
    Transcribe.command(),
    Listen.command(),
    SpeakRead.speak(),
    SpeakRead.read(),
    ...Manage.commands(),
    Manage.api(),
    emulator,
    mcp,
    Profile.command()
  ])
)

/** @internal */
export const version = "0.1.0"

/** @internal */
export const cli = Command.run(command, { name: "deepgram", version })

// @effect/cli prints help and command-line errors with ANSI styles through the Console: they go to the IO's
// stdout and stderr instead, plain unless that stream is a terminal and NO_COLOR is unset (https://no-color.org).
const ansi = /\u001b\[[0-9;]*m/g
const consoleOf = (io: IO.IO, base: Console.Console): Console.Console => {
  const noColor = (process.env["NO_COLOR"] ?? "") !== ""
  const text = (args: ReadonlyArray<unknown>, tty: boolean) => {
    const line = format(...args)
    return `${tty && !noColor ? line : line.replace(ansi, "")}\n`
  }
  return {
    ...base,
    log: (...args) => io.out(text(args, io.stdoutIsTTY)),
    info: (...args) => io.out(text(args, io.stdoutIsTTY)),
    error: (...args) => io.err(text(args, io.stderrIsTTY)),
    warn: (...args) => io.err(text(args, io.stderrIsTTY))
  }
}

/**
 * Runs the CLI on `args` (without `node` and the script), returning the exit code: 0 on success, 1 when the
 * command failed (an API error, some inputs failed), 2 for a bad command line.
 *
 * @internal
 */
export const run = (args: ReadonlyArray<string>): Effect.Effect<number, never, CliApp.CliApp.Environment> =>
  // The handlers read the root's flags through its tag, which `cli` provides (R keeps a phantom `Context<never>`).
  (cli(["node", "deepgram", ...Globals.hoist(args)]) as Effect.Effect<void, unknown, CliApp.CliApp.Environment>).pipe(
    (effect) => Effect.flatMap(IO.io, (io) => Effect.consoleWith((base) => Effect.withConsole(effect, consoleOf(io, base)))),
    Effect.as(0),
    Effect.catchAllCause((cause) => {
      if (Cause.isInterruptedOnly(cause)) return Effect.succeed(130)
      const failure = Cause.failureOption(cause)
      if (failure._tag === "Some") {
        const error = failure.value as { readonly _tag?: string; readonly message?: string }
        if (ValidationError.isValidationError(error)) return Effect.succeed(2)
        if (error._tag === "UsageError") return Effect.as(status(`deepgram: ${error.message}`), 2)
        if (error._tag === "CommandFailed") return Effect.as(status(`deepgram: ${error.message}`), 1)
        return Effect.as(status(`deepgram: ${error.message ?? String(error)}`), 1)
      }
      return Effect.as(status(`deepgram: unexpected error\n${Cause.pretty(cause)}`), 1)
    })
  )
