/**
 * `deepgram mcp`: a Model Context Protocol server on stdio (`@effect/ai`'s McpServer) whose tools transcribe,
 * speak and analyse with the SDK, against the same Deepgram the other commands use (flags, environment,
 * profile; the in-process emulator without credentials). stdout carries only protocol frames; status and logs
 * go to stderr.
 *
 * @internal
 */
import * as McpSchema from "@effect/ai/McpSchema"
import * as McpServer from "@effect/ai/McpServer"
import { Captions, DeepgramHttp, Listen, Operation, Read, Speak } from "@effect-deepgram/core"
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as JSONSchema from "effect/JSONSchema"
import * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Connection from "./connection.js"
import * as IO from "./io.js"
import { transcriptText } from "./output.js"
import { byExtension, readLines, readQuery, speakQuery } from "./speakRead.js"

/** Why a tool call failed: bad arguments, or the operation failed (the message is one readable line). */
class ToolError extends Schema.TaggedError<ToolError>()("ToolError", {
  reason: Schema.Literal("InvalidArguments", "Failed"),
  message: Schema.String
}) {}

type Services = Listen.Listen | Speak.Speak | Read.Read | DeepgramHttp.DeepgramHttp | Connection.Sidecars

interface Definition<A, I> {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly parameters: Schema.Schema<A, I>
  readonly readOnly: boolean
  readonly run: (params: A) => Effect.Effect<McpSchema.CallToolResult, ToolError, Services>
}

/** A tool with its parameter type closed over: what `tools/list` shows and a call that decodes, then runs. */
interface Tool {
  readonly tool: McpSchema.Tool
  readonly call: (payload: unknown) => Effect.Effect<McpSchema.CallToolResult, ToolError, Services>
}

const define = <A, I>(definition: Definition<A, I>): Tool => ({
  tool: new McpSchema.Tool({
    name: definition.name,
    title: definition.title,
    description: definition.description,
    inputSchema: JSONSchema.make(definition.parameters),
    annotations: new McpSchema.ToolAnnotations({
      title: definition.title,
      readOnlyHint: definition.readOnly,
      destructiveHint: false,
      openWorldHint: true
    })
  }),
  call: (payload) =>
    Effect.flatMap(decode(definition.parameters, payload ?? {}, definition.name), definition.run)
})

const invalid = (message: string) => new ToolError({ reason: "InvalidArguments", message })
const failed = (error: { readonly message: string }) => new ToolError({ reason: "Failed", message: error.message })

const text = (value: string) => ({ type: "text" as const, text: value })

const ok = (content: string, structured: Record<string, unknown>, extra: ReadonlyArray<typeof McpSchema.ContentBlock.Type> = []) =>
  new McpSchema.CallToolResult({ content: [text(content), ...extra], structuredContent: structured, isError: false })

/** One line per schema issue: `field: what was expected`. */
const describeIssues = (error: ParseResult.ParseError): string =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`)
    .join("; ")

const decode = <A, I>(schema: Schema.Schema<A, I>, value: unknown, what: string) =>
  Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "error" })(value).pipe(
    Effect.mapError((error) => invalid(`${what}: ${describeIssues(error)}`))
  )

const nonEmpty = (description: string) =>
  Schema.String.pipe(
    Schema.filter((value) => value.trim() !== "" || "expected a non-empty string", { description, jsonSchema: { minLength: 1 } })
  )

const isUrl = (source: string) => /^https?:\/\//i.test(source)

// ---------------------------------------------------------------------------------------------------------------
// transcribe

const TranscribeParams = Schema.Struct({
  source: nonEmpty("A local audio file path or an http(s) URL"),
  model: Schema.optional(Schema.String.annotations({ description: "e.g. nova-3 (the default), nova-2, whisper" })),
  language: Schema.optional(Schema.String.annotations({ description: "BCP-47 language, e.g. en, es, fr; or multi" })),
  detect_language: Schema.optional(Schema.Boolean),
  diarize: Schema.optional(Schema.Boolean.annotations({ description: "label the speakers" })),
  smart_format: Schema.optional(Schema.Boolean.annotations({ description: "punctuation, numerals, paragraphs" })),
  punctuate: Schema.optional(Schema.Boolean),
  utterances: Schema.optional(Schema.Boolean),
  paragraphs: Schema.optional(Schema.Boolean),
  keyterm: Schema.optional(Schema.Array(Schema.String).annotations({ description: "terms to boost (nova-3)" })),
  captions: Schema.optional(Schema.Literal("srt", "vtt").annotations({ description: "also return captions in this format" })),
  options: Schema.optional(
    Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
      description: "any other /v1/listen query option, e.g. {\"numerals\": true, \"redact\": [\"pci\"]}"
    })
  )
})

const transcribe = define({
  name: "transcribe",
  title: "Transcribe audio",
  description:
    "Transcribe an audio file (a local path) or an http(s) URL with Deepgram's prerecorded API. Returns the transcript " +
    "and, with captions: \"srt\" or \"vtt\", captions.",
  parameters: TranscribeParams,
  readOnly: true,
  run: (params) =>
    Effect.gen(function*() {
      const { captions, options: extra, source, ...named } = params
      const query = yield* decode(ListenV1.TranscribeOptions, { ...extra, ...named }, "options")
      if (query.callback !== undefined) return yield* invalid("callback: not supported here (the result is returned)")
      const listen = yield* Listen.Listen
      const options = query as Listen.TranscribeOptions & { readonly callback?: undefined }
      let response: Listen.TranscriptionResponse
      if (isUrl(source)) {
        response = yield* Effect.mapError(listen.transcribeUrl(source, options), failed)
      } else {
        const file = path.resolve(source)
        if (!fs.existsSync(file)) return yield* invalid(`source: no such file ${file}`)
        if (!fs.statSync(file).isFile()) return yield* invalid(`source: not a file: ${file}`)
        yield* Effect.flatMap(Connection.Sidecars, (sidecars) => sidecars.load([file]))
        response = yield* Effect.mapError(listen.transcribeFile(file, options), failed)
      }
      const transcript = transcriptText(response)
      const alternative = response.results.channels?.[0]?.alternatives?.[0]
      const rendered = captions === undefined
        ? undefined
        : yield* Effect.mapError(captions === "srt" ? Captions.srt(response) : Captions.webvtt(response), failed)
      const structured = {
        transcript,
        duration: response.metadata?.duration ?? 0,
        channels: response.results.channels?.length ?? 0,
        words: alternative?.words?.length ?? 0,
        confidence: alternative?.confidence ?? 0,
        request_id: response.metadata?.request_id,
        ...(rendered === undefined ? {} : { captions: rendered })
      }
      return ok(rendered === undefined ? transcript : `${transcript}\n\n${rendered}`, structured)
    })
})

// ---------------------------------------------------------------------------------------------------------------
// speak

const SpeakParams = Schema.Struct({
  text: nonEmpty("The text to speak"),
  model: Schema.optional(Schema.String.annotations({ description: "a voice, e.g. aura-2-thalia-en (the default)" })),
  encoding: Schema.optional(Schema.String.annotations({ description: "linear16, mp3 (the default), opus, flac, aac, mulaw, alaw" })),
  container: Schema.optional(Schema.String.annotations({ description: "wav, ogg or none" })),
  sample_rate: Schema.optional(Schema.Number),
  bit_rate: Schema.optional(Schema.Number),
  out: Schema.optional(
    nonEmpty("write the audio to this file (its extension picks the encoding: .wav, .mp3, .ogg, .flac); " +
      "default: a new file in the system's temporary directory")
  ),
  base64: Schema.optional(Schema.Boolean.annotations({ description: "return the audio in the result (base64) instead of writing a file" }))
})

const extensionOf = (options: Speak.Options): string => {
  switch (options.encoding) {
    case undefined:
    case "mp3":
      return "mp3"
    case "opus":
      return "ogg"
    case "flac":
      return "flac"
    case "aac":
      return "aac"
    default:
      return options.container === "none" ? "raw" : "wav"
  }
}

const mimeTypeOf = (extension: string, reported: string | undefined) =>
  reported ?? ({ mp3: "audio/mpeg", ogg: "audio/ogg", flac: "audio/flac", aac: "audio/aac", wav: "audio/wav" } as Record<string, string>)[extension] ??
    "application/octet-stream"

const writeFile = (file: string, audio: Stream.Stream<Uint8Array, { readonly message: string }>) =>
  Effect.acquireUseRelease(
    Effect.try({
      try: () => {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        return fs.createWriteStream(file)
      },
      catch: (error) => invalid(`out: cannot write ${file}: ${(error as Error).message}`)
    }),
    (sink) =>
      Stream.runFoldEffect(Stream.mapError(audio, failed), 0, (bytes, chunk) =>
        Effect.async<number>((resume) => {
          if (sink.write(chunk)) resume(Effect.succeed(bytes + chunk.byteLength))
          else sink.once("drain", () => resume(Effect.succeed(bytes + chunk.byteLength)))
        })),
    (sink) => Effect.async<void>((resume) => void sink.end(() => resume(Effect.void)))
  )

const speak = define({
  name: "speak",
  title: "Text to speech",
  description:
    "Synthesize speech from text with Deepgram's /v1/speak. Writes an audio file and returns its path, or returns the audio " +
    "itself (base64) with base64: true.",
  parameters: SpeakParams,
  readOnly: false,
  run: (params) =>
    Effect.gen(function*() {
      const { base64, out, text: input, ...named } = params
      let options = (yield* decode(speakQuery, named, "options")) as Speak.Options
      if (out !== undefined && options.encoding === undefined) {
        options = { ...options, ...byExtension[path.extname(out).toLowerCase()] }
      }
      const service = yield* Speak.Speak
      const response = yield* Effect.mapError(service.generate(input, options as Speak.Options & { readonly callback?: undefined }), failed)
      const extension = extensionOf(options)
      const mimeType = mimeTypeOf(extension, response.metadata.contentType)
      const meta = { request_id: response.metadata.requestId, model: response.metadata.model, mimeType }
      if (base64 === true) {
        const chunks = yield* Stream.runCollect(Stream.mapError(response.stream, failed))
        const data = new Uint8Array(Buffer.concat(Array.from(chunks)))
        return ok(`${data.byteLength} bytes of ${mimeType}`, { bytes: data.byteLength, ...meta }, [
          { type: "audio", data, mimeType }
        ])
      }
      const file = out === undefined
        ? path.join(os.tmpdir(), "deepgram-mcp", `speech-${new Date().toISOString().replace(/[:.]/g, "-")}.${extension}`)
        : path.resolve(out)
      const bytes = yield* writeFile(file, response.stream)
      return ok(`Wrote ${bytes} bytes of ${mimeType} to ${file}`, { path: file, bytes, ...meta })
    })
})

// ---------------------------------------------------------------------------------------------------------------
// read

const ReadParams = Schema.Struct({
  text: nonEmpty("The text to analyse"),
  summarize: Schema.optional(Schema.Boolean),
  topics: Schema.optional(Schema.Boolean),
  intents: Schema.optional(Schema.Boolean),
  sentiment: Schema.optional(Schema.Boolean),
  language: Schema.optional(Schema.String.annotations({ description: "the text's language (default en)" }))
})

const read = define({
  name: "read",
  title: "Analyse text",
  description: "Text intelligence with Deepgram's /v1/read: a summary, topics, intents and/or sentiment of a text (choose at least one).",
  parameters: ReadParams,
  readOnly: true,
  run: (params) =>
    Effect.gen(function*() {
      const { language, summarize, text: input, ...features } = params
      if (summarize !== true && !Object.values(features).some((value) => value === true)) {
        return yield* invalid("choose at least one of summarize, topics, intents, sentiment")
      }
      const query = (yield* decode(readQuery, {
        language: language ?? "en",
        ...(summarize === true ? { summarize: "v2" } : {}),
        ...Object.fromEntries(Object.entries(features).filter(([, value]) => value === true))
      }, "options")) as Read.Options & { readonly callback?: undefined }
      const service = yield* Read.Read
      const result = yield* Effect.mapError(service.analyze(input, query), failed)
      const lines = readLines(result)
      return ok(lines.length > 0 ? lines.join("\n") : "(no results)", result as unknown as Record<string, unknown>)
    })
})

// ---------------------------------------------------------------------------------------------------------------
// models, projects and usage (read-only management)

const models = define({
  name: "models",
  title: "List models",
  description: "The public Deepgram models: speech-to-text and text-to-speech, with their languages.",
  parameters: Schema.Struct({}),
  readOnly: true,
  run: () =>
    Effect.gen(function*() {
      const http = yield* DeepgramHttp.DeepgramHttp
      const result = yield* Effect.mapError(Operation.call(http, operations["manage.v1.models.list"], {}), failed)
      const stt = (result.stt ?? []).map((m) => `${m.canonical_name ?? m.name ?? "?"} (${(m.languages ?? []).slice(0, 6).join(", ")})`)
      const tts = (result.tts ?? []).map((m) => m.canonical_name ?? m.name ?? "?")
      return ok(`Speech to text: ${stt.join("; ") || "(none)"}\nText to speech: ${tts.join(", ") || "(none)"}`, result as unknown as Record<string, unknown>)
    })
})

const UsageParams = Schema.Struct({
  project_id: Schema.optional(Schema.String.annotations({ description: "default: your first project" })),
  start: Schema.optional(Schema.String.annotations({ description: "YYYY-MM-DD (default: 30 days ago)" })),
  end: Schema.optional(Schema.String.annotations({ description: "YYYY-MM-DD (default: today)" }))
})

const usage = define({
  name: "usage",
  title: "Usage summary",
  description: "The usage of a project (requests, hours of audio, characters) over a date range.",
  parameters: UsageParams,
  readOnly: true,
  run: (params) =>
    Effect.gen(function*() {
      const http = yield* DeepgramHttp.DeepgramHttp
      const project = params.project_id ?? (yield* Effect.mapError(Operation.call(http, operations["manage.v1.projects.list"], {}), failed))
        .projects?.[0]?.project_id
      if (project === undefined) return yield* invalid("project_id: you have no project; pass one")
      const query = yield* decode(
        operations["manage.v1.projects.usage.get"].query as Schema.Schema.AnyNoContext,
        { ...(params.start === undefined ? {} : { start: params.start }), ...(params.end === undefined ? {} : { end: params.end }) },
        "options"
      )
      const result = yield* Effect.mapError(
        Operation.call(http, operations["manage.v1.projects.usage.get"], { path: { project_id: project }, query: query as never }),
        failed
      )
      return ok(JSON.stringify(result), { project_id: project, ...(result as Record<string, unknown>) })
    })
})

/** The tools, in the order `tools/list` shows them. @internal */
export const tools: ReadonlyArray<Tool> = [transcribe, speak, read, models, usage]

const errorResult = (error: ToolError) =>
  new McpSchema.CallToolResult({
    isError: true,
    content: [text(error.reason === "InvalidArguments" ? `Invalid arguments: ${error.message}` : error.message)],
    structuredContent: { error: error.reason, message: error.message }
  })

/** Registers the tools with the server; each call runs with `context` (the SDK's services). */
const registerTools = (context: Context.Context<Services>) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const server = yield* McpServer.McpServer
    for (const definition of tools) {
      yield* server.addTool({
        tool: definition.tool,
        handle: (payload) =>
          definition.call(payload).pipe(
            Effect.catchAllDefect((defect) => Effect.fail(new ToolError({ reason: "Failed", message: `internal error: ${String(defect)}` }))),
            Effect.catchAll((error) => Effect.succeed(errorResult(error))),
            Effect.provide(context)
          )
      })
    }
  }))

/** Counts the JSON-RPC messages of a newline-delimited stream that satisfy `test`. */
const lineCounter = (test: (message: object) => boolean) => {
  const decoder = new TextDecoder()
  let partial = ""
  let count = 0
  return {
    count: () => count,
    feed: (chunk: Uint8Array | string) => {
      const lines = (partial + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }))).split("\n")
      partial = lines.pop() ?? ""
      for (const line of lines) {
        try {
          const message = JSON.parse(line) as unknown
          for (const one of Array.isArray(message) ? message : [message]) {
            if (typeof one === "object" && one !== null && test(one)) count++
          }
        } catch {
          // not JSON: the server answers it with a parse error, which is not waited for
        }
      }
    }
  }
}

/**
 * Serves MCP on the current IO's stdin and stdout until stdin ends.
 *
 * @internal
 */
export const serve: Effect.Effect<void, never, Services> = Effect.gen(function*() {
  const io = yield* IO.io
  const context = yield* Effect.context<Services>()
  const ended = yield* Deferred.make<void>()
  // When stdin ends, the requests already received are answered before the server stops.
  const requests = lineCounter((message) => "method" in message && "id" in message)
  const responses = lineCounter((message) => !("method" in message) && "id" in message)
  const answered = Effect.repeat(Effect.sync(() => responses.count() >= requests.count()), {
    until: (done) => done,
    schedule: Schedule.spaced("20 millis")
  })
  const stdin = io.stdin.pipe(
    Stream.tap((chunk) => Effect.sync(() => requests.feed(chunk))),
    Stream.concat(Stream.drain(Stream.fromEffect(answered))),
    Stream.ensuring(Deferred.succeed(ended, undefined))
  )
  const stdout = Sink.forEach((chunk: Uint8Array | string) => Effect.zipRight(io.out(chunk), Effect.sync(() => responses.feed(chunk))))
  const server = registerTools(context).pipe(
    Layer.provideMerge(McpServer.layerStdio({ name: "deepgram", version: "0.1.0", stdin, stdout }))
  )
  // The stdio protocol interrupts the fiber that built it when stdin ends: that is a child, not the command.
  const running = yield* Effect.fork(Effect.scoped(Effect.zipRight(Layer.build(server), Effect.never)))
  yield* Deferred.await(ended)
  yield* Fiber.interrupt(running)
})
