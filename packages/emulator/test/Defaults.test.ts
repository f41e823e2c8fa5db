// The emulator's defaults that the SDK's tests lean on. The emulator answers
// in real time even under a TestClock (its router runs on a clock of its own),
// so Deepgram's 10 s live timeout costs a real 10 s wait here.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { WebSocket } from "ws"
import { DeepgramEmulator } from "../src/index.js"

describe("emulator defaults", () => {
  it.scopedLive("/v1/listen closes an idle stream with 1011 NET-0001 after 10 s by default, not before", () =>
    Effect.gen(function*() {
      const context = yield* Layer.build(DeepgramEmulator.layer())
      const emulator = Context.get(context, DeepgramEmulator.DeepgramEmulator)
      const url = `${emulator.url.replace("http", "ws")}/v1/listen?encoding=linear16&sample_rate=16000`
      const { close, openedAt } = yield* Effect.async<{
        readonly openedAt: number
        readonly close: { readonly code: number; readonly reason: string; readonly at: number }
      }>((resume) => {
        const ws = new WebSocket(url, { headers: { authorization: "Token any-key" } })
        let openedAt = 0
        ws.on("open", () => (openedAt = performance.now()))
        ws.on("close", (code, reason) =>
          resume(Effect.succeed({ openedAt, close: { code, reason: String(reason), at: performance.now() } })))
        ws.on("error", () => {})
        return Effect.sync(() => ws.terminate())
      })
      assert.isAbove(openedAt, 0, "the socket opened")
      assert.strictEqual(close.code, 1011)
      assert.include(close.reason, "net0001")
      const idle = close.at - openedAt
      assert.isAtLeast(idle, 9_800, `closed after ${Math.round(idle)} ms`)
      assert.isAtMost(idle, 12_500, `closed after ${Math.round(idle)} ms`)
    }), 30_000)
})
