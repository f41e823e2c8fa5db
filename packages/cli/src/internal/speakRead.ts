/**
 * `deepgram speak` and `deepgram read`.
 *
 * @internal
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Read, Speak } from "@effect-deepgram/core"
import { operations } from "@effect-deepgram/schema/Operations"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Connection from "./connection.js"
import { UsageError } from "./errors.js"
import * as Flags from "./flags.js"
import * as Globals from "./globals.js"
import * as IO from "./io.js"
import { print, status } from "./output.js"
import * as Sdk from "./sdk.js"

/** The text on stdin (a text is small: it is read whole). */
const readStdinText = Effect.flatMap(IO.io, (io) =>
  io.stdin.pipe(
    Stream.decodeText("utf-8"),
    Stream.runFold("", (text, chunk) => text + chunk)
  ))

/** The text: the argument, `-f FILE`, or stdin (`-` or no argument). */
const textOf = (arg: Option.Option<string>, file: Option.Option<string>) =>
  Effect.gen(function*() {
    if (Option.isSome(file)) {
      if (Option.isSome(arg)) return yield* new UsageError({ message: "give TEXT or --file, not both" })
      return yield* Effect.try({
        try: () => fs.readFileSync(file.value, "utf8"),
        catch: (error) => new UsageError({ message: `--file: cannot read ${file.value}: ${(error as Error).message}` })
      })
    }
    if (Option.isSome(arg) && arg.value !== "-") return arg.value
    if ((yield* IO.io).stdinIsTTY) return yield* new UsageError({ message: "no text: give TEXT, --file FILE, or pipe it on stdin" })
    return yield* readStdinText
  }).pipe(Effect.filterOrFail((text) => text.trim() !== "", () => new UsageError({ message: "the text is empty" })))

/** The encoding a file's extension implies. @internal */
export const byExtension: Record<string, Partial<Speak.Options>> = {
  ".wav": { encoding: "linear16", container: "wav" },
  ".mp3": { encoding: "mp3" },
  ".flac": { encoding: "flac" },
  ".ogg": { encoding: "opus", container: "ogg" },
  ".opus": { encoding: "opus", container: "ogg" },
  ".aac": { encoding: "aac" }
}

/** @internal */
export const speakQuery = operations["speak.v1.audio.generate"].query as Schema.Schema.AnyNoContext

/** @internal */
export const speak = () =>
  Command.make("speak", {
    text: Args.text({ name: "TEXT|-" }).pipe(Args.optional, Args.withDescription("the text (- or none: stdin)")),
    file: Options.file("file").pipe(Options.withAlias("f"), Options.optional, Options.withDescription("read the text from a file")),
    out: Options.text("out").pipe(Options.withAlias("o"), Options.optional, Options.withDescription("write the audio here (default: stdout when it is not a terminal)")),
    websocket: Options.boolean("ws").pipe(Options.withDescription("synthesize over the /v1/speak WebSocket instead of REST")),
    speak: Flags.options(speakQuery)
  }, (args) =>
    Effect.gen(function*() {
      const globals = yield* Globals.root
      let options = yield* Flags.decode(speakQuery, args.speak, "/v1/speak") as Effect.Effect<Speak.Options, UsageError>
      if (options.callback !== undefined) return yield* new UsageError({ message: "--callback: not supported here (the audio is written locally)" })
      const out = Option.getOrUndefined(args.out)
      const io = yield* IO.io
      if (out === undefined && io.stdoutIsTTY) {
        return yield* new UsageError({ message: "the audio would go to the terminal: pass -o FILE (e.g. -o out.wav) or pipe stdout" })
      }
      // The file's extension picks the encoding when none is given (Deepgram's default is MP3).
      const extension = out === undefined ? "" : path.extname(out).toLowerCase()
      if (options.encoding === undefined && byExtension[extension] !== undefined) options = { ...options, ...byExtension[extension] }
      const text = yield* textOf(args.text, args.file)
      const program = Effect.gen(function*() {
        const sdk = yield* Sdk.core
        const service = yield* sdk.Speak.Speak
        const audio: Stream.Stream<Uint8Array, unknown> = args.websocket
          ? sdk.Speak.audioChunks(service.live(Stream.make(text), options as Speak.LiveOptions))
          : service.audio(text, options as Speak.Options & { readonly callback?: undefined })
        let bytes = 0
        const file = out === undefined ? undefined : fs.createWriteStream(out)
        const writeChunk = (chunk: Uint8Array): Effect.Effect<void> =>
          file === undefined ? io.out(chunk) : Effect.async<void>((resume) => {
            if (file.write(chunk)) resume(Effect.void)
            else file.once("drain", () => resume(Effect.void))
          })
        yield* Stream.runForEach(audio, (chunk) => {
          bytes += chunk.byteLength
          return writeChunk(chunk)
        })
        if (file !== undefined) {
          yield* Effect.async<void>((resume) => {
            file.end(() => resume(Effect.void))
          })
        }
        yield* status(`${bytes} bytes of audio${out === undefined ? "" : ` written to ${out}`}`)
      })
      yield* Effect.provide(program, Connection.layer(globals))
    })).pipe(Command.withDescription("Text to speech (/v1/speak, REST or --ws): TEXT, --file FILE or stdin; -o out.wav"))

/** The results of `/v1/read` as short lines (`Summary: …`, `Topics: …`, `Intents: …`, `Sentiment: …`). @internal */
export const readLines = (result: { readonly results?: unknown }): Array<string> => {
  // The spec nests some results twice (`results.summary.results.summary`): accept both shapes.
  const results = (result.results ?? {}) as Record<string, unknown>
  const inner = (key: string, leaf: string): unknown => {
    const outer = results[key] as Record<string, unknown> | undefined
    const nested = (outer?.["results"] as Record<string, unknown> | undefined)?.[leaf]
    return nested ?? outer
  }
  const lines: Array<string> = []
  const summary = (inner("summary", "summary") as { text?: string } | undefined)?.text
  if (summary !== undefined) lines.push(`Summary: ${summary}`)
  type Segment = { text?: string; topics?: Array<{ topic?: string }>; intents?: Array<{ intent?: string }> }
  const topics = ((inner("topics", "topics") as { segments?: Array<Segment> } | undefined)?.segments ?? [])
    .flatMap((segment) => segment.topics?.map((t) => t.topic) ?? [])
  if (results["topics"] !== undefined) lines.push(`Topics: ${[...new Set(topics)].join(", ") || "(none)"}`)
  const intents = ((inner("intents", "intents") as { segments?: Array<Segment> } | undefined)?.segments ?? [])
    .flatMap((segment) => segment.intents?.map((i) => i.intent) ?? [])
  if (results["intents"] !== undefined) lines.push(`Intents: ${[...new Set(intents)].join(", ") || "(none)"}`)
  const sentiment = (results["sentiments"] as { average?: { sentiment?: string; sentiment_score?: number } } | undefined)?.average
  if (sentiment !== undefined) lines.push(`Sentiment: ${sentiment.sentiment ?? "?"} (${sentiment.sentiment_score ?? 0})`)
  return lines
}

/** @internal */
export const readQuery = operations["read.v1.text.analyze"].query as Schema.Schema.AnyNoContext

/** @internal */
export const read = () =>
  Command.make("read", {
    text: Args.text({ name: "TEXT|URL|-" }).pipe(Args.optional, Args.withDescription("the text, an http(s) URL of a text, or - (stdin)")),
    file: Options.file("file").pipe(Options.withAlias("f"), Options.optional, Options.withDescription("read the text from a file")),
    read: Flags.options(readQuery)
  }, (args) =>
    Effect.gen(function*() {
      const globals = yield* Globals.root
      const options = yield* Flags.decode(readQuery, args.read, "/v1/read") as Effect.Effect<Read.Options, UsageError>
      if (options.callback !== undefined) return yield* new UsageError({ message: "--callback: not supported here" })
      const url = Option.filter(args.text, (t) => /^https?:\/\//i.test(t))
      const input: Read.Input = Option.isSome(url) ? { url: url.value } : yield* textOf(args.text, args.file)
      const result = yield* Effect.provide(
        Effect.flatMap(Effect.flatMap(Sdk.core, (sdk) => sdk.Read.Read), (service) => service.analyze(input, { language: "en", ...options } as Read.Options & { readonly callback?: undefined })),
        Connection.layer(globals)
      )
      if (yield* Globals.json(globals)) return yield* print(JSON.stringify(result))
      const lines = readLines(result)
      yield* print(lines.length > 0 ? lines.join("\n") : JSON.stringify(result, null, 2))
    })).pipe(Command.withDescription("Text intelligence (/v1/read): --summarize, --topics, --intents, --sentiment on TEXT, --file or stdin"))
