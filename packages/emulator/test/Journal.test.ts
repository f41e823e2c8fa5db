import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { postAudio, request, wav } from "./utils.js"

const audio = wav({ sampleRate: 16000, channels: 2, seconds: 0.5 })

describe("request journal", () => {
  it.scopedLive("records every request", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const before = Date.now()
      const ok = yield* postAudio(
        `${emulator.url}/v1/listen?keyterm=alpha&keyterm=beta&punctuate=true`,
        audio,
        { authorization: "Token journal-key", "x-deepgram-session-id": "session-1", "content-type": "audio/wav" }
      )
      const unauthorized = yield* postAudio(`${emulator.url}/v1/listen`, audio, {})
      const invalid = yield* postAudio(`${emulator.url}/v1/listen?punctuate=maybe`, audio)
      const missing = yield* request(`${emulator.url}/v2/nothing?x=1`)

      const entries = yield* emulator.journal
      assert.deepStrictEqual(entries.map((e) => e.seq), [1, 2, 3, 4])
      assert.deepStrictEqual(entries.map((e) => e.status), [200, 401, 400, 404])
      assert.deepStrictEqual(
        entries.map((e) => e.requestId),
        [ok, unauthorized, invalid, missing].map((a) => a.headers.get("dg-request-id"))
      )

      const [first] = entries
      assert.strictEqual(first!.method, "POST")
      assert.strictEqual(first!.path, "/v1/listen")
      assert.deepStrictEqual(first!.query, { keyterm: ["alpha", "beta"], punctuate: ["true"] })
      assert.strictEqual(first!.headers["authorization"], "Token")
      assert.strictEqual(first!.headers["x-deepgram-session-id"], "session-1")
      assert.strictEqual(first!.headers["content-type"], "audio/wav")
      assert.strictEqual(first!.authScheme, "token")
      assert.isTrue(first!.authenticated)
      assert.strictEqual(first!.bodySize, audio.length)
      assert.strictEqual(first!.sha256, createHash("sha256").update(audio).digest("hex"))
      assert.strictEqual(first!.audio!.channels, 2)
      assert.strictEqual(first!.audio!.sampleRate, 16000)
      assert.isUndefined(first!.fault)
      assert.isAtLeast(first!.timestamp.getTime(), before - 5)
      assert.isAtLeast(first!.durationMillis, 0)

      assert.strictEqual(entries[1]!.authScheme, "none")
      assert.isFalse(entries[1]!.authenticated)
      assert.strictEqual(entries[3]!.method, "GET")
      assert.strictEqual(entries[3]!.bodySize, 0)

      yield* emulator.clearJournal
      assert.deepStrictEqual(yield* emulator.journal, [])
      yield* emulator.injectFault(Fault.status(500))
      yield* postAudio(`${emulator.url}/v1/listen`, audio)
      const [faulted] = yield* emulator.journal
      assert.strictEqual(faulted!.seq, 5)
      assert.strictEqual(faulted!.fault, "Status")
      assert.strictEqual(faulted!.status, 500)
    }))

  it.scopedLive("keeps at most journalLimit entries", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ journalLimit: 2 })
      for (let i = 0; i < 3; i++) yield* request(`${emulator.url}/v1/none`)
      assert.deepStrictEqual((yield* emulator.journal).map((e) => e.seq), [2, 3])
    }))

  it.scopedLive("the accessors work through the tag", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.injectFault(Fault.status(418))
      const url = yield* DeepgramEmulator.url
      assert.strictEqual((yield* postAudio(`${url}/v1/listen`, audio)).status, 418)
      assert.strictEqual((yield* DeepgramEmulator.journal).length, 1)
      yield* DeepgramEmulator.clearJournal
      assert.strictEqual((yield* DeepgramEmulator.journal).length, 0)
    }).pipe(Effect.provide(DeepgramEmulator.layer())))
})
