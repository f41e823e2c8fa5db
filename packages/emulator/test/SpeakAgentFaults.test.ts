/**
 * Injected faults on the speak and agent WebSockets: the same socket layer as listen.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { connect, typeOf } from "./live.js"

describe("faults on the speak and agent WebSockets", () => {
  it.scopedLive("socketDrop after Metadata on /v1/speak: the client sees 1006", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      yield* emulator.injectFault(Fault.socketDrop({ after: 1 }), { path: "/v1/speak" })
      const client = yield* connect(`${emulator.wsUrl}/v1/speak`)
      assert.strictEqual((yield* client.closed).code, 1006)
      assert.deepStrictEqual(client.messages.map(typeOf), ["Metadata"])
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.fault, "SocketDrop")
    }))

  it.scopedLive("socketClose after Welcome on /v1/agent/converse; a refused handshake on /v2/speak", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      yield* emulator.injectFault(Fault.socketClose(1011, { reason: "NET-0000: fault injected", after: 1 }), {
        path: "/v1/agent/converse"
      })
      const agent = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      assert.deepStrictEqual(yield* agent.closed, { code: 1011, reason: "NET-0000: fault injected" })
      assert.deepStrictEqual(agent.messages.map(typeOf), ["Welcome"])

      yield* emulator.injectFault(Fault.status(429), { path: "/v2/speak" })
      const refused = yield* Effect.flip(connect(`${emulator.wsUrl}/v2/speak?model=flux-alexis-en`))
      assert.strictEqual(refused.status, 429)
      assert.isString(refused.headers["dg-error"])

      yield* emulator.injectFault(Fault.socketMalformed({ after: 1 }), { path: "/v2/speak" })
      const malformed = yield* connect(`${emulator.wsUrl}/v2/speak?model=flux-alexis-en`)
      yield* malformed.waitFor((m) => typeof m === "string")
      assert.strictEqual(typeOf(malformed.messages[0]), "Connected")
    }))
})
