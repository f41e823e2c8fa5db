import { ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as NodePath from "node:path"
import { DeepgramEmulator } from "../src/index.js"
import { probe } from "../src/internal/audio.js"
import { postAudio, request, sampleDir, spacewalkPath, wav } from "./utils.js"

const decodeResponse = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)

const samples: ReadonlyArray<{
  readonly file: string
  readonly contentType: string
  readonly container: string
  readonly codec: RegExp
  readonly duration: number
  readonly tolerance: number
  readonly channels: number
  readonly sampleRate: number
}> = [
  {
    file: "tone-16k-stereo.mp3",
    contentType: "audio/mpeg",
    container: "MPEG",
    codec: /Layer 3/,
    duration: 1.5,
    tolerance: 0.1,
    channels: 2,
    sampleRate: 16000
  },
  {
    file: "tone-8k-mono.flac",
    contentType: "audio/flac",
    container: "FLAC",
    codec: /FLAC/,
    duration: 1,
    tolerance: 0.001,
    channels: 1,
    sampleRate: 8000
  },
  {
    file: "tone-16k-stereo.ogg",
    contentType: "audio/ogg",
    container: "Ogg",
    codec: /Vorbis/,
    duration: 1.5,
    tolerance: 0.01,
    channels: 2,
    sampleRate: 16000
  },
  {
    file: "tone-48k-mono.opus",
    contentType: "audio/ogg; codecs=opus",
    container: "Ogg",
    codec: /Opus/,
    duration: 1.25,
    tolerance: 0.01,
    channels: 1,
    sampleRate: 48000
  }
]

/** Splits bytes into chunks of irregular sizes. */
const chunked = (bytes: Uint8Array): Stream.Stream<Uint8Array> => {
  const chunks: Array<Uint8Array> = []
  let offset = 0
  let size = 1
  while (offset < bytes.length) {
    chunks.push(bytes.subarray(offset, offset + size))
    offset += size
    size = (size * 7 + 3) % 9000 + 1
  }
  return Stream.fromIterable(chunks)
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

describe("container parsing", () => {
  layer(DeepgramEmulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("spacewalk.wav: 25.9 s, mono, 44.1 kHz", () =>
      Effect.gen(function*() {
        const bytes = new Uint8Array(fs.readFileSync(spacewalkPath))
        const info = yield* probe(chunked(bytes))
        assert.closeTo(info.duration, 25.933, 0.001)
        assert.strictEqual(info.channels, 1)
        assert.strictEqual(info.sampleRate, 44100)
        assert.strictEqual(info.bitsPerSample, 16)
        assert.strictEqual(info.container, "WAVE")
        assert.strictEqual(info.sha256, sha256(bytes))
        assert.strictEqual(info.size, bytes.length)
      }))

    it.effect("generated WAV files", () =>
      Effect.gen(function*() {
        for (
          const format of [
            { sampleRate: 8000, channels: 1, seconds: 0.5 },
            { sampleRate: 16000, channels: 2, seconds: 1.25 },
            { sampleRate: 48000, channels: 6, seconds: 0.1 }
          ]
        ) {
          const info = yield* probe(chunked(wav(format)))
          assert.closeTo(info.duration, format.seconds, 1e-6)
          assert.strictEqual(info.channels, format.channels)
          assert.strictEqual(info.sampleRate, format.sampleRate)
        }
      }))

    it.effect("a streamed WAV that declares more data than it carries", () =>
      Effect.gen(function*() {
        const bytes = wav({ sampleRate: 16000, channels: 1, seconds: 2 })
        const header = Buffer.from(bytes.subarray(0, 44))
        header.writeUInt32LE(0xffffffff - 8, 4)
        header.writeUInt32LE(0xffffffff - 44, 40)
        const info = yield* probe(Stream.make(new Uint8Array(header), bytes.subarray(44)))
        assert.closeTo(info.duration, 2, 1e-6)
      }))

    for (const sample of samples) {
      it.effect(`${sample.file} over HTTP`, () =>
        Effect.gen(function*() {
          const url = yield* DeepgramEmulator.url
          const bytes = new Uint8Array(fs.readFileSync(NodePath.join(sampleDir, sample.file)))
          const answer = yield* postAudio(`${url}/v1/listen`, bytes, {
            authorization: "Token t",
            "content-type": sample.contentType
          })
          assert.strictEqual(answer.status, 200, answer.text)
          const response = decodeResponse(answer.json)
          assert.closeTo(response.metadata.duration, sample.duration, sample.tolerance)
          assert.strictEqual(response.metadata.channels, sample.channels)
          assert.strictEqual(response.metadata.sha256, sha256(bytes))
          const entries = yield* DeepgramEmulator.journal
          const audio = entries[entries.length - 1]!.audio!
          assert.strictEqual(audio.container, sample.container)
          assert.match(audio.codec!, sample.codec)
          assert.strictEqual(audio.sampleRate, sample.sampleRate)
          assert.isTrue(audio.parsed)
        }))
    }

    it.effect("the bytes decide, not the content type", () =>
      Effect.gen(function*() {
        const url = yield* DeepgramEmulator.url
        const bytes = new Uint8Array(fs.readFileSync(NodePath.join(sampleDir, "tone-16k-stereo.ogg")))
        const answer = yield* postAudio(`${url}/v1/listen`, bytes, { authorization: "Token t", "content-type": "audio/wav" })
        assert.closeTo(decodeResponse(answer.json).metadata.duration, 1.5, 0.01)
      }))

    it.effect("a large upload is streamed (128 MiB WAV, chunked transfer)", () =>
      Effect.gen(function*() {
        const url = yield* DeepgramEmulator.url
        const sampleRate = 48000
        const channels = 2
        const dataSize = 128 * 1024 * 1024
        const header = Buffer.from(wav({ sampleRate, channels, seconds: 0 }))
        header.writeUInt32LE(36 + dataSize, 4)
        header.writeUInt32LE(dataSize, 40)
        const block = new Uint8Array(1024 * 1024).fill(1)
        let sent = 0
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent === 0) controller.enqueue(new Uint8Array(header))
            if (sent >= dataSize) return controller.close()
            controller.enqueue(block)
            sent += block.length
          }
        })
        const answer = yield* request(`${url}/v1/listen`, {
          method: "POST",
          headers: { authorization: "Token t", "content-type": "audio/wav" },
          body,
          duplex: "half"
        } as RequestInit)
        assert.strictEqual(answer.status, 200, answer.text)
        const response = decodeResponse(answer.json)
        assert.closeTo(response.metadata.duration, dataSize / (sampleRate * channels * 2), 1e-6)
        assert.strictEqual(response.metadata.channels, 2)
        const entries = yield* DeepgramEmulator.journal
        assert.strictEqual(entries[entries.length - 1]!.bodySize, dataSize + 44)
      }), 60_000)
  })
})
