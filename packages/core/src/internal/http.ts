// internal
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as ErrorResponse from "@effect-deepgram/schema/ErrorResponse"
import * as ResponseDecoder from "@effect-deepgram/schema/ResponseDecoder"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as Credentials from "../Credentials.js"
import type * as DeepgramConfig from "../DeepgramConfig.js"
import { currentUploadProgress } from "../DeepgramFiles.js"
import {
  DeepgramApiError,
  DeepgramDecodeError,
  type DeepgramError,
  DeepgramInputError,
  DeepgramTimeoutError,
  DeepgramTransportError,
  isRetryable
} from "../DeepgramError.js"
import type * as DeepgramHttp from "../DeepgramHttp.js"
import * as Retry from "../Retry.js"
import { encodeQuery } from "./query.js"
import { guard, timeoutFail } from "./timeout.js"
import { formatIssues, renderableCause } from "./issues.js"

const EXCERPT_LENGTH = 200

const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html|<head|<body)/i.test(text)

const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : name === "gt" ? ">" : name === "quot" ? "\"" : name === "#39" ? "'" : " ")

/** An HTML page reduced to its title, or else its text. */
const htmlText = (html: string): string => {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim()
  if (title !== undefined && title !== "") return `HTML page: ${decodeEntities(title)}`
  const text = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " ")
  return `HTML page: ${decodeEntities(text).replace(/\s+/g, " ").trim()}`
}

// internal
const notReplayableText = "a stream body cannot be replayed (bytes, a Blob or a file can be)"

// A one-shot stream body is sent once: a failure that would otherwise have been retried says so, keeping the
// server's status and request id, and is no longer retryable (so Batch's 429 loop stops too).
const notReplayable = (error: DeepgramError): DeepgramError => {
  if (!isRetryable(error) || (error._tag === "DeepgramTimeoutError" && error.kind === "deadline")) return error
  switch (error._tag) {
    case "DeepgramApiError":
      return new DeepgramApiError({
        status: error.status,
        operation: error.operation,
        method: error.method,
        url: error.url,
        requestId: error.requestId,
        errCode: error.errCode,
        errMsg: error.errMsg,
        category: error.category,
        retryAfter: error.retryAfter,
        excerpt: error.excerpt,
        notRetried: notReplayableText
      })
    case "DeepgramTimeoutError":
      return new DeepgramTimeoutError({
        operation: error.operation,
        method: error.method,
        url: error.url,
        timeout: error.timeout,
        kind: error.kind,
        attempts: error.attempts,
        elapsed: error.elapsed,
        notRetried: notReplayableText
      })
    case "DeepgramTransportError":
      return new DeepgramTransportError({
        operation: error.operation,
        method: error.method,
        url: error.url,
        detail: error.detail,
        cause: error.cause,
        notRetried: notReplayableText
      })
    default:
      return error
  }
}

export const excerpt = (text: string): string => {
  const readable = looksLikeHtml(text) ? htmlText(text) : text
  return readable.length <= EXCERPT_LENGTH ? readable : `${readable.slice(0, EXCERPT_LENGTH)}…`
}

const isJsonText = (text: string): boolean => {
  const first = text.trimStart()[0]
  return first === "{" || first === "["
}

// internal
export const currentResponseSink = globalValue(
  "@effect-deepgram/core/DeepgramHttp/currentResponseSink",
  () => FiberRef.unsafeMake<((info: DeepgramHttp.ResponseInfo) => void) | undefined>(undefined)
)

const headerRecord = (headers: HttpClientResponse.HttpClientResponse["headers"]): Record<string, string> => ({
  ...headers
})

const infoOf = (response: HttpClientResponse.HttpClientResponse): DeepgramHttp.ResponseInfo => ({
  status: response.status,
  headers: headerRecord(response.headers),
  requestId: response.headers["dg-request-id"]
})

/** Header names are case-insensitive: `Authorization` and `authorization` are one header. */
const lowerCaseKeys = (headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined => {
  if (headers === undefined) return undefined
  const lower: Record<string, string> = {}
  for (const key of Object.keys(headers)) lower[key.toLowerCase()] = headers[key]!
  return lower
}

const hasHeader = (headers: Readonly<Record<string, string>> | undefined, name: string): boolean =>
  headers !== undefined && Object.keys(headers).some((key) => key.toLowerCase() === name)

interface Where {
  readonly operation: string
  readonly method: string
  readonly url: string
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const decodeError = (
  text: string,
  response: HttpClientResponse.HttpClientResponse,
  where: Where,
  issue: string,
  cause: unknown
): DeepgramDecodeError =>
  new DeepgramDecodeError({
    ...where,
    status: response.status,
    requestId: response.headers["dg-request-id"],
    excerpt: excerpt(text),
    issue,
    cause
  })

const alwaysTrue = () => true

/**
 * The platform's own span and trace headers off for one request (the SDK's span replaces them, and no trace
 * headers go to Deepgram). Used in an attempt's own fiber (see `guard` in timeout.ts), which ends with the
 * attempt and whose FiberRefs are never merged into the caller's: set, no restore needed.
 */
const untraced = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.zipRight(
    Effect.zipRight(
      FiberRef.set(HttpClient.currentTracerDisabledWhen, alwaysTrue),
      FiberRef.set(HttpClient.currentTracerPropagation, false)
    ),
    effect
  )

/** A 2xx body: parsed and decoded synchronously (no effect per step); a failure keeps an excerpt of the body. */
const decodeBody = <A>(
  text: string,
  decode: ResponseDecoder.ResponseDecoder<A>,
  response: HttpClientResponse.HttpClientResponse,
  where: Where
): Effect.Effect<A, DeepgramDecodeError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    const issue = text.length === 0 ? "empty body" : "not JSON (or truncated)"
    return Effect.fail(decodeError(text, response, where, issue, cause))
  }
  const decoded = decode(json)
  return Either.isRight(decoded)
    ? Effect.succeed(decoded.right)
    : Effect.fail(decodeError(text, response, where, formatIssues(decoded.left), renderableCause(decoded.left)))
}

// internal
export const make = (
  platformClient: HttpClient.HttpClient,
  config: DeepgramConfig.Service
): DeepgramHttp.Service => {
  // The SDK's own span per operation replaces the platform's per-request one, and
  // no trace headers go to Deepgram (it does not join traces; they would leak ids).
  // (Set per attempt, in the attempt's own fiber: see `untraced`.)
  const client = config.transformClient === undefined ? platformClient : config.transformClient(platformClient)
  const defaultRetry = Retry.resolve(config.retry, undefined)
  const authorization = Credentials.authorization(config.credentials)
  const provided = config.credentials._tag === "Provided" ? config.credentials : undefined
  const baseHeaders: Record<string, string> = { "user-agent": config.userAgent }
  if (config.sessionId !== undefined) baseHeaders["x-deepgram-session-id"] = config.sessionId

  const prepare = (spec: DeepgramHttp.RequestBase, onProgress: () => void): HttpClientRequest.HttpClientRequest => {
    const base = spec.endpoint === "agentRest" ? config.endpoints.agentRest : config.endpoints.rest
    let request = HttpClientRequest.make(spec.method)(base + spec.path, {
      urlParams: encodeQuery(spec.query, spec.options?.query),
      headers: { ...baseHeaders, accept: spec.accept ?? "application/json", ...lowerCaseKeys(spec.options?.headers) }
    })
    if (Option.isSome(authorization) && !hasHeader(spec.options?.headers, "authorization")) {
      // The secret leaves its Redacted box only here, on its way into the header.
      request = HttpClientRequest.setHeader(request, "authorization", Redacted.value(authorization.value))
    }
    const body = spec.body
    if (body === undefined) return request
    switch (body._tag) {
      case "Json":
        return HttpClientRequest.bodyUnsafeJson(request, body.value)
      case "Bytes":
        return HttpClientRequest.setBody(request, HttpBody.uint8Array(body.bytes, body.contentType))
      case "Blob":
        return HttpClientRequest.setBody(
          request,
          HttpBody.raw(body.blob, { contentType: body.contentType, contentLength: body.blob.size })
        )
      case "Lazy":
        return request
      case "Stream":
        return HttpClientRequest.setBody(
          request,
          HttpBody.stream(Stream.tap(body.stream, () => Effect.sync(onProgress)), body.contentType, body.contentLength)
        )
    }
  }

  const describe = (spec: DeepgramHttp.RequestBase): Where => ({
    operation: spec.operation,
    method: spec.method,
    url: (spec.endpoint === "agentRest" ? config.endpoints.agentRest : config.endpoints.rest) + spec.path
  })

  const transportError = (
    where: { readonly method: string; readonly url: string },
    error: HttpClientError.HttpClientError
  ): DeepgramError => {
    const cause = error.cause
    if (cause instanceof DeepgramInputError) return cause
    if (error._tag === "ResponseError") {
      return new DeepgramTransportError({ ...where, detail: "the connection failed while the body was read", cause })
    }
    const detail = error.reason === "Transport"
      ? (cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : "request failed")
      : `${error.reason} error`
    return new DeepgramTransportError({ ...where, detail, cause })
  }

  /**
   * One request with the SDK's policy: an attempt (status check, error body
   * decoded) followed by `onSuccess` on a 2xx response, under the per-attempt
   * timeout, the retry Schedule and the operation's span.
   */
  const execute = <A>(
    spec: DeepgramHttp.RequestBase,
    onSuccess: (
      response: HttpClientResponse.HttpClientResponse,
      where: Where
    ) => Effect.Effect<A, DeepgramError | HttpClientError.ResponseError>
  ): Effect.Effect<A, DeepgramError> =>
    // Suspended: attempts and activity are counted per run of the returned effect.
    Effect.suspend(() => {
      const where = describe(spec)
      const timeout = Duration.decode(spec.options?.timeout ?? config.timeout)
      const timeoutMillis = Duration.toMillis(timeout)
      // The per-attempt clock restarts with every chunk of a streamed upload.
      let lastActivity = 0
      const onProgress = () => {
        lastActivity = Date.now()
      }
      const httpRequest = prepare(spec, onProgress)
      let attempts = 0
      const started = Date.now()

      // Uploads of streams and files may legitimately take long: no default deadline for them.
      const upload = spec.body?._tag === "Stream" || spec.body?._tag === "Lazy"
      const deadlineInput = spec.options?.deadline
      const deadline = deadlineInput === false
        ? undefined
        : deadlineInput !== undefined
        ? Duration.decode(deadlineInput)
        : upload
        ? undefined
        : config.deadline
      const deadlineMillis = deadline === undefined ? Infinity : Duration.toMillis(deadline)
      const timedOut = (kind: "attempt" | "deadline") =>
        new DeepgramTimeoutError({
          ...where,
          timeout: kind === "attempt" ? timeout : deadline!,
          kind,
          attempts,
          elapsed: Duration.millis(Date.now() - started)
        })
      // One timer per attempt watches both clocks: the attempt's (restarted by upload progress) and the
      // deadline across attempts, so a request that succeeds at once pays for one guard, not two.
      const untilTimeout = (): number | DeepgramTimeoutError => {
        const now = Date.now()
        const deadlineLeft = deadlineMillis - (now - started)
        if (deadlineLeft <= 0) return timedOut("deadline")
        const idleLeft = timeoutMillis - (now - lastActivity)
        if (idleLeft <= 0) return timedOut("attempt")
        return Math.min(idleLeft, deadlineLeft)
      }

      // The operation's span, set when the returned effect runs; attributes are set on it directly.
      let span: Tracer.Span | undefined
      const body = spec.body
      const attempt: Effect.Effect<A, DeepgramError> = Effect.gen(function*() {
        // Runs in the guard's fiber of its own (timeout.ts), whose FiberRefs are not merged back: set, not restored.
        if (span !== undefined) yield* FiberRef.update(FiberRef.currentContext, Context.add(Tracer.ParentSpan, span))
        attempts++
        span?.attribute("deepgram.attempts", attempts)
        lastActivity = Date.now()
        let request = body?._tag === "Lazy"
          ? HttpClientRequest.setBody(httpRequest, yield* Effect.locally(body.body, currentUploadProgress, onProgress))
          : httpRequest
        if (provided !== undefined && !hasHeader(spec.options?.headers, "authorization")) {
          // A short-lived token: asked for on every attempt, so a refreshed one is used.
          const token = yield* provided.token
          request = HttpClientRequest.setHeader(request, "authorization", `Bearer ${Redacted.value(token)}`)
        }
        const response = yield* untraced(client.execute(request))
        const requestId = response.headers["dg-request-id"]
        span?.attribute("http.response.status_code", response.status)
        if (requestId !== undefined) span?.attribute("deepgram.request_id", requestId)
        const sink = yield* FiberRef.get(currentResponseSink)
        if (sink !== undefined) sink(infoOf(response))
        if (response.status >= 400) {
          const text = yield* response.text
          // A body that is not JSON (a proxy's HTML page, say) is shown as a short excerpt, never whole.
          const normalized = isJsonText(text) ? ErrorResponse.normalize(parseJson(text)) : { err_msg: excerpt(text) }
          return yield* new DeepgramApiError({
            ...where,
            status: response.status,
            requestId: normalized.request_id ?? requestId,
            errCode: normalized.err_code,
            errMsg: normalized.err_msg,
            category: normalized.category,
            retryAfter: Retry.parseRetryAfter(response.headers["retry-after"]),
            excerpt: excerpt(text)
          })
        }
        return yield* onSuccess(response, where)
      }).pipe(
        Effect.catchTags({
          RequestError: (error) => Effect.fail(transportError(where, error)),
          ResponseError: (error) => Effect.fail(transportError(where, error))
        }),
        (effect) =>
          Effect.suspend(() => {
            lastActivity = Date.now()
            return guard(effect, untilTimeout)
          })
      )

      const oneShot = spec.body?._tag === "Stream" && !spec.body.replayable
      const retryInput = oneShot ? false : spec.options?.retry
      const retry = retryInput === undefined ? defaultRetry : Retry.resolve(config.retry, retryInput)
      // The retry machinery is only set up once an attempt has failed; the deadline then also bounds the
      // waits between attempts.
      const bounded = retry.retries
        ? Effect.catchAll(attempt, (first) => {
          if (first._tag === "DeepgramTimeoutError" && first.kind === "deadline") return Effect.fail(first)
          const retries = Effect.flatMap(Schedule.driver(retry.schedule), (driver) => {
            const again = (error: DeepgramError): Effect.Effect<A, DeepgramError> =>
              error._tag === "DeepgramTimeoutError" && error.kind === "deadline"
                ? Effect.fail(error)
                : Effect.matchEffect(driver.next(error), {
                  onFailure: () => Effect.fail(error),
                  onSuccess: () => Effect.catchAll(attempt, again)
                })
            return again(first)
          })
          return deadline === undefined
            ? retries
            : timeoutFail(retries, deadlineMillis - (Date.now() - started), () => timedOut("deadline"))
        })
        : attempt

      const program = oneShot ? Effect.mapError(bounded, notReplayable) : bounded
      return Effect.useSpan(`Deepgram.${spec.operation}`, {
        kind: "client",
        captureStackTrace: false,
        attributes: {
          "deepgram.operation": spec.operation,
          "deepgram.deployment": config.deployment,
          "http.request.method": spec.method,
          "server.address": where.url.slice(0, where.url.length - spec.path.length),
          "url.path": spec.path
        }
      }, (current) => {
        span = current
        return program
      })
    })

  const request = <A, I>(spec: DeepgramHttp.Request<A, I>): Effect.Effect<A, DeepgramError> => {
    // Fields Deepgram added after this SDK was built are kept, not dropped (ResponseDecoder: preserve).
    const decode = ResponseDecoder.make(spec.response)
    return execute(spec, (response, where) => Effect.flatMap(response.text, (text) => decodeBody(text, decode, response, where)))
  }

  const requestBytes = (spec: DeepgramHttp.RequestBase): Effect.Effect<DeepgramHttp.BytesResponse, DeepgramError> =>
    execute(spec, (response) =>
      Effect.map(response.arrayBuffer, (buffer) => ({ info: infoOf(response), bytes: new Uint8Array(buffer) })))

  const requestStream = (spec: DeepgramHttp.RequestBase): Effect.Effect<DeepgramHttp.StreamResponse, DeepgramError> =>
    execute(spec, (response, where) =>
      Effect.succeed({
        info: infoOf(response),
        stream: Stream.mapError(response.stream, (error) => transportError(where, error))
      }))

  return { config, request, requestBytes, requestStream }
}
