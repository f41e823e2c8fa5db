// internal
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import * as Http from "node:http"
import * as Https from "node:https"
import { Readable } from "node:stream"
import { ClientResponse } from "./clientResponse.js"
import { fileError, isFileBody, writeFile } from "./fileBody.js"
import type { FileBody } from "./fileBody.js"

interface Agents {
  readonly http: Http.Agent
  readonly https: Https.Agent
}

/** A node:http response as the platform's `HttpClientResponse`, without Node's fetch classes. */
class NodeResponse extends ClientResponse {
  private cachedBytes: Effect.Effect<Buffer, HttpClientError.ResponseError> | undefined

  constructor(
    request: HttpClientRequest.HttpClientRequest,
    readonly source: Http.IncomingMessage
  ) {
    super(request, source.headers)
  }

  get status(): number {
    return this.source.statusCode ?? 0
  }

  get remoteAddress(): Option.Option<string> {
    return Option.fromNullable(this.source.socket?.remoteAddress)
  }

  /** The whole body, read once and shared by `text`, `json` and `arrayBuffer`. */
  private get bytes(): Effect.Effect<Buffer, HttpClientError.ResponseError> {
    if (this.cachedBytes === undefined) {
      const read = Effect.flatMap(HttpIncomingMessage.MaxBodySize, (max) =>
        Effect.async<Buffer, HttpClientError.ResponseError>((resume) => {
          const source = this.source
          const limit = Option.isSome(max) ? Number(max.value) : Infinity
          const chunks: Array<Buffer> = []
          let size = 0
          const done = (effect: Effect.Effect<Buffer, HttpClientError.ResponseError>) => {
            source.off("data", onData).off("end", onEnd).off("error", onFail).off("close", onClose)
            resume(effect)
          }
          const onData = (chunk: Buffer) => {
            chunks.push(chunk)
            size += chunk.byteLength
            if (size > limit) {
              source.destroy()
              done(Effect.fail(this.decodeError(new Error(`the body is larger than ${limit} bytes`))))
            }
          }
          const onEnd = () => done(Effect.succeed(Buffer.concat(chunks, size)))
          const onFail = (cause: unknown) => done(Effect.fail(this.decodeError(cause)))
          const onClose = () => {
            if (!source.complete) onFail(new Error("the connection closed before the body ended"))
          }
          source.on("data", onData).on("end", onEnd).on("error", onFail).on("close", onClose)
          return Effect.sync(() => {
            source.off("data", onData).off("end", onEnd).off("error", onFail).off("close", onClose)
            source.destroy()
          })
        }))
      this.cachedBytes = Effect.runSync(Effect.cached(read))
    }
    return this.cachedBytes
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.map(this.bytes, (bytes) => bytes.toString("utf8"))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.map(this.bytes, (bytes) => {
      const copy = new Uint8Array(bytes.byteLength)
      copy.set(bytes)
      return copy.buffer
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return NodeStream.fromReadable<HttpClientError.ResponseError, Uint8Array>(() => this.source, this.decodeError)
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    // The only member that needs Node's fetch classes, loaded here if it is ever read.
    return Effect.tryPromise({
      try: () =>
        new Response(Readable.toWeb(this.source) as ReadableStream<Uint8Array>, {
          status: this.status,
          headers: this.headers
        }).formData(),
      catch: this.decodeError
    })
  }
}

/**
 * Sends a request whose body is a file over node:http(s): the file is written
 * with `writeFile` (one reused buffer, backpressure by the write callback).
 * Interruption aborts the request (through `signal`) and closes the file.
 */
const sendFile = (
  agents: Agents,
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  signal: AbortSignal,
  file: FileBody
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async((resume) => {
    const https = url.protocol === "https:"
    const options: Http.RequestOptions = {
      method: request.method,
      headers: { ...request.headers, "content-length": String(file.size) },
      agent: https ? agents.https : agents.http,
      signal
    }
    const nodeRequest = https ? Https.request(url, options) : Http.request(url, options)
    let answered = false
    let stop = () => {}
    // Every way the request ends before its answer comes through here, so the file is stopped here and not
    // on "close": a destroyed request emits "error" first, and no "response" after it. So does a failed read.
    const fail = (reason: "Transport" | "Encode", cause: unknown) => {
      stop()
      // An error after the answer is the answer's to report (its body fails): the answer is left readable.
      if (answered) return
      nodeRequest.destroy()
      resume(Effect.fail(new HttpClientError.RequestError({ request, reason, cause })))
    }
    // Kept after the answer too: a late socket error must not go unhandled.
    nodeRequest.on("error", (cause) => fail("Transport", cause))
    nodeRequest.on("response", (response) => {
      answered = true
      if (!nodeRequest.writableEnded) {
        // The server answered before the whole file was sent (an early error, say): stop sending, and
        // retire the connection once the answer is read, since its request never ended.
        stop()
        response.once("end", () => nodeRequest.destroy())
      }
      resume(Effect.succeed(new NodeResponse(request, response)))
    })
    // The path is known to be a file (NodeFiles checked it): one that cannot be read now is the caller's error.
    stop = writeFile(nodeRequest, file, (cause) => fail("Encode", fileError(file.path, cause)))
    return Effect.sync(() => {
      stop()
      nodeRequest.destroy()
    })
  })

/** The file a request sends as its body (one from `NodeFiles`), if it sends one. */
const fileOf = (request: HttpClientRequest.HttpClientRequest): FileBody | undefined =>
  request.body._tag === "Raw" && isFileBody(request.body.body) ? request.body.body : undefined

/**
 * The SDK's `HttpClient` on Node: requests whose body is a file (from
 * `NodeFiles`) go over node:http(s) with keep-alive agents; every other
 * request goes to the client of `loadDefault`, built in the layer's scope on
 * the first request that needs it (so a program that only uploads files never
 * loads it).
 */
export const make = (
  loadDefault: () => Promise<Layer.Layer<HttpClient.HttpClient>>
): Effect.Effect<HttpClient.HttpClient, never, Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const agents = yield* Effect.acquireRelease(
      Effect.sync((): Agents => ({
        http: new Http.Agent({ keepAlive: true }),
        https: new Https.Agent({ keepAlive: true })
      })),
      (agents) =>
        Effect.sync(() => {
          agents.http.destroy()
          agents.https.destroy()
        })
    )
    // Only ever given requests that send a file (see below).
    const files = HttpClient.make((request, url, signal) => sendFile(agents, request, url, signal, fileOf(request)!))
    const loadOther = yield* Effect.cached(
      // Not cut short by the first request's interruption: the result is shared by every request after it.
      Effect.uninterruptible(Effect.promise(loadDefault).pipe(
        Effect.flatMap((layer) => Layer.buildWithScope(layer, scope)),
        Effect.map((context) => Context.get(context, HttpClient.HttpClient))
      ))
    )
    return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
      (effect) =>
        Effect.flatMap(effect, (request) =>
          fileOf(request) !== undefined
            ? files.execute(request)
            : Effect.flatMap(loadOther, (client) => client.execute(request))),
      Effect.succeed
    )
  })
