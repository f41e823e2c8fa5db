// internal
import * as SpeakV1 from "@effect-deepgram/schema/SpeakV1"
import * as SpeakV2 from "@effect-deepgram/schema/SpeakV2"
import type * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError, type DeepgramSocketError } from "../DeepgramError.js"
import type { DeepgramDialer } from "../DeepgramSocket.js"
import { type ChannelSpec, connect, type ConnectOptions, jsonMessages, type Session } from "./channel.js"
import * as live from "./live.js"
import { type Flush, splitText } from "./sentences.js"
import { formatIssues } from "./issues.js"

// ---------------------------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------------------------

/** Deepgram's limit on the text of one `Speak` message. */
export const MAX_MESSAGE_CHARS = 2000

export interface Clear {
  readonly type: "Clear"
}

/** A chunk of synthesized audio, in arrival order. */
export interface AudioChunk {
  readonly type: "Audio"
  readonly data: Uint8Array
}

/** A chunk of Flux TTS audio with its place in the session's audio timeline. */
export interface TimedAudioChunk {
  readonly type: "Audio"
  readonly data: Uint8Array
  /** Where the chunk starts, in milliseconds of session audio. */
  readonly startMs: number
  /** Where the chunk ends, in milliseconds of session audio. */
  readonly endMs: number
}

export type V1Input = string | Flush | Clear
export type V1Event = AudioChunk | SpeakV1.ServerMessage

const ControlsApplied = Schema.Struct({
  pronunciations_applied: Schema.optional(Schema.Number),
  breaks_applied: Schema.optional(Schema.Number),
  pronunciation_warnings: Schema.optional(Schema.Number)
})

/** `SpeechInterrupted`: the answer to `Interrupt`, with what was spoken of the turn. */
export const SpeechInterrupted = Schema.Struct({
  type: Schema.Literal("SpeechInterrupted"),
  audio_played_ms: Schema.Number,
  text_spoken: Schema.optional(Schema.String),
  text_remaining: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.Struct({
    speech_id: Schema.String,
    audio_duration_ms: Schema.optional(Schema.Number),
    input_character_count: Schema.optional(Schema.Number),
    billable_character_count: Schema.optional(Schema.Number),
    controls_applied: Schema.optional(ControlsApplied)
  }))
})
export type SpeechInterrupted = typeof SpeechInterrupted.Type

/** `ConfigureSuccess`: the settings now in force. */
export const ConfigureSuccess = Schema.Struct({
  type: Schema.Literal("ConfigureSuccess"),
  applied: Schema.Struct({ speed: Schema.optional(Schema.Number) })
})
export type ConfigureSuccess = typeof ConfigureSuccess.Type

/** `ConfigureFailure`: a `Configure` was refused (`SPEED_OUT_OF_RANGE`, …). */
export const ConfigureFailure = Schema.Struct({
  type: Schema.Literal("ConfigureFailure"),
  code: Schema.String,
  field: Schema.optional(Schema.String),
  value: Schema.optional(Schema.Number),
  description: Schema.String
})
export type ConfigureFailure = typeof ConfigureFailure.Type

/** `Interrupt`: stop the current turn; `playback_offset` tells how much session audio was played. */
export const Interrupt = Schema.Struct({
  type: Schema.Literal("Interrupt"),
  playback_offset: Schema.optional(Schema.Struct({
    type: Schema.Literal("time_ms"),
    value: Schema.Number.pipe(Schema.int(), Schema.nonNegative())
  }))
})
export type Interrupt = typeof Interrupt.Type

/** `Configure`: change settings mid-session (the speaking rate). */
export const Configure = Schema.Struct({
  type: Schema.Literal("Configure"),
  speed: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.positive()))
})
export type Configure = typeof Configure.Type

export type V2Input = string | Flush | Interrupt | Configure
export type V2Event =
  | TimedAudioChunk
  | SpeakV2.ServerMessage
  | SpeechInterrupted
  | ConfigureSuccess
  | ConfigureFailure

/** Stream and session settings beyond the socket's. */
export interface SpeakConnectOptions extends ConnectOptions {
  /**
   * How many flushes may be waiting for their `Flushed` at once (2 by
   * default): a further flush waits until the consumer has received the audio
   * of an earlier one, so a slow audio consumer slows the text producer.
   */
  readonly maxPendingFlushes?: number | undefined
  /** Text longer than this is sent as several `Speak` messages (2000 characters, Deepgram's limit). */
  readonly maxMessageChars?: number | undefined
}

// ---------------------------------------------------------------------------------------------------------------
// channels
// ---------------------------------------------------------------------------------------------------------------

const decodeWith = <A, E extends { readonly detail: string }>(decode: (text: string) => Either.Either<A, E>) =>
(text: string) => Either.mapLeft(decode(text), (error) => ({ issue: error.detail }))

const CLOSE = JSON.stringify({ type: "Close" })
const FLUSH = JSON.stringify({ type: "Flush" })
const CLEAR = JSON.stringify({ type: "Clear" })

type V1Client = typeof SpeakV1.ClientMessage.Type

const v1Channel: ChannelSpec<V1Event, V1Client> = {
  operation: "speak.v1.live",
  path: "/v1/speak",
  endpoint: "websocket",
  decodeText: decodeWith(SpeakV1.decodeServerMessageEither),
  decodeBinary: (data) => ({ type: "Audio", data }),
  encodeClient: jsonMessages(SpeakV1.ClientMessage),
  // Text-to-speech sockets have no keepalive message.
  keepAlive: { _tag: "None" },
  closeMessage: CLOSE,
  requestIdOf: (message) => (message.type === "Metadata" ? message.request_id : undefined)
}

// Flux TTS messages the vendored spec does not list yet (Deepgram's SDKs have them).
const decodeExtra = Schema.decodeUnknownEither(Schema.Union(SpeechInterrupted, ConfigureSuccess, ConfigureFailure))

const decodeV2 = (text: string): Either.Either<Exclude<V2Event, TimedAudioChunk>, { readonly issue: string }> =>
  Either.map(decodeWith(SpeakV2.decodeServerMessageEither)(text), (message) => {
    if (message.type !== "Unknown") return message
    const type = message.raw.type
    if (type !== "SpeechInterrupted" && type !== "ConfigureSuccess" && type !== "ConfigureFailure") return message
    const decoded = decodeExtra(message.raw)
    return Either.isRight(decoded) ? decoded.right : message
  })

const bytesPerMs = (options: { readonly encoding?: unknown; readonly sample_rate?: unknown }): number => {
  const rate = Number(options.sample_rate)
  const bytesPerSample = options.encoding === "mulaw" || options.encoding === "alaw" ? 1 : 2
  return (rate * bytesPerSample) / 1000
}

/** Every client message of Flux TTS, with the two the vendored spec does not list yet. */
const V2Client = Schema.Union(SpeakV2.Speak, SpeakV2.Flush, SpeakV2.Close, Interrupt, Configure)
type V2Client = typeof V2Client.Type

/** A fresh spec per connection: binary frames are stamped with their place in the session's audio. */
const v2Channel = (perMs: number): ChannelSpec<V2Event, V2Client> => {
  let received = 0
  return {
    operation: "speak.v2.live",
    path: "/v2/speak",
    endpoint: "websocket",
    decodeText: decodeV2,
    encodeClient: jsonMessages(V2Client),
    decodeBinary: (data) => {
      const startMs = received / perMs
      received += data.byteLength
      return { type: "Audio", data, startMs, endMs: received / perMs }
    },
    keepAlive: { _tag: "None" },
    closeMessage: CLOSE,
    requestIdOf: (message) => (message.type === "Connected" ? message.request_id : undefined)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// validation
// ---------------------------------------------------------------------------------------------------------------

const invalid = (what: string, error: ParseResult.ParseError) =>
  new DeepgramInputError({
    reason: "InvalidOptions",
    detail: `invalid ${what}: ${formatIssues(error)}`,
    cause: error
  })

const validateQuery = <A, I>(schema: Schema.Schema<A, I>, options: unknown) =>
  Schema.encodeUnknown(schema)(options, { onExcessProperty: "error" }).pipe(
    Effect.mapError((error) => invalid("speak options", error)),
    Effect.map((encoded) => encoded as Readonly<Record<string, unknown>>)
  )

/** Flux TTS audio is raw, so its sample rate is always sent: it is what turns bytes into milliseconds. */
const v2Query = (options: V2Options) =>
  Effect.flatMap(validateQuery(SpeakV2.LiveOptions, options), (query) => {
    if (query.model === undefined) {
      return Effect.fail(
        new DeepgramInputError({ reason: "InvalidOptions", detail: "`model` is required on /v2/speak (e.g. flux-alexis-en)" })
      )
    }
    const sample_rate = query.sample_rate ?? (query.encoding === "mulaw" || query.encoding === "alaw" ? 8000 : 24000)
    return Effect.succeed({ ...query, sample_rate })
  })

const validateMessage = <A, I>(schema: Schema.Schema<A, I>, what: string) => (message: unknown) =>
  Schema.encodeUnknown(schema)(message, { onExcessProperty: "error" }).pipe(
    Effect.mapError((error) => invalid(what, error))
  )

const validateInterrupt = validateMessage(Interrupt, "Interrupt message")
const validateConfigure = validateMessage(Configure, "Configure message")

// ---------------------------------------------------------------------------------------------------------------
// flow control
// ---------------------------------------------------------------------------------------------------------------

/**
 * Flushes waiting for their answer. A flush waits while `max` are
 * outstanding; the consumer's receipt of `Flushed` (or `Cleared`, or an
 * interruption, which answer every flush) answers one. Plain counters and a
 * latch: the answers are counted synchronously as events pass.
 */
const makeFlushes = (max: number) => {
  let outstanding = 0
  const changed = Effect.unsafeMakeLatch(true)
  const waitUntil = (ready: () => boolean): Effect.Effect<void> =>
    Effect.suspend(() => {
      if (ready()) return Effect.void
      changed.unsafeClose()
      return Effect.zipRight(changed.await, waitUntil(ready))
    })
  const answer = (n: number) => {
    if (outstanding === 0) return
    outstanding = Math.max(0, outstanding - n)
    changed.unsafeOpen()
  }
  return {
    take: Effect.zipRight(
      waitUntil(() => outstanding < max),
      Effect.sync(() => {
        outstanding++
      })
    ),
    answerOne: () => answer(1),
    answerAll: () => answer(outstanding),
    allAnswered: waitUntil(() => outstanding === 0)
  }
}

type Flushes = ReturnType<typeof makeFlushes>

/** A warning about flushing (Deepgram allows 20 flushes a minute) means that flush gets no `Flushed`. */
const isFlushWarning = (event: { readonly code?: unknown; readonly description?: unknown }) =>
  /flush/i.test(`${String(event.code ?? "")} ${String(event.description ?? "")}`)

/** Calls `f` on every event as its chunk is pulled downstream (synchronously, no Effect per element). */
const observe = <A, E, R>(events: Stream.Stream<A, E, R>, f: (event: A) => void): Stream.Stream<A, E, R> =>
  Stream.mapChunks(events, (chunk) => {
    for (const event of chunk) f(event)
    return chunk
  })

// ---------------------------------------------------------------------------------------------------------------
// the text sender shared by the stream and session forms
// ---------------------------------------------------------------------------------------------------------------

interface Sender {
  readonly speak: (text: string) => Effect.Effect<void, DeepgramSocketError>
  readonly flush: Effect.Effect<void, DeepgramSocketError>
  /** Flushes what was spoken since the last flush, waits for every answer (bounded), then sends `Close`. */
  readonly finish: Effect.Effect<void, DeepgramSocketError>
  readonly sentSinceFlush: () => boolean
}

const maxChars = (options: SpeakConnectOptions) => Math.max(1, options.maxMessageChars ?? MAX_MESSAGE_CHARS)

const makeSender = <Event, Client>(
  session: Session<Event, Client>,
  flushes: Flushes,
  options: SpeakConnectOptions
): Sender => {
  const max = maxChars(options)
  let sinceFlush = false
  const speak = (text: string) =>
    Effect.suspend(() => {
      if (text.length === 0) return Effect.void
      sinceFlush = true
      return Effect.forEach(splitText(text, max), (piece) => session.sendText(JSON.stringify({ type: "Speak", text: piece })), {
        discard: true
      })
    })
  const flush = Effect.suspend(() => {
    sinceFlush = false
    return Effect.zipRight(flushes.take, session.sendText(FLUSH))
  })
  const finish = Effect.suspend(() => (sinceFlush ? flush : Effect.void)).pipe(
    Effect.zipRight(
      Effect.timeoutOption(flushes.allAnswered, Duration.decode(options.closeTimeout ?? "30 seconds"))
    ),
    Effect.zipRight(session.close)
  )
  return { speak, flush, finish, sentSinceFlush: () => sinceFlush }
}

/** A text item of the input, as `Speak` messages within the per-message limit. */
const speakMessages = (text: string, max: number): ReadonlyArray<{ readonly type: "Speak"; readonly text: string }> =>
  text.length === 0 ? [] : splitText(text, max).map((piece) => ({ type: "Speak" as const, text: piece }))

/**
 * The stream form, on the live data path of the socket layer: input items
 * become typed client messages, written by one fiber as they are pulled (a
 * `Flush` waits while `maxPendingFlushes` are unanswered); when the input
 * ends, what was spoken since the last flush is flushed, every answer awaited
 * (bounded by `closeTimeout`) and `Close` sent, and events flow until the
 * server closes. If the input or a send fails, the socket is closed and, after
 * every event received until then, the stream fails with that error.
 */
const textDuplex = <Event, Client, Input, E>(
  spec: ChannelSpec<Event, Client>,
  input: Stream.Stream<Input, E>,
  connectOptions: SpeakConnectOptions,
  toMessages: (item: Input) => ReadonlyArray<Client> | "Flush",
  flushMessage: Client,
  onEvent: (event: Event, flushes: Flushes) => void
): Stream.Stream<Event, DeepgramError | E, DeepgramConfig | DeepgramDialer> =>
  Stream.suspend(() => {
    const flushes = makeFlushes(Math.max(1, connectOptions.maxPendingFlushes ?? 2))
    const closeTimeout = Duration.decode(connectOptions.closeTimeout ?? "30 seconds")
    let sinceFlush = false
    const flush = Effect.as(flushes.take, [flushMessage])
    const messages = input.pipe(
      Stream.mapEffect((item): Effect.Effect<ReadonlyArray<Client>> => {
        const out = toMessages(item)
        if (out === "Flush") {
          sinceFlush = false
          return flush
        }
        if (out.length > 0) sinceFlush = true
        return Effect.succeed(out)
      }),
      Stream.concat(Stream.suspend(() => (sinceFlush ? Stream.fromEffect(flush) : Stream.empty))),
      Stream.flattenIterables,
      Stream.concat(Stream.execute(Effect.timeoutOption(flushes.allAnswered, closeTimeout)))
    )
    return live.scopedPull(
      Effect.map(
        live.setup(spec, messages, connectOptions),
        (pull) =>
          Effect.map(pull, (chunk) => {
            const events = chunk as Chunk.Chunk<Event>
            for (const event of events) onEvent(event, flushes)
            return events
          })
      )
    )
  })

// ---------------------------------------------------------------------------------------------------------------
// v1
// ---------------------------------------------------------------------------------------------------------------

export type V1Options = typeof SpeakV1.LiveOptions.Type

const onV1Event = (event: V1Event, flushes: Flushes): void => {
  switch (event.type) {
    case "Flushed":
      return flushes.answerOne()
    case "Cleared":
      return flushes.answerAll()
    case "Warning":
      if (isFlushWarning(event)) flushes.answerOne()
  }
}

const withQuery = (connectOptions: ConnectOptions | undefined, query: Readonly<Record<string, unknown>>) => ({
  ...connectOptions,
  query: { ...query, ...connectOptions?.query }
})

export const liveV1 = <E>(
  input: Stream.Stream<V1Input, E>,
  options: V1Options = {},
  connectOptions: SpeakConnectOptions = {}
): Stream.Stream<V1Event, DeepgramError | E, DeepgramConfig | DeepgramDialer> =>
  Stream.unwrap(Effect.map(validateQuery(SpeakV1.LiveOptions, options), (query) =>
    textDuplex(
      v1Channel,
      input,
      withQuery(connectOptions, query),
      (item): ReadonlyArray<V1Client> | "Flush" =>
        typeof item === "string"
          ? speakMessages(item, maxChars(connectOptions))
          : item.type === "Flush"
          ? "Flush"
          : [{ type: "Clear" }],
      { type: "Flush" },
      onV1Event
    )))

export interface V1Session {
  readonly events: Stream.Stream<V1Event, DeepgramSocketError>
  readonly speak: (text: string) => Effect.Effect<void, DeepgramSocketError>
  readonly flush: Effect.Effect<void, DeepgramSocketError>
  readonly clear: Effect.Effect<void, DeepgramSocketError>
  readonly close: Effect.Effect<void, DeepgramSocketError>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

export const sessionV1 = (
  options: V1Options = {},
  connectOptions: SpeakConnectOptions = {}
): Effect.Effect<V1Session, DeepgramError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.gen(function*() {
    const query = yield* validateQuery(SpeakV1.LiveOptions, options)
    const session = yield* connect(v1Channel, withQuery(connectOptions, query))
    const flushes = makeFlushes(Math.max(1, connectOptions.maxPendingFlushes ?? Number.MAX_SAFE_INTEGER))
    const sender = makeSender(session, flushes, connectOptions)
    return {
      events: observe(session.events, (event) => onV1Event(event, flushes)),
      speak: sender.speak,
      flush: sender.flush,
      clear: session.sendText(CLEAR),
      close: session.close,
      requestId: session.requestId
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// v2 (Flux TTS)
// ---------------------------------------------------------------------------------------------------------------

export type V2Options = typeof SpeakV2.LiveOptions.Type

/** How much audio the consumer has received. */
export interface Delivered {
  readonly bytes: number
  readonly ms: number
}

const makeDelivery = () => {
  let bytes = 0
  let ms = 0
  return {
    track: (event: V2Event) => {
      if (event.type === "Audio") {
        bytes += event.data.byteLength
        ms = event.endMs
      }
    },
    get: Effect.sync((): Delivered => ({ bytes, ms }))
  }
}

const onV2Event = (event: V2Event, flushes: Flushes): void => {
  switch (event.type) {
    case "Flushed":
      return flushes.answerOne()
    case "SpeechInterrupted":
      return flushes.answerAll()
    case "Warning":
      // A flush with no turn in progress is answered by NO_ACTIVE_SPEECH instead of Flushed.
      if (isFlushWarning(event) || event.code === "NO_ACTIVE_SPEECH") flushes.answerOne()
  }
}

const interruptMessage = (playedMs: number | undefined) =>
  playedMs === undefined
    ? { type: "Interrupt" as const }
    : { type: "Interrupt" as const, playback_offset: { type: "time_ms" as const, value: Math.round(playedMs) } }

export const liveV2 = <E>(
  input: Stream.Stream<V2Input, E>,
  options: V2Options,
  connectOptions: SpeakConnectOptions = {}
): Stream.Stream<V2Event, DeepgramError | E, DeepgramConfig | DeepgramDialer> =>
  Stream.unwrap(Effect.map(v2Query(options), (query) =>
    textDuplex(
      v2Channel(bytesPerMs(query)),
      input,
      withQuery(connectOptions, query),
      (item): ReadonlyArray<V2Client> | "Flush" =>
        typeof item === "string" ? speakMessages(item, maxChars(connectOptions)) : item.type === "Flush" ? "Flush" : [item],
      { type: "Flush" },
      onV2Event
    )))

export interface V2Session {
  readonly events: Stream.Stream<V2Event, DeepgramSocketError>
  readonly speak: (text: string) => Effect.Effect<void, DeepgramSocketError>
  readonly flush: Effect.Effect<void, DeepgramSocketError>
  /**
   * Stops the current turn. `playedMs` is how much session audio the user
   * heard; by default, all the audio the consumer of `events` has received.
   */
  readonly interrupt: (playedMs?: number) => Effect.Effect<void, DeepgramError>
  readonly configure: (configure: Omit<Configure, "type">) => Effect.Effect<void, DeepgramError>
  /** How much audio the consumer of `events` has received. */
  readonly delivered: Effect.Effect<Delivered>
  readonly close: Effect.Effect<void, DeepgramSocketError>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

export const sessionV2 = (
  options: V2Options,
  connectOptions: SpeakConnectOptions = {}
): Effect.Effect<V2Session, DeepgramError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.gen(function*() {
    const query = yield* v2Query(options)
    const session = yield* connect(v2Channel(bytesPerMs(query)), withQuery(connectOptions, query))
    const flushes = makeFlushes(Math.max(1, connectOptions.maxPendingFlushes ?? Number.MAX_SAFE_INTEGER))
    const sender = makeSender(session, flushes, connectOptions)
    const delivery = makeDelivery()
    const sendValidated = <A, I>(validate: (message: unknown) => Effect.Effect<I, DeepgramInputError>, message: A) =>
      Effect.flatMap(validate(message), (encoded) => session.sendText(JSON.stringify(encoded)))
    return {
      // One event per pull: audio counts as delivered when the consumer takes it, not when its whole batch arrived.
      events: observe(Stream.rechunk(session.events, 1), (event) => {
        delivery.track(event)
        onV2Event(event, flushes)
      }),
      speak: sender.speak,
      flush: sender.flush,
      interrupt: (playedMs) =>
        Effect.flatMap(
          playedMs === undefined ? Effect.map(delivery.get, (d) => d.ms) : Effect.succeed(playedMs),
          (ms) => sendValidated(validateInterrupt, interruptMessage(ms))
        ),
      configure: (configure) => sendValidated(validateConfigure, { ...configure, type: "Configure" }),
      delivered: delivery.get,
      close: session.close,
      requestId: session.requestId
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// audio helpers
// ---------------------------------------------------------------------------------------------------------------

/** Keeps the audio of a speak or agent event stream. */
export const audioOf = <A extends { readonly type: string }, E, R>(
  events: Stream.Stream<A, E, R>
): Stream.Stream<Uint8Array, E, R> =>
  Stream.filterMap(events, (event) =>
    event.type === "Audio" ? Option.some((event as unknown as AudioChunk).data) : Option.none()
  )

export interface WavOptions {
  readonly sampleRate: number
  readonly channels?: number | undefined
  /** 16 for linear16 (default), 8 for mulaw/alaw. */
  readonly bitsPerSample?: number | undefined
  /** WAVE format code: 1 PCM (default), 6 A-law, 7 µ-law. */
  readonly format?: 1 | 6 | 7 | undefined
}

/**
 * A 44-byte WAV header. With `dataBytes` the sizes are exact; without, they
 * are the maximum, as for a stream of unknown length (players read to the end).
 */
export const wavHeader = (options: WavOptions, dataBytes?: number): Uint8Array => {
  const channels = options.channels ?? 1
  const bits = options.bitsPerSample ?? 16
  const blockAlign = channels * (bits / 8)
  const data = dataBytes ?? 0xffffffff - 36
  const header = new Uint8Array(44)
  const view = new DataView(header.buffer)
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i)
  }
  ascii(0, "RIFF")
  view.setUint32(4, Math.min(0xffffffff, 36 + data), true)
  ascii(8, "WAVE")
  ascii(12, "fmt ")
  view.setUint32(16, 16, true)
  view.setUint16(20, options.format ?? 1, true)
  view.setUint16(22, channels, true)
  view.setUint32(24, options.sampleRate, true)
  view.setUint32(28, options.sampleRate * blockAlign, true)
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, bits, true)
  ascii(36, "data")
  view.setUint32(40, data, true)
  return header
}

/** Prefixes raw audio with a streaming WAV header, so that it can be written to a `.wav` file as it arrives. */
export const toWav = <E, R>(audio: Stream.Stream<Uint8Array, E, R>, options: WavOptions): Stream.Stream<Uint8Array, E, R> =>
  Stream.concat(Stream.sync(() => wavHeader(options)), audio)

/** A complete WAV file (exact sizes) from raw audio chunks. */
export const wavFile = (chunks: Iterable<Uint8Array>, options: WavOptions): Uint8Array => {
  const parts = Array.from(chunks)
  const size = parts.reduce((n, part) => n + part.byteLength, 0)
  const out = new Uint8Array(44 + size)
  out.set(wavHeader(options, size), 0)
  let offset = 44
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
