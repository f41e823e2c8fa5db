/**
 * Text-to-speech. `POST /v1/speak` (Aura) and `POST /v2/speak` (Flux TTS):
 * the audio comes back as a `Stream` of bytes, streamed as Deepgram sends
 * it (never buffered whole), together with the response's metadata (request
 * id, model, characters billed).
 *
 * @example
 * ```ts
 * import { NodeSink } from "@effect/platform-node"
 * import { Speak } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect, Stream } from "effect"
 * import { createWriteStream } from "node:fs"
 *
 * const program = Effect.gen(function*() {
 *   const speak = yield* Speak.Speak
 *   yield* speak.audio("Hello from Effect", { model: "aura-2-thalia-en", encoding: "linear16", container: "wav" }).pipe(
 *     Stream.run(NodeSink.fromWritable(() => createWriteStream("hello.wav"), (cause) => cause))
 *   )
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive.layerConfig()), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { operations } from "@effect-deepgram/schema/Operations"
import * as SpeakV2 from "@effect-deepgram/schema/SpeakV2"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { DeepgramHttp, type RequestOptions, type ResponseInfo } from "./DeepgramHttp.js"
import { type DeepgramError, DeepgramInputError } from "./DeepgramError.js"
import type * as Operation from "./Operation.js"
import { invalidInput } from "./internal/issues.js"

/**
 * Every query option of `POST /v1/speak`, with Deepgram's names.
 *
 * @since 0.1.0
 * @category models
 */
export type Options = Operation.Query<(typeof operations)["speak.v1.audio.generate"]>

/**
 * Every query option of `POST /v2/speak` (Flux TTS); `model` is required.
 *
 * @since 0.1.0
 * @category models
 */
export type OptionsV2 = Operation.Query<(typeof operations)["speak.v2.audio.generate"]>

/**
 * The answer to a request with a `callback` URL: the audio is POSTed there.
 *
 * @since 0.1.0
 * @category models
 */
export type AcceptedResponse = typeof SpeakV2.AcceptedResponse.Type

/**
 * What Deepgram says about the audio, from the response headers.
 *
 * @since 0.1.0
 * @category models
 */
export interface AudioMetadata {
  readonly requestId: string | undefined
  /** `dg-model-name`. */
  readonly model: string | undefined
  /** `dg-model-uuid`. */
  readonly modelUuid: string | undefined
  /** `dg-char-count`: the characters billed. */
  readonly characters: number | undefined
  /** The audio's MIME type (`audio/wav`, `audio/mpeg`, …). */
  readonly contentType: string | undefined
  /** Every response header, lower-cased. */
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Synthesized audio: its metadata, known once the headers have arrived, and
 * the bytes as a stream (run it once).
 *
 * @since 0.1.0
 * @category models
 */
export interface AudioResponse {
  readonly metadata: AudioMetadata
  readonly stream: Stream.Stream<Uint8Array, DeepgramError>
}

/**
 * A synthesis call, narrowed by whether `callback` is set.
 *
 * @since 0.1.0
 * @category models
 */
export interface Generate<O> {
  (text: string, options: O & { readonly callback: string }, requestOptions?: RequestOptions): Effect.Effect<
    AcceptedResponse,
    DeepgramError
  >
  (
    text: string,
    options?: O & { readonly callback?: undefined },
    requestOptions?: RequestOptions
  ): Effect.Effect<AudioResponse, DeepgramError>
  (text: string, options?: O, requestOptions?: RequestOptions): Effect.Effect<
    AudioResponse | AcceptedResponse,
    DeepgramError
  >
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Synthesizes `text` with Aura (`/v1/speak`): metadata, then the audio as a stream. */
  readonly generate: Generate<Options>
  /** The audio of `text` as a stream of bytes (`/v1/speak`). */
  readonly audio: (
    text: string,
    options?: Options & { readonly callback?: undefined },
    requestOptions?: RequestOptions
  ) => Stream.Stream<Uint8Array, DeepgramError>
  /**
   * Synthesizes `text` into a file, streamed to disk as it arrives (needs a
   * runtime with a file system: Node, Bun).
   */
  readonly toFile: (
    path: string,
    text: string,
    options?: Options & { readonly callback?: undefined },
    requestOptions?: RequestOptions
  ) => Effect.Effect<AudioMetadata, DeepgramError>
  /** Synthesizes `text` with Flux TTS (`/v2/speak`). */
  readonly generateV2: Generate<OptionsV2>
  /** The audio of `text` as a stream of bytes (`/v2/speak`). */
  readonly audioV2: (
    text: string,
    options: OptionsV2 & { readonly callback?: undefined },
    requestOptions?: RequestOptions
  ) => Stream.Stream<Uint8Array, DeepgramError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Speak extends Context.Tag("@effect-deepgram/core/Speak")<Speak, Service>() {}

/**
 * The most characters `/v1/speak` takes in one request.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxCharacters = 2000

const metadataOf = (info: ResponseInfo): AudioMetadata => {
  const characters = Number(info.headers["dg-char-count"])
  return {
    requestId: info.requestId,
    model: info.headers["dg-model-name"],
    modelUuid: info.headers["dg-model-uuid"],
    characters: Number.isFinite(characters) && info.headers["dg-char-count"] !== undefined ? characters : undefined,
    contentType: info.headers["content-type"],
    headers: info.headers
  }
}

const encodeQuery = {
  v1: Schema.encodeUnknown(operations["speak.v1.audio.generate"].query as Schema.Schema<unknown, unknown>),
  v2: Schema.encodeUnknown(operations["speak.v2.audio.generate"].query as Schema.Schema<unknown, unknown>)
}

/**
 * Builds the service over the HTTP layer (and the file system, where the
 * runtime has one).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.gen(function*() {
  const http = yield* DeepgramHttp
  const fs = yield* Effect.serviceOption(FileSystem.FileSystem)

  const synthesize = (
    version: "v1" | "v2",
    text: string,
    options: Options | OptionsV2 | undefined,
    requestOptions: RequestOptions | undefined
  ): Effect.Effect<AudioResponse | AcceptedResponse, DeepgramError> =>
    Effect.gen(function*() {
      const operation = version === "v1" ? "speak.v1.audio.generate" : "speak.v2.audio.generate"
      if (typeof text !== "string" || text.trim() === "") {
        return yield* new DeepgramInputError({ reason: "InvalidOptions", detail: `${operation}: text must be non-empty` })
      }
      if (version === "v1" && text.length > maxCharacters) {
        return yield* new DeepgramInputError({
          reason: "InvalidOptions",
          detail: `${operation}: text is ${text.length} characters; one request takes at most ${maxCharacters}` +
            " (split it, or stream it through the speak WebSocket)"
        })
      }
      const query = yield* Effect.mapError(
        encodeQuery[version](options ?? {}, { onExcessProperty: "error" }),
        (error) => invalidInput(`${operation} options`, error)
      )
      const request = {
        operation,
        method: "POST" as const,
        path: version === "v1" ? "/v1/speak" : "/v2/speak",
        query: query as Record<string, unknown>,
        body: { _tag: "Json" as const, value: { text } },
        options: requestOptions
      }
      if (options?.callback !== undefined) {
        return yield* http.request({ ...request, response: SpeakV2.AcceptedResponse })
      }
      const response = yield* http.requestStream({ ...request, accept: "audio/*" })
      return { metadata: metadataOf(response.info), stream: response.stream }
    })

  const generate = (text: string, options?: Options, requestOptions?: RequestOptions) =>
    synthesize("v1", text, options, requestOptions)
  const generateV2 = (text: string, options?: OptionsV2, requestOptions?: RequestOptions) =>
    synthesize("v2", text, options, requestOptions)

  const streamOf = (effect: Effect.Effect<AudioResponse | AcceptedResponse, DeepgramError>) =>
    Stream.unwrap(Effect.map(effect, (response) => "stream" in response ? response.stream : Stream.empty))

  const toFile = (path: string, text: string, options?: Options, requestOptions?: RequestOptions) =>
    Option.match(fs, {
      onNone: () =>
        Effect.fail(
          new DeepgramInputError({
            reason: "Unsupported",
            path,
            detail: "this runtime has no file system; run `audio` into a sink of your own instead"
          })
        ),
      onSome: (fs) =>
        Effect.flatMap(synthesize("v1", text, options, requestOptions), (response) => {
          if (!("stream" in response)) return Effect.dieMessage("Speak.toFile: unreachable callback response")
          return response.stream.pipe(
            Stream.run(fs.sink(path)),
            Effect.mapError((error): DeepgramError =>
              error._tag === "SystemError" || error._tag === "BadArgument"
                ? new DeepgramInputError({ reason: "File", path, detail: `cannot write the file: ${error.message}`, cause: error })
                : error
            ),
            Effect.as(response.metadata)
          )
        })
    })

  return {
    generate: generate as Generate<Options>,
    audio: (text, options, requestOptions) => streamOf(generate(text, options, requestOptions)),
    toFile,
    generateV2: generateV2 as Generate<OptionsV2>,
    audioV2: (text, options, requestOptions) => streamOf(generateV2(text, options, requestOptions))
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Speak, never, DeepgramHttp> = Layer.effect(Speak, make)
