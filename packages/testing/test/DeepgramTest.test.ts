import { assert, layer } from "@effect/vitest"
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen } from "@effect-deepgram/node"
import { Effect } from "effect"
import * as DeepgramTest from "../src/DeepgramTest.js"

const audio = new TextEncoder().encode("audio bytes")

layer(
  DeepgramTest.layer({
    transcripts: [[audio, [{ text: "Hi.", speaker: 0 }, { text: "Hello!", speaker: 1 }]]],
    faults: [Fault.status(500), [Fault.status(429, { retryAfter: 0 }), { path: "/v1/listen" }]]
  }),
  { excludeTestServices: true }
)("DeepgramTest.layer", (it) => {
  it.effect("queued faults are retried through; scripted transcripts answer; the journal shows the requests", () =>
    Effect.gen(function*() {
      const listen = yield* Listen.Listen
      const result = yield* listen.transcribe(audio, { diarize: true, punctuate: true })
      assert.strictEqual(result.results.channels[0]?.alternatives?.[0]?.transcript, "Hi. Hello!")
      const statuses = (yield* DeepgramEmulator.journal).map((entry) => entry.status)
      assert.deepStrictEqual(statuses, [500, 429, 200])
    }))
})
