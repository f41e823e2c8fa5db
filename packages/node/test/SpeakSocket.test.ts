// Flow control and failure cases of the speak sockets against scripted loopback peers
// (what a test cannot make the emulator do on purpose). Behaviour against the emulator is in SpeakLive.test.ts.
import { NodeDeepgram, Speak } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import type { WebSocket } from "ws"
import { scriptedPeer, waitFor } from "./peer.js"

const live = (url: string) => NodeDeepgram.layer({ baseUrl: url, apiKey: "k", retry: { retries: 0 } })

const metadata = JSON.stringify({ type: "Metadata", request_id: "req-1", model_name: "m", model_version: "v", model_uuid: "u" })

/** A /v1/speak peer: audio (10 bytes per character) and `Flushed` for every `Flush`, or `reply` to decide. */
const speakPeer = (reply?: (ws: WebSocket, text: string, flushIndex: number) => boolean) =>
  scriptedPeer((ws) => {
    let text = ""
    let flushes = 0
    ws.send(metadata)
    ws.on("message", (data, binary) => {
      if (binary) return
      const message = JSON.parse(String(data)) as { type: string; text?: string }
      if (message.type === "Speak") text += message.text
      if (message.type === "Flush") {
        const index = flushes++
        if (reply === undefined || !reply(ws, text, index)) {
          ws.send(new Uint8Array(text.length * 10))
          ws.send(JSON.stringify({ type: "Flushed", sequence_id: index }))
        }
        text = ""
      }
      if (message.type === "Clear") {
        text = ""
        ws.send(JSON.stringify({ type: "Cleared", sequence_id: flushes }))
      }
      if (message.type === "Close") ws.close(1000)
    })
  })

const speakMessages = (texts: ReadonlyArray<string>) =>
  texts.map((t) => JSON.parse(t) as { type: string; text?: string }).filter((m) => m.type === "Speak")

describe("speak sockets: flow control and failures", () => {
  it.scopedLive("text over the per-message limit is sent as several Speak messages, cut at sentence ends", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer()
      const text = "Every sentence here ends with a period and a space. ".repeat(90) // 4,680 characters
      const events = yield* Speak.Speak.pipe(
        Effect.flatMap((speak) => speak.live(Stream.make(text), { model: "aura-2-thalia-en" }).pipe(Stream.runCollect)),
        Effect.provide(live(peer.url))
      )
      const speaks = speakMessages(peer.received.text)
      assert.strictEqual(speaks.length, 3)
      for (const message of speaks) assert.isAtMost(message.text!.length, Speak.maxMessageCharacters)
      assert.strictEqual(speaks.map((m) => m.text).join(""), text)
      assert.isTrue(speaks[0]!.text!.endsWith(". "), "cut after a sentence")
      const audio = Chunk.toReadonlyArray(events).filter((e) => e.type === "Audio")
      assert.strictEqual(audio.reduce((n, e) => n + (e.type === "Audio" ? e.data.byteLength : 0), 0), text.length * 10)
    }))

  it.scopedLive("a slow audio consumer slows the text producer: flushes run at most maxPendingFlushes ahead", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer()
      let produced = 0
      // An endless producer: one sentence per element.
      const text = Stream.repeatEffect(Effect.sync(() => `Sentence number ${++produced}. `))
      let received = 0
      yield* Speak.Speak.pipe(
        Effect.flatMap((speak) =>
          speak.live(Speak.sentences(text), { model: "aura-2-thalia-en" }, { maxPendingFlushes: 2 }).pipe(
            Stream.filter((event) => event.type === "Flushed"),
            Stream.tap(() => Effect.sleep("30 millis").pipe(Effect.zipRight(Effect.sync(() => received++)))),
            Stream.take(10),
            Stream.runDrain
          )
        ),
        Effect.provide(live(peer.url))
      )
      const flushes = peer.received.text.filter((t) => t.includes("\"Flush\"")).length
      assert.strictEqual(received, 10)
      // 10 answered and consumed, at most 2 more in flight (plus the one a batch may hold).
      assert.isAtMost(flushes, 13)
      assert.isAtMost(produced, 10 + 2 + 20, "the producer was pulled only as far as the flushes allowed")
    }))

  it.scopedLive("a flush answered by a rate-limit Warning instead of Flushed does not stall the stream", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer((ws, _text, index) => {
        if (index % 2 === 0) return false
        ws.send(JSON.stringify({ type: "Warning", code: "FLUSH_LIMIT", description: "Too many Flush messages" }))
        return true
      })
      const input = Stream.fromIterable(["One. ", Speak.flush, "Two. ", Speak.flush, "Three. ", Speak.flush, "Four."])
      const events = yield* Speak.Speak.pipe(
        Effect.flatMap((speak) =>
          speak.live(input, { model: "aura-2-thalia-en" }, { maxPendingFlushes: 1 }).pipe(Stream.runCollect)
        ),
        Effect.provide(live(peer.url))
      )
      const types = Chunk.toReadonlyArray(events).map((e) => e.type)
      assert.strictEqual(types.filter((t) => t === "Warning").length, 2)
      assert.strictEqual(types.filter((t) => t === "Flushed").length, 2)
      assert.strictEqual(peer.received.text.at(-1), JSON.stringify({ type: "Close" }))
    }))

  it.scopedLive("a socket dropped mid-utterance fails with a typed error after every chunk received before it", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer((ws) => {
        ws.send(new Uint8Array(100))
        ws.send(new Uint8Array(200))
        setTimeout(() => ws.terminate(), 20)
        return true
      })
      const seen: Array<string> = []
      const error = yield* Speak.Speak.pipe(
        Effect.flatMap((speak) =>
          speak.live(Stream.make("Hello there. ", Speak.flush), { model: "aura-2-thalia-en" }).pipe(
            Stream.runForEach((event) =>
              Effect.sync(() => seen.push(event.type === "Audio" ? `Audio(${event.data.byteLength})` : event.type))
            )
          )
        ),
        Effect.provide(live(peer.url)),
        Effect.flip
      )
      assert.deepStrictEqual(seen, ["Metadata", "Audio(100)", "Audio(200)"])
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag === "DeepgramSocketError") assert.strictEqual(error.reason, "Dropped")
    }))

  it.scopedLive("a message type the SDK does not know arrives as an Unknown event and the stream goes on", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer((ws, text, index) => {
        ws.send(JSON.stringify({ type: "Prosody", pitch: "high" }))
        ws.send(new Uint8Array(text.length))
        ws.send(JSON.stringify({ type: "Flushed", sequence_id: index }))
        return true
      })
      const events = yield* Speak.Speak.pipe(
        Effect.flatMap((speak) => speak.live(Stream.make("Hi there."), { model: "aura-2-thalia-en" }).pipe(Stream.runCollect)),
        Effect.provide(live(peer.url))
      )
      const all = Chunk.toReadonlyArray(events)
      assert.deepStrictEqual(all.map((e) => e.type), ["Metadata", "Unknown", "Audio", "Flushed"])
      const unknown = all[1]
      if (unknown?.type === "Unknown") assert.deepStrictEqual(unknown.raw, { type: "Prosody", pitch: "high" })
    }))

  it.scopedLive("invalid options are refused before connecting", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer()
      const error = yield* Speak.Speak.pipe(
        Effect.flatMap((speak) =>
          speak.live(Stream.make("Hi."), { model: "aura-2-thalia-en", sample_rate: 12345 } as never).pipe(Stream.runDrain)
        ),
        Effect.provide(live(peer.url)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "sample_rate")
      assert.strictEqual(peer.received.requests.length, 0)
    }))

  it.scopedLive("the session form: speak, flush, clear and close", () =>
    Effect.gen(function*() {
      const peer = yield* speakPeer()
      const types = yield* Effect.gen(function*() {
        const speak = yield* Speak.Speak
        const session = yield* speak.session({ model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 })
        yield* session.speak("Hello there.")
        yield* session.flush
        yield* session.speak("Never mind this.")
        yield* session.clear
        yield* waitFor(() => peer.received.text.some((t) => t.includes("Clear")))
        yield* session.close
        return yield* Stream.runCollect(Stream.map(session.events, (e) => e.type))
      }).pipe(Effect.provide(live(peer.url)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(types), ["Metadata", "Audio", "Flushed", "Cleared"])
      assert.deepStrictEqual(peer.received.text.map((t) => JSON.parse(t).type), ["Speak", "Flush", "Speak", "Clear", "Close"])
    }))
})
