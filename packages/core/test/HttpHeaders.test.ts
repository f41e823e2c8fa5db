// The HTTP layer's request contract, against a recording HttpClient: which
// headers go out and which wins, credentials on every attempt, and how a
// transport failure is classified.
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Redacted, Schema, Stream } from "effect"
import { Credentials, DeepgramConfig, DeepgramError, DeepgramHttp } from "../src/index.js"

const BASE = "http://127.0.0.1:9"

/** A client that records every request and answers each with the next of `answers` (the last one repeats). */
const recording = (answers: ReadonlyArray<number | ((request: HttpClientRequest.HttpClientRequest) => HttpClientError.HttpClientError)>) => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const client = HttpClient.make((request) => {
    requests.push(request)
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!
    return typeof answer === "number"
      ? Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status: answer })))
      : Effect.fail(answer(request))
  })
  return { client, requests }
}

const http = (
  options: DeepgramConfig.Options,
  answers: Parameters<typeof recording>[0] = [200]
) =>
  Effect.map(DeepgramConfig.make({ baseUrl: BASE, retry: { baseDelay: "1 millis" }, ...options }), (config) => {
    const { client, requests } = recording(answers)
    return { service: DeepgramHttp.make(client, config), requests }
  })

const get = (options?: DeepgramHttp.RequestOptions, accept?: string) => ({
  operation: "test.get",
  method: "GET" as const,
  path: "/v1/projects",
  response: Schema.Unknown,
  ...(accept === undefined ? {} : { accept }),
  ...(options === undefined ? {} : { options })
})

describe("DeepgramHttp request headers", () => {
  it.effect("user-agent, accept and the credential by default; the session id only when configured", () =>
    Effect.gen(function*() {
      const plain = yield* http({ apiKey: "k" })
      yield* plain.service.request(get())
      assert.deepStrictEqual({ ...plain.requests[0]!.headers }, {
        "user-agent": `effect-deepgram/${DeepgramConfig.version}`,
        accept: "application/json",
        authorization: "Token k"
      })
      assert.strictEqual(plain.requests[0]!.url, `${BASE}/v1/projects`)

      const session = yield* http({ accessToken: "jwt", sessionId: "session-1", userAgent: "my-app/2" })
      yield* session.service.request(get(undefined, "text/plain"))
      assert.deepStrictEqual({ ...session.requests[0]!.headers }, {
        "user-agent": "my-app/2",
        "x-deepgram-session-id": "session-1",
        accept: "text/plain",
        authorization: "Bearer jwt"
      })

      const anonymous = yield* http({})
      yield* anonymous.service.request(get())
      assert.isUndefined(anonymous.requests[0]!.headers["authorization"])
    }))

  it.effect("per-request headers win over the defaults and the configured credential, whatever their case", () =>
    Effect.gen(function*() {
      const { requests, service } = yield* http({ apiKey: "k", sessionId: "s" })
      yield* service.request(get({ headers: { "User-Agent": "mine", AUTHORIZATION: "Token other", "X-Extra": "1" } }))
      assert.deepStrictEqual({ ...requests[0]!.headers }, {
        "user-agent": "mine",
        "x-deepgram-session-id": "s",
        accept: "application/json",
        authorization: "Token other",
        "x-extra": "1"
      })
    }))

  it.effect("other per-request headers leave the configured credential in place", () =>
    Effect.gen(function*() {
      const { requests, service } = yield* http({ apiKey: "k" })
      yield* service.request(get({ headers: { "X-Extra": "1" } }))
      assert.strictEqual(requests[0]!.headers["authorization"], "Token k")
      assert.strictEqual(requests[0]!.headers["x-extra"], "1")
      let minted = 0
      const provided = yield* http({ credentials: Credentials.provided(Effect.sync(() => Redacted.make(`t${++minted}`))) })
      yield* provided.service.request(get({ headers: { "X-Extra": "1" } }))
      assert.strictEqual(provided.requests[0]!.headers["authorization"], "Bearer t1")
    }))

  it.effect("an agent request goes to the agent REST endpoint, any other to the REST one", () =>
    Effect.gen(function*() {
      const { requests, service } = yield* http({
        apiKey: "k",
        endpoints: { agentRest: "http://127.0.0.1:8/agent-base" }
      })
      yield* service.request({ ...get(), endpoint: "agentRest" as const, path: "/v1/agent/settings/think/models" })
      yield* service.request({ ...get(), endpoint: "rest" as const })
      assert.deepStrictEqual(requests.map((request) => request.url), [
        "http://127.0.0.1:8/agent-base/v1/agent/settings/think/models",
        `${BASE}/v1/projects`
      ])
      assert.strictEqual(requests[0]!.headers["authorization"], "Token k")
    }))

  it.effect("a Blob body goes as it is with its content type and length; a Lazy body is made for the attempt", () =>
    Effect.gen(function*() {
      const { requests, service } = yield* http({ apiKey: "k" })
      const blob = new Blob([new Uint8Array(7)])
      yield* service.request({ ...get(), method: "POST" as const, body: { _tag: "Blob", blob, contentType: "audio/wav" } })
      const sent = requests[0]!.body
      assert.deepStrictEqual(
        sent._tag === "Raw" && [sent.body, sent.contentType, sent.contentLength],
        [blob, "audio/wav", 7]
      )
      let made = 0
      const lazy = Effect.sync(() => {
        made++
        return HttpBody.text("made", "text/plain")
      })
      yield* service.request({ ...get(), method: "POST" as const, body: { _tag: "Lazy", body: lazy } })
      const lazyBody = requests[1]!.body
      assert.deepStrictEqual(lazyBody._tag === "Uint8Array" && [lazyBody.contentType, lazyBody.contentLength], [
        "text/plain",
        4
      ])
      assert.strictEqual(made, 1)
    }))

  it.effect("a Stream body goes out as a stream with its content type and length, and its bytes unchanged", () =>
    Effect.gen(function*() {
      const { requests, service } = yield* http({ apiKey: "k" })
      const chunks = [new Uint8Array([1, 2]), new Uint8Array([3])]
      yield* service.request({
        ...get(),
        method: "POST" as const,
        body: { _tag: "Stream", stream: Stream.fromIterable(chunks), contentType: "audio/wav", contentLength: 3, replayable: true }
      })
      const sent = requests[0]!.body
      assert.strictEqual(sent._tag, "Stream")
      if (sent._tag !== "Stream") return
      assert.deepStrictEqual([sent.contentType, sent.contentLength], ["audio/wav", 3])
      const bytes = yield* Stream.runCollect(sent.stream)
      assert.deepStrictEqual(Chunk.toReadonlyArray(bytes), chunks)
    }))

  it.live("a provided token is asked for on every attempt, so a retry sends the refreshed one", () =>
    Effect.gen(function*() {
      let minted = 0
      const credentials = Credentials.provided(Effect.sync(() => Redacted.make(`token-${++minted}`)))
      const { requests, service } = yield* http({ credentials }, [503, 200])
      yield* service.request(get())
      assert.deepStrictEqual(requests.map((request) => request.headers["authorization"]), ["Bearer token-1", "Bearer token-2"])
      // A per-request Authorization header still wins, and then no token is fetched.
      yield* service.request(get({ headers: { authorization: "Token explicit" } }))
      assert.strictEqual(requests.at(-1)!.headers["authorization"], "Token explicit")
      assert.strictEqual(minted, 2)
    }))

  it.live("transport failures are DeepgramTransportError and retried; an input error raised while sending is itself", () =>
    Effect.gen(function*() {
      const refused = (request: HttpClientRequest.HttpClientRequest) =>
        new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("connect ECONNREFUSED") })
      const failing = yield* http({ apiKey: "k", retry: { retries: 2, baseDelay: "1 millis" } }, [refused])
      const error = yield* Effect.flip(failing.service.request(get()))
      assert.strictEqual(error._tag, "DeepgramTransportError")
      assert.strictEqual(error._tag === "DeepgramTransportError" && error.url, `${BASE}/v1/projects`)
      assert.strictEqual(error._tag === "DeepgramTransportError" && error.method, "GET")
      assert.strictEqual(failing.requests.length, 3)

      const input = new DeepgramError.DeepgramInputError({ reason: "File", detail: "unreadable" })
      const badBody = yield* http({ apiKey: "k" }, [
        (request) => new HttpClientError.RequestError({ request, reason: "Encode", cause: input })
      ])
      const passed = yield* Effect.flip(badBody.service.request(get()))
      assert.deepStrictEqual(
        passed._tag === "DeepgramInputError" && [passed.reason, passed.detail],
        [input.reason, input.detail]
      )
      assert.strictEqual(badBody.requests.length, 1)

      const cut = (request: HttpClientRequest.HttpClientRequest) =>
        new HttpClientError.ResponseError({
          request,
          response: HttpClientResponse.fromWeb(request, new Response("")),
          reason: "Decode",
          cause: new Error("socket hang up")
        })
      const truncated = yield* http({ apiKey: "k" }, [cut])
      const bodyError = yield* Effect.flip(truncated.service.request(get({ retry: false })))
      assert.strictEqual(bodyError._tag, "DeepgramTransportError")
    }))
})
