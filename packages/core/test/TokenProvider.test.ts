// TokenProvider.make's cache on the TestClock with a scripted mint (the lifetime rules: Deepgram's 30 s default,
// refreshing ahead, at most half the lifetime ahead, serving an unexpired token while a refresh fails), and
// layerEndpoint against a scripted HttpClient (the method, the grant's decoding, each failure's error).
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { DeepgramError, TokenProvider } from "../src/index.js"

/** A mint that hands out `t1`, `t2`, … with `expiresIn` seconds (or none), failing when `fail()` says so. */
const scripted = (expiresIn: number | undefined, fail: () => boolean = () => false) => {
  let grants = 0
  const mint = Effect.suspend(() => {
    if (fail()) {
      return Effect.fail(
        new DeepgramError.DeepgramTransportError({ method: "POST", url: "/v1/auth/grant", detail: "refused" })
      )
    }
    grants++
    return Effect.succeed(
      expiresIn === undefined
        ? { access_token: `t${grants}` }
        : { access_token: `t${grants}`, expires_in: expiresIn }
    )
  })
  return { mint, grants: () => grants }
}

const secret = (token: TokenProvider.Token) => Redacted.value(token.accessToken)

describe("TokenProvider.make", () => {
  it.effect("a grant without expires_in lives Deepgram's 30 s, and is replaced 10 s before it expires", () =>
    Effect.gen(function*() {
      const { grants, mint } = scripted(undefined)
      const provider = yield* TokenProvider.make(mint)
      const first = yield* provider.current
      assert.deepStrictEqual([secret(first), first.expiresIn, first.expiresAt], ["t1", 30, 30_000])
      yield* TestClock.adjust("19999 millis")
      const cached = yield* provider.current
      assert.deepStrictEqual([secret(cached), cached.expiresIn, cached.expiresAt, grants()], ["t1", 10, 30_000, 1])
      yield* TestClock.adjust("1 millis")
      const refreshed = yield* provider.current
      assert.deepStrictEqual([secret(refreshed), refreshed.expiresAt, grants()], ["t2", 50_000, 2])
    }))

  it.effect("a short-lived token is replaced after half its lifetime, not 10 s before it expires", () =>
    Effect.gen(function*() {
      const { grants, mint } = scripted(4)
      const provider = yield* TokenProvider.make(mint)
      assert.strictEqual(secret(yield* provider.current), "t1")
      yield* TestClock.adjust("1999 millis")
      assert.deepStrictEqual([secret(yield* provider.current), grants()], ["t1", 1])
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual([secret(yield* provider.current), grants()], ["t2", 2])
    }))

  it.effect("expires_in below one second counts as one second; expiresIn never goes below 0", () =>
    Effect.gen(function*() {
      const { mint } = scripted(0)
      const provider = yield* TokenProvider.make(mint, { refreshAhead: 0 })
      const token = yield* provider.current
      assert.deepStrictEqual([token.expiresIn, token.expiresAt], [1, 1_000])
      yield* TestClock.adjust("999 millis")
      const late = yield* provider.current
      assert.deepStrictEqual([secret(late), late.expiresIn], ["t1", 0])
    }))

  it.effect("refreshAhead sets how long before expiry the token is replaced", () =>
    Effect.gen(function*() {
      const { grants, mint } = scripted(60)
      const provider = yield* TokenProvider.make(mint, { refreshAhead: "20 seconds" })
      yield* provider.current
      yield* TestClock.adjust("39999 millis")
      const cached = yield* provider.current
      assert.deepStrictEqual([secret(cached), cached.expiresIn, grants()], ["t1", 20, 1])
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual([secret(yield* provider.current), grants()], ["t2", 2])
    }))

  it.effect("a failed refresh serves the token until the moment it expires, then fails, then recovers", () =>
    Effect.gen(function*() {
      let failing = false
      const { grants, mint } = scripted(60, () => failing)
      const provider = yield* TokenProvider.make(mint)
      yield* provider.current
      failing = true
      yield* TestClock.adjust("59999 millis")
      const last = yield* provider.current
      assert.deepStrictEqual([secret(last), last.expiresIn], ["t1", 0])
      yield* TestClock.adjust("1 millis")
      const error = yield* Effect.flip(provider.token)
      assert.strictEqual(error._tag, "DeepgramTransportError")
      failing = false
      assert.strictEqual(Redacted.value(yield* provider.token), "t2")
      assert.strictEqual(grants(), 2)
    }))

  it.effect("a first mint that fails fails the call (nothing cached to serve)", () =>
    Effect.gen(function*() {
      const provider = yield* TokenProvider.make(scripted(60, () => true).mint)
      const error = yield* Effect.flip(provider.current)
      assert.strictEqual(error._tag, "DeepgramTransportError")
    }))

  it.effect("callers that arrive during a refresh wait for it and share its token", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      let grants = 0
      const mint = Effect.zipRight(
        Deferred.await(gate),
        Effect.sync(() => ({ access_token: `t${++grants}`, expires_in: 60 }))
      )
      const provider = yield* TokenProvider.make(mint)
      const fibers = yield* Effect.forkAll(Array.from({ length: 5 }, () => provider.token))
      yield* Effect.yieldNow()
      yield* Deferred.succeed(gate, undefined)
      const tokens = yield* Fiber.join(fibers)
      assert.deepStrictEqual(tokens.map(Redacted.value), ["t1", "t1", "t1", "t1", "t1"])
      assert.strictEqual(grants, 1)
    }))

  it.effect("invalidate forgets the token: the next call mints, the one after is cached again", () =>
    Effect.gen(function*() {
      const { grants, mint } = scripted(60)
      const provider = yield* TokenProvider.make(mint)
      assert.strictEqual(Redacted.value(yield* provider.token), "t1")
      yield* provider.invalidate
      assert.strictEqual(Redacted.value(yield* provider.token), "t2")
      assert.strictEqual(Redacted.value(yield* provider.token), "t2")
      assert.strictEqual(grants(), 2)
    }))
})

/** A client that answers every request with `status` and `body` (or fails as a transport error), recording them. */
const endpoint = (answer: { readonly status: number; readonly body: string } | "unreachable" | "cut") => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const client = HttpClient.make((request) => {
    requests.push(request)
    if (answer === "unreachable") {
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNREFUSED") }))
    }
    if (answer === "cut") {
      // Headers arrive, then the connection fails while the body is read.
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.error(new Error("socket hang up"))
      })
      return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body, { status: 200 })))
    }
    return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(answer.body, { status: answer.status })))
  })
  return { layer: Layer.succeed(HttpClient.HttpClient, client), requests }
}

const URL = "http://127.0.0.1:9/token"

const fromEndpoint = (
  answer: Parameters<typeof endpoint>[0],
  options?: TokenProvider.EndpointOptions
) => {
  const { layer, requests } = endpoint(answer)
  return Effect.flatMap(
    Effect.flatMap(TokenProvider.TokenProvider, (provider) => Effect.either(provider.current)).pipe(
      Effect.provide(TokenProvider.layerEndpoint(URL, options).pipe(Layer.provide(layer)))
    ),
    (result) => Effect.succeed({ result, requests })
  )
}

describe("TokenProvider.layerEndpoint", () => {
  it.effect("asks the endpoint with GET by default (POST when told) and decodes its grant", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ access_token: "jwt-1", expires_in: 120 })
      const get = yield* fromEndpoint({ status: 200, body })
      assert.deepStrictEqual(get.requests.map((request) => [request.method, request.url]), [["GET", URL]])
      assert.strictEqual(get.requests[0]!.headers["accept"], "application/json")
      assert.isTrue(get.result._tag === "Right")
      if (get.result._tag === "Right") {
        assert.deepStrictEqual([secret(get.result.right), get.result.right.expiresIn], ["jwt-1", 120])
      }
      const post = yield* fromEndpoint({ status: 200, body }, { method: "POST" })
      assert.deepStrictEqual(post.requests.map((request) => request.method), ["POST"])
    }))

  it.effect("a refusal (status ≥ 400) is a DeepgramApiError with the status and an excerpt of the body", () =>
    Effect.gen(function*() {
      const { result } = yield* fromEndpoint({ status: 400, body: "no session" })
      assert.isTrue(result._tag === "Left")
      if (result._tag === "Left") {
        const error = result.left
        assert.strictEqual(error._tag, "DeepgramApiError")
        if (error._tag === "DeepgramApiError") {
          assert.deepStrictEqual(
            [error.status, error.method, error.url, error.excerpt, error.errMsg],
            [400, "GET", URL, "no session", "the token endpoint refused"]
          )
        }
      }
      const ok = yield* fromEndpoint({ status: 399, body: JSON.stringify({ access_token: "a" }) })
      assert.strictEqual(ok.result._tag, "Right", "below 400 is an answer")
    }))

  it.effect("a body that is not JSON, or not a grant, is a DeepgramDecodeError", () =>
    Effect.gen(function*() {
      for (const body of ["not json", JSON.stringify({ token: "x" }), JSON.stringify({ access_token: "x", expires_in: "1" })]) {
        const { result } = yield* fromEndpoint({ status: 200, body })
        assert.isTrue(result._tag === "Left", body)
        if (result._tag === "Left") {
          const error = result.left
          assert.strictEqual(error._tag, "DeepgramDecodeError", body)
          if (error._tag === "DeepgramDecodeError") {
            assert.deepStrictEqual([error.status, error.url, error.excerpt], [200, URL, body])
          }
        }
      }
    }))

  it.effect("an unreachable endpoint, or one whose answer is cut, is a DeepgramTransportError naming it", () =>
    Effect.gen(function*() {
      for (const answer of ["unreachable", "cut"] as const) {
        const { result } = yield* fromEndpoint(answer, { method: "POST" })
        assert.isTrue(result._tag === "Left", answer)
        if (result._tag === "Left") {
          const error = result.left
          assert.strictEqual(error._tag, "DeepgramTransportError", answer)
          if (error._tag === "DeepgramTransportError") assert.deepStrictEqual([error.method, error.url], ["POST", URL])
        }
      }
    }))
})
