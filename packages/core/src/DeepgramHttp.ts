/**
 * The HTTP layer every REST operation goes through: base URL, credentials,
 * user agent and session id, error bodies decoded into `DeepgramApiError`,
 * response bodies decoded with Schema, a per-attempt timeout and the retry
 * Schedule. Built on the abstract `HttpClient`; runtime packages provide the
 * concrete one.
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type { HttpMethod } from "@effect/platform/HttpMethod"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { DeepgramConfig, type Service as ConfigService } from "./DeepgramConfig.js"
import type { DeepgramError } from "./DeepgramError.js"
import * as internal from "./internal/http.js"
import type { QueryValue } from "./internal/query.js"
import type { RetryInput } from "./Retry.js"

export type {
  /**
   * A query parameter value: arrays become repeated keys, booleans `true`/`false`.
   *
   * @since 0.1.0
   * @category models
   */
  QueryValue
}

/**
 * Per-request settings that override the client's.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  /** How long one attempt may go without progress (see `DeepgramConfig.Options.timeout`). */
  readonly timeout?: Duration.DurationInput | undefined
  /** The limit across all attempts and the waits between them; `false` for none. */
  readonly deadline?: Duration.DurationInput | false | undefined
  /** A partial policy, `false` for no retries, or a Schedule. */
  readonly retry?: RetryInput | undefined
  /** Extra query parameters, sent as given (for options newer than this SDK). */
  readonly query?: Readonly<Record<string, QueryValue>> | undefined
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * A request body.
 *
 * @since 0.1.0
 * @category models
 */
export type Body =
  | { readonly _tag: "Json"; readonly value: unknown }
  | { readonly _tag: "Bytes"; readonly bytes: Uint8Array; readonly contentType: string }
  /** A `Blob` or `File`, sent as it is (browsers cannot stream request bodies); retryable. */
  | { readonly _tag: "Blob"; readonly blob: Blob; readonly contentType: string }
  /**
   * A body made afresh for every attempt (a native file stream, say); retryable. It is made under
   * `DeepgramFiles.currentUploadProgress`, which it may call as bytes go out.
   */
  | { readonly _tag: "Lazy"; readonly body: Effect.Effect<HttpBody.HttpBody, DeepgramError> }
  | {
    readonly _tag: "Stream"
    readonly stream: Stream.Stream<Uint8Array, DeepgramError>
    readonly contentType: string
    readonly contentLength?: number | undefined
    /** Whether running the stream again yields the same bytes (a file) so the request may be retried. */
    readonly replayable: boolean
  }

/**
 * One REST call, described as data, without its response decoding.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestBase {
  /** The span and error name, e.g. `"manage.v1.projects.keys.create"`. */
  readonly operation: string
  readonly method: HttpMethod
  /** Which base URL: the main REST one (default) or the agent one. */
  readonly endpoint?: "rest" | "agentRest" | undefined
  /** The path with its parameters filled in (already URL-encoded). */
  readonly path: string
  readonly query?: Readonly<Record<string, unknown>> | undefined
  readonly body?: Body | undefined
  /** The `accept` header (`application/json` by default). */
  readonly accept?: string | undefined
  readonly options?: RequestOptions | undefined
}

/**
 * One REST call whose JSON response is decoded with `response`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Request<A, I> extends RequestBase {
  readonly response: Schema.Schema<A, I>
}

/**
 * What came back with a response besides its body.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResponseInfo {
  readonly status: number
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>
  /** The `dg-request-id` header. */
  readonly requestId: string | undefined
}

/**
 * A response read whole as bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface BytesResponse {
  readonly info: ResponseInfo
  readonly bytes: Uint8Array
}

/**
 * A response whose body is streamed as it arrives. The stream can be run
 * once; a connection lost mid-body fails it with a `DeepgramTransportError`.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamResponse {
  readonly info: ResponseInfo
  readonly stream: Stream.Stream<Uint8Array, DeepgramError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly config: ConfigService
  /** Sends a request and decodes its JSON body (fields the schema does not know are kept). */
  readonly request: <A, I>(request: Request<A, I>) => Effect.Effect<A, DeepgramError>
  /** Sends a request and reads its body whole as bytes. */
  readonly requestBytes: (request: RequestBase) => Effect.Effect<BytesResponse, DeepgramError>
  /**
   * Sends a request and hands back the body as a stream once the headers
   * have arrived. Retries and the timeout cover the attempt up to the
   * headers; the body is never retried.
   */
  readonly requestStream: (request: RequestBase) => Effect.Effect<StreamResponse, DeepgramError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class DeepgramHttp extends Context.Tag("@effect-deepgram/core/DeepgramHttp")<DeepgramHttp, Service>() {}

/**
 * Builds the service from a config and a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (client: HttpClient.HttpClient, config: ConfigService): Service => internal.make(client, config)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<DeepgramHttp, never, DeepgramConfig | HttpClient.HttpClient> = Layer.effect(
  DeepgramHttp,
  Effect.map(Effect.all([HttpClient.HttpClient, DeepgramConfig]), ([client, config]) => make(client, config))
)

/**
 * Runs an operation and also returns what came with its last response:
 * status, headers and `dg-request-id`.
 *
 * @example
 * ```ts
 * import { DeepgramHttp, Listen } from "@effect-deepgram/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   const [result, response] = yield* DeepgramHttp.withResponse(
 *     listen.transcribeUrl("https://example.com/a.wav", { model: "nova-3" })
 *   )
 *   console.log(response.requestId, result.metadata.duration)
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withResponse = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<readonly [A, ResponseInfo], E, R> =>
  Effect.suspend(() => {
    let last: ResponseInfo | undefined
    return effect.pipe(
      Effect.locally(internal.currentResponseSink, (info) => {
        last = info
      }),
      Effect.flatMap((value) =>
        last === undefined
          ? Effect.dieMessage("DeepgramHttp.withResponse: the effect made no request")
          : Effect.succeed([value, last] as const)
      )
    )
  })
