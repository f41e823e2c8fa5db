// internal
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as ErrorResponse from "@effect-deepgram/schema/ErrorResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Credentials from "../Credentials.js"
import type * as DeepgramConfig from "../DeepgramConfig.js"
import {
  DeepgramApiError,
  DeepgramDecodeError,
  type DeepgramError,
  DeepgramInputError,
  DeepgramTimeoutError,
  DeepgramTransportError
} from "../DeepgramError.js"
import type * as DeepgramHttp from "../DeepgramHttp.js"
import * as Retry from "../Retry.js"
import { encodeQuery } from "./query.js"
import { timeoutFail } from "./timeout.js"

const EXCERPT_LENGTH = 200

// internal
export const excerpt = (text: string): string =>
  text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH)}…`

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

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

// internal
export const make = (
  platformClient: HttpClient.HttpClient,
  config: DeepgramConfig.Service
): DeepgramHttp.Service => {
  // The SDK's own span per operation replaces the platform's per-request one, and
  // no trace headers go to Deepgram (it does not join traces; they would leak ids).
  const client = platformClient.pipe(
    HttpClient.withTracerDisabledWhen(() => true),
    HttpClient.withTracerPropagation(false)
  )
  const defaultRetry = Retry.resolve(config.retry, undefined)
  const authorization = Credentials.authorization(config.credentials)
  const baseHeaders: Record<string, string> = { "user-agent": config.userAgent }
  if (config.sessionId !== undefined) baseHeaders["x-deepgram-session-id"] = config.sessionId

  const prepare = (spec: DeepgramHttp.Request<unknown, unknown>): HttpClientRequest.HttpClientRequest => {
    const base = spec.endpoint === "agentRest" ? config.endpoints.agentRest : config.endpoints.rest
    let request = HttpClientRequest.make(spec.method)(base + spec.path, {
      urlParams: encodeQuery(spec.query, spec.options?.query),
      headers: { ...baseHeaders, accept: "application/json", ...spec.options?.headers }
    })
    if (Option.isSome(authorization) && spec.options?.headers?.authorization === undefined) {
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
          HttpBody.stream(body.stream, body.contentType, body.contentLength)
        )
    }
  }

  const describe = (spec: DeepgramHttp.Request<unknown, unknown>) => ({
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

  const request = <A, I>(spec: DeepgramHttp.Request<A, I>): Effect.Effect<A, DeepgramError> => {
    const where = describe(spec as DeepgramHttp.Request<unknown, unknown>)
    const timeout = Duration.decode(spec.options?.timeout ?? config.timeout)
    const decode = Schema.decodeUnknown(spec.response)
    const httpRequest = prepare(spec as DeepgramHttp.Request<unknown, unknown>)

    const body = spec.body
    const attempt: Effect.Effect<A, DeepgramError> = Effect.gen(function*() {
      const request = body?._tag === "Lazy"
        ? HttpClientRequest.setBody(httpRequest, yield* body.body)
        : httpRequest
      const response = yield* client.execute(request)
      const requestId = response.headers["dg-request-id"]
      yield* Effect.annotateCurrentSpan(
        requestId === undefined
          ? { "http.response.status_code": response.status }
          : { "http.response.status_code": response.status, "deepgram.request_id": requestId }
      )
      const sink = yield* FiberRef.get(currentResponseSink)
      if (sink !== undefined) sink(infoOf(response))
      const text = yield* response.text
      if (response.status >= 400) {
        const normalized = ErrorResponse.normalize(parseJson(text))
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
      const failDecode = (issue: string, cause: unknown) =>
        new DeepgramDecodeError({
          ...where,
          status: response.status,
          requestId,
          excerpt: excerpt(text),
          issue,
          cause
        })
      const json = yield* Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: (cause) => failDecode(text.length === 0 ? "empty body" : "not JSON (or truncated)", cause)
      })
      return yield* Effect.mapError(
        decode(json, { onExcessProperty: "ignore" }),
        (error) => failDecode(ParseResult.TreeFormatter.formatErrorSync(error), error)
      )
    }).pipe(
      Effect.catchTags({
        RequestError: (error) => Effect.fail(transportError(where, error)),
        ResponseError: (error) => Effect.fail(transportError(where, error))
      }),
      (effect) => timeoutFail(effect, Duration.toMillis(timeout), () => new DeepgramTimeoutError({ ...where, timeout }))
    )

    const oneShot = spec.body?._tag === "Stream" && !spec.body.replayable
    const retryInput = oneShot ? false : spec.options?.retry
    const retry = retryInput === undefined ? defaultRetry : Retry.resolve(config.retry, retryInput)
    // The retry machinery is only set up once an attempt has failed.
    const withRetry = retry.retries
      ? Effect.catchAll(attempt, (first) =>
        Effect.flatMap(Schedule.driver(retry.schedule), (driver) => {
          const again = (error: DeepgramError): Effect.Effect<A, DeepgramError> =>
            Effect.matchEffect(driver.next(error), {
              onFailure: () => Effect.fail(error),
              onSuccess: () => Effect.catchAll(attempt, again)
            })
          return again(first)
        }))
      : attempt

    return withRetry.pipe(
      Effect.withSpan(`Deepgram.${spec.operation}`, {
        kind: "client",
        captureStackTrace: false,
        attributes: {
          "deepgram.operation": spec.operation,
          "deepgram.deployment": config.deployment,
          "http.request.method": spec.method,
          "server.address": where.url.slice(0, where.url.length - spec.path.length),
          "url.path": spec.path
        }
      })
    )
  }

  return { config, request }
}
