/**
 * The emulator refuses what Deepgram refuses: a body that is not audio, or audio whose container is damaged,
 * gets Deepgram's 400 ("corrupt or unsupported data") instead of an empty transcript.
 */
import { DeepgramClient } from "@deepgram/sdk"
import { ErrorResponse } from "@effect-deepgram/schema"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as NodePath from "node:path"
import { DeepgramEmulator } from "../src/index.js"
import type { Answer } from "./utils.js"
import { localServer, postAudio, request, sampleDir, spacewalkPath, wav } from "./utils.js"

const decodeError = Schema.decodeUnknownSync(ErrorResponse.LegacyError)
const CORRUPT = "Bad Request: failed to process audio: corrupt or unsupported data"

const listen = (body: Uint8Array, query = "") =>
  Effect.flatMap(DeepgramEmulator.url, (url) => postAudio(`${url}/v1/listen${query}`, body))

const assertCorrupt = (answer: Answer, label: string) => {
  assert.strictEqual(answer.status, 400, `${label}: ${answer.text}`)
  const error = decodeError(answer.json)
  assert.strictEqual(error.err_code, "Bad Request", label)
  assert.strictEqual(error.err_msg, CORRUPT, label)
  assert.strictEqual(error.request_id, answer.headers.get("dg-request-id"), label)
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text))
const spacewalk = new Uint8Array(fs.readFileSync(spacewalkPath))
const sample = (name: string) => new Uint8Array(fs.readFileSync(NodePath.join(sampleDir, name)))

/** A pseudo-random byte string (no container signature, no MPEG frame sync by construction). */
const noise = (length: number, seed: number) => {
  const out = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = (x >>> 16) & 0x7f
  }
  return out
}

layer(DeepgramEmulator.layer(), { excludeTestServices: true })("the emulator rejects what Deepgram rejects", (it) => {
  it.effect("bodies that are not audio are a 400 with Deepgram's error", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, Uint8Array]> = [
        ["text", bytes("hello, this is not audio at all\n".repeat(100))],
        ["json sent as audio", bytes(JSON.stringify({ url: "https://example.com/a.wav" }))],
        ["html", bytes("<!doctype html><html><head><title>x</title></head><body>nope</body></html>")],
        ["a repeated byte", new Uint8Array(64 * 1024).fill(0x5a)],
        ["noise", noise(100_000, 7)],
        ["one byte", new Uint8Array([1])]
      ]
      for (const [label, body] of cases) assertCorrupt(yield* listen(body), label)
    }))

  it.effect("damaged containers are a 400 with Deepgram's error", () =>
    Effect.gen(function*() {
      const header = spacewalk.subarray(0, 44)
      const garbageAfterRiff = new Uint8Array(4096)
      garbageAfterRiff.set(bytes("RIFF"))
      garbageAfterRiff.set(noise(4092, 3), 4)
      const mp3 = sample("tone-16k-stereo.mp3")
      const flac = sample("tone-8k-mono.flac")
      const cases: ReadonlyArray<readonly [string, Uint8Array]> = [
        ["a WAV header and no samples", header],
        ["RIFF followed by noise", garbageAfterRiff],
        ["a WAV cut inside its header", spacewalk.subarray(0, 30)],
        ["OggS and noise", new Uint8Array([...bytes("OggS"), ...noise(4096, 5)])],
        ["fLaC and noise", new Uint8Array([...bytes("fLaC"), ...noise(4096, 9)])],
        ["a FLAC cut inside its header", flac.subarray(0, 20)],
        ["ID3 and noise", new Uint8Array([...bytes("ID3"), 4, 0, 0, 0, 0, 0, 0, ...noise(4096, 11)])],
        ["an MP3 cut after its first bytes", mp3.subarray(0, 8)]
      ]
      for (const [label, body] of cases) assertCorrupt(yield* listen(body), label)
    }))

  it.effect("real audio, raw audio described by the query, and registered bytes are accepted", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      assert.strictEqual((yield* listen(spacewalk)).status, 200)
      assert.strictEqual((yield* listen(wav({ sampleRate: 16000, channels: 1, seconds: 0.5 }))).status, 200)
      for (const name of ["tone-16k-stereo.mp3", "tone-16k-stereo.ogg", "tone-48k-mono.opus", "tone-8k-mono.flac"]) {
        assert.strictEqual((yield* listen(sample(name))).status, 200, name)
      }
      // Headerless audio is what `encoding` says it is.
      assert.strictEqual((yield* listen(noise(32_000, 1), "?encoding=linear16&sample_rate=16000")).status, 200)
      // Bytes with a scripted transcript are audio for the emulator, whatever they hold.
      const scripted = bytes("not audio, but scripted")
      yield* emulator.register(scripted, "scripted words")
      assert.strictEqual((yield* listen(scripted)).status, 200)
    }))

  it.scoped("a { url } whose content is not audio is refused the same way", () =>
    Effect.gen(function*() {
      const origin = yield* localServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html" })
        res.end("<html><body>a web page, not audio</body></html>")
      })
      const url = yield* DeepgramEmulator.url
      const answer = yield* request(`${url}/v1/listen`, {
        method: "POST",
        headers: { authorization: "Token test", "content-type": "application/json" },
        body: JSON.stringify({ url: `${origin}/page.html` })
      })
      assertCorrupt(answer, "url")
    }))

  it.effect("@deepgram/sdk sees the 400 and Deepgram's message", () =>
    Effect.gen(function*() {
      const url = yield* DeepgramEmulator.url
      const client = new DeepgramClient({ apiKey: "key", baseUrl: url, maxRetries: 0 })
      const error = yield* Effect.flip(Effect.tryPromise(() =>
        client.listen.v1.media.transcribeFile(Buffer.from("definitely not audio ".repeat(50)), { model: "nova-3" })
      ))
      const cause = error.cause as { readonly statusCode?: number; readonly body?: unknown }
      assert.strictEqual(cause.statusCode, 400)
      assert.strictEqual((cause.body as { err_msg?: string }).err_msg, CORRUPT)
    }))
})
