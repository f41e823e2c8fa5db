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
    return timeoutIdle(self, millis, () => started, onTimeout)
  })

/**
 * A timeout whose clock restarts whenever `lastActivity` moves:
 * fails only after `millis` without progress (a slow upload that keeps
 * sending bytes is not cut off).
 */
export const timeoutIdle = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  millis: number,
  lastActivity: () => number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Effect.fork(self), (fiber) =>
    Effect.async<A, E | E2>((resume) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const check = () => {
        const idle = Date.now() - lastActivity()
        if (idle >= millis) resume(Effect.zipRight(Fiber.interruptFork(fiber), Effect.fail(onTimeout())))
        else timer = setTimeout(check, millis - idle)
      }
      timer = setTimeout(check, millis)
      fiber.addObserver((exit) => {
        clearTimeout(timer)
        resume(exit)
      })
      return Effect.suspend(() => {
        clearTimeout(timer)
        return Fiber.interrupt(fiber)
      })
    }))
