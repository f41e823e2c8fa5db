/**
 * A lean `HttpClient` over an undici `Dispatcher`, for the SDK's per-request path.
 *
 * `@effect/platform-node`'s undici client pays, per request, for a generic wrapper (an `AbortController`, an
 * uninterruptible region, a response wrapper) and for a response whose body reads each run a fiber of their own
 * (`Effect.cached` + `runSync`). Measured on P1's loopback (bench/results/p1-breakdown.txt) that is ~200-400 µs
 * of CPU per request over undici itself. This client sends the same undici request with
 * the same options and keeps the platform's behaviour:
 *
 * - a request is aborted when its fiber is interrupted, before or after the response head, and a response
 *   whose body is never read is aborted when it is garbage collected (as the platform's registry does); the
 *   abort handle is an `EventEmitter`, which undici takes as a `signal`, cheaper than an `AbortController`;
 * - bodies: empty, `Uint8Array`, `Raw` (any undici body: Node streams, Blobs, strings), `FormData`, and
 *   `Stream` (a Node `Readable` with backpressure); the response body as text, JSON, bytes, URL params, form
 *   data or a `Stream` with backpressure (destroyed when the stream ends early);
 * - `NodeHttpClient.UndiciRequestOptions` from the context are passed to undici;
 * - when a request would be traced (the tracer is enabled and `HttpClient.currentTracerDisabledWhen` does not
 *   exclude it) or is tied to a scope (`HttpClient.withScope`), it goes through `HttpClient.make`, which makes
 *   the platform's client span, propagates trace headers and honours the scope, exactly as the platform's
 *   client does.
 *
 * undici itself is not imported here: the dispatcher is passed in (see `NodeDeepgram.layerHttpClient` for why).
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import type * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { EventEmitter } from "node:events"
import { Readable } from "node:stream"
import type { ReadableStream as WebReadableStream } from "node:stream/web"
import type * as Undici from "undici"
import { ClientResponse, type RawHeaders } from "./clientResponse.js"

// The context key of `NodeHttpClient.UndiciRequestOptions` (read by key: that module loads undici).
const undiciOptionsKey = "@effect/platform-node/NodeHttpClient/undiciOptions"

// The platform's own map of requests tied to a scope by `HttpClient.withScope` (a global value, shared).
const scopedRequests = globalValue(
  "@effect/platform/HttpClient/scopedRequests",
  () => new WeakMap<HttpClientRequest.HttpClientRequest, AbortController>()
)

// Responses whose body is never read are aborted once collected, so that their connection is freed.
const responseRegistry = globalValue(
  "@effect-deepgram/node/UndiciClient/responseRegistry",
  () => new FinalizationRegistry<RequestAbort>((controller) => controller.abort())
)

type Source = Undici.Dispatcher.ResponseData

/**
 * A request's abort handle: undici takes an `EventEmitter` as its `signal` (documented alongside `AbortSignal`),
 * which costs less per request than an `AbortController` and its `EventTarget` listener.
 */
class RequestAbort extends EventEmitter {
  aborted = false
  abort(): void {
    if (this.aborted) return
    this.aborted = true
    this.emit("abort")
  }
}

const noopErrorHandler = (_: unknown): void => {}

/**
 * The response of one request. With a `controller` (requests sent by this client itself), reading the body
 * is interruptible (interruption aborts the request) and an unread body is aborted once the response is
 * collected; without one (requests sent through `HttpClient.make`), the platform's wrapper does both.
 */
class UndiciResponse extends ClientResponse {
  private textBody: Promise<string> | undefined
  private arrayBufferBody: Promise<ArrayBuffer> | undefined
  private formDataBody: Promise<FormData> | undefined

  constructor(
    request: HttpClientRequest.HttpClientRequest,
    private readonly source: Source,
    private readonly controller: RequestAbort | undefined
  ) {
    super(request, source.headers as RawHeaders)
    source.body.on("error", noopErrorHandler)
    if (controller !== undefined) responseRegistry.register(this, controller, this)
  }

  get status(): number {
    return this.source.statusCode
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  /** Reads the body once (the promise is kept, so a second read gets the same result). */
  private readBody<A>(read: () => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    const controller = this.controller
    if (controller !== undefined) responseRegistry.unregister(this)
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      read().then(
        (value) => resume(Effect.succeed(value)),
        (cause) => resume(Effect.fail(this.decodeError(cause)))
      )
      return controller === undefined ? undefined : Effect.sync(() => controller.abort())
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.suspend(() => this.readBody(() => this.textBody ??= this.source.body.text()))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.suspend(() => this.readBody(() => this.arrayBufferBody ??= this.source.body.arrayBuffer()))
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.suspend(() =>
      this.readBody(() => this.formDataBody ??= this.source.body.formData() as unknown as Promise<FormData>)
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    const body = NodeStream.fromReadable<HttpClientError.ResponseError>(
      () => this.source.body as unknown as Readable,
      this.decodeError
    )
    const controller = this.controller
    if (controller === undefined) return body
    return Stream.suspend(() => {
      responseRegistry.unregister(this)
      return Stream.ensuring(body, Effect.sync(() => controller.abort()))
    })
  }
}

type UndiciBody = Exclude<Undici.Dispatcher.DispatchOptions["body"], undefined>

/**
 * A `FormData` body as multipart bytes, streamed, with its `content-type` (the boundary). undici sends only its own
 * `FormData` class: Node's global one (a different copy of undici) fails there, in the platform's client too.
 */
const multipart = (form: FormData): { readonly body: Readable; readonly contentType: string } => {
  const encoded = new Response(form)
  return {
    body: Readable.fromWeb(encoded.body! as WebReadableStream<Uint8Array>),
    contentType: encoded.headers.get("content-type")!
  }
}

const undiciOptions = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Partial<Undici.Dispatcher.RequestOptions> =>
  (fiber.getFiberRef(FiberRef.currentContext).unsafeMap.get(undiciOptionsKey) as
    | Partial<Undici.Dispatcher.RequestOptions>
    | undefined) ?? {}

/**
 * Sends one request. With `own` (this client's path), `own` is also `signal`: interruption before the head
 * aborts through it, and the response keeps it for interruption and collection later. Without it (through
 * `HttpClient.make`), the platform's wrapper owns `signal` and does both.
 */
const send = (
  dispatcher: Undici.Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  target: Target,
  signal: AbortSignal | RequestAbort,
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  own: RequestAbort | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
  const dispatch = (body: UndiciBody, headers = request.headers) =>
    Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
      dispatcher.request({
        ...undiciOptions(fiber),
        signal,
        method: request.method,
        headers,
        origin: target.origin,
        path: target.path,
        body,
        // leave timeouts to the caller
        headersTimeout: 60 * 60 * 1000,
        bodyTimeout: 0
      }, (cause, data) => {
        if (cause) {
          resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
        } else {
          resume(Effect.succeed(new UndiciResponse(request, data, own)))
        }
      })
      return own === undefined ? undefined : Effect.sync(() => own.abort())
    })
  const body = request.body
  switch (body._tag) {
    case "Stream":
      return Effect.flatMap(NodeStream.toReadable(body.stream), (readable) => dispatch(readable))
    case "FormData": {
      const { body: parts, contentType } = multipart(body.formData)
      return dispatch(parts, { ...request.headers, "content-type": contentType })
    }
    default:
      // `Uint8Array`, and `Raw`: any body undici takes (Node streams, Blobs, strings); `Empty` has none
      return dispatch((body as { readonly body?: UndiciBody }).body ?? null)
  }
}

interface Target {
  readonly origin: string
  readonly path: string
}

/** Where a request goes: origin, and path with the query and fragment that `UrlParams.makeUrl` gives. */
const targetOf = (url: URL): Target => ({ origin: url.origin, path: url.pathname + url.search + url.hash })

const isTraced = (fiber: Fiber.RuntimeFiber<unknown, unknown>, request: HttpClientRequest.HttpClientRequest) =>
  fiber.getFiberRef(FiberRef.currentTracerEnabled) && !fiber.getFiberRef(HttpClient.currentTracerDisabledWhen)(request)

/**
 * The client over `dispatcher`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient => {
  // Traced or scoped requests: the platform's wrapper, around the same send.
  const platform = HttpClient.make((request, url, signal, fiber) =>
    send(dispatcher, request, targetOf(url), signal, fiber, undefined)
  )
  const execute = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
      if (isTraced(fiber, request) || scopedRequests.has(request)) return platform.execute(request)
      const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
      if (Either.isLeft(url)) {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
      }
      const controller = new RequestAbort()
      return send(dispatcher, request, targetOf(url.right), controller, fiber, controller)
    })
  return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (effect) => Effect.flatMap(effect, execute),
    Effect.succeed
  )
}

/**
 * The client as a layer, over the dispatcher of `undici` (the `@effect/platform-node/NodeHttpClient` module,
 * passed in once loaded): a private `Agent`, destroyed with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (undici: typeof NodeHttpClient): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(HttpClient.HttpClient, Effect.map(undici.Dispatcher, make)).pipe(Layer.provide(undici.dispatcherLayer))
