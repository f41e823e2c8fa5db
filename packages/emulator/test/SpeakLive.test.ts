/**
 * The `/v1/speak` and `/v2/speak` WebSockets over real loopback sockets (plain `ws`, and the official SDK).
 */
import { DeepgramClient } from "@deepgram/sdk"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { DeepgramEmulator } from "../src/index.js"
import { plan } from "../src/internal/tts.js"
import type { Client } from "./live.js"
import { connect, typeOf } from "./live.js"

const sentence = "The quick brown fox jumps over the lazy dog."
const paragraph = "Streaming speech is made of many sentences. ".repeat(12)

const field = (message: unknown, key: string): unknown =>
  message !== null && typeof message === "object" ? (message as Record<string, unknown>)[key] : undefined

const ofType = (type: string) => (message: unknown) => typeOf(message) === type

const audioBytes = (client: Client): number => client.binary.reduce((n, chunk) => n + chunk.length, 0)

const samplesOf = (text: string, model: string, sampleRate: number) => plan(text, { model, sampleRate }).samples

describe("/v1/speak WebSocket", () => {
  it.scopedLive("Metadata, then audio and Flushed for each Flush; Close closes with 1000", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const client = yield* connect(
        `${emulator.wsUrl}/v1/speak?model=aura-2-thalia-en&encoding=linear16&sample_rate=16000`
      )
      const metadata = yield* client.waitFor(ofType("Metadata"))
      assert.strictEqual(field(metadata, "model_name"), "aura-2-thalia-en")
      assert.isString(field(metadata, "model_uuid"))
      yield* client.send({ type: "Speak", text: "The quick brown fox " })
      yield* client.send({ type: "Speak", text: "jumps over the lazy dog." })
      yield* client.send({ type: "Flush" })
      const flushed = yield* client.waitFor(ofType("Flushed"))
      assert.strictEqual(field(flushed, "sequence_id"), 0)
      assert.strictEqual(audioBytes(client), samplesOf(sentence, "aura-2-thalia-en", 16000) * 2)
      assert.deepStrictEqual(client.timeline.slice(-1), ["Flushed"])
      assert.strictEqual(client.timeline[1], "<audio>")

      yield* client.send({ type: "Speak", text: "Again." })
      yield* client.send({ type: "Flush" })
      yield* client.waitFor((m) => typeOf(m) === "Flushed" && field(m, "sequence_id") === 1)
      yield* client.send({ type: "Speak", text: "Left over at the end" })
      const before = audioBytes(client)
      yield* client.send({ type: "Close" })
      assert.strictEqual((yield* client.closed).code, 1000)
      assert.strictEqual(audioBytes(client) - before, samplesOf("Left over at the end", "aura-2-thalia-en", 16000) * 2)

      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.path, "/v1/speak")
      assert.strictEqual(entry!.characters, sentence.length + "Again.".length + "Left over at the end".length)
    }))

  it.scopedLive("Clear cuts the utterance short: no audio after Cleared", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ speakPace: 5 })
      const client = yield* connect(`${emulator.wsUrl}/v1/speak?encoding=mulaw&sample_rate=8000`)
      yield* client.send({ type: "Speak", text: paragraph })
      yield* client.send({ type: "Flush" })
      yield* Effect.sleep("300 millis")
      yield* client.send({ type: "Clear" })
      const cleared = yield* client.waitFor(ofType("Cleared"))
      assert.strictEqual(field(cleared, "sequence_id"), 1)
      const atClear = audioBytes(client)
      yield* Effect.sleep("300 millis")
      assert.strictEqual(audioBytes(client), atClear)
      assert.isAbove(atClear, 0)
      assert.isBelow(atClear, samplesOf(paragraph, "aura-asteria-en", 8000))
      assert.isFalse(client.messages.some(ofType("Flushed")))
      // the session goes on
      yield* client.send({ type: "Speak", text: "Fresh start." })
      yield* client.send({ type: "Flush" })
      assert.strictEqual(field(yield* client.waitFor(ofType("Flushed")), "sequence_id"), 2)
    }))

  it.scopedLive("limits: 20 flushes a minute, 2,000 characters a message, unknown messages, the timeout", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ speakTimeout: "500 millis" })
      const flusher = yield* connect(`${emulator.wsUrl}/v1/speak`)
      for (let i = 0; i < 21; i++) {
        yield* flusher.send({ type: "Speak", text: "Hi." })
        yield* flusher.send({ type: "Flush" })
      }
      const warning = yield* flusher.waitFor(ofType("Warning"))
      assert.strictEqual(field(warning, "code"), "FLUSH_LIMIT_EXCEEDED")
      yield* flusher.waitFor((m) => typeOf(m) === "Flushed" && field(m, "sequence_id") === 19)
      yield* Effect.sleep("100 millis")
      assert.strictEqual(flusher.messages.filter(ofType("Flushed")).length, 20)

      const long = yield* connect(`${emulator.wsUrl}/v1/speak`)
      yield* long.send({ type: "Speak", text: "a".repeat(2001) })
      const closed = yield* long.closed
      assert.strictEqual(closed.code, 1009)
      assert.include(closed.reason, "BIG-0000")

      const unknown = yield* connect(`${emulator.wsUrl}/v1/speak`)
      yield* unknown.send({ type: "Reset" })
      assert.strictEqual((yield* unknown.closed).code, 1008)

      const idle = yield* connect(`${emulator.wsUrl}/v1/speak`)
      const timedOut = yield* idle.closed
      assert.strictEqual(timedOut.code, 1011)
      assert.include(timedOut.reason, "net0001")

      const refused = yield* Effect.flip(connect(`${emulator.wsUrl}/v1/speak?encoding=mp3`))
      assert.strictEqual(refused.status, 400)
      const rate = yield* Effect.flip(connect(`${emulator.wsUrl}/v1/speak?encoding=mulaw&sample_rate=24000`))
      assert.strictEqual(rate.status, 400)
    }))
})

describe("/v2/speak WebSocket (Flux TTS)", () => {
  it.scopedLive("Connected, SpeechStarted, sentences spoken as they complete, SpeechMetadata and Flushed", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const client = yield* connect(
        `${emulator.wsUrl}/v2/speak?model=flux-alexis-en&encoding=linear16&sample_rate=24000`
      )
      const connected = yield* client.waitFor(ofType("Connected"))
      assert.strictEqual(field(connected, "model_name"), "flux-alexis-en")
      assert.lengthOf(field(connected, "model_uuids") as Array<string>, 1)
      yield* client.send({ type: "Speak", text: "First sentence here. Second" })
      const started = yield* client.waitFor(ofType("SpeechStarted"))
      const id = field(started, "speech_id") as string
      assert.match(id, /^dg_sp_[0-9a-f]{12}$/)
      // the complete sentence is spoken before the flush
      yield* Effect.sleep("200 millis")
      assert.strictEqual(audioBytes(client), samplesOf("First sentence here. ", "flux-alexis-en", 24000) * 2)
      yield* client.send({ type: "Speak", text: " one follows." })
      yield* client.send({ type: "Flush" })
      const flushed = yield* client.waitFor(ofType("Flushed"))
      assert.strictEqual(field(flushed, "speech_id"), id)
      const metadata = client.messages.find(ofType("SpeechMetadata"))
      const text = "First sentence here. Second one follows."
      assert.strictEqual(field(metadata, "input_character_count"), text.length)
      assert.strictEqual(field(metadata, "speech_id"), id)
      assert.closeTo(
        field(metadata, "audio_duration_ms") as number,
        (samplesOf(text, "flux-alexis-en", 24000) / 24000) * 1000,
        60
      )
      assert.deepStrictEqual(client.timeline.slice(-2), ["SpeechMetadata", "Flushed"])

      yield* client.send({ type: "Flush" })
      assert.strictEqual(field(yield* client.waitFor(ofType("Warning")), "code"), "NO_ACTIVE_SPEECH")
      yield* client.send({ type: "Close" })
      const session = yield* client.waitFor(ofType("SessionMetadata"))
      assert.strictEqual(field(session, "total_input_character_count"), text.length)
      assert.strictEqual((yield* client.closed).code, 1000)
    }))

  it.scopedLive("Interrupt mid-utterance stops the audio and splits the text at the playback offset", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ speakPace: 5 })
      const client = yield* connect(
        `${emulator.wsUrl}/v2/speak?model=flux-alexis-en&encoding=linear16&sample_rate=16000`
      )
      yield* client.send({ type: "Speak", text: paragraph })
      yield* client.waitFor(ofType("SpeechStarted"))
      yield* Effect.sleep("400 millis")
      yield* client.send({ type: "Interrupt", playback_offset: { type: "time_ms", value: 1500 } })
      const interrupted = yield* client.waitFor(ofType("SpeechInterrupted"))
      const atInterrupt = audioBytes(client)
      assert.strictEqual(field(interrupted, "audio_played_ms"), 1500)
      const spoken = field(interrupted, "text_spoken") as string
      const remaining = field(interrupted, "text_remaining") as string
      assert.isAbove(spoken.length, 0)
      assert.isAbove(remaining.length, spoken.length)
      assert.strictEqual(`${spoken} ${remaining}`, paragraph.trim())
      assert.isBelow(atInterrupt, samplesOf(paragraph, "flux-alexis-en", 16000) * 2)
      yield* Effect.sleep("300 millis")
      assert.strictEqual(audioBytes(client), atInterrupt)
      assert.isFalse(client.messages.some(ofType("Flushed")))

      yield* client.send({ type: "Interrupt" })
      assert.strictEqual(field(yield* client.waitFor(ofType("Warning")), "code"), "NO_ACTIVE_SPEECH")

      // a flushed turn whose audio is still on its way can be interrupted too
      yield* client.send({ type: "Speak", text: paragraph })
      yield* client.send({ type: "Flush" })
      const first = client.messages.find(ofType("SpeechStarted"))
      const second = field(yield* client.waitFor((m) => typeOf(m) === "SpeechStarted" && m !== first), "speech_id")
      yield* Effect.sleep("300 millis")
      yield* client.send({ type: "Interrupt" })
      const again = yield* client.waitFor((m) => typeOf(m) === "SpeechInterrupted" && m !== interrupted)
      assert.strictEqual(field(field(again, "metadata"), "speech_id"), second)
      assert.isUndefined(field(again, "text_spoken"))
      yield* Effect.sleep("300 millis")
      assert.isFalse(client.messages.some(ofType("Flushed")))
    }))

  it.scopedLive("Configure changes the speed within Deepgram's range", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const client = yield* connect(`${emulator.wsUrl}/v2/speak?model=flux-alexis-en`)
      yield* client.send({ type: "Configure", speed: 2 })
      const out = yield* client.waitFor(ofType("ConfigureFailure"))
      assert.strictEqual(field(out, "code"), "SPEED_OUT_OF_RANGE")
      yield* client.send({ type: "Configure", speed: 1.03 })
      yield* client.waitFor((m) => typeOf(m) === "ConfigureFailure" && field(m, "code") === "SPEED_INCREMENT_INVALID")
      yield* client.send({ type: "Configure", speed: 1.25 })
      const success = yield* client.waitFor(ofType("ConfigureSuccess"))
      assert.deepStrictEqual(field(success, "applied"), { speed: 1.25 })
      yield* client.send({ type: "Speak", text: sentence })
      yield* client.send({ type: "Flush" })
      yield* client.waitFor(ofType("Flushed"))
      const faster = plan(sentence, { model: "flux-alexis-en", sampleRate: 24000, speed: 1.25 })
      assert.strictEqual(audioBytes(client), faster.samples * 2)
    }))

  it.scopedLive("fatal errors are an Error message, then the close", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const big = yield* connect(`${emulator.wsUrl}/v2/speak?model=flux-alexis-en`)
      yield* big.send({ type: "Speak", text: "b".repeat(2001) })
      assert.strictEqual(field(yield* big.waitFor(ofType("Error")), "code"), "BIG-0000")
      assert.strictEqual((yield* big.closed).code, 1009)
      const bad = yield* connect(`${emulator.wsUrl}/v2/speak?model=flux-alexis-en`)
      yield* bad.send("{not json")
      assert.strictEqual(field(yield* bad.waitFor(ofType("Error")), "code"), "DATA-0000")
      const missing = yield* Effect.flip(connect(`${emulator.wsUrl}/v2/speak`))
      assert.strictEqual(missing.status, 400)
      const aura = yield* Effect.flip(connect(`${emulator.wsUrl}/v2/speak?model=aura-2-thalia-en`))
      assert.include(aura.body, "/v1/speak")
    }))
})

describe("@deepgram/sdk speak WebSockets against the emulator", () => {
  it.scopedLive("speak.v1.connect: text in, audio and Flushed out", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: ["interop-key"] })
      const client = new DeepgramClient({ apiKey: "interop-key", baseUrl: emulator.url })
      const socket = yield* Effect.promise(() =>
        client.speak.v1.connect({
          model: "aura-2-thalia-en",
          encoding: "linear16",
          sample_rate: "24000",
          Authorization: "Token interop-key"
        })
      )
      const audio: Array<Blob> = []
      const types: Array<string> = []
      const flushed = yield* Deferred.make<void>()
      socket.on("message", (message: unknown) => {
        if (message instanceof Blob) return void audio.push(message)
        const type = typeOf(message) ?? "?"
        types.push(type)
        if (type === "Flushed") Deferred.unsafeDone(flushed, Effect.void)
      })
      socket.connect()
      yield* Effect.promise(() => socket.waitForOpen())
      socket.sendText({ type: "Speak", text: sentence })
      socket.sendFlush({ type: "Flush" })
      yield* Deferred.await(flushed).pipe(Effect.timeout("10 seconds"))
      socket.close()
      const bytes = audio.reduce((n, blob) => n + blob.size, 0)
      assert.strictEqual(bytes, samplesOf(sentence, "aura-2-thalia-en", 24000) * 2)
      assert.deepStrictEqual(types, ["Metadata", "Flushed"])
    }))

  it.scopedLive("speak.v2.connect (Flux TTS): Connected, SpeechStarted, audio, Flushed", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: ["interop-key"] })
      const client = new DeepgramClient({ apiKey: "interop-key", baseUrl: emulator.url })
      const socket = yield* Effect.promise(() =>
        client.speak.v2.connect({ model: "flux-alexis-en", Authorization: "Token interop-key" })
      )
      let bytes = 0
      const types: Array<string> = []
      const flushed = yield* Deferred.make<void>()
      socket.on("message", (message: unknown) => {
        if (message instanceof Blob) {
          bytes += message.size
          return
        }
        const type = typeOf(message) ?? "?"
        types.push(type)
        if (type === "Flushed") Deferred.unsafeDone(flushed, Effect.void)
      })
      socket.connect()
      yield* Effect.promise(() => socket.waitForOpen())
      socket.sendSpeak({ type: "Speak", text: sentence })
      socket.sendFlush({ type: "Flush" })
      yield* Deferred.await(flushed).pipe(Effect.timeout("10 seconds"))
      socket.close()
      assert.strictEqual(bytes, samplesOf(sentence, "flux-alexis-en", 24000) * 2)
      assert.deepStrictEqual(types, ["Connected", "SpeechStarted", "SpeechMetadata", "Flushed"])
    }))
})
