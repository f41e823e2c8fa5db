/**
 * `deepgram transcribe PATH|URL|- …`
 *
 * @internal
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Batch, Captions, Listen } from "@effect-deepgram/core"
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Connection from "./connection.js"
import { CommandFailed, UsageError } from "./errors.js"
import * as Flags from "./flags.js"
import * as Globals from "./globals.js"
import * as Inputs from "./inputs.js"
import * as IO from "./io.js"
import { extension, type Format, print, render, status, table, write } from "./output.js"
import * as Progress from "./progress.js"
import * as Sdk from "./sdk.js"

/** @internal */
export const captionOptions = {
  wordsPerCue: Options.integer("words-per-cue").pipe(Options.optional, Options.withDescription("captions: words per cue (default 8)")),
  charactersPerLine: Options.integer("chars-per-line").pipe(
    Options.optional,
    Options.withDescription("captions: wrap lines at this many characters (default: no wrapping)")
  ),
  linesPerCue: Options.integer("lines-per-cue").pipe(Options.optional, Options.withDescription("captions: lines per cue with --chars-per-line (default 2)")),
  speakerLabels: Options.choice("speaker-labels", ["auto", "on", "off"]).pipe(
    Options.withDefault("auto" as const),
    Options.withDescription("captions: label cues with the speaker (auto: when diarized)")
  )
}

/** @internal */
export const toCaptionOptions = (values: {
  readonly wordsPerCue: Option.Option<number>
  readonly charactersPerLine: Option.Option<number>
  readonly linesPerCue: Option.Option<number>
  readonly speakerLabels: "auto" | "on" | "off"
}): Effect.Effect<Captions.Options, UsageError> => {
  for (const [flag, value] of [
    ["--words-per-cue", values.wordsPerCue],
    ["--chars-per-line", values.charactersPerLine],
    ["--lines-per-cue", values.linesPerCue]
  ] as const) {
    if (Option.isSome(value) && value.value < 1) {
      return Effect.fail(new UsageError({ message: `${flag}: expected a positive integer, got ${value.value}` }))
    }
  }
  return Effect.succeed({
    wordsPerCue: Option.getOrUndefined(values.wordsPerCue),
    charactersPerLine: Option.getOrUndefined(values.charactersPerLine),
    linesPerCue: Option.getOrUndefined(values.linesPerCue),
    speakerLabels: values.speakerLabels === "auto" ? undefined : values.speakerLabels === "on"
  })
}

const baseName = (file: string) => {
  const ext = path.extname(file)
  return ext === "" ? file : file.slice(0, -ext.length)
}

/** Where the output of one input goes: a file, or stdout for stdin without --out. @internal */
export const outputPath = (
  source: Inputs.Source,
  format: Exclude<Format, "table">,
  out: string | undefined
): string | undefined => {
  // `.txt` beside the audio is a sidecar transcript for the emulator (and other tools): use `.transcript.txt`.
  const suffix = format === "txt" ? ".transcript.txt" : `.${extension[format]}`
  switch (source._tag) {
    case "Stdin":
      return out === undefined ? undefined : path.join(out, `stdin${suffix}`)
    case "Url": {
      const name = path.basename(new URL(source.url).pathname) || "audio"
      return path.join(out ?? ".", `${baseName(name)}${suffix}`)
    }
    case "File":
      return out === undefined ? `${baseName(source.path)}${suffix}` : path.join(out, `${baseName(source.relative)}${suffix}`)
  }
}

/** Written to a temporary file and renamed, so an output that exists is complete. */
const writeAtomic = (file: string, content: string) =>
  Effect.try({
    try: () => {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
      fs.writeFileSync(temp, content)
      fs.renameSync(temp, file)
    },
    catch: (error) => new UsageError({ message: `cannot write ${file}: ${(error as Error).message}` })
  })

const complete = (file: string) => {
  try {
    return fs.statSync(file).size > 0
  } catch {
    return false
  }
}

const durationOf = (response: Listen.TranscriptionResponse) => response.metadata?.duration ?? 0

const summaryOf = (response: Listen.TranscriptionResponse) => {
  const alternative = response.results.channels?.[0]?.alternatives?.[0]
  return {
    duration: durationOf(response),
    words: alternative?.words?.length ?? 0,
    confidence: alternative?.confidence ?? 0,
    requestId: response.metadata?.request_id
  }
}

/** @internal */
export const command = () =>
  Command.make("transcribe", {
    inputs: Args.text({ name: "PATH|URL|-" }).pipe(
      Args.repeated,
      Args.withDescription("audio files, directories (searched recursively), globs, http(s) URLs, or - for stdin")
    ),
    format: Options.choice("format", ["json", "txt", "srt", "vtt", "table"]).pipe(
      Options.withAlias("f"),
      Options.withDefault("txt" as const),
      Options.withDescription("what to write per input (table: a summary on stdout, no files)")
    ),
    out: Options.directory("out").pipe(
      Options.optional,
      Options.withDescription("write outputs here (mirroring directory inputs); default: beside each input")
    ),
    concurrency: Options.integer("concurrency").pipe(
      Options.withAlias("j"),
      Options.withDefault(4),
      Options.withDescription("inputs in flight at once")
    ),
    force: Options.boolean("force").pipe(Options.withDescription("transcribe again inputs whose output exists")),
    ...captionOptions,
    listen: Flags.options(ListenV1.TranscribeOptions)
  }).pipe(
    Command.withDescription(
      "Transcribe files, directories, globs, URLs or stdin (prerecorded /v1/listen), with bounded concurrency and resume"
    ),
    Command.withHandler((args) =>
      Effect.gen(function*() {
        const globals = yield* Globals.root
        const unknown = args.inputs.find((input) => input.startsWith("-") && input !== "-")
        if (unknown !== undefined) return yield* new UsageError({ message: `unknown option ${unknown} (see deepgram transcribe --help)` })
        // Everything is validated before any upload.
        const options = yield* Flags.decode(ListenV1.TranscribeOptions, args.listen, "/v1/listen")
        if (options.callback !== undefined) {
          return yield* new UsageError({ message: "--callback: not supported by transcribe (results are written locally)" })
        }
        const captions = yield* toCaptionOptions(args)
        if (args.concurrency < 1 || args.concurrency > 256) {
          return yield* new UsageError({ message: `--concurrency: expected 1 to 256, got ${args.concurrency}` })
        }
        if (args.inputs.length === 0) {
          return yield* new UsageError({ message: "transcribe: name at least one PATH, URL or - (stdin)" })
        }
        const out = Option.getOrUndefined(args.out)
        const io = yield* IO.io
        const json = yield* Globals.json(globals)
        const sources = Inputs.expand(args.inputs)
        if (sources.length === 0) return yield* new UsageError({ message: "no audio files found in the inputs" })
        if (sources.filter((s) => s._tag === "Stdin").length > 1) {
          return yield* new UsageError({ message: "- (stdin) can be given once" })
        }
        const format = args.format
        // stdin is streamed into the upload as it arrives (never held whole); its size is counted on the way.
        // A stream is sent once: the library never retries it (a 429 or 5xx fails with `notRetried` saying why).
        let stdinBytes = 0
        const stdinAudio = Stream.tap(io.stdin, (chunk) => Effect.sync(() => (stdinBytes += chunk.byteLength)))

        const byId = new Map<string, Inputs.Source>()
        const batchInputs: Array<Batch.Input> = sources.map((source) => {
          switch (source._tag) {
            case "Stdin":
              byId.set("-", source)
              return { id: "-", audio: stdinAudio }
            case "Url":
              byId.set(source.url, source)
              return { url: source.url }
            case "File":
              byId.set(source.path, source)
              return { path: source.path }
          }
        })
        const destination = (id: string) =>
          format === "table" ? undefined : outputPath(byId.get(id)!, format, out)
        const label = (id: string) => {
          const source = byId.get(id)!
          return source._tag === "File" ? path.relative(".", source.path) || source.path : source._tag === "Url" ? source.url : "stdin"
        }

        const progress = Progress.make(sources.length, io)
        const rows: Array<Array<string>> = []
        let failures = 0

        const run = (yield* Sdk.core).Batch.transcribeAll(batchInputs, {
          concurrency: args.concurrency,
          transcribe: options as Listen.TranscribeOptions & { readonly callback?: undefined },
          isDone: (id) => Effect.sync(() => !args.force && format !== "table" && (destination(id) ?? "") !== "" && complete(destination(id)!)),
          onResult: (result) =>
            Effect.gen(function*() {
              if (format === "table") return
              const content = yield* render(result.response, format, captions)
              const file = destination(result.id)
              if (file === undefined) yield* write(content)
              else yield* writeAtomic(file, content)
            })
        }).pipe(
          Stream.runForEach((result) =>
            Effect.gen(function*() {
              const name = label(result.id)
              const file = destination(result.id)
              yield* progress.update({
                name,
                ok: result._tag !== "Failed",
                skipped: result._tag === "Skipped",
                bytes: result._tag === "Transcribed" ? result.bytes ?? (result.id === "-" ? stdinBytes : 0) : 0
              })
              const stdoutIsData = file === undefined && format !== "table"
              switch (result._tag) {
                case "Failed": {
                  failures++
                  const error = result.error as { readonly message?: string; readonly reason?: string; readonly cause?: unknown }
                  // An audio stream's failure says why (stdin could not be read).
                  const because = error.reason === "AudioStream" && error.cause instanceof Error ? `: ${error.cause.message}` : ""
                  const message = typeof result.error === "object" && result.error !== null
                    ? `${error.message ?? String(result.error)}${because}`
                    : String(result.error)
                  yield* status(`error: ${name}: ${message}`)
                  if (json && !stdoutIsData) yield* print(JSON.stringify({ input: name, status: "failed", error: message }))
                  rows.push([name, "-", "-", "-", `failed: ${message.slice(0, 60)}`])
                  break
                }
                case "Skipped":
                  if (json && !stdoutIsData) yield* print(JSON.stringify({ input: name, status: "skipped", output: file }))
                  else if (!stdoutIsData && format !== "table") yield* print(`- ${name} (output exists: ${file})`)
                  rows.push([name, "-", "-", "-", "skipped"])
                  break
                case "Transcribed": {
                  const summary = summaryOf(result.response)
                  if (json && !stdoutIsData && format !== "table") {
                    yield* print(JSON.stringify({ input: name, status: "done", output: file, ...summary }))
                  } else if (!stdoutIsData && format !== "table") yield* print(`✓ ${name} -> ${file}`)
                  rows.push([name, `${summary.duration.toFixed(2)} s`, String(summary.words), summary.confidence.toFixed(2), "done"])
                  break
                }
              }
            })
          )
        )
        yield* Effect.provide(
          Effect.zipRight(
            status(`Transcribing ${sources.length} input${sources.length === 1 ? "" : "s"} (concurrency ${args.concurrency})`),
            run
          ),
          Connection.layer(globals, args.inputs)
        )
        yield* progress.finish
        if (format === "table") {
          yield* json
            ? Effect.forEach(rows, ([input, duration, words, confidence, state]) =>
              print(JSON.stringify({ input, duration, words, confidence, status: state })))
            : print(table(["INPUT", "DURATION", "WORDS", "CONFIDENCE", "STATUS"], rows))
        }
        if (failures > 0) return yield* new CommandFailed({ message: `${failures} of ${sources.length} inputs failed` })
      })
    )
  )
