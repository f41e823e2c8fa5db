/**
 * The audio of a live stream: how much of it has arrived, as a position in seconds, and what it is.
 *
 * - Raw audio (`encoding` = `linear16`, `linear32`, `mulaw` or `alaw` with `sample_rate` and `channels`, and no
 *   container signature in the first bytes): bytes / (sample rate × channels × sample width).
 * - WAV (sniffed from the bytes): the header gives the byte rate and where the samples start.
 * - Anything else (Ogg, WebM, MP3, FLAC, encoded raw audio such as `opus`): the bytes do not tell the position
 *   before the stream has been parsed, so the position is the wall-clock time since the first audio arrived
 *   (right for a real-time source), and the real duration is only known when the stream ends.
 *
 * Every byte also goes to the container parser (music-metadata, via `probe`) in the background, which gives the
 * stream's SHA-256, duration and format when it ends. The first 32 KiB are kept for the fingerprint that
 * identifies registered audio.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { AudioInfo } from "../Journal.js"
import type { RawHint } from "./audio.js"
import { probe, unknown } from "./audio.js"
import { fingerprint, fingerprintBytes } from "./registry.js"
import type { WavHeader } from "./wav.js"
import { looksLikeWav, parseWavHeader } from "./wav.js"

const sampleWidth: Readonly<Record<string, number>> = { linear16: 2, linear32: 4, mulaw: 1, alaw: 1 }

/** Signatures of containers that override an `encoding` parameter (the audio says what it is). */
const containerSignatures = ["RIFF", "RF64", "fLaC", "OggS", "ID3", "FORM", "caff"]

const hasContainerSignature = (head: Uint8Array): boolean => {
  const text = String.fromCharCode(...head.subarray(0, 4))
  return containerSignatures.some((signature) => text.startsWith(signature)) ||
    (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) ||
    (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === "ftyp")
}

/** @internal */
export type AudioKind = "undecided" | "raw" | "wav" | "other"

/** @internal */
export interface LiveAudio {
  /** Takes one binary frame (`now` in epoch millis). */
  readonly push: (chunk: Uint8Array, now: number) => Effect.Effect<void>
  /** Seconds of audio received so far. */
  readonly position: (now: number) => number
  readonly bytes: () => number
  readonly kind: () => AudioKind
  /** Channels, when the parameters or the header tell. */
  readonly channels: () => number
  /** Whether enough audio has arrived for a fingerprint (32 KiB). */
  readonly fingerprintReady: () => boolean
  /** The fingerprint of the first bytes received (fewer than 32 KiB when the stream is shorter). */
  readonly fingerprint: () => string
  /** Ends the audio and returns what the parser found (digest, duration, format). */
  readonly finish: Effect.Effect<AudioInfo>
}

const END = Symbol("END")

/**
 * Starts tracking a stream's audio; the parser runs in the scope.
 *
 * @internal
 */
export const makeLiveAudio = (raw: RawHint | undefined): Effect.Effect<LiveAudio, never, Scope.Scope> =>
  Effect.gen(function*() {
    const queue = yield* Queue.unbounded<Uint8Array | typeof END>()
    const body = Stream.fromQueue(queue).pipe(
      Stream.takeWhile((item): item is Uint8Array => item !== END)
    )
    const parser = yield* Effect.forkScoped(probe(body, { raw }))

    let kind: AudioKind = "undecided"
    let bytes = 0
    let firstAt: number | undefined
    let head = new Uint8Array(0)
    let wav: WavHeader | undefined
    let finished: AudioInfo | undefined

    const keep = (chunk: Uint8Array, limit: number) => {
      if (head.length >= limit) return
      const joined = new Uint8Array(Math.min(limit, head.length + chunk.length))
      joined.set(head)
      joined.set(chunk.subarray(0, joined.length - head.length), head.length)
      head = joined
    }

    const decide = () => {
      if (head.length < 12) return
      if (looksLikeWav(head)) kind = "wav"
      else if (raw !== undefined && sampleWidth[raw.encoding] !== undefined && !hasContainerSignature(head)) {
        kind = "raw"
      } else kind = "other"
    }

    const readHeader = () => {
      if (kind !== "wav" || wav !== undefined) return
      const parsed = parseWavHeader(head)
      if (parsed._tag === "Parsed") wav = parsed.header
      else if (parsed._tag === "NotWav") kind = "other"
    }

    const position = (now: number): number => {
      switch (kind) {
        case "raw":
          return raw === undefined ? 0 : bytes / (raw.sampleRate * raw.channels * sampleWidth[raw.encoding]!)
        case "wav":
          return wav === undefined ? 0 : Math.max(0, bytes - wav.dataOffset) / wav.byteRate
        case "other":
          return firstAt === undefined ? 0 : Math.max(0, now - firstAt) / 1000
        default:
          return 0
      }
    }

    return {
      push: (chunk, now) =>
        Effect.suspend(() => {
          if (chunk.length === 0 || finished !== undefined) return Effect.void
          firstAt ??= now
          bytes += chunk.length
          // The WAV header is read from the head too, which may need more than a fingerprint's worth.
          keep(chunk, kind === "undecided" || (kind === "wav" && wav === undefined) ? 1024 * 1024 : fingerprintBytes)
          if (kind === "undecided") decide()
          readHeader()
          if (wav !== undefined && head.length > fingerprintBytes) head = head.slice(0, fingerprintBytes)
          return Queue.offer(queue, chunk)
        }),
      position,
      bytes: () => bytes,
      kind: () => kind,
      channels: () => wav?.channels ?? raw?.channels ?? 1,
      fingerprintReady: () => bytes >= fingerprintBytes,
      fingerprint: () => fingerprint(head),
      finish: Effect.suspend(() => {
        if (finished !== undefined) return Effect.succeed(finished)
        return Queue.offer(queue, END).pipe(
          Effect.zipRight(Fiber.join(parser).pipe(Effect.timeoutOption("15 seconds"))),
          Effect.map(Option.getOrElse(() => unknown("", bytes))),
          Effect.tap((info) =>
            Effect.sync(() => {
              finished = info
            })
          )
        )
      })
    }
  })
