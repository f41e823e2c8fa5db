/**
 * A per-request timeout that costs one fork and one timer. `Effect.timeout`
 * races two fibers, which is measurable at thousands of requests per second.
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"

// internal
// On timeout the work is interrupted in the background: the caller gets its
// error at once, not after the transport has finished tearing down.
export const timeoutFail = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.suspend(() => {
    const started = Date.now()
    return guard(self, () => {
      const left = millis - (Date.now() - started)
      return left > 0 ? left : onTimeout()
    })
  })

/**
 * Runs `self` under one timer: `next` says how long until the next check, or the error to fail with (the work
 * is then interrupted in the background, so the caller gets its error at once).
 *
 * `self` runs in a fiber of its own whose exit is observed, not joined: its FiberRef changes stay in it
 * (internal/http.ts sets an attempt's tracing FiberRefs that way, without restoring them).
 */
export const guard = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  next: () => number | E2
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Effect.fork(self), (fiber) =>
    Effect.async<A, E | E2>((resume) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const check = () => {
        const left = next()
        if (typeof left === "number") timer = setTimeout(check, left === Infinity ? 2 ** 31 - 1 : left)
        else resume(Effect.zipRight(Fiber.interruptFork(fiber), Effect.fail(left)))
      }
      check()
      fiber.addObserver((exit) => {
        clearTimeout(timer)
        resume(exit)
      })
      return Effect.suspend(() => {
        clearTimeout(timer)
        return Fiber.interrupt(fiber)
      })
    }))
