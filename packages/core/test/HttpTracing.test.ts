// The HTTP layer's tracing contract, against a client made with HttpClient.make (which would make its own span
// and send trace headers): no platform span and no trace headers per request, the SDK's span as the parent of
// what runs in the client, and nothing of that left in the caller's fiber afterwards.
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, FiberRef, Option, Schema, Tracer } from "effect"
import { DeepgramConfig, DeepgramHttp } from "../src/index.js"

interface Seen {
  readonly request: HttpClientRequest.HttpClientRequest
  readonly parent: Option.Option<Tracer.AnySpan>
}

const tracedClient = (seen: Array<Seen>) =>
  HttpClient.make((request, _url, _signal, fiber) => {
    seen.push({ request, parent: Context.getOption(fiber.currentContext, Tracer.ParentSpan) })
    return Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{\"ok\":true}", { status: 200 })))
  })

const get = {
  operation: "test.get",
  method: "GET" as const,
  path: "/v1/projects",
  response: Schema.Struct({ ok: Schema.Boolean })
}

describe("DeepgramHttp tracing", () => {
  it.effect("no platform span or trace headers; the operation's span is the parent in the client; the caller unchanged", () =>
    Effect.gen(function*() {
      const seen: Array<Seen> = []
      const config = yield* DeepgramConfig.make({ baseUrl: "http://127.0.0.1:9", apiKey: "k" })
      const http = DeepgramHttp.make(tracedClient(seen), config)
      const request = HttpClient.currentTracerDisabledWhen
      const before = {
        propagation: yield* FiberRef.get(HttpClient.currentTracerPropagation),
        disabledWhen: yield* FiberRef.get(request),
        parent: yield* Effect.serviceOption(Tracer.ParentSpan)
      }
      const result = yield* http.request(get).pipe(Effect.withSpan("caller"))
      assert.deepStrictEqual(result, { ok: true })
      const [first] = seen
      assert.isDefined(first)
      assert.isUndefined(first!.request.headers.traceparent)
      assert.isUndefined(first!.request.headers.b3)
      const parent = Option.getOrUndefined(first!.parent)
      assert.strictEqual(parent?._tag, "Span")
      assert.strictEqual(parent?._tag === "Span" ? parent.name : undefined, "Deepgram.test.get")
      // The caller's fiber: as it was.
      assert.strictEqual(yield* FiberRef.get(HttpClient.currentTracerPropagation), before.propagation)
      assert.strictEqual(yield* FiberRef.get(request), before.disabledWhen)
      assert.deepStrictEqual(yield* Effect.serviceOption(Tracer.ParentSpan), before.parent)
      // A request of the caller's own through the same kind of client is still traced (a trace header is sent).
      yield* Effect.withSpan(tracedClient(seen).execute(first!.request), "own")
      assert.isString(seen[1]!.request.headers.traceparent)
    }))
})
