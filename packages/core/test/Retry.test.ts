import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Ref, type Schedule, ScheduleDecision, ScheduleIntervals, TestClock } from "effect"
import { DeepgramError, Retry } from "../src/index.js"

const apiError = (status: number, retryAfter?: Duration.Duration) =>
  new DeepgramError.DeepgramApiError({
    status,
    method: "POST",
    url: "http://x/v1/listen",
    requestId: undefined,
    errCode: undefined,
    errMsg: undefined,
    category: undefined,
    retryAfter,
    excerpt: ""
  })

const countAttempts = (error: DeepgramError.DeepgramError, policy: Retry.RetryPolicy) =>
  Effect.gen(function*() {
    const attempts = yield* Ref.make(0)
    const fiber = yield* Ref.update(attempts, (n) => n + 1).pipe(
      Effect.zipRight(Effect.fail(error)),
      Effect.retry(Retry.schedule(policy)),
      Effect.fork
    )
    yield* TestClock.adjust("10 minutes")
    yield* Fiber.await(fiber)
    return yield* Ref.get(attempts)
  })

/** The delay (ms) before each retry a schedule decides on for `errors`, computed at once (no clock). */
const delaysOf = (schedule: Schedule.Schedule<unknown, DeepgramError.DeepgramError>, errors: ReadonlyArray<DeepgramError.DeepgramError>) =>
  Effect.gen(function*() {
    let state = schedule.initial
    let now = 0
    const delays: Array<number> = []
    for (const error of errors) {
      const [next, , decision] = yield* schedule.step(now, error, state)
      if (ScheduleDecision.isDone(decision)) break
      const start = ScheduleIntervals.start(decision.intervals)
      delays.push(Math.round((start - now) * 1000) / 1000)
      now = start
      state = next
    }
    return delays
  })

describe("Retry", () => {
  it.effect("retries 408, 429 and 5xx the policy's number of times", () =>
    Effect.gen(function*() {
      for (const status of [408, 429, 500, 502, 503, 504]) {
        assert.strictEqual(yield* countAttempts(apiError(status), Retry.defaultPolicy), 3, `status ${status}`)
      }
      assert.strictEqual(yield* countAttempts(apiError(503), { ...Retry.defaultPolicy, retries: 5 }), 6)
    }))

  it.effect("never retries other client errors", () =>
    Effect.gen(function*() {
      for (const status of [400, 401, 403, 404, 501]) {
        assert.strictEqual(yield* countAttempts(apiError(status), Retry.defaultPolicy), 1, `status ${status}`)
      }
    }))

  it.effect("retries timeouts and transport errors", () =>
    Effect.gen(function*() {
      const timeout = new DeepgramError.DeepgramTimeoutError({ method: "GET", url: "u", timeout: Duration.seconds(1) })
      const transport = new DeepgramError.DeepgramTransportError({ method: "GET", url: "u", detail: "reset" })
      assert.strictEqual(yield* countAttempts(timeout, Retry.defaultPolicy), 3)
      assert.strictEqual(yield* countAttempts(transport, Retry.defaultPolicy), 3)
    }))

  it.effect("waits Retry-After when the server sends it", () =>
    Effect.gen(function*() {
      const attempts = yield* Ref.make(0)
      const fiber = yield* Ref.update(attempts, (n) => n + 1).pipe(
        Effect.zipRight(Effect.fail(apiError(429, Duration.seconds(30)))),
        Effect.retry(Retry.schedule(Retry.defaultPolicy)),
        Effect.fork
      )
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual(yield* Ref.get(attempts), 1)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual(yield* Ref.get(attempts), 2)
      yield* TestClock.adjust("31 seconds")
      assert.strictEqual(yield* Ref.get(attempts), 3)
      yield* Fiber.await(fiber)
    }))

  it.effect("backs off exponentially with jitter, capped", () =>
    Effect.gen(function*() {
      const attempts = yield* Ref.make(0)
      const policy = { ...Retry.defaultPolicy, retries: 6, baseDelay: Duration.seconds(1), maxDelay: Duration.seconds(3) }
      const fiber = yield* Ref.update(attempts, (n) => n + 1).pipe(
        Effect.zipRight(Effect.fail(apiError(503))),
        Effect.retry(Retry.schedule(policy)),
        Effect.fork
      )
      // first retry after 0.8–1.2 s
      yield* TestClock.adjust("790 millis")
      assert.strictEqual(yield* Ref.get(attempts), 1)
      yield* TestClock.adjust("420 millis")
      assert.strictEqual(yield* Ref.get(attempts), 2)
      // later retries never wait longer than the 3 s cap
      for (let i = 3; i <= 7; i++) {
        yield* TestClock.adjust("3 seconds")
        assert.strictEqual(yield* Ref.get(attempts), i)
      }
      yield* Fiber.await(fiber)
    }))

  it.effect("Retry-After is capped at maxRetryAfter: an answer of 3600 s means a one-minute wait", () =>
    Effect.gen(function*() {
      const attempts = yield* Ref.make(0)
      const fiber = yield* Ref.update(attempts, (n) => n + 1).pipe(
        Effect.zipRight(Effect.fail(apiError(503, Duration.seconds(3600)))),
        Effect.retry(Retry.schedule(Retry.defaultPolicy)),
        Effect.fork
      )
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual(yield* Ref.get(attempts), 1)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Ref.get(attempts), 2)
      yield* TestClock.adjust("60 seconds")
      assert.strictEqual(yield* Ref.get(attempts), 3)
      yield* Fiber.await(fiber)
      // A smaller cap of the policy's own.
      const delays = yield* delaysOf(
        Retry.schedule({ ...Retry.defaultPolicy, retries: 3, maxRetryAfter: Duration.seconds(5) }),
        [apiError(429, Duration.seconds(3600)), apiError(429, Duration.seconds(2)), apiError(429, Duration.seconds(5))]
      )
      assert.deepStrictEqual(delays, [5000, 2000, 5000])
    }))

  it.effect("Retry-After replaces the backoff, even when it is shorter or zero", () =>
    Effect.gen(function*() {
      const policy = { ...Retry.defaultPolicy, retries: 2, baseDelay: Duration.seconds(4), maxDelay: Duration.seconds(8) }
      assert.deepStrictEqual(yield* delaysOf(Retry.schedule(policy), [apiError(429, Duration.millis(100)), apiError(429, Duration.zero)]), [100, 0])
    }))

  it.effect("the backoff is jittered: delays spread over 80–120 % of the nominal one, not all equal to it", () =>
    Effect.gen(function*() {
      const policy = { ...Retry.defaultPolicy, retries: 3, baseDelay: Duration.seconds(1), maxDelay: Duration.seconds(60) }
      const firsts: Array<number> = []
      const thirds: Array<number> = []
      for (let i = 0; i < 40; i++) {
        const delays = yield* delaysOf(Retry.schedule(policy), [apiError(503), apiError(503), apiError(503)])
        assert.strictEqual(delays.length, 3)
        firsts.push(delays[0]!)
        thirds.push(delays[2]!)
      }
      for (const delay of firsts) assert.isTrue(delay >= 800 && delay <= 1200, `first delay ${delay} ms`)
      for (const delay of thirds) assert.isTrue(delay >= 3200 && delay <= 4800, `third delay ${delay} ms`)
      // An un-jittered schedule would give exactly 1000 ms every time.
      assert.isAbove(new Set(firsts).size, 20, "distinct first delays")
      assert.isAbove(firsts.filter((delay) => Math.abs(delay - 1000) > 50).length, 10, "first delays away from 1000 ms")
      assert.isBelow(Math.min(...firsts), 950)
      assert.isAbove(Math.max(...firsts), 1050)
    }))

  it.effect("the backoff doubles, and maxDelay caps it (jitter included)", () =>
    Effect.gen(function*() {
      const policy = { ...Retry.defaultPolicy, retries: 6, baseDelay: Duration.millis(100), maxDelay: Duration.millis(500) }
      for (let i = 0; i < 10; i++) {
        const delays = yield* delaysOf(Retry.schedule(policy), Array.from({ length: 7 }, () => apiError(500)))
        assert.strictEqual(delays.length, 6, "retries")
        const nominal = [100, 200, 400, 500, 500, 500]
        delays.forEach((delay, n) => {
          assert.isAtMost(delay, 500, `retry ${n + 1}: ${delay} ms`)
          assert.isAtLeast(delay, nominal[n]! * 0.8, `retry ${n + 1}: ${delay} ms`)
          if (n < 2) assert.isAtMost(delay, nominal[n]! * 1.2, `retry ${n + 1}: ${delay} ms`)
        })
      }
    }))

  it.effect("a non-retryable error stops the schedule at once; retries: 0 never retries", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* delaysOf(Retry.schedule(Retry.defaultPolicy), [apiError(400, Duration.seconds(1))]), [])
      assert.deepStrictEqual(yield* delaysOf(Retry.schedule(Retry.none), [apiError(503)]), [])
      assert.strictEqual((yield* delaysOf(Retry.schedule(Retry.defaultPolicy), [apiError(503), apiError(503), apiError(503)])).length, 2)
    }))

  it("resolve: false and retries: 0 mean no retries; a Schedule is used as given", () => {
    // `resolve` is internal (stripped from the declarations); the HTTP layer calls it for every request.
    const { resolve } = Retry as unknown as {
      readonly resolve: (
        base: Retry.RetryPolicy,
        input: Retry.RetryInput | undefined
      ) => { readonly schedule: unknown; readonly retries: boolean }
    }
    assert.isFalse(resolve(Retry.defaultPolicy, false).retries)
    assert.isFalse(resolve(Retry.defaultPolicy, { retries: 0 }).retries)
    assert.isTrue(resolve(Retry.defaultPolicy, undefined).retries)
    assert.isTrue(resolve(Retry.defaultPolicy, {}).retries)
    assert.isTrue(resolve(Retry.none, { retries: 1 }).retries)
    assert.isFalse(resolve(Retry.none, undefined).retries)
    const custom = Retry.schedule(Retry.defaultPolicy)
    const given = resolve(Retry.none, custom)
    assert.strictEqual(given.schedule, custom)
    assert.isTrue(given.retries)
    assert.notStrictEqual(resolve(Retry.defaultPolicy, false).schedule, custom)
  })

  it.effect("resolve: the schedules it builds retry as the policy says", () =>
    Effect.gen(function*() {
      const { resolve } = Retry as unknown as {
        readonly resolve: (
          base: Retry.RetryPolicy,
          input: Retry.RetryInput | undefined
        ) => { readonly schedule: Schedule.Schedule<unknown, DeepgramError.DeepgramError>; readonly retries: boolean }
      }
      const three = [apiError(503), apiError(503), apiError(503)]
      assert.strictEqual((yield* delaysOf(resolve(Retry.defaultPolicy, false).schedule, three)).length, 0)
      assert.strictEqual((yield* delaysOf(resolve(Retry.defaultPolicy, undefined).schedule, three)).length, 2)
      assert.strictEqual((yield* delaysOf(resolve(Retry.none, { retries: 1 }).schedule, three)).length, 1)
    }))

  it("parses Retry-After seconds and dates", () => {
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("2")!, Duration.seconds(2)))
    const now = Date.parse("2026-01-01T00:00:00Z")
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)!, Duration.seconds(5)))
    assert.isUndefined(Retry.parseRetryAfter("soon"))
    assert.isUndefined(Retry.parseRetryAfter(undefined))
    assert.isTrue(Duration.equals(Retry.parseRetryAfter(" 1.5 ")!, Duration.millis(1500)))
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("0")!, Duration.zero))
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("12")!, Duration.seconds(12)))
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("1.25")!, Duration.millis(1250)))
    // Not delay-seconds and not a date.
    assert.isUndefined(Retry.parseRetryAfter("1.5s"))
    assert.isUndefined(Retry.parseRetryAfter("x2"))
    // A date in the past means no wait, not a negative one.
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)!, Duration.zero))
  })
})
