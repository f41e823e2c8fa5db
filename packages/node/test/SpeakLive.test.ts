// Streaming text-to-speech (/v1/speak and /v2/speak WebSockets) against the emulator, over loopback sockets.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Speak } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Schedule, Stream } from "effect"
import { emulatorLayer, sdkFor } from "./helpers.js"
import { waitFor } from "./peer.js"

const speakOf = Speak.Speak

const bytesOf = (events: Iterable<{ readonly type: string }>) => {
  let n = 0
  for (const event of events) if (event.type === "Audio") n += (event as Speak.AudioChunk).data.byteLength
  return n
}

const paragraph = "The first sentence is short. The second one is a little longer than the first. " +
  "And the third sentence, which ends the paragraph, is the longest of them all."

// `since`: a previous test's socket may be journaled after the clear; only sockets opened from then on count.
const speakEntries = (path: string, since = 0) =>
  Effect.map(
    DeepgramEmulator.journal,
    (entries) => entries.filter((e) => e.path === path && e.method === "GET" && e.timestamp.getTime() >= since)
  )

layer(emulatorLayer({ speakPace: 4 }), { excludeTestServices: true })("streaming text-to-speech against the emulator", (it) => {
  it.effect("text in, audio out: Flush synthesizes, Clear cuts the utterance short, Close ends the stream", () =>
    Effect.gen(function*() {
      const speak = yield* speakOf
      const events: Array<Speak.LiveEvent> = []
      yield* Effect.scoped(Effect.gen(function*() {
        const session = yield* speak.session({ model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 })
        const reader = yield* session.events.pipe(Stream.runForEach((e) => Effect.sync(() => events.push(e))), Effect.fork)
        yield* session.speak("Hello there.")
        yield* session.flush
        yield* waitFor(() => events.some((e) => e.type === "Flushed"))
        const firstUtterance = bytesOf(events)
        // About 1/14 s of 24 kHz 16-bit audio per character (and a pause at the end of the sentence).
        assert.isAbove(firstUtterance, 12 * 48000 / 14)
        yield* session.speak(paragraph.repeat(4))
        yield* session.flush
        yield* waitFor(() => bytesOf(events) > firstUtterance + 48000) // a second of the long utterance
        yield* session.clear
        yield* waitFor(() => events.some((e) => e.type === "Cleared"))
        const atClear = bytesOf(events.slice(0, events.findIndex((e) => e.type === "Cleared")))
        yield* session.close
        yield* Fiber.join(reader)
        assert.strictEqual(bytesOf(events), atClear, "no audio of the cleared utterance after Cleared")
        // The long utterance at 4x real time takes seconds; it was cut well before its end.
        const full = paragraph.length * 4 * 48000 / 14
        assert.isBelow(atClear - firstUtterance, full / 2)
      }))
      const types = events.map((e) => e.type).filter((t) => t !== "Audio")
      assert.deepStrictEqual(types, ["Metadata", "Flushed", "Cleared"])
    }).pipe(Effect.provide(sdkFor())))

  it.effect("an LLM token stream through the sentence batcher: one Flushed per sentence, audio as a WAV", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.clearJournal
      const since = Date.now()
      const speak = yield* speakOf
      const tokens = Stream.fromIterable(paragraph.match(/\S+\s*/g)!).pipe(Stream.schedule(Schedule.spaced("5 millis")))
      const events = yield* speak.live(Speak.sentences(tokens), { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 16000 })
        .pipe(Stream.runCollect)
      const all = Chunk.toReadonlyArray(events)
      assert.strictEqual(all[0]?.type, "Metadata")
      assert.strictEqual(all.filter((e) => e.type === "Flushed").length, 3)
      assert.strictEqual(all.at(-1)?.type, "Flushed", "the stream ends after the last sentence's audio")
      const audio = yield* Stream.runCollect(Speak.audioChunks(Stream.fromIterable(all)))
      const wav = yield* Stream.runCollect(Speak.toWav(Stream.fromChunk(audio), { sampleRate: 16000 }))
      const header = Chunk.unsafeHead(wav)
      assert.strictEqual(new TextDecoder().decode(header.subarray(0, 4)), "RIFF")
      assert.strictEqual(new DataView(header.buffer).getUint32(24, true), 16000)
      const seconds = bytesOf(all) / 32000
      assert.approximately(seconds, paragraph.length / 14, paragraph.length / 14 * 0.3)
      const [entry] = yield* speakEntries("/v1/speak", since)
      assert.strictEqual(entry?.characters, paragraph.length, "every character was sent, once")
      assert.strictEqual(entry?.socket?.closeCode, 1000)
    }).pipe(Effect.provide(sdkFor())))

  it.effect("Flux TTS: delivered counts the audio a slow consumer has taken, not what has arrived", () =>
    Effect.gen(function*() {
      const speak = yield* speakOf
      yield* Effect.scoped(Effect.gen(function*() {
        const session = yield* speak.sessionV2({ model: "flux-alexis-en", encoding: "linear16", sample_rate: 24000 })
        let taken = 0
        // A player that takes one chunk every 20 ms, far slower than the emulator sends.
        yield* session.events.pipe(
          Stream.runForEach((e) =>
            e.type === "Audio"
              ? Effect.zipRight(Effect.sync(() => taken += e.data.byteLength), Effect.sleep("20 millis"))
              : Effect.void
          ),
          Effect.fork
        )
        yield* session.speak(paragraph)
        yield* session.flush
        yield* waitFor(() => taken >= 48000)
        const delivered = yield* session.delivered
        // 24 kHz linear16: 48 bytes a millisecond. Never more than the player took (one chunk's rounding).
        assert.isAtMost(delivered.ms, taken / 48 + 50)
        yield* session.close
      }))
    }).pipe(Effect.provide(sdkFor())))

  it.effect("Flux TTS: interrupt mid-utterance tells the server how much was heard", () =>
    Effect.gen(function*() {
      const speak = yield* speakOf
      const { delivered, events } = yield* Effect.scoped(Effect.gen(function*() {
        const session = yield* speak.sessionV2({ model: "flux-alexis-en", encoding: "linear16", sample_rate: 24000 })
        const events: Array<Speak.LiveEventV2> = []
        const reader = yield* session.events.pipe(Stream.runForEach((e) => Effect.sync(() => events.push(e))), Effect.fork)
        // The turn stays open (no Flush): its complete sentences are spoken as they arrive, as with LLM output.
        yield* session.speak(paragraph)
        // Interrupt after a second and a half of audio has reached the consumer.
        yield* waitFor(() => bytesOf(events) >= 1.5 * 48000)
        const delivered = yield* session.delivered
        yield* session.interrupt()
        yield* waitFor(() => events.some((e) => e.type === "SpeechInterrupted"))
        yield* session.close
        yield* Fiber.join(reader)
        return { delivered, events }
      }))
      const interrupted = events.find((e): e is Speak.SpeechInterrupted => e.type === "SpeechInterrupted")!
      assert.strictEqual(interrupted.audio_played_ms, Math.round(delivered.ms))
      assert.isAbove(delivered.ms, 1400)
      assert.isString(interrupted.text_spoken)
      assert.isString(interrupted.text_remaining)
      assert.isTrue(paragraph.startsWith(interrupted.text_spoken!.trim().slice(0, 10)))
      assert.isAbove(interrupted.text_remaining!.length, 0)
      // Audio chunks carry their place in the session's audio, end to end.
      const audio = events.filter((e): e is Speak.TimedAudioChunk => e.type === "Audio")
      assert.strictEqual(audio[0]!.startMs, 0)
      for (let i = 1; i < audio.length; i++) assert.strictEqual(audio[i]!.startMs, audio[i - 1]!.endMs)
      const types = events.map((e) => e.type)
      assert.strictEqual(types[0], "Connected")
      assert.include(types, "SpeechStarted")
      assert.strictEqual(types.at(-1), "SessionMetadata")
    }).pipe(Effect.provide(sdkFor())))

  it.effect("Flux TTS: Configure is answered by ConfigureSuccess or ConfigureFailure; a bad value is refused locally", () =>
    Effect.gen(function*() {
      const speak = yield* speakOf
      const events = yield* speak.liveV2(
        Stream.make({ type: "Configure", speed: 1.1 } as const, { type: "Configure", speed: 1.12 } as const, "Hi there.", Speak.flush),
        { model: "flux-alexis-en" }
      ).pipe(Stream.runCollect)
      const answers = Chunk.toReadonlyArray(events).filter((e) => e.type === "ConfigureSuccess" || e.type === "ConfigureFailure")
      assert.deepStrictEqual(answers.map((e) => e.type), ["ConfigureSuccess", "ConfigureFailure"])
      if (answers[0]?.type === "ConfigureSuccess") assert.strictEqual(answers[0].applied.speed, 1.1)
      if (answers[1]?.type === "ConfigureFailure") assert.strictEqual(answers[1].code, "SPEED_INCREMENT_INVALID")
      const error = yield* speak.liveV2(Stream.make({ type: "Configure", speed: -1 } as const), { model: "flux-alexis-en" })
        .pipe(Stream.runDrain, Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      const missingModel = yield* speak.liveV2(Stream.make("Hi."), {}).pipe(Stream.runDrain, Effect.flip)
      assert.include(missingModel.message, "model")
    }).pipe(Effect.provide(sdkFor())))

  it.effect("interrupting the stream closes the socket", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.clearJournal
      const since = Date.now()
      const speak = yield* speakOf
      let audio = 0
      const fiber = yield* speak.live(Stream.concat(Stream.make(paragraph.repeat(3), Speak.flush), Stream.never), {
        model: "aura-2-thalia-en"
      }).pipe(
        Stream.runForEach((e) => Effect.sync(() => (audio += e.type === "Audio" ? e.data.byteLength : 0))),
        Effect.fork
      )
      yield* waitFor(() => audio > 0)
      yield* Fiber.interrupt(fiber)
      for (let i = 0; i < 100; i++) {
        const [entry] = yield* speakEntries("/v1/speak", since)
        if (entry !== undefined) {
          assert.strictEqual(entry.socket?.closedBy, "client")
          return
        }
        yield* Effect.sleep("50 millis")
      }
      assert.fail("the emulator did not record the closed socket")
    }).pipe(Effect.provide(sdkFor())))
})
