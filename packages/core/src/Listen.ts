/**
 * Speech-to-text. Prerecorded transcription of a URL, bytes, a stream or a
 * file (`POST /v1/listen`).
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import * as ListenV2 from "@effect-deepgram/schema/ListenV2"
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Duration from "effect/Duration"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { type Body, DeepgramHttp, type RequestOptions } from "./DeepgramHttp.js"
import { DeepgramConfig } from "./DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError, type DeepgramSocketError } from "./DeepgramError.js"
import { DeepgramFiles } from "./DeepgramFiles.js"
import * as Operation from "./Operation.js"
import { invalidInput } from "./internal/issues.js"
import { DeepgramDialer } from "./DeepgramSocket.js"
import { type ChannelSpec, connect, jsonMessages } from "./internal/channel.js"
import * as live from "./internal/live.js"

/**
 * Every query option of `POST /v1/listen`, with Deepgram's names.
 *
 * @since 0.1.0
 * @category models
 */
export type TranscribeOptions = typeof ListenV1.TranscribeOptions.Type

/**
 * Options with a `callback` URL: Deepgram answers at once with a request id
 * and POSTs the result to the callback.
 *
 * @since 0.1.0
 * @category models
 */
export type CallbackOptions = TranscribeOptions & { readonly callback: string }

/**
 * @since 0.1.0
 * @category models
 */
export type TranscriptionResponse = typeof ListenV1.TranscriptionResponse.Type

/**
 * @since 0.1.0
 * @category models
 */
export type AcceptedResponse = typeof ListenV1.AcceptedResponse.Type

/**
 * A transcription call, narrowed by whether `callback` is set.
 *
 * @since 0.1.0
 * @category models
 */
export interface Transcribe<In, E = never> {
  (input: In, options: CallbackOptions, requestOptions?: RequestOptions): Effect.Effect<AcceptedResponse, DeepgramError | E>
  (
    input: In,
    options?: TranscribeOptions & { readonly callback?: undefined },
    requestOptions?: RequestOptions
  ): Effect.Effect<TranscriptionResponse, DeepgramError | E>
  (
    input: In,
    options: TranscribeOptions,
    requestOptions?: RequestOptions
  ): Effect.Effect<TranscriptionResponse | AcceptedResponse, DeepgramError | E>
}

/**
 * Audio to upload: bytes and `Blob`s/`File`s are sent as they are (and may be
 * retried; a `Blob` is how browsers upload a chosen file); a stream is sent as
 * it is produced, in constant memory, and never retried because it cannot be
 * replayed: a failure that bytes would have retried (a 429 or 5xx answer, a
 * dropped connection) keeps the server's status and request id and says so in
 * `notRetried`. If the stream fails, the upload fails with a `DeepgramInputError`
 * (reason `AudioStream`) whose `cause` is the stream's error.
 *
 * @since 0.1.0
 * @category models
 */
export type Audio = Uint8Array | Blob | Stream.Stream<Uint8Array, unknown>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Transcribes audio that Deepgram fetches from a URL. */
  readonly transcribeUrl: Transcribe<string>
  /** Transcribes bytes, a `Blob`/`File`, or a stream of bytes. */
  readonly transcribe: Transcribe<Audio>
  /**
   * Transcribes a file, streamed from disk (needs a runtime with a file
   * system: Node, Bun). Retries re-read the file.
   */
  readonly transcribeFile: Transcribe<string>
  /**
   * Live transcription (`/v1/listen` WebSocket) of an audio stream. Events
   * arrive as the server sends them; when the audio ends, `CloseStream` is
   * sent and the stream ends after the server's last message. If the server
   * closes before all the audio was sent, the stream fails (`Incomplete`).
   * With `reconnect`, drops and retryable closes reconnect and replay the
   * audio not yet covered by final results, and the stream carries
   * {@link Reconnected} events.
   */
  readonly live: LiveStream<LiveEvent>
  /** A live session for full-duplex control; closed with the scope. */
  readonly liveSession: (
    options?: LiveOptions,
    connectOptions?: ConnectOptions
  ) => Effect.Effect<LiveSession, DeepgramError, Scope.Scope>
  /**
   * Flux (`/v2/listen`): conversational speech recognition with turn
   * detection, as a stream of events.
   */
  readonly flux: FluxStream
  /** A Flux session for full-duplex control (`Configure` mid-stream); closed with the scope. */
  readonly fluxSession: (
    options: FluxOptions,
    connectOptions?: ConnectOptions
  ) => Effect.Effect<FluxSession, DeepgramError, Scope.Scope>
}

/**
 * Every query option of the `/v1/listen` WebSocket, with Deepgram's names.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveOptions = typeof ListenV1.LiveOptions.Type

/**
 * A server message of `/v1/listen`: `Results`, `Metadata`, `UtteranceEnd`,
 * `SpeechStarted`, or `Unknown` for a type this SDK does not know yet.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveEvent = typeof ListenV1.ServerMessage.Type

/**
 * A `Results` message.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveResults = Extract<LiveEvent, { readonly type: "Results" }>

/**
 * Every query option of the Flux `/v2/listen` WebSocket.
 *
 * @since 0.1.0
 * @category models
 */
export type FluxOptions = typeof ListenV2.LiveOptions.Type

/**
 * A Flux server message: `Connected`, `TurnInfo`, `ConfigureSuccess`,
 * `ConfigureFailure`, `Error`, or `Unknown`.
 *
 * @since 0.1.0
 * @category models
 */
export type FluxEvent = typeof ListenV2.ServerMessage.Type

/**
 * The body of a Flux `Configure` message (without `type`).
 *
 * @since 0.1.0
 * @category models
 */
export type FluxConfigure = Omit<typeof ListenV2.Configure.Type, "type">

/**
 * The reconnect policy of a live stream: on a drop (1006) or a retryable
 * close (1011, 1012, 1013, 1014) the stream reconnects with exponential
 * backoff and jitter, replays from a bounded buffer the audio the server has
 * not covered with final results, shifts the new connection's timestamps so
 * that they continue the stream's timeline, and emits a {@link Reconnected}
 * event. After `retries` failed attempts in a row it fails with a
 * `DeepgramSocketError` of reason `Reconnect`. Needs raw audio (`encoding`
 * linear16, linear32, mulaw or alaw, and `sample_rate`).
 *
 * @since 0.1.0
 * @category models
 */
export type ReconnectPolicy = live.ReconnectPolicy

/**
 * Emitted by a reconnecting live stream after each reconnection, between the
 * last event of the old connection and the first of the new one.
 *
 * @since 0.1.0
 * @category models
 */
export type Reconnected = live.Reconnected

/**
 * The stream form of a live channel: without `reconnect` its events are the
 * channel's own; with it, {@link Reconnected} events are added.
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveStream<Event, Options = LiveOptions | undefined> {
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options: Options,
    connectOptions: ConnectOptions & { readonly reconnect: true | ReconnectPolicy }
  ): Stream.Stream<Event | Reconnected, DeepgramError | E>
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options?: Options,
    connectOptions?: ConnectOptions & { readonly reconnect?: false | undefined }
  ): Stream.Stream<Event, DeepgramError | E>
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options?: Options,
    connectOptions?: ConnectOptions
  ): Stream.Stream<Event | Reconnected, DeepgramError | E>
}

/**
 * The stream form of Flux (options required).
 *
 * @since 0.1.0
 * @category models
 */
export interface FluxStream {
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options: FluxOptions,
    connectOptions: ConnectOptions & { readonly reconnect: true | ReconnectPolicy }
  ): Stream.Stream<FluxEvent | Reconnected, DeepgramError | E>
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options: FluxOptions,
    connectOptions?: ConnectOptions & { readonly reconnect?: false | undefined }
  ): Stream.Stream<FluxEvent, DeepgramError | E>
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options: FluxOptions,
    connectOptions?: ConnectOptions
  ): Stream.Stream<FluxEvent | Reconnected, DeepgramError | E>
}

/**
 * Socket settings for one connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectOptions {
  /**
   * A known server message that fails its schema fails the stream with a
   * `Decode` error, instead of arriving as an invalid-message event (the
   * default, so that a field Deepgram changed does not end a stream).
   */
  readonly strict?: boolean | undefined
  /** Stream forms only: reconnect on drops (see {@link ReconnectPolicy}); off by default. */
  readonly reconnect?: boolean | ReconnectPolicy | undefined
  /** How long the handshake may take (10 s by default). */
  readonly openTimeout?: Duration.DurationInput | undefined
  /** How often the keepalive runs (4 s for listen v1, 20 s pings for Flux). */
  readonly keepAliveInterval?: Duration.DurationInput | undefined
  /** How long the server may take to close after the end of input before the stream fails (30 s). */
  readonly closeTimeout?: Duration.DurationInput | undefined
  /** Extra query parameters, sent as given. */
  readonly query?: Readonly<Record<string, unknown>> | undefined
  /** Extra upgrade headers (where the runtime can send headers). */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * A live `/v1/listen` session.
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveSession {
  /** Server messages in arrival order; ends when the server closes cleanly. Consume it once. */
  readonly events: Stream.Stream<LiveEvent, DeepgramSocketError>
  /** Sends a chunk of audio. */
  readonly send: (audio: Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  /** Asks the server to flush what it has as final results (`from_finalize`). */
  readonly finalize: Effect.Effect<void, DeepgramSocketError>
  /** Sends a `KeepAlive` now (the session already sends one every 4 s while no audio flows). */
  readonly keepAlive: Effect.Effect<void, DeepgramSocketError>
  /** Ends the input: the server sends its last results and `Metadata`, then closes; `events` ends. */
  readonly closeStream: Effect.Effect<void, DeepgramSocketError>
  /** The request id, once the server has told it. */
  readonly requestId: Effect.Effect<Option.Option<string>>
}

/**
 * A Flux `/v2/listen` session.
 *
 * @since 0.1.0
 * @category models
 */
export interface FluxSession {
  readonly events: Stream.Stream<FluxEvent, DeepgramSocketError>
  readonly send: (audio: Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  /** Changes thresholds, keyterms or language hints mid-stream; answered by `ConfigureSuccess` or `ConfigureFailure`. */
  readonly configure: (configure: FluxConfigure) => Effect.Effect<void, DeepgramSocketError | DeepgramInputError>
  /** Ends the input; the server closes when done (without a status, which is a normal end). */
  readonly closeStream: Effect.Effect<void, DeepgramSocketError>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Listen extends Context.Tag("@effect-deepgram/core/Listen")<Listen, Service>() {}

// With a callback Deepgram answers `{ request_id }` at once and POSTs the result later.
const transcribeOperation = operations["listen.v1.media.transcribe"]
const callbackOperation: typeof transcribeOperation = {
  ...transcribeOperation,
  response: ListenV1.AcceptedResponse as unknown as typeof transcribeOperation["response"]
}

const isBlob = (audio: Audio): audio is Blob => typeof Blob !== "undefined" && audio instanceof Blob

const audioStreamError = (cause: unknown): DeepgramError =>
  typeof cause === "object" && cause !== null && "_tag" in cause && String(cause._tag).startsWith("Deepgram")
    ? cause as DeepgramError
    : new DeepgramInputError({ reason: "AudioStream", detail: "the audio stream failed", cause })

/**
 * Builds the service from the HTTP layer and, when the runtime has one, a
 * file system.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Effect.gen(function*() {
  const http = yield* DeepgramHttp
  const fs = yield* Effect.serviceOption(FileSystem.FileSystem)
  const files = yield* Effect.serviceOption(DeepgramFiles)

  // Every prerecorded call is the catalog's `listen.v1.media.transcribe`, with the audio as the raw body.
  const post = (
    options: TranscribeOptions | undefined,
    requestOptions: RequestOptions | undefined,
    body: Effect.Effect<Body, DeepgramError>
  ): Effect.Effect<TranscriptionResponse | AcceptedResponse, DeepgramError> =>
    Effect.flatMap(body, (rawBody) =>
      Operation.call(
        http,
        options?.callback === undefined ? transcribeOperation : callbackOperation,
        { query: options ?? {}, rawBody },
        requestOptions
      ))

  const transcribeUrl = (url: string, options?: TranscribeOptions, requestOptions?: RequestOptions) =>
    post(options, requestOptions, Effect.succeed({ _tag: "Json", value: { url } }))

  const transcribe = (audio: Audio, options?: TranscribeOptions, requestOptions?: RequestOptions) => {
    return post(
      options,
      requestOptions,
      Effect.succeed(
        audio instanceof Uint8Array
          ? { _tag: "Bytes", bytes: audio, contentType: "application/octet-stream" }
          : isBlob(audio)
          ? { _tag: "Blob", blob: audio, contentType: audio.type === "" ? "application/octet-stream" : audio.type }
          : {
            _tag: "Stream",
            stream: Stream.mapError(audio, audioStreamError),
            contentType: "application/octet-stream",
            replayable: false
          }
      )
    )
  }

  const transcribeFile = (path: string, options?: TranscribeOptions, requestOptions?: RequestOptions) =>
    post(
      options,
      requestOptions,
      Option.isSome(files)
        ? Effect.map(files.value.open(path, "application/octet-stream"), (upload): Body => ({
          _tag: "Lazy",
          body: upload.body
        }))
        : Option.match(fs, {
        onNone: () =>
          Effect.fail(
            new DeepgramInputError({
              reason: "Unsupported",
              path,
              detail: "this runtime has no file system; pass the bytes or a stream to transcribe instead"
            })
          ),
        onSome: (fs) =>
          fs.stat(path).pipe(
            Effect.filterOrFail(
              (info) => info.type === "File",
              (info) => new DeepgramInputError({ reason: "File", path, detail: `not a file (${info.type})` })
            ),
            Effect.map((info) => ({
              _tag: "Stream" as const,
              stream: fs.stream(path, { chunkSize: 64 * 1024 }).pipe(
                Stream.mapError((error) => new DeepgramInputError({ reason: "File", path, detail: error.message, cause: error }))
              ),
              contentType: "application/octet-stream",
              contentLength: Number(info.size),
              replayable: true
            })),
            Effect.mapError((error) =>
              error._tag === "DeepgramInputError"
                ? error
                : new DeepgramInputError({ reason: "File", path, detail: `cannot read the file: ${error.message}`, cause: error })
            )
          )
      })
    )

  // Only these two services: the layer's own context must not stand in for the caller's Scope.
  const context = Context.pick(DeepgramConfig, DeepgramDialer)(yield* Effect.context<DeepgramConfig | DeepgramDialer>())
  const provide = <A, E>(effect: Effect.Effect<A, E, Scope.Scope | DeepgramConfig | DeepgramDialer>) =>
    Effect.provide(effect, context)

  const liveSession = (options?: LiveOptions, connectOptions?: ConnectOptions) =>
    Effect.gen(function*() {
      const query = yield* validateLiveOptions(ListenV1.LiveOptions, options ?? {})
      const session = yield* provide(connect(listenV1Channel, { ...connectOptions, query: { ...query, ...connectOptions?.query } }))
      return {
        events: session.events,
        send: session.sendBinary,
        finalize: Effect.catchTag(session.send({ type: "Finalize" }), "DeepgramInputError", Effect.die),
        keepAlive: session.sendText(KEEP_ALIVE),
        closeStream: session.close,
        requestId: session.requestId
      } satisfies LiveSession
    })

  // One scoped setup per stream, with the services provided to it once: the events then cross
  // no other stream layer than the pull itself.
  const liveStreamOf = <Event, A, I>(
    schema: Schema.Schema<A, I>,
    spec: ChannelSpec<Event>,
    resume: live.Resume<Event>
  ) =>
  <E>(
    audio: Stream.Stream<Uint8Array, E>,
    options: Readonly<Record<string, unknown>>,
    connectOptions: ConnectOptions | undefined
  ): Stream.Stream<Event | Reconnected, DeepgramError | E> =>
    live.scopedPull(
      Effect.flatMap(validateLiveOptions(schema, options), (query) => {
        const reconnect = connectOptions?.reconnect
        const requireEncoding = live.requireEncodingForRaw(options)
        return live.setup(spec, audio, { ...connectOptions, query: { ...query, ...connectOptions?.query } }, {
          firstChunk: reconnect === undefined || reconnect === false
            ? requireEncoding
            : (chunk) => Effect.zipRight(requireEncoding(chunk), live.requireRawForReconnect(chunk)),
          audio: live.rawAudioOf(options),
          reconnect: reconnect === undefined || reconnect === false ? undefined : {
            policy: reconnect === true ? {} : reconnect,
            resume
          }
        })
      }).pipe(Effect.provide(context))
    )
  const liveV1 = liveStreamOf(ListenV1.LiveOptions, listenV1Channel, listenV1Resume)
  const liveStream = <E>(audio: Stream.Stream<Uint8Array, E>, options?: LiveOptions, connectOptions?: ConnectOptions) =>
    liveV1(audio, options ?? {}, connectOptions)

  const fluxSession = (options: FluxOptions, connectOptions?: ConnectOptions) =>
    Effect.gen(function*() {
      const query = yield* validateLiveOptions(ListenV2.LiveOptions, options)
      const session = yield* provide(connect(listenV2Channel(), { ...connectOptions, query: { ...query, ...connectOptions?.query } }))
      return {
        events: session.events,
        send: session.sendBinary,
        // Checked against the Configure schema (no unknown field), then sent as a text frame.
        configure: (configure: FluxConfigure) => session.send({ ...configure, type: "Configure" }),
        closeStream: session.close,
        requestId: session.requestId
      } satisfies FluxSession
    })

  const fluxV2 = liveStreamOf(ListenV2.LiveOptions, listenV2Channel(), listenV2Resume)
  const fluxStream = <E>(audio: Stream.Stream<Uint8Array, E>, options: FluxOptions, connectOptions?: ConnectOptions) =>
    fluxV2(audio, options, connectOptions)

  return {
    live: liveStream as LiveStream<LiveEvent>,
    liveSession,
    flux: fluxStream as FluxStream,
    fluxSession,
    transcribeUrl: transcribeUrl as Transcribe<string>,
    transcribe: transcribe as Transcribe<Audio>,
    transcribeFile: transcribeFile as Transcribe<string>
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Listen, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Layer.effect(
  Listen,
  make
)

const KEEP_ALIVE = JSON.stringify({ type: "KeepAlive" })
const CLOSE_STREAM = JSON.stringify({ type: "CloseStream" })

const decodeWith = <A, E extends { readonly detail: string }>(decode: (text: string) => Either.Either<A, E>) =>
(text: string) => Either.mapLeft(decode(text), (error) => ({ issue: error.detail }))

const listenV1Channel: ChannelSpec<LiveEvent, ListenV1.ClientMessage> = {
  operation: "listen.v1.live",
  path: "/v1/listen",
  endpoint: "websocket",
  decodeText: decodeWith(ListenV1.decodeServerMessageEither),
  decodeBinary: undefined,
  invalidIssue: (message) => (ListenV1.isInvalid(message) ? message.issue : undefined),
  encodeClient: jsonMessages(ListenV1.ClientMessage),
  // Deepgram closes a listen socket after 10 s without audio or KeepAlive.
  keepAlive: { _tag: "Message", message: KEEP_ALIVE, interval: Duration.seconds(4), idleOnly: true },
  closeMessage: CLOSE_STREAM,
  requestIdOf: (message) =>
    message.type === "Metadata" ? message.request_id : message.type === "Results" ? message.metadata?.request_id : undefined
}

// Reconnect: final results cover the audio up to their end; later connections are shifted by their offset.
const shift = (seconds: number, offset: number) => Math.round((seconds + offset) * 1e6) / 1e6

const listenV1Resume: live.Resume<LiveEvent> = {
  covered: (message) =>
    message.type === "Results" && message.is_final === true ? message.start + message.duration : undefined,
  rebase: (message, offset) => {
    if (offset === 0) return message
    switch (message.type) {
      case "Results":
        return {
          ...message,
          start: shift(message.start, offset),
          channel: {
            ...message.channel,
            alternatives: message.channel.alternatives.map((alternative) => ({
              ...alternative,
              words: alternative.words.map((word) => ({ ...word, start: shift(word.start, offset), end: shift(word.end, offset) }))
            }))
          }
        }
      case "Metadata":
        return { ...message, duration: shift(message.duration, offset) }
      case "UtteranceEnd":
        return { ...message, last_word_end: shift(message.last_word_end, offset) }
      case "SpeechStarted":
        return { ...message, timestamp: shift(message.timestamp, offset) }
      default:
        return message
    }
  }
}

const listenV2Resume: live.Resume<FluxEvent> = {
  covered: (message) =>
    message.type === "TurnInfo" && message.event === "EndOfTurn" ? message.audio_window_end : undefined,
  rebase: (message, offset, state) => {
    if (message.type !== "TurnInfo") return message
    if (message.event === "EndOfTurn") state.turnsSeen = Math.max(state.turnsSeen, message.turn_index + 1)
    if (offset === 0 && state.turnBase === 0) return message
    return {
      ...message,
      turn_index: message.turn_index + state.turnBase,
      audio_window_start: shift(message.audio_window_start, offset),
      audio_window_end: shift(message.audio_window_end, offset),
      words: message.words.map((word) => ({
        ...word,
        ...(word.start === undefined ? {} : { start: shift(word.start, offset) }),
        ...("end" in word && typeof word.end === "number" ? { end: shift(word.end, offset) } : {})
      }))
    }
  }
}

const listenV2Channel = (): ChannelSpec<FluxEvent, ListenV2.ClientMessage> => ({
  operation: "listen.v2.live",
  path: "/v2/listen",
  endpoint: "websocket",
  decodeText: decodeWith(ListenV2.decodeServerMessageEither),
  decodeBinary: undefined,
  invalidIssue: (message) => (ListenV2.isInvalid(message) ? message.issue : undefined),
  encodeClient: jsonMessages(ListenV2.ClientMessage),
  // A JSON KeepAlive kills a Flux socket: ping frames only.
  keepAlive: { _tag: "Ping", interval: Duration.seconds(20) },
  closeMessage: CLOSE_STREAM,
  requestIdOf: (message) => ("request_id" in message && typeof message.request_id === "string" ? message.request_id : undefined)
})

const validateLiveOptions = <A, I>(schema: Schema.Schema<A, I>, options: unknown) =>
  Schema.encodeUnknown(schema)(options, { onExcessProperty: "error" }).pipe(
    Effect.mapError((error) => invalidInput("invalid live options", error)),
    Effect.filterOrFail(
      (encoded) => {
        const record = encoded as Record<string, unknown>
        return record.encoding === undefined || record.sample_rate !== undefined
      },
      () =>
        new DeepgramInputError({
          reason: "InvalidOptions",
          detail: "`encoding` names raw audio, which also needs `sample_rate`"
        })
    ),
    Effect.map((encoded) => encoded as Readonly<Record<string, unknown>>)
  )

/**
 * Keeps only final transcripts (`is_final` results with text).
 *
 * @example
 * ```ts
 * import { Listen } from "@effect-deepgram/core"
 * import { Effect, Stream } from "effect"
 *
 * declare const audio: Stream.Stream<Uint8Array>
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   yield* listen.live(audio, { model: "nova-3", encoding: "linear16", sample_rate: 16000 }).pipe(
 *     Listen.finalTranscripts,
 *     Stream.runForEach((text) => Effect.log(text))
 *   )
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const finalTranscripts = <E, R>(
  events: Stream.Stream<LiveEvent | Reconnected, E, R>
): Stream.Stream<string, E, R> =>
  Stream.filterMap(events, (event) => {
    if (event.type !== "Results" || event.is_final !== true) return Option.none()
    const text = event.channel.alternatives[0]?.transcript ?? ""
    return text === "" ? Option.none() : Option.some(text)
  })

/**
 * Assembles utterances: final results are joined until Deepgram marks the
 * end of speech (`speech_final`) or sends `UtteranceEnd`; what is left when
 * the stream ends is emitted too.
 *
 * @since 0.1.0
 * @category combinators
 */
export const utterances = <E, R>(
  events: Stream.Stream<LiveEvent | Reconnected, E, R>
): Stream.Stream<string, E, R> =>
  Stream.suspend(() => {
    let parts: Array<string> = []
    const flush = (): Option.Option<string> => {
      if (parts.length === 0) return Option.none()
      const utterance = parts.join(" ")
      parts = []
      return Option.some(utterance)
    }
    return events.pipe(
      Stream.filterMap((event) => {
        if (event.type === "Results" && event.is_final === true) {
          const text = event.channel.alternatives[0]?.transcript ?? ""
          if (text !== "") parts.push(text)
          return event.speech_final === true ? flush() : Option.none()
        }
        return event.type === "UtteranceEnd" ? flush() : Option.none()
      }),
      Stream.concat(Stream.suspend(() => Stream.fromIterable(Option.toArray(flush()))))
    )
  })
