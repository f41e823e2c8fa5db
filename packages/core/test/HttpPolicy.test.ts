// The HTTP layer's policy against a scripted HttpClient (internal/http.ts `execute`, `request`, internal/timeout.ts):
// the per-attempt timeout and the deadline across attempts (real timers of tens of milliseconds: the layer reads
// `Date.now()`), retries bounded by the deadline, one-shot stream bodies, and how answers are decoded.
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Schema, Stream } from "effect"
import { DeepgramConfig, type DeepgramError, DeepgramHttp } from "../src/index.js"

const BASE = "http://127.0.0.1:9"

type Answer =
  | "hang"
  | ((request: HttpClientRequest.HttpClientRequest) => HttpClientError.HttpClientError)
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string>; readonly delay?: number }

/** A client that answers the n-th request with `answers[n]` (the last repeats), recording the requests. */
const scripted = (answers: ReadonlyArray<Answer>) => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const client = HttpClient.make((request) => {
    requests.push(request)
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!
    if (answer === "hang") return Effect.never
    if (typeof answer === "function") return Effect.fail(answer(request))
    const response = Effect.sync(() =>
      HttpClientResponse.fromWeb(
        request,
        new Response(answer.body ?? "{}", { status: answer.status, headers: answer.headers ?? {} })
      )
    )
    return answer.delay === undefined ? response : Effect.delay(response, Duration.millis(answer.delay))
  })
  return { client, requests }
}

const service = (answers: ReadonlyArray<Answer>, options: DeepgramConfig.Options = {}) =>
  Effect.map(DeepgramConfig.make({ baseUrl: BASE, ...options }), (config) => {
    const { client, requests } = scripted(answers)
    return { http: DeepgramHttp.make(client, config), requests }
  })

const get = (options?: DeepgramHttp.RequestOptions) => ({
  operation: "test.get",
  method: "GET" as const,
  path: "/v1/projects",
  response: Schema.Struct({ name: Schema.String }),
  ...(options === undefined ? {} : { options })
})

/** The error as a short record (a success is a short text, never the value). */
const failure = <A>(effect: Effect.Effect<A, DeepgramError.DeepgramError>) =>
  Effect.match(effect, { onFailure: (error) => error, onSuccess: () => "succeeded" as const })

const timing = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.timed(effect), ([duration, value]) => ({ millis: Duration.toMillis(duration), value }))

describe("DeepgramHttp policy: timers", () => {
  it.live("an attempt that hangs fails after the per-attempt timeout, as kind attempt, after one attempt", () =>
    Effect.gen(function*() {
      const { http, requests } = yield* service(["hang"], { timeout: 60, retry: { retries: 0 } })
      const { millis, value } = yield* timing(failure(http.request(get())))
      assert.strictEqual(value === "succeeded" ? value : value._tag, "DeepgramTimeoutError")
      if (value === "succeeded" || value._tag !== "DeepgramTimeoutError") return
      assert.deepStrictEqual([value.kind, value.attempts, Duration.toMillis(value.timeout)], ["attempt", 1, 60])
      assert.isAtLeast(millis, 55)
      assert.isBelow(millis, 1_000)
      assert.strictEqual(requests.length, 1)
    }))

  it.live("the deadline ends a hanging attempt before its own timeout, and is not retried", () =>
    Effect.gen(function*() {
      const { http, requests } = yield* service(["hang"], { timeout: "10 seconds", deadline: 80 })
      const { millis, value } = yield* timing(failure(http.request(get())))
      assert.strictEqual(value === "succeeded" ? value : value._tag, "DeepgramTimeoutError")
      if (value === "succeeded" || value._tag !== "DeepgramTimeoutError") return
      assert.deepStrictEqual([value.kind, value.attempts, Duration.toMillis(value.timeout)], ["deadline", 1, 80])
      assert.isAtLeast(millis, 75)
      assert.isBelow(millis, 2_000)
      assert.strictEqual(requests.length, 1, "a deadline is final: no retry")
    }))

  it.live("timed-out attempts are retried until the deadline, which also bounds the waits between them", () =>
    Effect.gen(function*() {
      const { http, requests } = yield* service(["hang"], {
        timeout: 30,
        deadline: 150,
        retry: { retries: 100, baseDelay: "1 millis", maxDelay: "1 millis" }
      })
      const { millis, value } = yield* timing(failure(http.request(get())))
      assert.strictEqual(value === "succeeded" ? value : value._tag, "DeepgramTimeoutError")
      if (value === "succeeded" || value._tag !== "DeepgramTimeoutError") return
      assert.strictEqual(value.kind, "deadline")
      assert.isAtLeast(requests.length, 2)
      assert.strictEqual(value.attempts, requests.length)
      assert.isAtLeast(millis, 145)
      assert.isBelow(millis, 2_000)

      // A long backoff after a 503 is cut by the deadline too.
      const slow = yield* service([{ status: 503 }], { deadline: 100, retry: { retries: 3, baseDelay: "10 seconds" } })
      const cut = yield* timing(failure(slow.http.request(get())))
      assert.strictEqual(cut.value === "succeeded" ? cut.value : cut.value._tag, "DeepgramTimeoutError")
      assert.isBelow(cut.millis, 2_000)
      assert.strictEqual(slow.requests.length, 1)
    }))

  it.live("the wait before a retry ends at the deadline counted from the first attempt, not from the failure", () =>
    Effect.gen(function*() {
      // The first attempt takes 400 ms of a 600 ms deadline, then a long backoff: the request ends at 600 ms.
      const { http, requests } = yield* service([{ status: 503, delay: 400 }], {
        deadline: 600,
        retry: { retries: 3, baseDelay: "10 seconds", maxDelay: "10 seconds" }
      })
      const { millis, value } = yield* timing(failure(http.request(get())))
      assert.strictEqual(value === "succeeded" ? value : value._tag, "DeepgramTimeoutError")
      assert.strictEqual(value !== "succeeded" && value._tag === "DeepgramTimeoutError" ? value.kind : "", "deadline")
      assert.strictEqual(requests.length, 1)
      assert.isAtLeast(millis, 590)
      assert.isBelow(millis, 1_100)
    }))

  it.live("a per-request timeout and deadline override the configured ones; deadline false removes it", () =>
    Effect.gen(function*() {
      const { http } = yield* service(["hang"], { timeout: "10 seconds", deadline: "10 seconds", retry: { retries: 0 } })
      const attempt = yield* timing(failure(http.request(get({ timeout: 40 }))))
      assert.strictEqual(attempt.value !== "succeeded" && attempt.value._tag === "DeepgramTimeoutError" && attempt.value.kind, "attempt")
      assert.isBelow(attempt.millis, 2_000)
      const deadline = yield* timing(failure(http.request(get({ deadline: 40 }))))
      assert.strictEqual(deadline.value !== "succeeded" && deadline.value._tag === "DeepgramTimeoutError" && deadline.value.kind, "deadline")
      assert.isBelow(deadline.millis, 2_000)
      // No deadline: the attempt's own timeout (60 ms) ends it, not the configured 10 s deadline, nor a 0 one.
      const none = yield* timing(failure(http.request(get({ deadline: false, timeout: 60 }))))
      assert.strictEqual(none.value !== "succeeded" && none.value._tag === "DeepgramTimeoutError" && none.value.kind, "attempt")
    }))

  it.live("an answer that comes in time succeeds: the timer does not fire after it", () =>
    Effect.gen(function*() {
      const { http } = yield* service([{ status: 200, body: "{\"name\":\"a\"}", delay: 20 }], { timeout: 200, deadline: 300 })
      assert.deepStrictEqual(yield* http.request(get()), { name: "a" })
      yield* Effect.sleep(Duration.millis(350))
    }))
})

describe("DeepgramHttp policy: stream bodies", () => {
  const upload = (replayable: boolean) => ({
    operation: "test.upload",
    method: "POST" as const,
    path: "/v1/listen",
    response: Schema.Unknown,
    body: {
      _tag: "Stream" as const,
      stream: Stream.make(new Uint8Array([1, 2, 3])),
      contentType: "audio/wav",
      replayable
    }
  })

  it.live("a one-shot stream is sent once: a retryable failure says it was not retried", () =>
    Effect.gen(function*() {
      const { http, requests } = yield* service([{ status: 503 }], { retry: { retries: 3, baseDelay: "1 millis" } })
      const error = yield* failure(http.request(upload(false)))
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(error === "succeeded" ? error : error._tag, "DeepgramApiError")
      if (error === "succeeded" || error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 503)
      assert.isString(error.notRetried)

      const replayable = yield* service([{ status: 503 }, { status: 200 }], { retry: { retries: 3, baseDelay: "1 millis" } })
      yield* replayable.http.request(upload(true))
      assert.strictEqual(replayable.requests.length, 2, "a replayable stream (a file) is retried")
    }))

  it.live("a one-shot stream's timeout says it was not retried, except at the deadline (final anyway)", () =>
    Effect.gen(function*() {
      const attempt = yield* service(["hang"], { timeout: 40, retry: { retries: 3 } })
      const timedOut = yield* failure(attempt.http.request(upload(false)))
      assert.isTrue(timedOut !== "succeeded" && timedOut._tag === "DeepgramTimeoutError" && timedOut.kind === "attempt")
      assert.isTrue(timedOut !== "succeeded" && timedOut._tag === "DeepgramTimeoutError" && timedOut.notRetried !== undefined)
      assert.strictEqual(attempt.requests.length, 1)
      const deadline = yield* service(["hang"], { timeout: "10 seconds", retry: { retries: 3 } })
      const final = yield* failure(deadline.http.request({ ...upload(false), options: { deadline: 40 } }))
      assert.isTrue(final !== "succeeded" && final._tag === "DeepgramTimeoutError" && final.kind === "deadline")
      assert.isTrue(final !== "succeeded" && final._tag === "DeepgramTimeoutError" && final.notRetried === undefined)
    }))

  it.live("a one-shot stream's transport failure says it was not retried", () =>
    Effect.gen(function*() {
      const refused = (request: HttpClientRequest.HttpClientRequest) =>
        new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNRESET") })
      const { http, requests } = yield* service([refused], { retry: { retries: 3 } })
      const error = yield* failure(http.request(upload(false)))
      assert.strictEqual(requests.length, 1)
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramTransportError" && error.notRetried !== undefined)
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramTransportError" && error.detail === "ECONNRESET")
    }))

  it.live("a one-shot stream's non-retryable failure is left as it is", () =>
    Effect.gen(function*() {
      const { http } = yield* service([{ status: 400 }])
      const error = yield* failure(http.request(upload(false)))
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramApiError" && error.notRetried === undefined)
    }))

  it.live("an upload has no default deadline (only the per-attempt timeout, restarted by progress)", () =>
    Effect.gen(function*() {
      const { http } = yield* service([{ status: 200, delay: 120 }], { timeout: 1_000, deadline: 50 })
      assert.deepStrictEqual(yield* http.request(upload(true)), {})
      // A file body (made afresh for each attempt) is an upload too.
      const file = {
        ...upload(true),
        body: { _tag: "Lazy" as const, body: Effect.succeed(HttpBody.uint8Array(new Uint8Array([1]), "audio/wav")) }
      }
      assert.deepStrictEqual(yield* http.request(file), {})
      // Any other body keeps the configured deadline.
      const json = { ...upload(true), body: { _tag: "Json" as const, value: {} } }
      const error = yield* failure(http.request(json))
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramTimeoutError" && error.kind === "deadline")
    }))
})

describe("DeepgramHttp policy: transport failures", () => {
  const detailOf = (fail: (request: HttpClientRequest.HttpClientRequest) => HttpClientError.HttpClientError) =>
    Effect.gen(function*() {
      const { http } = yield* service([fail], { retry: { retries: 0 } })
      const error = yield* failure(http.request(get()))
      return error !== "succeeded" && error._tag === "DeepgramTransportError"
        ? [error.method, error.url, error.detail]
        : [error === "succeeded" ? error : error._tag]
    })

  it.effect("the detail is the transport's own cause, the innermost one first; other reasons are named", () =>
    Effect.gen(function*() {
      const where = ["GET", `${BASE}/v1/projects`]
      const nested = new Error("connect failed", { cause: new Error("ECONNREFUSED 127.0.0.1:9") })
      assert.deepStrictEqual(
        yield* detailOf((request) => new HttpClientError.RequestError({ request, reason: "Transport", cause: nested })),
        [...where, "ECONNREFUSED 127.0.0.1:9"]
      )
      assert.deepStrictEqual(
        yield* detailOf((request) =>
          new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("socket closed") })
        ),
        [...where, "socket closed"]
      )
      assert.deepStrictEqual(
        yield* detailOf((request) => new HttpClientError.RequestError({ request, reason: "Transport", cause: "odd" })),
        [...where, "request failed"]
      )
      assert.deepStrictEqual(
        yield* detailOf((request) => new HttpClientError.RequestError({ request, reason: "InvalidUrl" })),
        [...where, "InvalidUrl error"]
      )
    }))

  it.effect("a body cut while it is read is a transport failure of that request", () =>
    Effect.gen(function*() {
      const detail = yield* detailOf((request) =>
        new HttpClientError.ResponseError({
          request,
          response: HttpClientResponse.fromWeb(request, new Response("")),
          reason: "Decode",
          cause: new Error("socket hang up")
        })
      )
      assert.deepStrictEqual(detail.slice(0, 2), ["GET", `${BASE}/v1/projects`])
      assert.include(String(detail[2]), "body")
    }))
})

describe("DeepgramHttp policy: answers", () => {
  it.effect("a streamed body cut while it is read fails the stream as a transport error of that request", () =>
    Effect.gen(function*() {
      const client = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(
          request,
          new Response(
            new ReadableStream<Uint8Array>({
              start: (controller) => {
                controller.enqueue(new Uint8Array([97]))
                controller.error(new Error("socket hang up"))
              }
            }),
            { status: 200 }
          )
        ))
      )
      const http = DeepgramHttp.make(client, yield* DeepgramConfig.make({ baseUrl: BASE }))
      const response = yield* http.requestStream({ operation: "test.stream", method: "GET", path: "/v1/speak" })
      const error = yield* Effect.flip(Stream.runDrain(response.stream))
      assert.strictEqual(error._tag, "DeepgramTransportError")
      if (error._tag !== "DeepgramTransportError") return
      assert.deepStrictEqual([error.method, error.url], ["GET", `${BASE}/v1/speak`])
      assert.include(error.detail, "body")
    }))

  it.effect("an error status carries Deepgram's error fields, the request id and Retry-After", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ err_code: "Bad Request", err_msg: "bad model", request_id: "req-body" })
      const { http } = yield* service([{ status: 400, body, headers: { "dg-request-id": "req-header" } }])
      const error = yield* failure(http.request(get()))
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramApiError")
      if (error === "succeeded" || error._tag !== "DeepgramApiError") return
      assert.deepStrictEqual(
        [error.status, error.errCode, error.errMsg, error.requestId, error.method, error.url],
        [400, "Bad Request", "bad model", "req-body", "GET", `${BASE}/v1/projects`]
      )
      const limited = yield* service([
        { status: 429, body: "{}", headers: { "dg-request-id": "req-header", "retry-after": "7" } }
      ], { retry: { retries: 0 } })
      const tooMany = yield* failure(limited.http.request(get()))
      assert.isTrue(tooMany !== "succeeded" && tooMany._tag === "DeepgramApiError")
      if (tooMany === "succeeded" || tooMany._tag !== "DeepgramApiError") return
      assert.strictEqual(tooMany.requestId, "req-header")
      assert.strictEqual(tooMany.retryAfter === undefined ? undefined : Duration.toMillis(tooMany.retryAfter), 7_000)
    }))

  it.effect("a non-JSON error body becomes a short message; a 3xx is not an error status", () =>
    Effect.gen(function*() {
      const { http } = yield* service([{ status: 502, body: "Bad gateway from the proxy" }], { retry: { retries: 0 } })
      const error = yield* failure(http.request(get()))
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramApiError")
      if (error === "succeeded" || error._tag !== "DeepgramApiError") return
      assert.deepStrictEqual([error.errMsg, error.excerpt], ["Bad gateway from the proxy", "Bad gateway from the proxy"])
      const long = yield* service([{ status: 500, body: "x".repeat(500) }], { retry: { retries: 0 } })
      const longError = yield* failure(long.http.request(get()))
      assert.isTrue(longError !== "succeeded" && longError._tag === "DeepgramApiError" && longError.excerpt === `${"x".repeat(200)}…`)
      const exact = yield* service([{ status: 500, body: "y".repeat(200) }], { retry: { retries: 0 } })
      const exactError = yield* failure(exact.http.request(get()))
      assert.isTrue(exactError !== "succeeded" && exactError._tag === "DeepgramApiError" && exactError.excerpt === "y".repeat(200))
      // JSON after leading whitespace is still JSON.
      const spaced = yield* service([{ status: 400, body: " \n {\"err_msg\":\"spaced\"}" }])
      const spacedError = yield* failure(spaced.http.request(get()))
      assert.isTrue(spacedError !== "succeeded" && spacedError._tag === "DeepgramApiError" && spacedError.errMsg === "spaced")
      const array = yield* service([{ status: 400, body: "[1]" }])
      const arrayError = yield* failure(array.http.request(get()))
      assert.isTrue(arrayError !== "succeeded" && arrayError._tag === "DeepgramApiError" && arrayError.excerpt === "[1]")
      // A JSON array is JSON (with no error fields), not text to show as the message.
      assert.isTrue(arrayError !== "succeeded" && arrayError._tag === "DeepgramApiError" && arrayError.errMsg === undefined)
      const redirect = yield* service([{ status: 399, body: "{\"name\":\"r\"}" }])
      assert.deepStrictEqual(yield* redirect.http.request(get()), { name: "r" })
    }))

  it.effect("a 2xx body is decoded with the schema: empty, not JSON and mismatched bodies are decode errors", () =>
    Effect.gen(function*() {
      for (
        const [body, issue] of [
          ["", "empty body"],
          ["{\"name\":", "not JSON (or truncated)"],
          ["{\"name\":1}", undefined]
        ] as const
      ) {
        const { http } = yield* service([{ status: 200, body, headers: { "dg-request-id": "req-ok" } }])
        const error = yield* failure(http.request(get()))
        assert.isTrue(error !== "succeeded" && error._tag === "DeepgramDecodeError", body)
        if (error === "succeeded" || error._tag !== "DeepgramDecodeError") continue
        assert.deepStrictEqual([error.status, error.requestId, error.excerpt], [200, "req-ok", body])
        if (issue !== undefined) assert.strictEqual(error.issue, issue)
        else assert.include(error.issue, "name")
      }
      // Fields the schema does not know are kept.
      const { http } = yield* service([{ status: 200, body: "{\"name\":\"a\",\"added\":true}" }])
      assert.deepStrictEqual(yield* http.request(get()), { name: "a", added: true } as { name: string })
    }))

  it.effect("bytes and streams come with the response's status, headers and request id", () =>
    Effect.gen(function*() {
      const { http } = yield* service([{ status: 200, body: "abc", headers: { "dg-request-id": "req-b", "x-a": "1" } }])
      const spec = { operation: "test.bytes", method: "GET" as const, path: "/v1/speak" }
      const bytes = yield* http.requestBytes(spec)
      assert.deepStrictEqual([...bytes.bytes], [97, 98, 99])
      assert.deepStrictEqual([bytes.info.status, bytes.info.requestId, bytes.info.headers["x-a"]], [200, "req-b", "1"])
      const streamed = yield* http.requestStream(spec)
      const chunks = yield* Stream.runCollect(streamed.stream)
      assert.deepStrictEqual([...chunks].flatMap((chunk) => [...chunk]), [97, 98, 99])
      assert.strictEqual(streamed.info.requestId, "req-b")
      const refused = yield* service([{ status: 404, body: "{}" }])
      const error = yield* failure(refused.http.requestBytes(spec))
      assert.isTrue(error !== "succeeded" && error._tag === "DeepgramApiError" && error.status === 404)
    }))
})
