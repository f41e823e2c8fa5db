/**
 * Streams a request body once: hashes every byte and feeds the head of the stream to music-metadata with
 * backpressure, so memory stays bounded whatever the size of the upload.
 *
 * @internal
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import type { IAudioMetadata } from "music-metadata"
import { parseWebStream } from "music-metadata"
import { createHash } from "node:crypto"
import type { AudioInfo } from "../Journal.js"

/**
 * Raw, headerless audio as described by the `encoding`, `sample_rate` and `channels` query parameters.
 * (Not tagged internal so that the tests can use it; the `internal/` folder is not exported.)
 */
export interface RawHint {
  readonly encoding: string
  readonly sampleRate: number
  readonly channels: number
}

/** Hints for `probe`. */
export interface ProbeOptions {
  readonly size?: number | undefined
  /** The body is raw, headerless audio unless it starts with a known container signature. */
  readonly raw?: RawHint | undefined
}

const END = Symbol("END")
type Item = Uint8Array | typeof END

const bytesPerSample: Record<string, number> = {
  linear16: 2,
  linear32: 4,
  mulaw: 1,
  alaw: 1
}

const signatures: ReadonlyArray<string> = ["RIFF", "RIFX", "RF64", "fLaC", "OggS", "ID3", "FORM", "caff", "wvpk"]

const hasContainerSignature = (head: Uint8Array): boolean => {
  const text = String.fromCharCode(...head.subarray(0, 4))
  return signatures.some((signature) => text.startsWith(signature)) ||
    (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === "ftyp") ||
    (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
}

const parserOptions = { duration: true, skipCovers: true, skipPostHeaders: true } as const

/**
 * How long the parser may keep running after the body has ended.
 */
const parserGraceMillis = 10_000

const finite = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0

/** What is known of audio that could not be parsed: its hash and size. */
export const unknown = (sha256: string, size: number): AudioInfo => ({
  sha256,
  size,
  container: undefined,
  codec: undefined,
  duration: 0,
  channels: 1,
  sampleRate: undefined,
  bitsPerSample: undefined,
  parsed: false
})

const fromMetadata = (sha256: string, size: number, metadata: IAudioMetadata): AudioInfo => {
  const format = metadata.format
  if (format.container === undefined && format.codec === undefined) return unknown(sha256, size)
  let duration = finite(format.duration) ? format.duration : 0
  if (duration === 0 && finite(format.numberOfSamples) && finite(format.sampleRate)) {
    duration = format.numberOfSamples / format.sampleRate
  }
  if (duration === 0 && finite(format.bitrate)) {
    duration = (size * 8) / format.bitrate
  }
  if (
    format.container === "WAVE" && format.codec === "PCM" && finite(format.sampleRate) &&
    finite(format.bitsPerSample) && finite(format.numberOfChannels)
  ) {
    // A streamed WAV may declare a larger data chunk than it carries: trust the bytes.
    const byteRate = format.sampleRate * format.numberOfChannels * format.bitsPerSample / 8
    const fromBytes = Math.max(0, size - 44) / byteRate
    duration = duration === 0 ? fromBytes : Math.min(duration, fromBytes)
  }
  return {
    sha256,
    size,
    container: format.container,
    codec: format.codec,
    duration,
    channels: finite(format.numberOfChannels) ? format.numberOfChannels : 1,
    sampleRate: finite(format.sampleRate) ? format.sampleRate : undefined,
    bitsPerSample: finite(format.bitsPerSample) ? format.bitsPerSample : undefined,
    parsed: true
  }
}

const fromRaw = (sha256: string, size: number, raw: RawHint): AudioInfo => {
  const width = bytesPerSample[raw.encoding]
  return {
    sha256,
    size,
    container: "raw",
    codec: raw.encoding,
    duration: width !== undefined ? size / (raw.sampleRate * raw.channels * width) : 0,
    channels: raw.channels,
    sampleRate: raw.sampleRate,
    bitsPerSample: width !== undefined ? width * 8 : undefined,
    parsed: false
  }
}

/**
 * Whether Deepgram would refuse `audio` as "corrupt or unsupported data": bytes that no container parser
 * recognises (unless the query describes them as raw audio), or a container that holds no audio.
 */
export const isUnusable = (audio: AudioInfo): boolean =>
  audio.container !== "raw" && (!audio.parsed || !(audio.duration > 0))

/**
 * Consumes `body` completely. Returns the SHA-256 and size of the bytes and what music-metadata found in
 * them. Parse failures are not errors: they give an `AudioInfo` with `parsed: false`.
 */
export const probe = <E, R>(
  body: Stream.Stream<Uint8Array, E, R>,
  options: ProbeOptions = {}
): Effect.Effect<AudioInfo, E, R> =>
  Effect.gen(function*() {
    const hash = createHash("sha256")
    let size = 0
    let mode: "undecided" | "parse" | "raw" | "skip" = "undecided"
    let head = new Uint8Array(0)

    const queue = yield* Queue.bounded<Item>(4)
    yield* Effect.addFinalizer(() => Queue.shutdown(queue))
    const parserDone = yield* Deferred.make<void>()
    const runPromise = Runtime.runPromise(yield* Effect.runtime<never>())
    let parser: Fiber.Fiber<Either.Either<IAudioMetadata, unknown>> | undefined

    const startParser = Effect.gen(function*() {
      const source = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          runPromise(Queue.take(queue)).then(
            (item) => item === END ? controller.close() : controller.enqueue(item),
            (cause) => controller.error(cause)
          )
      }, { highWaterMark: 0 })
      // The content type is deliberately not passed on: clients often mislabel audio (and send
      // application/octet-stream anyway), and the parser then trusts the label over the bytes.
      const fileInfo = options.size !== undefined ? { size: options.size } : {}
      parser = yield* Effect.tryPromise(() => parseWebStream(source, fileInfo, parserOptions)).pipe(
        Effect.either,
        Effect.ensuring(Deferred.succeed(parserDone, undefined)),
        Effect.forkScoped
      )
    })

    const feed = (item: Item): Effect.Effect<void> =>
      Effect.raceFirst(Queue.offer(queue, item), Deferred.await(parserDone)).pipe(Effect.asVoid)

    const decide = Effect.suspend(() => {
      if (options.raw !== undefined && !hasContainerSignature(head)) {
        mode = "raw"
        return Effect.void
      }
      mode = "parse"
      return startParser.pipe(Effect.zipRight(feed(head)))
    })

    yield* Stream.runForEach(body, (chunk) =>
      Effect.suspend(() => {
        hash.update(chunk)
        size += chunk.length
        switch (mode) {
          case "undecided": {
            const joined = new Uint8Array(head.length + chunk.length)
            joined.set(head)
            joined.set(chunk, head.length)
            head = joined
            return head.length >= 12 ? decide : Effect.void
          }
          case "parse":
            return feed(chunk)
          default:
            return Effect.void
        }
      }))

    if (mode === "undecided") {
      if (head.length === 0) {
        mode = "skip"
      } else {
        yield* decide
      }
    }
    const sha256 = hash.digest("hex")
    if ((mode as string) === "raw" && options.raw !== undefined) {
      return fromRaw(sha256, size, options.raw)
    }
    if (parser === undefined) {
      return unknown(sha256, size)
    }
    yield* feed(END)
    const result = yield* Fiber.await(parser).pipe(
      Effect.timeoutOption(parserGraceMillis),
      Effect.map(Option.flatMap((exit) => exit._tag === "Success" ? Either.getRight(exit.value) : Option.none()))
    )
    return Option.match(result, {
      onNone: () => unknown(sha256, size),
      onSome: (metadata) => fromMetadata(sha256, size, metadata)
    })
  }).pipe(Effect.scoped)
