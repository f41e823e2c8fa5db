// internal
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError } from "../DeepgramError.js"
import type { DeepgramDialer } from "../DeepgramSocket.js"
import { type ChannelSpec, connect, type ConnectOptions, type Session } from "./channel.js"

/** How many audio chunks may wait while the handshake is in flight. */
const PRE_OPEN_CHUNKS = 256

/**
 * The stream form of a channel: audio goes up (buffered, bounded, while the
 * socket opens), events come down; when the audio ends the channel's close
 * message is sent and events keep flowing until the server closes.
 *
 * @internal
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
      const outbox = yield* Queue.bounded<Chunk.Chunk<Uint8Array> | typeof ended>(PRE_OPEN_CHUNKS)
      // Start pulling audio while the handshake is in flight; the queue bounds what waits.
      let checked = false
      const producer = yield* audio.pipe(
        Stream.runForEachChunk((chunk) =>
          Effect.gen(function*() {
            if (!checked) {
              const first = Chunk.findFirst(chunk, (bytes) => bytes.byteLength > 0)
              if (first._tag === "Some") {
                checked = true
                yield* firstChunk(first.value)
              }
            }
            yield* Queue.offer(outbox, chunk)
          })
        ),
        Effect.zipRight(Queue.offer(outbox, ended)),
        Effect.forkScoped
      )
      const session = yield* connect(spec, options)
      const pump = Effect.gen(function*() {
        while (true) {
          const next = yield* Queue.take(outbox)
          if (next === ended) return yield* session.close
          for (const bytes of next) {
            if (bytes.byteLength > 0) yield* session.sendBinary(bytes)
          }
        }
      })
      const upstream = Effect.raceFirst(
        pump,
        Fiber.join(producer).pipe(Effect.zipRight(Effect.never))
      )
      return Stream.merge(session.events, Stream.drain(Stream.fromEffect(upstream)), { haltStrategy: "left" })
    })
  )

// internal
export const sessionOf = <Server>(
  spec: ChannelSpec<Server>,
  options: ConnectOptions
): Effect.Effect<Session<Server>, DeepgramError, Scope.Scope | DeepgramConfig | DeepgramDialer> => connect(spec, options)

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
 *
 * @internal
 */
export const isContainer = (bytes: Uint8Array): boolean =>
  startsWith(bytes, "RIFF") || startsWith(bytes, "fLaC") || startsWith(bytes, "OggS") || startsWith(bytes, "ID3") ||
  startsWith(bytes, "#!AMR") || startsWith(bytes, "ftyp", 4) ||
  (bytes.byteLength >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) ||
  (bytes.byteLength >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)

/**
 * Raw audio needs `encoding` and `sample_rate`; a container header carries
 * them itself.
 *
 * @internal
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
