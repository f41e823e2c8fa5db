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
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
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
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { DeepgramConfig } from "./DeepgramConfig.js"
import { DeepgramHttp, type RequestOptions, type ResponseInfo } from "./DeepgramHttp.js"
import { type DeepgramError, DeepgramInputError } from "./DeepgramError.js"
import type { DeepgramDialer } from "./DeepgramSocket.js"
import type * as Operation from "./Operation.js"
import { invalidInput } from "./internal/issues.js"
import * as sentencesInternal from "./internal/sentences.js"
import * as speakLive from "./internal/speakLive.js"

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
  /**
   * Streaming text-to-speech over the `/v1/speak` WebSocket: text (and
   * `Flush` / `Clear`) goes up as it is pulled, audio chunks and events come
   * down as they are synthesized. When the text ends, the rest is flushed,
   * `Close` is sent, and the stream ends when the server closes. See
   * {@link sentences} for LLM output.
   */
  readonly live: <E>(
    text: Stream.Stream<LiveInput, E>,
    options?: LiveOptions,
    connectOptions?: LiveConnectOptions
  ) => Stream.Stream<LiveEvent, DeepgramError | E>
  /** A `/v1/speak` session for full-duplex control (`speak`, `flush`, `clear`, `close`); closed with the scope. */
  readonly session: (
    options?: LiveOptions,
    connectOptions?: LiveConnectOptions
  ) => Effect.Effect<LiveSession, DeepgramError, Scope.Scope>
  /**
   * Streaming Flux TTS over the `/v2/speak` WebSocket: text, `Flush`,
   * `Interrupt` and `Configure` up; timed audio chunks and every server
   * message down.
   */
  readonly liveV2: <E>(
    text: Stream.Stream<LiveInputV2, E>,
    options: LiveOptionsV2,
    connectOptions?: LiveConnectOptions
  ) => Stream.Stream<LiveEventV2, DeepgramError | E>
  /**
   * A `/v2/speak` session (`speak`, `flush`, `interrupt`, `configure`,
   * `delivered`, `close`); closed with the scope.
   */
  readonly sessionV2: (
    options: LiveOptionsV2,
    connectOptions?: LiveConnectOptions
  ) => Effect.Effect<LiveSessionV2, DeepgramError, Scope.Scope>
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
export const make: Effect.Effect<Service, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Effect.gen(function*() {
  const http = yield* DeepgramHttp
  const sockets = yield* Effect.context<DeepgramConfig | DeepgramDialer>()
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
    audioV2: (text, options, requestOptions) => streamOf(generateV2(text, options, requestOptions)),
    live: (text, options, connectOptions) =>
      Stream.provideContext(speakLive.liveV1(text, options, connectOptions), sockets),
    session: (options, connectOptions) =>
      Effect.provide(speakLive.sessionV1(options, connectOptions), sockets),
    liveV2: (text, options, connectOptions) =>
      Stream.provideContext(speakLive.liveV2(text, options, connectOptions), sockets),
    sessionV2: (options, connectOptions) =>
      Effect.provide(speakLive.sessionV2(options, connectOptions), sockets)
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Speak, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Layer.effect(Speak, make)

// ---------------------------------------------------------------------------------------------------------------
// Streaming text-to-speech: the /v1/speak and /v2/speak WebSockets
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every query option of the `/v1/speak` WebSocket (`model`, `encoding`,
 * `sample_rate`, `speed`, `mip_opt_out`).
 *
 * @since 0.1.0
 * @category models
 */
export type LiveOptions = speakLive.V1Options

/**
 * Every query option of the `/v2/speak` WebSocket (Flux TTS); `model` is
 * required. The SDK always sends `sample_rate` (24000 for linear16, 8000 for
 * mulaw/alaw when not given): it is what turns bytes into milliseconds.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveOptionsV2 = speakLive.V2Options

/**
 * Socket settings of a speak connection, plus its flow control.
 *
 * - `maxPendingFlushes` (stream form: 2): a `Flush` waits while that many are
 *   still unanswered by a `Flushed` that the consumer has received, so a slow
 *   audio consumer slows the text producer and memory stays bounded.
 * - `maxMessageChars` (2000, Deepgram's limit): longer text is split into
 *   several `Speak` messages, at a sentence end or a space where possible.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveConnectOptions = speakLive.SpeakConnectOptions

/**
 * `{ type: "Flush" }`: synthesize what was sent so far.
 *
 * @since 0.1.0
 * @category models
 */
export type Flush = sentencesInternal.Flush

/**
 * `{ type: "Clear" }` (v1): drop the text and audio not yet delivered (barge-in).
 *
 * @since 0.1.0
 * @category models
 */
export type Clear = speakLive.Clear

/**
 * `{ type: "Interrupt", playback_offset? }` (v2): stop the current turn.
 *
 * @since 0.1.0
 * @category models
 */
export type Interrupt = speakLive.Interrupt

/**
 * `{ type: "Configure", speed? }` (v2): change the speaking rate mid-session.
 *
 * @since 0.1.0
 * @category models
 */
export type Configure = speakLive.Configure

/**
 * What goes up a `/v1/speak` stream: text (sent as `Speak` messages), `Flush`
 * and `Clear`.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveInput = speakLive.V1Input

/**
 * What goes up a `/v2/speak` stream: text, `Flush`, `Interrupt`, `Configure`.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveInputV2 = speakLive.V2Input

/**
 * A chunk of synthesized audio, in arrival order.
 *
 * @since 0.1.0
 * @category models
 */
export type AudioChunk = speakLive.AudioChunk

/**
 * A chunk of Flux TTS audio with its place in the session's audio timeline
 * (`startMs`, `endMs`).
 *
 * @since 0.1.0
 * @category models
 */
export type TimedAudioChunk = speakLive.TimedAudioChunk

/**
 * What comes down a `/v1/speak` stream: `Audio` chunks and the server's
 * `Metadata`, `Flushed`, `Cleared`, `Warning`, or `Unknown` for a type this
 * SDK does not know yet.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveEvent = speakLive.V1Event

/**
 * `SpeechInterrupted` (v2): how much audio was played, the text spoken and the
 * text left unsaid.
 *
 * @since 0.1.0
 * @category models
 */
export type SpeechInterrupted = speakLive.SpeechInterrupted

/**
 * `ConfigureSuccess` (v2).
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigureSuccess = speakLive.ConfigureSuccess

/**
 * `ConfigureFailure` (v2).
 *
 * @since 0.1.0
 * @category models
 */
export type ConfigureFailure = speakLive.ConfigureFailure

/**
 * What comes down a `/v2/speak` stream: timed `Audio` chunks and every server
 * message (`Connected`, `SpeechStarted`, `SpeechMetadata`, `Flushed`,
 * `SessionMetadata`, `SpeechInterrupted`, `ConfigureSuccess`,
 * `ConfigureFailure`, `Warning`, `Error`, `Unknown`).
 *
 * @since 0.1.0
 * @category models
 */
export type LiveEventV2 = speakLive.V2Event

/**
 * A `/v1/speak` session.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveSession = speakLive.V1Session

/**
 * A `/v2/speak` session; `delivered` and `interrupt()` know how much audio
 * the consumer of `events` has received.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveSessionV2 = speakLive.V2Session

/**
 * How much audio the consumer of a v2 session's events has received.
 *
 * @since 0.1.0
 * @category models
 */
export type Delivered = speakLive.Delivered

/**
 * The most characters one `Speak` message takes; longer text is split.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxMessageCharacters: number = speakLive.MAX_MESSAGE_CHARS

/**
 * @since 0.1.0
 * @category constructors
 */
export const flush: Flush = sentencesInternal.flush

/**
 * @since 0.1.0
 * @category constructors
 */
export const clear: Clear = { type: "Clear" }

/**
 * An `Interrupt` for a v2 stream; `playedMs` is how much session audio the
 * listener heard (omit it and the server counts what it generated).
 *
 * @since 0.1.0
 * @category constructors
 */
export const interrupt = (playedMs?: number): Interrupt =>
  playedMs === undefined
    ? { type: "Interrupt" }
    : { type: "Interrupt", playback_offset: { type: "time_ms", value: Math.round(playedMs) } }

/**
 * Options of {@link sentences}.
 *
 * @since 0.1.0
 * @category models
 */
export type SentenceOptions = sentencesInternal.SentenceOptions

/**
 * Batches a token stream (an LLM's output) into sentences for a speak
 * socket: complete sentences are emitted followed by a `Flush`; text without
 * a sentence end waits for more tokens and is flushed when the tokens pause
 * for `idle` (400 ms) or end. Tokens are pulled only as fast as the result is
 * consumed.
 *
 * @example
 * ```ts
 * import { Speak } from "@effect-deepgram/core"
 * import { Effect, Stream } from "effect"
 *
 * declare const tokens: Stream.Stream<string>
 * const program = Effect.gen(function*() {
 *   const speak = yield* Speak.Speak
 *   yield* speak.live(Speak.sentences(tokens), { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 }).pipe(
 *     Speak.audioChunks,
 *     Stream.runForEach((audio) => Effect.log(`${audio.byteLength} bytes`))
 *   )
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const sentences: <E, R>(
  tokens: Stream.Stream<string, E, R>,
  options?: SentenceOptions
) => Stream.Stream<string | Flush, E, R> = sentencesInternal.sentences

/**
 * Keeps the audio bytes of a speak (or agent) event stream.
 *
 * @since 0.1.0
 * @category combinators
 */
export const audioChunks: <A extends { readonly type: string }, E, R>(
  events: Stream.Stream<A, E, R>
) => Stream.Stream<Uint8Array, E, R> = speakLive.audioOf

/**
 * The format of raw audio for a WAV header: sample rate, channels (1), bits
 * per sample (16) and format code (1 PCM, 6 A-law, 7 µ-law).
 *
 * @since 0.1.0
 * @category models
 */
export type WavOptions = speakLive.WavOptions

/**
 * Prefixes raw audio (linear16, mulaw, alaw) with a WAV header sized for a
 * stream of unknown length, so it can be written to a `.wav` file as it
 * arrives.
 *
 * @since 0.1.0
 * @category combinators
 */
export const toWav: <E, R>(audio: Stream.Stream<Uint8Array, E, R>, options: WavOptions) => Stream.Stream<Uint8Array, E, R> =
  speakLive.toWav

/**
 * A complete WAV file (exact sizes) from raw audio chunks.
 *
 * @since 0.1.0
 * @category constructors
 */
export const wavFile: (chunks: Iterable<Uint8Array>, options: WavOptions) => Uint8Array = speakLive.wavFile
