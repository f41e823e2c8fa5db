/**
 * A lean `HttpClient` over an undici `Dispatcher`, for the SDK's per-request path.
 *
 * `@effect/platform-node`'s undici client pays, per request, for a generic wrapper (a URL object, an
 * `AbortController`, an uninterruptible region, a response wrapper) and for a response whose body reads each
 * run a fiber of their own (`Effect.cached` + `runSync`). Measured on P1's loopback (bench/results/p1-breakdown.txt)
 * that is ~200-400 µs of CPU per request over undici itself. This client sends the same undici request with
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
import type * as HttpBody from "@effect/platform/HttpBody"
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
import type { Readable } from "node:stream"
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

/** The request body as undici takes it; only a `Stream` needs an effect (it becomes a Node `Readable`). */
const syncBody = (body: HttpBody.HttpBody): UndiciBody | typeof NEEDS_STREAM => {
  switch (body._tag) {
    case "Empty":
      return null
    case "Uint8Array":
      return body.body
    case "Raw":
      return body.body as UndiciBody
    case "FormData":
      return body.formData as unknown as UndiciBody
    case "Stream":
      return NEEDS_STREAM
  }
}

const NEEDS_STREAM: unique symbol = Symbol("NEEDS_STREAM")

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
  const dispatch = (body: UndiciBody) =>
    Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
      dispatcher.request({
        ...undiciOptions(fiber),
        signal,
        method: request.method,
        headers: request.headers,
        origin: target.origin,
        path: target.path,
        body,
        // leave timeouts to the caller
        headersTimeout: 60 * 60 * 1000,
        bodyTimeout: 0
      }, (cause, data) => {
        if (cause !== null && cause !== undefined) {
          resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
        } else {
          resume(Effect.succeed(new UndiciResponse(request, data, own)))
        }
      })
      return own === undefined ? undefined : Effect.sync(() => own.abort())
    })
  const body = syncBody(request.body)
  return body === NEEDS_STREAM
    ? Effect.flatMap(NodeStream.toReadable((request.body as HttpBody.Stream).stream), dispatch)
    : dispatch(body)
}

interface Target {
  readonly origin: string
  readonly path: string
}

// `new URL(url)` of recent base URLs (a client talks to few hosts): origin and path, when the URL has neither
// a query nor a fragment of its own; `undefined` otherwise (and for relative or invalid URLs).
const parsedUrls = new Map<string, Target | undefined>()

const parseBase = (url: string): Target | undefined => {
  if (parsedUrls.has(url)) return parsedUrls.get(url)
  let target: Target | undefined
  try {
    const parsed = new URL(url)
    target = parsed.search === "" && parsed.hash === "" && !url.includes("#") && !url.includes("?")
      ? { origin: parsed.origin, path: parsed.pathname }
      : undefined
  } catch {
    target = undefined
  }
  if (parsedUrls.size >= 64) parsedUrls.clear()
  parsedUrls.set(url, target)
  return target
}

/**
 * Where a request goes: what `UrlParams.makeUrl` would give (the URL's query is the parameters' form encoding,
 * which `URLSearchParams` produces), without building a `URL` per request; `undefined` when only `makeUrl` can
 * tell (a fragment, a query in the URL itself, a relative URL).
 */
const fastTarget = (request: HttpClientRequest.HttpClientRequest): Target | undefined => {
  if (Option.isSome(request.hash)) return undefined
  const base = parseBase(request.url)
  if (base === undefined) return undefined
  const params = request.urlParams
  if (params.length === 0) return base
  const search = new URLSearchParams()
  for (const [key, value] of params) if (value !== undefined) search.append(key, value)
  const query = search.toString()
  return query === "" ? base : { origin: base.origin, path: `${base.path}?${query}` }
}

const targetOfUrl = (url: URL): Target => ({ origin: url.origin, path: url.pathname + url.search + url.hash })

const targetOf = (request: HttpClientRequest.HttpClientRequest): Either.Either<Target, unknown> => {
  const fast = fastTarget(request)
  return fast !== undefined
    ? Either.right(fast)
    : Either.map(UrlParams.makeUrl(request.url, request.urlParams, request.hash), targetOfUrl)
}

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
    send(dispatcher, request, targetOfUrl(url), signal, fiber, undefined)
  )
  const execute = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
      if (isTraced(fiber, request) || scopedRequests.has(request)) return platform.execute(request)
      const target = targetOf(request)
      if (Either.isLeft(target)) {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: target.left }))
      }
      const controller = new RequestAbort()
      return send(dispatcher, request, target.right, controller, fiber, controller)
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
