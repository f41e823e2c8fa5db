/**
 * Testing your own program against the emulator: copy this file into your
 * project (`npm i -D @effect-deepgram/testing @effect/vitest vitest`).
 *
 * `DeepgramTest.layer(...)` starts an emulator for the suite and gives your
 * program the real SDK (`Listen`, `Speak`, …) pointed at it: scripted
 * transcripts, injected faults, and a journal of what your code sent.
 */
import { assert, layer } from "@effect/vitest"
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen } from "@effect-deepgram/node"
import { DeepgramTest } from "@effect-deepgram/testing"
import { Effect } from "effect"

// The program under test: your code, using the SDK as it would in production.
const firstWords = (audio: Uint8Array) =>
  Effect.gen(function*() {
    const listen = yield* Listen.Listen
    const result = yield* listen.transcribe(audio, { model: "nova-3", smart_format: true })
    return result.results.channels[0]?.alternatives?.[0]?.transcript?.split(" ").slice(0, 3).join(" ") ?? ""
  })

// Any bytes work as "audio"; the emulator answers with the transcript registered for them.
const greeting = new TextEncoder().encode("pretend this is a WAV file")

// The one line: DeepgramLive against an in-process emulator with a scripted transcript (real clock, so that
// the SDK's retry backoff runs; the layer sets it to 10-50 ms).
layer(DeepgramTest.layer({ transcripts: [[greeting, "Hello there, general Kenobi."]] }), { excludeTestServices: true })("my app", (it) => {
  it.effect("reads the first words of a transcript", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* firstWords(greeting), "Hello there, general")
      // What did my code send? The journal records every request.
      const [request] = (yield* DeepgramEmulator.journal).filter((entry) => entry.path === "/v1/listen")
      assert.deepStrictEqual(request?.query["model"], ["nova-3"])
    }))

  it.effect("survives a transient 503 (the SDK retries)", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.injectFault(Fault.status(503), { path: "/v1/listen" })
      assert.strictEqual(yield* firstWords(greeting), "Hello there, general")
    }))

  it.effect("reports a 429 that outlasts the retries as a typed error", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.injectFault(Fault.status(429), { path: "/v1/listen", times: 3 })
      const error = yield* Effect.flip(firstWords(greeting))
      assert.strictEqual(error._tag, "DeepgramApiError")
      assert.strictEqual(error._tag === "DeepgramApiError" && error.status, 429)
    }))
})
