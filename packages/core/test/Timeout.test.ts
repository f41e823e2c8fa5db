// The one-timer guard under the HTTP layer (internal/timeout.ts), with real timers of a few milliseconds.
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Either, Fiber } from "effect"
import { guard, timeoutFail } from "../src/internal/timeout.js"

describe("internal/timeout guard", () => {
  it.live("no limit (Infinity) sets one long timer: the check is not repeated", () =>
    Effect.gen(function*() {
      let checks = 0
      const result = yield* guard(Effect.as(Effect.sleep(Duration.millis(60)), "done"), () => {
        checks++
        return Infinity
      })
      assert.strictEqual(result, "done")
      assert.strictEqual(checks, 1)
    }))

  it.live("the check runs again when its time comes, and its error ends the work", () =>
    Effect.gen(function*() {
      let checks = 0
      const result = yield* Effect.either(guard(Effect.never, () => ++checks < 3 ? 10 : "late"))
      assert.deepStrictEqual(result, Either.left("late"))
      assert.strictEqual(checks, 3)
    }))

  it.live("the timer is cleared when the work ends first: no check after it", () =>
    Effect.gen(function*() {
      let checks = 0
      yield* guard(Effect.succeed(1), () => {
        checks++
        return 20
      })
      yield* Effect.sleep(Duration.millis(60))
      assert.strictEqual(checks, 1)
    }))

  it.live("interrupting the guard interrupts the work and clears the timer", () =>
    Effect.gen(function*() {
      let checks = 0
      let interrupted = false
      const work = Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted = true))
      const fiber = yield* Effect.fork(guard(work, () => {
        checks++
        return 20
      }))
      yield* Effect.sleep(Duration.millis(5))
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep(Duration.millis(60))
      assert.isTrue(interrupted)
      assert.strictEqual(checks, 1)
    }))

  it.live("timeoutFail: the error after the time, the value before it", () =>
    Effect.gen(function*() {
      const late = yield* Effect.either(timeoutFail(Effect.never, 20, () => "timed out"))
      assert.deepStrictEqual(late, Either.left("timed out"))
      const early = yield* timeoutFail(Effect.succeed("value"), 1_000, () => "timed out")
      assert.strictEqual(early, "value")
    }))
})
