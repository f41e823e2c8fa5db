/**
 * Text to speech over REST (`POST /v1/speak`, `POST /v2/speak`) and the synthesizer behind it.
 */
import { DeepgramClient } from "@deepgram/sdk"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { parseBuffer } from "music-metadata"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { alawSample, charsPerSecond, duration, encode, mulawSample, plan } from "../src/internal/tts.js"
import { localServer, request } from "./utils.js"

const text = "Hello there, this is the emulator speaking. How are you today?"

const speak = (base: string, path: string, body: unknown, query = "") =>
  Effect.tryPromise(async () => {
    const response = await fetch(`${base}${path}${query}`, {
      method: "POST",
      headers: { authorization: "Token test", "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    const reader = response.body!.getReader()
    const chunks: Array<Uint8Array> = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    return { status: response.status, headers: response.headers, bytes: Buffer.concat(chunks), reads: chunks.length }
  })

const json = (bytes: Uint8Array): { readonly err_code?: string; readonly err_msg?: string } =>
  JSON.parse(Buffer.from(bytes).toString("utf8"))

describe("synthesizer", () => {
  it("is deterministic and lasts about 1/14 s per character", () => {
    const voice = { model: "aura-2-thalia-en", sampleRate: 24000 }
    const raw = { encoding: "linear16", container: "none", sampleRate: 24000, bitRate: 0 } as const
    const a = Buffer.concat([...encode(plan(text, voice), raw)])
    const b = Buffer.concat([...encode(plan(text, voice), raw)])
    assert.isTrue(a.equals(b))
    const other = Buffer.concat([
      ...encode(plan(text, { ...voice, model: "aura-2-zeus-en" }), {
        encoding: "linear16",
        container: "none",
        sampleRate: 24000,
        bitRate: 0
      })
    ])
    assert.isFalse(a.equals(other))
    const seconds = duration(text, voice)
    assert.isAbove(seconds, text.length / charsPerSecond)
    assert.isBelow(seconds, text.length / charsPerSecond + 2)
    const long = "word ".repeat(400)
    assert.closeTo(duration(long, voice), long.length / charsPerSecond, 1)
    assert.closeTo(duration(long, { ...voice, speed: 1.25 }), long.length / charsPerSecond / 1.25, 1)
  })

  it("has voiced sound and silences", () => {
    const pcm = Buffer.concat([
      ...encode(plan("Hi. Yes", { model: "m", sampleRate: 16000 }), {
        encoding: "linear16",
        container: "none",
        sampleRate: 16000,
        bitRate: 0
      })
    ])
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2)
    const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0)
    assert.isAbove(peak, 5000)
    // the sentence pause after "Hi." is silent
    const hi = Math.round((2 / charsPerSecond) * 16000)
    assert.strictEqual(samples.slice(hi + 100, hi + 4000).reduce((max, s) => Math.max(max, Math.abs(s)), 0), 0)
  })

  it("encodes G.711 like the reference tables", () => {
    assert.strictEqual(mulawSample(0), 0xff)
    assert.strictEqual(mulawSample(-1), 0x7f)
    assert.strictEqual(mulawSample(32767), 0x80)
    assert.strictEqual(mulawSample(-32768), 0x00)
    assert.strictEqual(alawSample(0), 0xd5)
    assert.strictEqual(alawSample(-1), 0x55)
    assert.strictEqual(alawSample(32767), 0xaa)
    assert.strictEqual(alawSample(-32768), 0x2a)
  })
})

describe("POST /v1/speak", () => {
  it.scopedLive("streams a WAV with Deepgram's headers, and journals the characters", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const answer = yield* speak(emulator.url, "/v1/speak", { text }, "?model=aura-2-thalia-en&encoding=linear16")
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers.get("content-type"), "audio/wav")
      assert.strictEqual(answer.headers.get("dg-model-name"), "aura-2-thalia-en")
      assert.strictEqual(answer.headers.get("dg-char-count"), String(text.length))
      assert.match(answer.headers.get("dg-model-uuid")!, /^[0-9a-f-]{36}$/)
      const info = yield* Effect.promise(() => parseBuffer(answer.bytes, { mimeType: "audio/wav" }))
      assert.strictEqual(info.format.sampleRate, 24000)
      assert.strictEqual(info.format.numberOfChannels, 1)
      assert.closeTo(info.format.duration!, duration(text, { model: "aura-2-thalia-en", sampleRate: 24000 }), 0.001)
      assert.strictEqual(answer.bytes.readUInt32LE(40), answer.bytes.length - 44)

      const again = yield* speak(emulator.url, "/v1/speak", { text }, "?model=aura-2-thalia-en&encoding=linear16")
      assert.isTrue(again.bytes.equals(answer.bytes))

      const journal = yield* emulator.journal
      assert.strictEqual(journal[0]!.characters, text.length)
      assert.strictEqual(journal[0]!.requestId, answer.headers.get("dg-request-id"))
    }))

  it.scopedLive("defaults to mp3 (aura-asteria-en), streamed in chunks", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const long = "This sentence is spoken again and again. ".repeat(15)
      const answer = yield* speak(emulator.url, "/v1/speak", { text: long })
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers.get("content-type"), "audio/mpeg")
      assert.strictEqual(answer.headers.get("dg-model-name"), "aura-asteria-en")
      assert.isAbove(answer.reads, 1)
      const info = yield* Effect.promise(() => parseBuffer(answer.bytes, { mimeType: "audio/mpeg" }))
      assert.strictEqual(info.format.codec, "MPEG 2 Layer 3")
      assert.strictEqual(info.format.sampleRate, 22050)
      assert.closeTo(info.format.duration!, duration(long, { model: "aura-asteria-en", sampleRate: 22050 }), 0.3)
    }))

  it.scopedLive("opus comes in an Ogg container", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const answer = yield* speak(emulator.url, "/v1/speak", { text }, "?encoding=opus&bit_rate=32000")
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers.get("content-type"), "audio/ogg")
      assert.strictEqual(answer.bytes.subarray(0, 4).toString("ascii"), "OggS")
      const info = yield* Effect.promise(() => parseBuffer(answer.bytes, { mimeType: "audio/ogg" }))
      assert.strictEqual(info.format.codec, "Opus")
      assert.strictEqual(info.format.sampleRate, 48000)
      assert.closeTo(info.format.duration!, duration(text, { model: "aura-asteria-en", sampleRate: 48000 }), 0.02)
    }))

  it.scopedLive("a long text streams: the first audio arrives long before the last", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const long = "This sentence is spoken again and again, for a while. ".repeat(18)
      const timing = yield* Effect.tryPromise(async () => {
        const started = performance.now()
        const response = await fetch(`${emulator.url}/v1/speak?encoding=linear16`, {
          method: "POST",
          headers: { authorization: "Token test", "content-type": "application/json" },
          body: JSON.stringify({ text: long })
        })
        const reader = response.body!.getReader()
        let first = 0
        for (;;) {
          const { done } = await reader.read()
          if (done) break
          if (first === 0) first = performance.now() - started
        }
        return { first, total: performance.now() - started }
      })
      assert.isBelow(timing.first, timing.total / 3)
    }))

  it.scopedLive("raw mulaw and alaw have one byte per sample", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const voice = { model: "aura-asteria-en", sampleRate: 16000 }
      for (const encoding of ["mulaw", "alaw"]) {
        const query = `?encoding=${encoding}&container=none&sample_rate=16000`
        const answer = yield* speak(emulator.url, "/v1/speak", { text }, query)
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.bytes.length, plan(text, voice).samples)
      }
      const wav = yield* speak(emulator.url, "/v1/speak", { text }, "?encoding=mulaw")
      const info = yield* Effect.promise(() => parseBuffer(wav.bytes, { mimeType: "audio/wav" }))
      assert.strictEqual(info.format.sampleRate, 8000)
    }))

  it.scopedLive("refuses bad input in Deepgram's error shape", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const cases: ReadonlyArray<readonly [string, unknown, number, string]> = [
        ["?encoding=flac", { text }, 400, "does not produce flac"],
        ["?encoding=aac", { text }, 400, "does not produce aac"],
        ["?encoding=opus&container=none", { text }, 400, "container"],
        ["?encoding=mulaw&sample_rate=24000", { text }, 400, "sample_rate"],
        ["?encoding=mp3&container=wav", { text }, 400, "container"],
        ["?encoding=mp3&bit_rate=64000", { text }, 400, "bit_rate"],
        ["?model=aura-nobody-en", { text }, 400, "model"],
        ["?speed=3", { text }, 400, "speed"],
        ["", {}, 400, "text"],
        ["", { text: "  " }, 400, "empty"],
        ["", { text: "a".repeat(2001) }, 413, "2000"]
      ]
      for (const [query, body, status, fragment] of cases) {
        const answer = yield* speak(emulator.url, "/v1/speak", body, query)
        assert.strictEqual(answer.status, status, query)
        const error = json(answer.bytes)
        assert.include(error.err_msg, fragment, query)
        assert.isString(error.err_code)
      }
      const unauthenticated = yield* request(`${emulator.url}/v1/speak`, {
        method: "POST",
        body: JSON.stringify({ text })
      })
      assert.strictEqual(unauthenticated.status, 401)
    }))

  it.scopedLive("faults: truncatedJson cuts the audio in half, malformedBody replaces it, status refuses", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const size = 44 + plan(text, { model: "aura-asteria-en", sampleRate: 24000 }).samples * 2
      yield* emulator.injectFault(Fault.truncatedJson, { path: "/v1/speak" })
      const cut = yield* speak(emulator.url, "/v1/speak", { text }, "?encoding=linear16")
      assert.strictEqual(cut.status, 200)
      assert.strictEqual(cut.headers.get("content-type"), "audio/wav")
      assert.strictEqual(cut.bytes.length, Math.floor(size / 2))
      yield* emulator.injectFault(Fault.malformedBody({ status: 200, body: "<html>proxy</html>" }))
      const html = yield* speak(emulator.url, "/v1/speak", { text }, "?encoding=linear16")
      assert.strictEqual(html.bytes.toString("utf8"), "<html>proxy</html>")
      yield* emulator.injectFault(Fault.status(429, { retryAfter: 1 }))
      const limited = yield* speak(emulator.url, "/v1/speak", { text })
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.headers.get("retry-after"), "1")
      const whole = yield* speak(emulator.url, "/v1/speak", { text }, "?encoding=linear16")
      assert.strictEqual(whole.bytes.length, size)
    }))

  it.scopedLive("callback mode answers the request id and delivers the audio", () =>
    Effect.gen(function*() {
      const received = yield* Deferred.make<{ readonly type: string; readonly size: number; readonly id: string }>()
      const callback = yield* localServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          Deferred.unsafeDone(
            received,
            Effect.succeed({
              type: String(req.headers["content-type"]),
              size: Buffer.concat(chunks).length,
              id: String(req.headers["dg-request-id"])
            })
          )
          res.end("ok")
        })
      })
      const emulator = yield* DeepgramEmulator.make()
      const answer = yield* speak(
        emulator.url,
        "/v1/speak",
        { text },
        `?encoding=linear16&callback=${encodeURIComponent(`${callback}/hook`)}`
      )
      assert.strictEqual(answer.status, 200)
      const { request_id } = JSON.parse(answer.bytes.toString("utf8")) as { request_id: string }
      const delivered = yield* Deferred.await(received).pipe(Effect.timeout("10 seconds"))
      assert.strictEqual(delivered.id, request_id)
      assert.strictEqual(delivered.type, "audio/wav")
      assert.strictEqual(delivered.size, 44 + plan(text, { model: "aura-asteria-en", sampleRate: 24000 }).samples * 2)
    }))
})

describe("POST /v1/speak with cors", () => {
  it.scopedLive("a page can read the speak headers", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ cors: true })
      const answer = yield* Effect.tryPromise(() =>
        fetch(`${emulator.url}/v1/speak?encoding=linear16`, {
          method: "POST",
          headers: { authorization: "Token t", "content-type": "application/json", origin: "http://127.0.0.1:1234" },
          body: JSON.stringify({ text: "Hi." })
        })
      )
      yield* Effect.promise(() => answer.arrayBuffer())
      const exposed = answer.headers.get("access-control-expose-headers") ?? ""
      for (const header of ["dg-request-id", "dg-model-name", "dg-model-uuid", "dg-char-count"]) {
        assert.include(exposed, header)
      }
    }))
})

describe("POST /v2/speak", () => {
  it.scopedLive("needs a Flux model and speaks with it", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const missing = yield* speak(emulator.url, "/v2/speak", { text })
      assert.strictEqual(missing.status, 400)
      assert.include(json(missing.bytes).err_msg, "model")
      const aura = yield* speak(emulator.url, "/v2/speak", { text }, "?model=aura-2-thalia-en")
      assert.strictEqual(aura.status, 400)
      assert.include(json(aura.bytes).err_msg, "/v1/speak")
      const query = "?model=flux-alexis-en&encoding=linear16&sample_rate=44100"
      const answer = yield* speak(emulator.url, "/v2/speak", { text }, query)
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers.get("dg-model-name"), "flux-alexis-en")
      const info = yield* Effect.promise(() => parseBuffer(answer.bytes, { mimeType: "audio/wav" }))
      assert.strictEqual(info.format.sampleRate, 44100)
    }))
})

describe("@deepgram/sdk speak REST against the emulator", () => {
  it.scopedLive("speak.v1.audio.generate returns the audio", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: ["interop-key"] })
      const client = new DeepgramClient({ apiKey: "interop-key", baseUrl: emulator.url })
      const { data, rawResponse } = yield* Effect.promise(() =>
        client.speak.v1.audio.generate({ text, model: "aura-2-thalia-en", encoding: "linear16", container: "wav" })
          .withRawResponse()
      )
      const bytes = Buffer.from(yield* Effect.promise(() => data.arrayBuffer()))
      assert.strictEqual(bytes.subarray(0, 4).toString("ascii"), "RIFF")
      assert.strictEqual(rawResponse.headers.get("dg-char-count"), String(text.length))
      const mp3 = yield* Effect.promise(() => client.speak.v1.audio.generate({ text }))
      const mp3Bytes = Buffer.from(yield* Effect.promise(() => mp3.arrayBuffer()))
      const info = yield* Effect.promise(() => parseBuffer(mp3Bytes, { mimeType: "audio/mpeg" }))
      assert.isAbove(info.format.duration!, 4)
      const v2 = yield* Effect.promise(() =>
        client.speak.v2.audio.generate({ text, model: "flux-alexis-en", encoding: "linear16" })
      )
      const v2Bytes = Buffer.from(yield* Effect.promise(() => v2.arrayBuffer()))
      assert.strictEqual(v2Bytes.subarray(0, 4).toString("ascii"), "RIFF")
      const journal = yield* emulator.journal
      assert.deepStrictEqual(journal.map((entry) => entry.status), [200, 200, 200])
      assert.deepStrictEqual(journal.map((entry) => entry.characters), [text.length, text.length, text.length])
    }))
})
