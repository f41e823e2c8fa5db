// The lean undici HttpClient (src/internal/undiciClient.ts) against a scripted node:http server on loopback:
// bodies both ways, backpressure, abort on interruption (before and after the response head), unread
// responses, tracing and scopes left to the platform's wrapper, undici options from the context.
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Chunk, Deferred, Effect, Either, Exit, Fiber, Layer, Stream } from "effect"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import type * as Undici from "undici"
import * as UndiciClient from "../src/internal/undiciClient.js"
import { waitFor } from "./peer.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  body: Buffer
  /** The request (or its connection) closed before the response ended. */
  aborted: boolean
}

type Handler = (request: IncomingMessage, response: ServerResponse, seen: Seen) => void

const server = (handler: Handler) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly seen: Array<Seen> }>((resume) => {
      const seen: Array<Seen> = []
      const http = createServer((request, response) => {
        const entry: Seen = {
          method: request.method!,
          url: request.url!,
          headers: request.headers,
          body: Buffer.alloc(0),
          aborted: false
        }
        seen.push(entry)
        response.on("close", () => {
          if (!response.writableFinished) entry.aborted = true
        })
        handler(request, response, entry)
      })
      http.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed(Object.assign({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, seen }, { http }))))
    }),
    (peer) =>
      Effect.async<void>((resume) => {
        const { http } = peer as unknown as { http: ReturnType<typeof createServer> }
        http.close(() => resume(Effect.void))
        http.closeAllConnections()
      })
  )

/** Reads the request body, then answers with `status`, `headers` and `body` (the request body echoed by default). */
const answer = (status = 200, headers: Record<string, string> = {}, body?: string): Handler => (request, response, seen) => {
  const parts: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => parts.push(chunk))
  request.on("end", () => {
    seen.body = Buffer.concat(parts)
    response.writeHead(status, headers)
    response.end(body ?? seen.body)
  })
}

const hang: Handler = (request) => {
  request.resume()
}

const Client = Layer.effect(HttpClient.HttpClient, Effect.map(NodeHttpClient.Dispatcher, UndiciClient.make)).pipe(
  Layer.provide(NodeHttpClient.dispatcherLayer)
)

const untraced = Effect.map(HttpClient.HttpClient, HttpClient.withTracerDisabledWhen(() => true))

const pieces = (payload: Uint8Array, size: number): Array<Uint8Array> => {
  const out: Array<Uint8Array> = []
  for (let i = 0; i < payload.length; i += size) out.push(payload.subarray(i, i + size))
  return out
}

const bytes = (n: number, seed = 1): Uint8Array => {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff
  return out
}

describe("UndiciClient", () => {
  it.scopedLive("sends bytes, a stream and a Node Readable; reads text, JSON, bytes, headers and status", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(201, { "x-id": "abc", "content-type": "application/json", "set-cookie": "a=1" }))
      const client = yield* untraced
      const json = yield* client.execute(
        HttpClientRequest.post(`${peer.url}/v1/listen`, { urlParams: [["model", "nova-3"], ["tag", "a b"]] }).pipe(
          HttpClientRequest.bodyUnsafeJson({ hello: "world" }),
          HttpClientRequest.setHeader("authorization", "Token k")
        )
      )
      assert.strictEqual(json.status, 201)
      assert.strictEqual(json.headers["x-id"], "abc")
      assert.strictEqual(json.cookies.cookies.a?.value, "1")
      assert.deepStrictEqual(yield* json.json, { hello: "world" })
      // a second read of the same body gets the same text
      assert.strictEqual(yield* json.text, "{\"hello\":\"world\"}")
      const first = peer.seen[0]!
      assert.strictEqual(first.method, "POST")
      assert.strictEqual(first.url, "/v1/listen?model=nova-3&tag=a+b")
      assert.strictEqual(first.headers.authorization, "Token k")
      assert.strictEqual(first.headers["content-type"], "application/json")

      const payload = bytes(300_000)
      const streamed = yield* client.execute(
        HttpClientRequest.post(peer.url).pipe(
          HttpClientRequest.setBody(
            HttpBody.stream(Stream.fromIterable(pieces(payload, 65_536)), "application/octet-stream")
          )
        )
      )
      assert.deepStrictEqual(new Uint8Array(yield* streamed.arrayBuffer), payload)

      const raw = yield* client.execute(
        HttpClientRequest.post(peer.url).pipe(
          HttpClientRequest.setBody(HttpBody.raw(Readable.from([Buffer.from("a"), Buffer.from("bc")]), { contentType: "text/plain" }))
        )
      )
      assert.strictEqual(yield* raw.text, "abc")
      assert.strictEqual(peer.seen[2]!.headers["content-type"], "text/plain")
    }).pipe(Effect.provide(Client)))

  it.scopedLive("sends the request line that UrlParams.makeUrl gives, for query parameters of every kind", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(200, {}, "ok"))
      const client = yield* untraced
      const cases: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
        ["/v1/listen", []],
        ["/v1/listen", [["model", "nova-3"], ["keyterm", "a b&c=d"], ["keyterm", "ü/?#%+"], ["", ""]]],
        ["/v1/projects/p%20q/keys", [["tag", "x y"]]],
        ["/a/../b/./c d", [["q", "1"]]],
        ["/already?x=1 2", [["y", "3"]]],
        ["/with?", [["y", "3"]]],
        ["/v1/listen", [["model", "nova-3"]]]
      ]
      for (const [path, params] of cases) {
        const request = HttpClientRequest.get(`${peer.url}${path}`, { urlParams: params })
        yield* Effect.flatMap(client.execute(request), (r) => r.text)
        const expected = Either.getOrThrow(UrlParams.makeUrl(request.url, request.urlParams, request.hash))
        assert.strictEqual(peer.seen[peer.seen.length - 1]!.url, expected.pathname + expected.search, path)
      }
    }).pipe(Effect.provide(Client)))

  it.scopedLive("reads a large response as a stream, and an early end of the stream aborts the request", () =>
    Effect.gen(function*() {
      const payload = bytes(2_000_000, 7)
      const peer = yield* server((request, response) => {
        request.resume()
        response.writeHead(200, { "content-type": "application/octet-stream" })
        // "/endless" writes until the connection closes, with the socket's backpressure.
        const endless = request.url === "/endless"
        let offset = 0
        const write = () => {
          while (endless || offset < payload.length) {
            const chunk = payload.subarray(offset % payload.length, (offset % payload.length) + 16_384)
            offset += chunk.length
            if (!response.write(chunk)) return void response.once("drain", write)
          }
          response.end()
        }
        write()
      })
      const client = yield* untraced
      const whole = yield* client.execute(HttpClientRequest.get(peer.url))
      const chunks = yield* Stream.runCollect(whole.stream)
      assert.strictEqual(Chunk.reduce(chunks, 0, (n, c) => n + c.length), payload.length)

      const partial = yield* client.execute(HttpClientRequest.get(`${peer.url}/endless`))
      const head = yield* Stream.runCollect(Stream.take(partial.stream, 1))
      assert.strictEqual(Chunk.size(head), 1)
      yield* waitFor(() => peer.seen[1]!.aborted)
    }).pipe(Effect.provide(Client)))

  it.scopedLive("interruption aborts the request, before the response head and while the body is read", () =>
    Effect.gen(function*() {
      const headSent = yield* Deferred.make<void>()
      let mode: "hang" | "head" = "hang"
      const peer = yield* server((request, response, seen) => {
        request.resume()
        if (mode === "head") {
          response.writeHead(200)
          response.write("partial")
          Effect.runSync(Deferred.succeed(headSent, undefined))
        }
        void seen
      })
      const client = yield* untraced
      const waiting = yield* Effect.fork(client.execute(HttpClientRequest.get(peer.url)))
      yield* waitFor(() => peer.seen.length === 1)
      yield* Fiber.interrupt(waiting)
      yield* waitFor(() => peer.seen[0]!.aborted)

      mode = "head"
      const response = yield* client.execute(HttpClientRequest.get(peer.url))
      yield* Deferred.await(headSent)
      const reading = yield* Effect.fork(response.text)
      yield* Effect.sleep("20 millis")
      yield* Fiber.interrupt(reading)
      yield* waitFor(() => peer.seen[1]!.aborted)
    }).pipe(Effect.provide(Client)))

  it.scopedLive("a transport failure is a RequestError with its cause", () =>
    Effect.gen(function*() {
      const client = yield* untraced
      const error = yield* Effect.flip(client.execute(HttpClientRequest.get("http://127.0.0.1:1/")))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
      assert.match(String((error.cause as Error).message ?? (error.cause as Error).cause), /ECONNREFUSED|connect/)
      const invalid = yield* Effect.flip(client.execute(HttpClientRequest.get("http://[::1")))
      assert.strictEqual(invalid.reason, "InvalidUrl")
    }).pipe(Effect.provide(Client)))

  it.scopedLive("a traced request goes through the platform's wrapper (client span, trace headers); an untraced one sends none", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(200, {}, "ok"))
      const traced = yield* HttpClient.HttpClient
      const response = yield* traced.execute(HttpClientRequest.get(peer.url)).pipe(Effect.withSpan("parent"))
      assert.strictEqual(yield* response.text, "ok")
      assert.isString(peer.seen[0]!.headers.traceparent)
      const client = yield* untraced
      yield* Effect.flatMap(client.execute(HttpClientRequest.get(peer.url)), (r) => r.text).pipe(Effect.withSpan("parent"))
      assert.isUndefined(peer.seen[1]!.headers.traceparent)
    }).pipe(Effect.provide(Client)))

  it.scopedLive("a request tied to a scope (HttpClient.withScope) is aborted when the scope closes", () =>
    Effect.gen(function*() {
      const peer = yield* server((request, response) => {
        request.resume()
        response.writeHead(200)
        response.write("partial")
      })
      const client = (yield* untraced).pipe(HttpClient.withScope)
      yield* Effect.scoped(Effect.asVoid(client.execute(HttpClientRequest.get(peer.url))))
      yield* waitFor(() => peer.seen[0]?.aborted === true)
    }).pipe(Effect.provide(Client)))

  it.scopedLive("passes NodeHttpClient.UndiciRequestOptions from the context to undici", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(200, {}, "ok"))
      const client = yield* untraced
      yield* Effect.flatMap(client.execute(HttpClientRequest.get(peer.url)), (r) => r.text).pipe(
        // (undici types the options as a whole request; the client takes the extras and sets path and method)
        Effect.provideService(NodeHttpClient.UndiciRequestOptions, { reset: true, path: "/", method: "GET" })
      )
      assert.strictEqual(peer.seen[0]!.headers.connection, "close")
    }).pipe(Effect.provide(Client)))

  it.scopedLive("does not stop on a request that hangs: others go on", () =>
    Effect.gen(function*() {
      const ok = answer(200, {}, "ok")
      const peer = yield* server((request, response, seen) => (request.url === "/hang" ? hang : ok)(request, response, seen))
      const client = yield* untraced
      const stuck = yield* Effect.fork(client.execute(HttpClientRequest.get(`${peer.url}/hang`)))
      const text = yield* Effect.flatMap(client.execute(HttpClientRequest.get(`${peer.url}/ok`)), (r) => r.text)
      assert.strictEqual(text, "ok")
      yield* Fiber.interrupt(stuck)
    }).pipe(Effect.provide(Client)))
})

describe("UndiciClient: what undici is asked to do", () => {
  /** The client over a dispatcher that records the options of every request it is given. */
  const recording = Effect.map(NodeHttpClient.Dispatcher, (dispatcher) => {
    const requests: Array<Undici.Dispatcher.RequestOptions> = []
    const recorder = new Proxy(dispatcher, {
      get: (target, key, receiver) =>
        key === "request"
          ? (options: Undici.Dispatcher.RequestOptions, callback: never) => {
            requests.push(options)
            return target.request(options, callback)
          }
          : Reflect.get(target, key, receiver)
    })
    return { client: UndiciClient.make(recorder), requests }
  })

  it.scopedLive("an untraced request takes the lean path (its own abort handle); traced and scoped ones the platform's", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(200, {}, "ok"))
      const { client, requests } = yield* recording
      const read = <R>(client: HttpClient.HttpClient.With<HttpClientError.HttpClientError, R>) =>
        Effect.flatMap(client.execute(HttpClientRequest.get(peer.url)), (response) => response.text)
      yield* read(client.pipe(HttpClient.withTracerDisabledWhen(() => true))).pipe(Effect.withSpan("parent"))
      yield* Effect.withTracerEnabled(read(client), false)
      yield* read(client).pipe(Effect.withSpan("parent"))
      yield* Effect.scoped(read(client.pipe(HttpClient.withTracerDisabledWhen(() => true), HttpClient.withScope)))
      assert.deepStrictEqual(
        requests.map((options) => options.signal instanceof AbortSignal),
        [false, false, true, true]
      )
      assert.strictEqual(peer.seen.length, 4)
    }).pipe(Effect.provide(NodeHttpClient.dispatcherLayer)))

  it.scopedLive("a slow answer is left to the caller's timeout: undici's own header timeout is an hour", () =>
    Effect.gen(function*() {
      const peer = yield* server((request, response) => {
        request.resume()
        setTimeout(() => response.end("late"), 300)
      })
      const { client, requests } = yield* recording
      const text = yield* Effect.flatMap(client.execute(HttpClientRequest.get(peer.url)), (response) => response.text)
      assert.strictEqual(text, "late")
      assert.strictEqual(requests[0]!.headersTimeout, 3_600_000)
      assert.strictEqual(requests[0]!.bodyTimeout, 0)
    }).pipe(Effect.provide(NodeHttpClient.dispatcherLayer)))

  it.scopedLive("sends no body for an empty request, and form data as multipart", () =>
    Effect.gen(function*() {
      const peer = yield* server(answer(200, {}, "ok"))
      const { client, requests } = yield* recording
      const untracedClient = client.pipe(HttpClient.withTracerDisabledWhen(() => true))
      yield* Effect.flatMap(untracedClient.execute(HttpClientRequest.get(peer.url)), (response) => response.text)
      assert.isUndefined(requests[0]!.body ?? undefined)
      assert.strictEqual(peer.seen[0]!.body.length, 0)

      const form = new FormData()
      form.append("name", "spacewalk")
      form.append("audio", new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }), "a.wav")
      yield* Effect.flatMap(
        untracedClient.execute(HttpClientRequest.post(peer.url).pipe(HttpClientRequest.bodyFormData(form))),
        (response) => response.text
      )
      const sent = peer.seen[1]!
      assert.match(sent.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const body = sent.body.toString("latin1")
      assert.include(body, "name=\"name\"\r\n\r\nspacewalk\r\n")
      assert.include(body, "filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n\x01\x02\x03\r\n")
    }).pipe(Effect.provide(NodeHttpClient.dispatcherLayer)))

  it.scopedLive("interrupting a traced request aborts it through the platform's wrapper, with no defect", () =>
    Effect.gen(function*() {
      const peer = yield* server(hang)
      const { client } = yield* recording
      const waiting = yield* Effect.fork(client.execute(HttpClientRequest.get(peer.url)).pipe(Effect.withSpan("parent")))
      yield* waitFor(() => peer.seen.length === 1)
      const exit = yield* Fiber.interrupt(waiting)
      assert.isTrue(Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause), String(exit))
      yield* waitFor(() => peer.seen[0]!.aborted)
    }).pipe(Effect.provide(NodeHttpClient.dispatcherLayer)))
})
