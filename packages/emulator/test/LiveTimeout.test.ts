// The live sessions' timeout (internal/session.ts `serveFrames`) on the TestClock with a scripted connection:
// 1011 NET-0001 when no frame arrives in time, which frames restart the clock, and nothing handled once closing.
// (Defaults.test.ts checks the default of 10 s end to end, over a real socket.)
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Queue, TestClock } from "effect"
import * as SessionModule from "../src/internal/session.js"

type Incoming =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "Binary"; readonly data: Uint8Array }
  | { readonly _tag: "Ping" }
  | { readonly _tag: "Closed" }

// The module is `@internal` (stripped from the declarations the tests type-check against): what these tests use.
const Session = SessionModule as unknown as {
  readonly net0001: string
  readonly serveFrames: <E, R>(
    connection: unknown,
    timeoutMillis: number,
    pingKeepsAlive: boolean,
    handle: (frame: Incoming, now: number) => Effect.Effect<void, E, R>,
    onTimeout?: Effect.Effect<void, E, R>
  ) => Effect.Effect<void, E, R>
}

/** A connection whose frames the test offers, recording closes; `Closed` follows the first close. */
const scripted = Effect.gen(function*() {
  const incoming = yield* Queue.unbounded<Incoming>()
  const closes: Array<[number | undefined, string | undefined]> = []
  let closing = false
  const connection = {
    incoming,
    closing: () => closing,
    close: (code?: number, reason?: string) =>
      Effect.suspend(() => {
        closes.push([code, reason])
        closing = true
        return Queue.offer(incoming, { _tag: "Closed" })
      })
  }
  return { connection, incoming, closes }
})

const serve = (pingKeepsAlive: boolean, onTimeout?: Effect.Effect<void>) =>
  Effect.gen(function*() {
    const { closes, connection, incoming } = yield* scripted
    const handled: Array<[string, number]> = []
    const fiber = yield* Effect.fork(
      Session.serveFrames(connection, 10_000, pingKeepsAlive, (frame, now) =>
        Effect.sync(() => {
          handled.push([frame._tag, now])
        }), onTimeout)
    )
    const offer = (frame: Incoming) => Effect.zipRight(Queue.offer(incoming, frame), Effect.yieldNow())
    return { closes, fiber, handled, offer }
  })

describe("emulator live timeout (serveFrames)", () => {
  it.effect("no frame within the timeout: 1011 with NET-0001, at the timeout and not before", () =>
    Effect.gen(function*() {
      const { closes, fiber } = yield* serve(false)
      yield* TestClock.adjust(9_999)
      assert.deepStrictEqual(closes, [])
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(closes, [[1011, Session.net0001]])
    }))

  it.effect("audio and text restart the clock; every frame is handed over with its time", () =>
    Effect.gen(function*() {
      const { closes, fiber, handled, offer } = yield* serve(false)
      yield* TestClock.adjust(6_000)
      yield* offer({ _tag: "Binary", data: new Uint8Array([1]) })
      yield* TestClock.adjust(6_000)
      yield* offer({ _tag: "Text", text: "{}" })
      yield* TestClock.adjust(9_999)
      assert.deepStrictEqual(closes, [], "10 s after the last frame, not after the first")
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(handled, [["Binary", 6_000], ["Text", 12_000]])
      assert.deepStrictEqual(closes, [[1011, Session.net0001]])
    }))

  it.effect("pings restart the clock only where they keep the session alive", () =>
    Effect.gen(function*() {
      const kept = yield* serve(true)
      yield* TestClock.adjust(6_000)
      yield* kept.offer({ _tag: "Ping" })
      yield* TestClock.adjust(9_999)
      assert.deepStrictEqual(kept.closes, [])
      yield* TestClock.adjust(1)
      yield* Fiber.join(kept.fiber)
      assert.deepStrictEqual(kept.handled, [], "a ping is not handed over")

      const ignored = yield* serve(false)
      yield* TestClock.adjust(6_000)
      yield* ignored.offer({ _tag: "Ping" })
      yield* TestClock.adjust(4_000)
      yield* Fiber.join(ignored.fiber)
      assert.deepStrictEqual(ignored.closes, [[1011, Session.net0001]])
    }))

  it.effect("a timeout handler that does not close still ends with 1011, once", () =>
    Effect.gen(function*() {
      let timeouts = 0
      const { closes, fiber, handled } = yield* serve(false, Effect.sync(() => timeouts++))
      yield* TestClock.adjust(10_000)
      yield* Fiber.join(fiber)
      assert.strictEqual(timeouts, 1)
      assert.deepStrictEqual(closes, [[1011, Session.net0001]])
      assert.deepStrictEqual(handled, [])
    }))

  it.effect("once the server is closing, frames are not handled and no timeout fires; Closed ends it", () =>
    Effect.gen(function*() {
      const { closes, connection, incoming } = yield* scripted
      const handled: Array<string> = []
      yield* connection.close(1000, "done")
      // Frames that were already on their way, then the end of the connection.
      const queue = incoming as Queue.Queue<Incoming>
      yield* Queue.takeAll(queue)
      yield* Queue.offerAll(queue, [{ _tag: "Text", text: "{}" }, { _tag: "Ping" }])
      const fiber = yield* Effect.fork(
        Session.serveFrames(connection, 10_000, true, (frame) => Effect.sync(() => handled.push(frame._tag)))
      )
      yield* TestClock.adjust(60_000)
      assert.isNull(fiber.unsafePoll(), "still waiting for Closed: no timeout while closing")
      yield* Queue.offer(queue, { _tag: "Closed" })
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(handled, [])
      assert.deepStrictEqual(closes, [[1000, "done"]])
    }))
})
