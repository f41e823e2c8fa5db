// The `deepgram` command. Most cases run the command in this process (the same `run` the bin calls, on captured
// stdin/stdout/stderr) against an emulator in this process (--base-url), so that the journal shows what the CLI
// sent, or against the CLI's own in-process emulator. A few run the real bin as a child process: the help, exit
// codes, the emulator launcher, and the MCP server's stdout purity.
import { NodeContext } from "@effect/platform-node"
import { assert, layer } from "@effect/vitest"
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Effect, Fiber, Mailbox, Queue, Schedule, Stream } from "effect"
import { spawn } from "node:child_process"
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Cli from "../src/DeepgramCli.js"
import * as IO from "../src/internal/io.js"
import { fixtures, root, spacewalk, testLayer, wav } from "./helpers.js"

const bin = join(root, "packages/cli/bin/deepgram.js")
// The commands below name inputs relative to the repository (`fixtures/…`), as a user in a clone would.
process.chdir(root)
const spacewalkText = readFileSync(join(fixtures, "spacewalk.txt"), "utf8").trim()

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const credentialVariables = ["DEEPGRAM_API_KEY", "DEEPGRAM_ACCESS_TOKEN", "DEEPGRAM_TOKEN", "DEEPGRAM_BASE_URL", "DEEPGRAM_HOST", "DEEPGRAM_PROFILE"]

/** The environment of one run: no credentials unless given, a config file of its own. */
const environment = (extra: Record<string, string> = {}): Record<string, string | undefined> => {
  const env: Record<string, string | undefined> = { ...process.env, ...extra }
  for (const name of credentialVariables) if (extra[name] === undefined) delete env[name]
  env["DEEPGRAM_CONFIG_FILE"] = extra["DEEPGRAM_CONFIG_FILE"] ?? join(mkdtempSync(join(tmpdir(), "dg-config-")), "config.json")
  return env
}

/** Runs the command in this process with `env` as the environment (restored afterwards) and captured stdio. */
const cli = (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly input?: Uint8Array | Stream.Stream<Uint8Array> } = {}
): Effect.Effect<Run> =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const saved = { ...process.env }
      const env = environment(options.env)
      for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name]
      Object.assign(process.env, env)
      return saved
    }),
    () => {
      const stdin = options.input === undefined
        ? Stream.empty
        : options.input instanceof Uint8Array
        ? Stream.make(options.input)
        : options.input
      const io = IO.memory({ stdin })
      return Cli.run(args).pipe(
        IO.withIO(io),
        Effect.provide(NodeContext.layer),
        Effect.map((code): Run => ({ code, stdout: io.stdout(), stderr: io.stderr() }))
      )
    },
    (saved) =>
      Effect.sync(() => {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
        Object.assign(process.env, saved)
      })
  )

/** Runs the real bin (`node bin/deepgram.js …`) as a child process. */
const spawnCli = (
  args: ReadonlyArray<string>,
  options: { readonly input?: string; readonly until?: RegExp } = {}
) =>
  Effect.async<Run>((resume) => {
    const proc = spawn(process.execPath, [bin, ...args], { cwd: root, env: environment(), stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    proc.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
      if (options.until?.test(stdout)) proc.kill("SIGTERM")
    })
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    proc.on("exit", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    proc.stdin.end(options.input)
    return Effect.sync(() => proc.kill("SIGKILL"))
  })

const mcpMessages = [
  { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 2, method: "tools/list" },
  { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "transcribe", arguments: { source: "fixtures/spacewalk.wav", smart_format: true } } }
]

/** The real-process runs, started now; the last test checks them. */
const binChecks = Effect.runPromise(Effect.all([
  spawnCli(["--help"]),
  spawnCli(["transcribe", "--encoding", "mp9", "x.wav"]),
  spawnCli(["emulator", "--port", "0", "--quiet", "--auth", "none"], { until: /listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*npm run demo/ }),
  spawnCli(["mcp"], { input: mcpMessages.map((m) => JSON.stringify(m)).join("\n") + "\n" })
], { concurrency: "unbounded" }))

const listenRequests = Effect.map(
  Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) => emulator.journal),
  (journal) => journal.filter((e) => e.path === "/v1/listen")
)

const remoteArgs = Effect.map(DeepgramEmulator.DeepgramEmulator, (emulator) => ["--base-url", emulator.url, "--api-key", "cli-test-key"])

/** An MCP client over a pair of streams, driving `deepgram mcp` in this process. */
const mcpSession = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const input = yield* Mailbox.make<Uint8Array>()
    const messages = yield* Queue.unbounded<{ readonly id?: number; readonly result?: any; readonly error?: any; readonly method?: string }>()
    let partial = ""
    let raw = ""
    const io: IO.IO = {
      ...IO.memory(),
      stdin: Mailbox.toStream(input),
      out: (chunk) =>
        Effect.suspend(() => {
          const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")
          raw += text
          const lines = (partial + text).split("\n")
          partial = lines.pop() ?? ""
          return Queue.offerAll(messages, lines.filter((line) => line !== "").map((line) => JSON.parse(line)))
        })
    }
    const fiber = yield* Cli.run(args).pipe(IO.withIO(io), Effect.provide(NodeContext.layer), Effect.fork)
    const send = (message: object) => input.offer(new TextEncoder().encode(`${JSON.stringify(message)}\n`))
    let nextId = 1
    const request = (method: string, params: object = {}) =>
      Effect.gen(function*() {
        const id = nextId++
        yield* send({ jsonrpc: "2.0", id, method, params })
        while (true) {
          const message = yield* Queue.take(messages)
          if (message.id === id) return message
        }
      })
    const call = (name: string, args: object) =>
      Effect.map(request("tools/call", { name, arguments: args }), (message) => message.result as {
        readonly isError?: boolean
        readonly content: ReadonlyArray<{ readonly type: string; readonly text?: string; readonly data?: string; readonly mimeType?: string }>
        readonly structuredContent?: any
      })
    return { request, send, call, fiber, raw: () => raw, close: input.end }
  })

layer(testLayer(), { timeout: 120_000, excludeTestServices: true })("deepgram CLI", (it) => {
  it.effect("transcribe a directory to SRT (in-process emulator), then resume: nothing is transcribed twice", () =>
    Effect.gen(function*() {
      const out = mkdtempSync(join(tmpdir(), "dg-captions-"))
      const first = yield* cli(["transcribe", "fixtures", "--format", "srt", "--out", out, "--smart-format"])
      assert.strictEqual(first.code, 0, first.stderr)
      assert.include(first.stderr, "in-process emulator")
      const srt = readFileSync(join(out, "spacewalk.srt"), "utf8")
      assert.match(srt, /^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\nYeah, as much as/)
      // stdout is not a terminal: one JSON line per input
      const line = JSON.parse(first.stdout.trim()) as { status: string; output: string; words: number }
      assert.strictEqual(line.status, "done")
      assert.strictEqual(line.words, 59)
      const again = yield* cli(["transcribe", "fixtures", "--format", "srt", "--out", out])
      assert.strictEqual(again.code, 0)
      assert.strictEqual((JSON.parse(again.stdout.trim()) as { status: string }).status, "skipped")
      assert.strictEqual(readFileSync(join(out, "spacewalk.srt"), "utf8"), srt)
    }))

  it.effect("flags are validated before any upload; per-file failures are reported and exit 1", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      const remote = yield* remoteArgs
      const badEncoding = yield* cli(["transcribe", spacewalk, "--encoding", "mp9", ...remote])
      assert.strictEqual(badEncoding.code, 2)
      assert.match(badEncoding.stderr, /--encoding: expected one of linear16, flac, .*got "mp9"/)
      assert.strictEqual(badEncoding.stderr.trim().split("\n").length, 1)
      const badNumber = yield* cli(["transcribe", spacewalk, "--utt-split", "soon", ...remote])
      assert.strictEqual(badNumber.code, 2)
      assert.include(badNumber.stderr, "--utt-split")
      const badCaption = yield* cli(["transcribe", spacewalk, "--format", "srt", "--words-per-cue", "0", ...remote])
      assert.strictEqual(badCaption.code, 2)
      assert.include(badCaption.stderr, "--words-per-cue: expected a positive integer")
      const unknown = yield* cli(["transcribe", "--no-such-flag", "x.wav"])
      assert.strictEqual(unknown.code, 2)
      assert.strictEqual((yield* listenRequests).length, 0, "nothing was uploaded")

      const dir = mkdtempSync(join(tmpdir(), "dg-mixed-"))
      mkdirSync(join(dir, "nested"))
      copyFileSync(spacewalk, join(dir, "nested", "good.wav"))
      writeFileSync(join(dir, "other.wav"), wav(1, 55))
      writeFileSync(join(dir, "empty.wav"), new Uint8Array())
      writeFileSync(join(dir, "notes.mp3"), "this is not audio at all")
      const run = yield* cli(["transcribe", dir, "--format", "json", "-j", "2", ...remote])
      assert.strictEqual(run.code, 1, run.stderr)
      const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { input: string; status: string; output?: string })
      assert.strictEqual(lines.length, 4)
      assert.deepStrictEqual(lines.filter((l) => l.status === "done").map((l) => l.output!.replace(dir, "")).sort(), ["/nested/good.json", "/other.json"])
      assert.strictEqual(lines.filter((l) => l.status === "failed").length, 2)
      assert.match(run.stderr, /error: .*empty\.wav/)
      assert.match(run.stderr, /error: .*notes\.mp3/)
      assert.match(run.stderr, /2\/4 done|4\/4 done/)
      const json = JSON.parse(readFileSync(join(dir, "nested", "good.json"), "utf8")) as { metadata: { duration: number } }
      assert.isAbove(json.metadata.duration, 25)
      // every upload carried the key given on the command line
      const requests = yield* listenRequests
      assert.isTrue(requests.length >= 4 && requests.every((r) => r.authScheme === "token"))
    }))

  it.effect("stdin and globs; -o text prints a line per input", () =>
    Effect.gen(function*() {
      const remote = yield* remoteArgs
      const stdin = yield* cli(["transcribe", "-", "--format", "txt", "--smart-format", ...remote], { input: readFileSync(spacewalk) })
      assert.strictEqual(stdin.code, 0, stdin.stderr)
      assert.match(stdin.stdout, /^Yeah, as much as it's worth celebrating/)
      const out = mkdtempSync(join(tmpdir(), "dg-glob-"))
      const glob = yield* cli(["transcribe", "fixtures/*.wav", "--format", "vtt", "--out", out, "-o", "text", ...remote])
      assert.strictEqual(glob.code, 0, glob.stderr)
      assert.match(glob.stdout, /^✓ fixtures\/spacewalk\.wav -> /)
      assert.isTrue(readFileSync(join(out, "spacewalk.vtt"), "utf8").startsWith("WEBVTT\n\nNOTE\n"))
    }))

  it.effect("transcribe - streams stdin into the upload: the request starts while stdin is still arriving", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      const remote = yield* remoteArgs
      const bytes = readFileSync(spacewalk)
      const chunks: Array<Uint8Array> = []
      for (let i = 0; i < bytes.length; i += 128 * 1024) chunks.push(new Uint8Array(bytes.subarray(i, i + 128 * 1024)))
      // 18 chunks, one every 100 ms: stdin takes almost 2 seconds to end.
      let lastChunkAt = 0
      const input = Stream.fromIterable(chunks).pipe(
        Stream.schedule(Schedule.spaced("100 millis")),
        Stream.tap(() => Effect.sync(() => (lastChunkAt = Date.now())))
      )
      const run = yield* cli(["transcribe", "-", "--format", "txt", "--smart-format", ...remote], { input })
      assert.strictEqual(run.code, 0, run.stderr)
      assert.strictEqual(run.stdout.trim(), spacewalkText)
      const [request] = yield* listenRequests
      assert.isDefined(request)
      assert.strictEqual(request!.bodySize, bytes.length)
      assert.isBelow(request!.timestamp.getTime(), lastChunkAt - 500, "the upload began well before the last chunk of stdin")

      // stdin cannot be replayed: after a 429 the input fails with a clear error instead of uploading what is left
      yield* emulator.injectFault(Fault.status(429, { retryAfter: 0 }), { path: "/v1/listen", times: 1 })
      const limited = yield* cli(["transcribe", "-", "--format", "txt", ...remote], { input: bytes })
      assert.strictEqual(limited.code, 1)
      assert.match(limited.stderr, /error: stdin: .*status 429.*\(request id [^)]+\); not retried: a stream body cannot be replayed/)
    }))

  it.effect("listen: interim and final lines from a file; live SRT; Flux; raw stdin as it arrives", () =>
    Effect.gen(function*() {
      const text = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "-o", "text", "--smart-format"])
      assert.strictEqual(text.code, 0, text.stderr)
      assert.match(text.stdout, /interim /)
      assert.match(text.stdout, /final +Yeah,/)
      const srt = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "--srt", "--punctuate"])
      assert.strictEqual(srt.code, 0, srt.stderr)
      assert.match(srt.stdout, /^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\nYeah,/)
      const flux = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "--model", "flux-general-en"])
      assert.strictEqual(flux.code, 0, flux.stderr)
      const events = flux.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; transcript: string })
      assert.isTrue(events.some((e) => e.type === "final" && e.transcript.startsWith("Yeah, as much")))
      const raw = yield* cli(["listen", "-"], { input: new Uint8Array(10) })
      assert.strictEqual(raw.code, 2)
      assert.include(raw.stderr, "--encoding")
      // Raw PCM on stdin, arriving over time: the emulator hears all of it, and nothing is printed for audio without
      // a script (the in-process emulator has none for headerless audio).
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      const pcm = readFileSync(spacewalk).subarray(44, 44 + 88_200 * 2)
      const pieces = Array.from({ length: 8 }, (_, i) => new Uint8Array(pcm.subarray((i * pcm.length) / 8, ((i + 1) * pcm.length) / 8)))
      const stdin = yield* cli(
        ["listen", "--encoding", "linear16", "--sample-rate", "44100", "-o", "text", ...(yield* remoteArgs)],
        { input: Stream.schedule(Stream.fromIterable(pieces), Schedule.spaced("25 millis")) }
      )
      assert.strictEqual(stdin.code, 0, stdin.stderr)
      const session = (yield* listenRequests).find((entry) => entry.status === 101)
      assert.strictEqual(session?.bodySize, pcm.length)
    }))

  it.effect("listen FILE reads the file as it plays, at real-time pace: audio appended after the start is sent too", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      const file = join(mkdtempSync(join(tmpdir(), "dg-growing-")), "growing.wav")
      writeFileSync(file, wav(2, 91)) // 2 s at 8 kHz: 20 chunks of 1,600 bytes, one every 100 ms
      const startedAt = Date.now()
      const run = yield* Effect.fork(cli(["listen", file, "-o", "text", ...(yield* remoteArgs)]))
      // Half-way through (a whole read at the start would not see it), one more second of audio is appended.
      yield* Effect.sleep("1 second")
      appendFileSync(file, new Uint8Array(16_000))
      const result = yield* Fiber.join(run)
      assert.strictEqual(result.code, 0, result.stderr)
      const session = (yield* listenRequests).find((entry) => entry.status === 101)
      assert.strictEqual(session?.bodySize, statSync(file).size)
      // at real-time pace: 3 s of audio take 3 s to send
      assert.isAtLeast(Date.now() - startedAt, 2_900)
    }))

  it.effect("profiles: written 0600, used with --profile, the environment wins, a missing one exits 2", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const config = join(mkdtempSync(join(tmpdir(), "dg-profile-")), "deepgram", "config.json")
      const env = { DEEPGRAM_CONFIG_FILE: config }
      const set = yield* cli(["profile", "set", "work", "--key", "profile-key-123", "--url", emulator.url], { env })
      assert.strictEqual(set.code, 0, set.stderr)
      assert.strictEqual(statSync(config).mode & 0o777, 0o600)
      const list = yield* cli(["profile", "list"], { env })
      assert.include(list.stdout, "\"name\":\"work\"")
      assert.notInclude(list.stdout, "profile-key-123")
      yield* emulator.clearJournal
      const used = yield* cli(["--profile", "work", "transcribe", "-", "--format", "txt"], { env, input: wav(0.5, 77) })
      assert.strictEqual(used.code, 0, used.stderr)
      assert.include(used.stderr, `${emulator.url} (profile work)`)
      assert.strictEqual((yield* listenRequests).length, 1)
      const missing = yield* cli(["transcribe", "-", "--profile", "nope"], { env, input: wav(0.5, 78) })
      assert.strictEqual(missing.code, 2)
      assert.include(missing.stderr, `no profile "nope"`)
      const unreachable = yield* cli(["--profile", "work", "transcribe", "-", "--format", "txt"], {
        env: { ...env, DEEPGRAM_BASE_URL: "http://127.0.0.1:9" },
        input: wav(0.5, 79)
      })
      assert.strictEqual(unreachable.code, 1)
      assert.include(unreachable.stderr, "127.0.0.1:9")
    }))

  it.effect("speak, read, the management commands (destructive ones need --yes; --dry-run sends nothing) and api", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const remote = yield* remoteArgs
      const out = join(mkdtempSync(join(tmpdir(), "dg-speak-")), "hello.wav")
      const speak = yield* cli(["speak", "Hello from the command line.", "-o", out, "--model", "aura-2-thalia-en", ...remote])
      assert.strictEqual(speak.code, 0, speak.stderr)
      assert.strictEqual(readFileSync(out).subarray(0, 4).toString(), "RIFF")
      const piped = yield* cli(["speak", "-", "--encoding", "linear16", "--container", "wav", ...remote], {
        input: new TextEncoder().encode("Audio on stdout.")
      })
      assert.strictEqual(piped.code, 0, piped.stderr)
      assert.strictEqual(piped.stdout.slice(0, 4), "RIFF")
      const read = yield* cli(["read", "-", "--summarize", "v2", "--topics", "-o", "text", ...remote], {
        input: new TextEncoder().encode("The meeting went well. We agreed to ship the new billing page next week.")
      })
      assert.strictEqual(read.code, 0, read.stderr)
      assert.match(read.stdout, /^Summary: .+\nTopics: /)
      const created = yield* cli(["keys", "create", "--comment", "from-cli", "--scopes", "member", ...remote])
      assert.strictEqual(created.code, 0, created.stderr)
      const key = JSON.parse(created.stdout) as { api_key_id: string; comment: string }
      assert.strictEqual(key.comment, "from-cli")
      const refused = yield* cli(["keys", "delete", key.api_key_id, ...remote])
      assert.strictEqual(refused.code, 2)
      assert.include(refused.stderr, "--yes")
      yield* emulator.clearJournal
      const dry = yield* cli(["keys", "delete", key.api_key_id, "--dry-run", ...remote])
      assert.strictEqual(dry.code, 0, dry.stderr)
      assert.include(JSON.parse(dry.stdout).path as string, `/keys/${key.api_key_id}`)
      assert.isFalse((yield* emulator.journal).some((entry) => entry.method === "DELETE"))
      const deleted = yield* cli(["keys", "delete", key.api_key_id, "--yes", ...remote])
      assert.strictEqual(deleted.code, 0, deleted.stderr)
      const keys = yield* cli(["api", "GET", "/v1/projects/c0ffee00-d9e1-4a7c-8e11-000000000001/keys", ...remote])
      assert.strictEqual(keys.code, 0, keys.stderr)
      assert.notInclude(keys.stdout, key.api_key_id)
      const missing = yield* cli(["api", "GET", "/v1/projects/nope", ...remote])
      assert.strictEqual(missing.code, 1)
      assert.match(missing.stderr, /status 4\d\d/)
    }))

  it.effect("mcp: initialize, tools/list, transcribe, speak, read, models, usage, and bad arguments leave the server up", () =>
    Effect.gen(function*() {
      const remote = yield* remoteArgs
      const mcp = yield* mcpSession(["mcp", ...remote])
      const init = yield* mcp.request("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "cli-test", version: "1.0.0" }
      })
      assert.strictEqual(init.result.serverInfo.name, "deepgram")
      assert.isDefined(init.result.capabilities.tools)
      yield* mcp.send({ jsonrpc: "2.0", method: "notifications/initialized" })

      const list = yield* mcp.request("tools/list")
      const tools = list.result.tools as ReadonlyArray<{ name: string; inputSchema: { type: string; required?: Array<string>; properties: Record<string, { type?: string; enum?: Array<string> }> } }>
      assert.deepStrictEqual(tools.map((t) => t.name), ["transcribe", "speak", "read", "models", "usage"])
      const transcribeTool = tools.find((t) => t.name === "transcribe")!
      assert.strictEqual(transcribeTool.inputSchema.type, "object")
      assert.deepStrictEqual(transcribeTool.inputSchema.required, ["source"])
      assert.deepStrictEqual(transcribeTool.inputSchema.properties["source"], {
        type: "string",
        description: "A local audio file path or an http(s) URL",
        minLength: 1
      } as never)
      assert.strictEqual(transcribeTool.inputSchema.properties["diarize"]?.type, "boolean")
      assert.deepStrictEqual(transcribeTool.inputSchema.properties["captions"]?.enum, ["srt", "vtt"])

      const transcript = yield* mcp.call("transcribe", { source: "fixtures/spacewalk.wav", smart_format: true, captions: "srt" })
      assert.isFalse(transcript.isError)
      assert.strictEqual(transcript.structuredContent.transcript, spacewalkText)
      assert.isAbove(transcript.structuredContent.duration, 25)
      assert.match(transcript.structuredContent.captions, /^1\n00:00:00,\d{3} --> /)
      assert.isTrue(transcript.content[0]!.text!.startsWith("Yeah, as much as"))

      const badArguments = yield* mcp.call("transcribe", { sauce: "fixtures/spacewalk.wav", diarize: "yes" })
      assert.isTrue(badArguments.isError)
      assert.strictEqual(badArguments.structuredContent.error, "InvalidArguments")
      assert.match(badArguments.content[0]!.text!, /^Invalid arguments: transcribe: .*source: is missing/)
      assert.include(badArguments.content[0]!.text!, "diarize")
      const missingFile = yield* mcp.call("transcribe", { source: "no/such/file.wav" })
      assert.isTrue(missingFile.isError)
      assert.include(missingFile.content[0]!.text!, "no such file")
      const badOption = yield* mcp.call("transcribe", { source: spacewalk, options: { encoding: "mp9" } })
      assert.isTrue(badOption.isError)
      assert.include(badOption.content[0]!.text!, "encoding")
      const unknownTool = yield* mcp.request("tools/call", { name: "dance", arguments: {} })
      assert.isDefined(unknownTool.error)

      const out = join(mkdtempSync(join(tmpdir(), "dg-mcp-")), "hello.wav")
      const spoken = yield* mcp.call("speak", { text: "Hello from MCP.", out })
      assert.isFalse(spoken.isError, spoken.content[0]?.text)
      assert.strictEqual(spoken.structuredContent.path, out)
      assert.strictEqual(readFileSync(out).subarray(0, 4).toString(), "RIFF")
      assert.strictEqual(statSync(out).size, spoken.structuredContent.bytes)
      const inline = yield* mcp.call("speak", { text: "Inline audio.", base64: true, encoding: "linear16", container: "wav" })
      const audio = inline.content.find((c) => c.type === "audio")
      assert.strictEqual(Buffer.from(audio!.data!, "base64").subarray(0, 4).toString(), "RIFF")

      const analysed = yield* mcp.call("read", { text: "The meeting went well. We agreed to ship the new billing page next week.", summarize: true, sentiment: true })
      assert.isFalse(analysed.isError, analysed.content[0]?.text)
      assert.match(analysed.content[0]!.text!, /^Summary: .+\nSentiment: /)
      const nothing = yield* mcp.call("read", { text: "Some text." })
      assert.isTrue(nothing.isError)
      assert.include(nothing.content[0]!.text!, "choose at least one")

      const models = yield* mcp.call("models", {})
      assert.isFalse(models.isError)
      assert.match(models.content[0]!.text!, /^Speech to text: nova-3/)
      const usage = yield* mcp.call("usage", {})
      assert.isFalse(usage.isError, usage.content[0]?.text)
      assert.isString(usage.structuredContent.project_id)

      // stdin ends: the server answers what it received, then the command ends with 0
      yield* mcp.close
      const code = yield* mcp.fiber.await
      assert.deepStrictEqual(code._tag === "Success" ? code.value : undefined, 0)
      for (const line of mcp.raw().trim().split("\n")) assert.strictEqual(JSON.parse(line).jsonrpc, "2.0")
    }))

  // The real bin, four processes at once: help, exit codes, the emulator launcher and MCP on a real pipe. They start
  // when the file loads (binChecks) and run while the in-process tests, which mostly wait on sockets and clocks, do.
  it.effect("bin: --help lists every command; a bad command line exits 2; emulator runs the launcher; mcp keeps stdout for frames", () =>
    Effect.gen(function*() {
      const [help, unknown, emulator, mcp] = yield* Effect.promise(() => binChecks)
      assert.strictEqual(help.code, 0)
      assert.notMatch(help.stdout, /\u001b\[/, "help on a pipe is plain text")
      assert.match(unknown.stderr, /^[^\u001b]*$/)
      // On a terminal the help has its styles, unless NO_COLOR is set.
      const styled = (env: string | undefined) =>
        Effect.suspend(() => {
          const terminal = IO.memory({ stdoutIsTTY: true })
          const saved = process.env["NO_COLOR"]
          if (env === undefined) delete process.env["NO_COLOR"]
          else process.env["NO_COLOR"] = env
          return Cli.run(["speak", "--help"]).pipe(
            IO.withIO(terminal),
            Effect.provide(NodeContext.layer),
            Effect.map(() => terminal.stdout()),
            Effect.ensuring(Effect.sync(() => {
              if (saved === undefined) delete process.env["NO_COLOR"]
              else process.env["NO_COLOR"] = saved
            }))
          )
        })
      assert.match(yield* styled(undefined), /\u001b\[[0-9;]*mUSAGE/)
      const noColor = yield* styled("1")
      assert.include(noColor, "USAGE")
      assert.notMatch(noColor, /\u001b\[/)
      for (const command of ["transcribe", "listen", "speak", "read", "projects", "keys", "members", "usage", "requests", "models", "billing", "api", "emulator", "mcp", "profile"]) {
        assert.include(help.stdout, `- ${command}`)
      }
      assert.strictEqual(unknown.code, 2)
      assert.match(unknown.stderr, /^deepgram: --encoding: expected one of/)

      assert.match(emulator.stdout, /Deepgram emulator listening on http:\/\/127\.0\.0\.1:\d+/)
      assert.include(emulator.stdout, "auth: none")
      assert.match(emulator.stdout, /DEEPGRAM_BASE_URL=http:\/\/127\.0\.0\.1:\d+ DEEPGRAM_API_KEY=\S+ npm run demo/)
      assert.isFalse(existsSync(join(root, "config.json")))

      assert.strictEqual(mcp.code, 0, mcp.stderr)
      const frames = mcp.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: number; result: any })
      assert.deepStrictEqual(frames.map((f) => f.id).sort(), [1, 2, 3])
      assert.isTrue(frames.every((f) => (f as unknown as { jsonrpc: string }).jsonrpc === "2.0"))
      const transcript = frames.find((f) => f.id === 3)!.result
      assert.strictEqual(transcript.structuredContent.transcript, spacewalkText)
      assert.include(mcp.stderr, "in-process emulator")
    }), 120_000)
})
