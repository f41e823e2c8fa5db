import { ErrorResponse, ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { postAudio, wav } from "./utils.js"

const audio = wav({ sampleRate: 16000, channels: 1, seconds: 1 })
const decodeResponse = Schema.decodeUnknownEither(ListenV1.TranscriptionResponse)
const decodeError = Schema.decodeUnknownSync(ErrorResponse.LegacyError)

const start = (options?: DeepgramEmulator.Options) =>
  Effect.map(DeepgramEmulator.make(options), (emulator) => ({
    emulator,
    listen: (headers?: Record<string, string>) => postAudio(`${emulator.url}/v1/listen`, audio, headers)
  }))

describe("fault injection", () => {
  it.scopedLive("status with Retry-After and a Deepgram-shaped body, consumed once", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.status(503, { retryAfter: 2 }))
      const failed = yield* listen()
      assert.strictEqual(failed.status, 503)
      assert.strictEqual(failed.headers.get("retry-after"), "2")
      const body = decodeError(failed.json)
      assert.strictEqual(body.err_code, "SERVICE_UNAVAILABLE")
      assert.strictEqual(body.request_id, failed.headers.get("dg-request-id"))
      assert.strictEqual((yield* listen()).status, 200)
      assert.deepStrictEqual(yield* emulator.pendingFaults, [])
    }))

  it.scopedLive("status faults apply before authentication; custom bodies are sent as is", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start({ auth: "keys", apiKeys: ["k"] })
      yield* emulator.injectFault(Fault.status(429, { body: { err_code: "TOO_MANY", err_msg: "slow down" } }))
      const failed = yield* listen({})
      assert.strictEqual(failed.status, 429)
      assert.isNull(failed.headers.get("retry-after"))
      assert.deepStrictEqual(failed.json, { err_code: "TOO_MANY", err_msg: "slow down" })
      assert.strictEqual((yield* listen({})).status, 401)
    }))

  it.scopedLive("times and path restrict a fault", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.status(500), { path: "/v1/auth/grant" })
      yield* emulator.injectFault(Fault.status(502), { times: 2, path: "/v1/listen" })
      assert.strictEqual((yield* emulator.pendingFaults).length, 3)
      assert.strictEqual((yield* listen()).status, 502)
      assert.strictEqual((yield* listen()).status, 502)
      assert.strictEqual((yield* listen()).status, 200)
      assert.deepStrictEqual((yield* emulator.pendingFaults).map((fault) => fault._tag), ["Status"])
      yield* emulator.clearFaults
      assert.deepStrictEqual(yield* emulator.pendingFaults, [])
    }))

  it.scopedLive("latency delays the answer", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.latency("300 millis"))
      const started = Date.now()
      const answer = yield* listen()
      assert.isAtLeast(Date.now() - started, 280)
      assert.strictEqual(answer.status, 200)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.fault, "Latency")
      assert.isAtLeast(entry!.durationMillis, 290)
    }))

  it.scopedLive("global latency, from the options and at run time", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start({ latency: "200 millis" })
      let started = Date.now()
      yield* listen()
      assert.isAtLeast(Date.now() - started, 180)
      yield* emulator.setLatency(0)
      started = Date.now()
      yield* listen()
      assert.isBelow(Date.now() - started, 180)
    }))

  it.scopedLive("drop closes the connection without an answer", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.drop)
      const dropped = yield* Effect.either(listen())
      assert.isTrue(Either.isLeft(dropped))
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.fault, "Drop")
      assert.isUndefined(entry!.status)
      assert.strictEqual(entry!.bodySize, audio.length)
      assert.strictEqual((yield* listen()).status, 200)
    }))

  it.scopedLive("malformed body: not JSON", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.malformedBody())
      const answer = yield* listen()
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers.get("content-type"), "application/json")
      assert.isUndefined(answer.json)
      assert.include(answer.text, "<html>")
      yield* emulator.injectFault(Fault.malformedBody({ status: 502, body: "upstream error" }))
      const gateway = yield* listen()
      assert.strictEqual(gateway.status, 502)
      assert.strictEqual(gateway.text, "upstream error")
    }))

  it.scopedLive("truncated JSON", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      const full = yield* listen()
      yield* emulator.injectFault(Fault.truncatedJson)
      const answer = yield* listen()
      assert.strictEqual(answer.status, 200)
      assert.isUndefined(answer.json)
      assert.isTrue(answer.text.startsWith("{\"metadata\":{"))
      assert.isBelow(answer.text.length, full.text.length * 0.6)
    }))

  it.scopedLive("schema-violating JSON", () =>
    Effect.gen(function*() {
      const { emulator, listen } = yield* start()
      yield* emulator.injectFault(Fault.schemaViolation)
      const answer = yield* listen()
      assert.strictEqual(answer.status, 200)
      assert.isObject(answer.json)
      assert.isTrue(Either.isLeft(decodeResponse(answer.json)))
      assert.isTrue(Either.isRight(decodeResponse((yield* listen()).json)))
    }))
})
