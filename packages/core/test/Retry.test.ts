import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Ref, TestClock } from "effect"
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

  it("parses Retry-After seconds and dates", () => {
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("2")!, Duration.seconds(2)))
    const now = Date.parse("2026-01-01T00:00:00Z")
    assert.isTrue(Duration.equals(Retry.parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)!, Duration.seconds(5)))
    assert.isUndefined(Retry.parseRetryAfter("soon"))
    assert.isUndefined(Retry.parseRetryAfter(undefined))
  })
})
