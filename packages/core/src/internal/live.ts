// internal
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import type { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError } from "../DeepgramError.js"
import type { DeepgramDialer } from "../DeepgramSocket.js"
import { type ChannelSpec, connect, type ConnectOptions, type Session } from "./channel.js"

/** How many audio chunks may wait, e.g. while the handshake is in flight. */
const OUTBOX_CHUNKS = 64

/**
 * The stream form of a channel: audio goes up (pulled while the socket opens,
 * bounded), events come down; when the audio ends the channel's close message
 * is sent and events keep flowing until the server closes. If the audio or a
 * send fails, the socket is closed and, after every event received until then,
 * the stream fails with that error.
 */
export const duplex = <Server, E>(
  spec: ChannelSpec<Server>,
  audio: Stream.Stream<Uint8Array, E>,
  options: ConnectOptions,
  firstChunk: (chunk: Uint8Array) => Effect.Effect<void, DeepgramInputError>
): Stream.Stream<Server, DeepgramError | E, DeepgramConfig | DeepgramDialer> =>
  Stream.unwrapScoped(
    Effect.gen(function*() {
      const ended = Symbol()
      const outbox = yield* Queue.bounded<Chunk.Chunk<Uint8Array> | typeof ended>(OUTBOX_CHUNKS)
      // A failure of the audio or of a send; the event stream reports it once the socket has closed.
      let failure: Option.Option<DeepgramError | E> = Option.none()
      let session: Session<Server> | undefined
      const fail = (error: DeepgramError | E) =>
        Effect.suspend(() => {
          if (Option.isNone(failure)) failure = Option.some(error)
          return session === undefined ? Effect.void : session.abort
        })
      let checked = false
      yield* audio.pipe(
        Stream.runForEachChunk((chunk) => {
          if (!checked) {
            const first = Chunk.findFirst(chunk, (bytes) => bytes.byteLength > 0)
            if (first._tag === "Some") {
              checked = true
              return Effect.zipRight(firstChunk(first.value), Queue.offer(outbox, chunk))
            }
          }
          return Queue.offer(outbox, chunk)
        }),
        Effect.zipRight(Queue.offer(outbox, ended)),
        Effect.catchAll(fail),
        Effect.forkScoped
      )
      const opened = yield* connect(spec, options)
      session = opened
      if (Option.isSome(failure)) return Stream.fail(failure.value)
      const pump: Effect.Effect<void, DeepgramError> = Effect.flatMap(
        Queue.take(outbox),
        (next) => next === ended ? opened.close : Effect.zipRight(opened.sendBinaryAll(next), pump)
      )
      yield* pump.pipe(Effect.catchAll(fail), Effect.forkScoped)
      return Stream.concat(
        opened.events,
        Stream.suspend(() => Option.match(failure, { onNone: () => Stream.empty, onSome: Stream.fail }))
      )
    })
  )

const startsWith = (bytes: Uint8Array, ascii: string, offset = 0) => {
  if (bytes.byteLength < offset + ascii.length) return false
  for (let i = 0; i < ascii.length; i++) {
    if (bytes[offset + i] !== ascii.charCodeAt(i)) return false
  }
  return true
}

/**
 * Whether audio starts with a container header Deepgram can sniff (WAV,
 * FLAC, Ogg, MP3, WebM/Matroska, MP4/M4A, AAC ADTS, AMR).
 */
export const isContainer = (bytes: Uint8Array): boolean =>
  startsWith(bytes, "RIFF") || startsWith(bytes, "fLaC") || startsWith(bytes, "OggS") || startsWith(bytes, "ID3") ||
  startsWith(bytes, "#!AMR") || startsWith(bytes, "ftyp", 4) ||
  (bytes.byteLength >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) ||
  (bytes.byteLength >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)

/**
 * Raw audio needs `encoding` and `sample_rate`; a container header carries
 * them itself.
 */
export const requireEncodingForRaw = (options: { readonly encoding?: unknown; readonly sample_rate?: unknown }) =>
(chunk: Uint8Array): Effect.Effect<void, DeepgramInputError> =>
  options.encoding === undefined && !isContainer(chunk)
    ? Effect.fail(
      new DeepgramInputError({
        reason: "InvalidOptions",
        detail:
          "the audio has no container header (WAV, Ogg, FLAC, MP3, WebM…), so it is raw: set `encoding` and `sample_rate` to describe it"
      })
    )
    : Effect.void
