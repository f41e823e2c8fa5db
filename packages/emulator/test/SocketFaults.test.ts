import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { connect, spacewalk, stream, typeOf } from "./live.js"
import { fixturesDir, postAudio, wav } from "./utils.js"

const start = DeepgramEmulator.make({ transcriptsDir: fixturesDir })

describe("socket faults", () => {
  it.scopedLive("socketClose: the socket closes with the code and reason after N server messages", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      yield* emulator.injectFault(Fault.socketClose(1011, { reason: "NET-0000: fault injected", after: 3 }))
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?interim_results=true`)
      yield* stream(client, spacewalk)
      assert.deepStrictEqual(yield* client.closed, { code: 1011, reason: "NET-0000: fault injected" })
      assert.strictEqual(client.messages.length, 3)
      assert.isTrue(client.messages.every((message) => typeOf(message) === "Results"))
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.fault, "SocketClose")
      assert.strictEqual(entry!.status, 101)
      assert.strictEqual(entry!.socket?.messagesSent, 3)
      assert.strictEqual(entry!.socket?.closeCode, 1011)
      assert.strictEqual(entry!.socket?.closedBy, "server")
      // consumed: the next connection is normal
      const next = yield* connect(`${emulator.wsUrl}/v1/listen`)
      yield* next.send({ type: "CloseStream" })
      assert.strictEqual((yield* next.closed).code, 1000)
    }))

  it.scopedLive("socketClose right after the upgrade; 1005 closes without a status code", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      yield* emulator.injectFault(Fault.socketClose(4000, { reason: "custom" }))
      yield* emulator.injectFault(Fault.socketClose(1005, { after: 1 }), { path: "/v2/listen" })
      const v1 = yield* connect(`${emulator.wsUrl}/v1/listen`)
      assert.deepStrictEqual(yield* v1.closed, { code: 4000, reason: "custom" })
      assert.strictEqual(v1.messages.length, 0)
      const flux = yield* connect(`${emulator.wsUrl}/v2/listen?model=flux-general-en`)
      assert.deepStrictEqual(yield* flux.closed, { code: 1005, reason: "" })
      assert.deepStrictEqual(flux.messages.map(typeOf), ["Connected"])
    }))

  it.scopedLive("a 1005 close and a code the wire refuses both close without a status; the journal records 1005", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      // 1005 and 1015 may not be sent in a close frame: the reason cannot travel either, so it is dropped.
      yield* emulator.injectFault(Fault.socketClose(1005, { reason: "not sent" }))
      const noStatus = yield* connect(`${emulator.wsUrl}/v1/listen`)
      assert.deepStrictEqual(yield* noStatus.closed, { code: 1005, reason: "" })
      yield* emulator.injectFault(Fault.socketClose(1015, { reason: "tls" }))
      const refused = yield* connect(`${emulator.wsUrl}/v1/listen`)
      assert.deepStrictEqual(yield* refused.closed, { code: 1005, reason: "" })
      const journal = yield* emulator.journal
      assert.deepStrictEqual(
        journal.map((entry) => [entry.fault, entry.socket?.closeCode, entry.socket?.closeReason]),
        [["SocketClose", 1005, ""], ["SocketClose", 1005, ""]]
      )
    }))

  it.scopedLive("Flux ends a session after CloseStream without a status: the client and the journal see 1005", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      const flux = yield* connect(`${emulator.wsUrl}/v2/listen?model=flux-general-en`)
      yield* flux.send({ type: "CloseStream" })
      assert.deepStrictEqual(yield* flux.closed, { code: 1005, reason: "" })
      const [entry] = yield* emulator.journal
      assert.deepStrictEqual([entry!.socket?.closeCode, entry!.socket?.closeReason], [1005, ""])
    }))

  it.scopedLive("socketDrop: the TCP connection is destroyed without a close frame (1006)", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      yield* emulator.injectFault(Fault.socketDrop({ after: 1 }))
      const client = yield* connect(`${emulator.wsUrl}/v2/listen?model=flux-general-en`)
      assert.deepStrictEqual(yield* client.closed, { code: 1006, reason: "" })
      assert.deepStrictEqual(client.messages.map(typeOf), ["Connected"])
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.fault, "SocketDrop")
      assert.deepStrictEqual([entry!.socket?.closeCode, entry!.socket?.closeReason], [1006, ""])
    }))

  it.scopedLive("socketMalformed: a text frame that is not JSON, then the session goes on", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      yield* emulator.injectFault(Fault.socketMalformed({ after: 1 }))
      const client = yield* connect(`${emulator.wsUrl}/v2/listen?model=flux-general-en`)
      yield* client.send({ type: "Configure", thresholds: { eot_threshold: 0.8 } })
      yield* client.waitFor((message) => typeOf(message) === "ConfigureSuccess")
      assert.strictEqual(client.frames.length, 3)
      assert.strictEqual(typeOf(client.messages[0]), "Connected")
      assert.throws(() => JSON.parse(client.frames[1]!))
      // the malformed frame does not take a sequence_id
      assert.strictEqual((client.messages[2] as { sequence_id: number }).sequence_id, 1)
      yield* client.send({ type: "CloseStream" })
      assert.strictEqual((yield* client.closed).code, 1005)
    }))

  it.scopedLive("a status fault refuses the handshake with dg-error; socket faults wait for a socket", () =>
    Effect.gen(function*() {
      const emulator = yield* start
      yield* emulator.injectFault(Fault.socketDrop(), { path: "/v1/listen" })
      yield* emulator.injectFault(Fault.status(503, { retryAfter: 2 }))
      // the REST request skips the socket fault and takes the status fault
      const rest = yield* postAudio(`${emulator.url}/v1/listen`, wav({ sampleRate: 8000, channels: 1, seconds: 0.2 }))
      assert.strictEqual(rest.status, 503)
      assert.deepStrictEqual((yield* emulator.pendingFaults).map((fault) => fault._tag), ["SocketDrop"])
      yield* emulator.injectFault(Fault.status(429, { retryAfter: 1 }), { path: "/v2/listen" })
      const refused = yield* Effect.flip(connect(`${emulator.wsUrl}/v2/listen?model=flux-general-en`))
      assert.strictEqual(refused.status, 429)
      assert.strictEqual(refused.headers["retry-after"], "1")
      assert.strictEqual(refused.headers["dg-error"], "Too many requests. Please try again later.")
      assert.isDefined(refused.headers["dg-request-id"])
      // the socket fault is consumed by the next handshake
      const dropped = yield* connect(`${emulator.wsUrl}/v1/listen`)
      assert.strictEqual((yield* dropped.closed).code, 1006)
      assert.deepStrictEqual(yield* emulator.pendingFaults, [])
    }))
})
