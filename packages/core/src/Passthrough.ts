/**
 * Any path of Deepgram's API with the SDK's credentials, retry policy,
 * timeout, error mapping and spans: for endpoints Deepgram has added before
 * the spec (and this SDK) describe them.
 *
 * @example
 * ```ts
 * import { Passthrough } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const projects = yield* Passthrough.json("GET", "/v1/projects")
 *   console.log(projects)
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import type { HttpMethod } from "@effect/platform/HttpMethod"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type Body, DeepgramHttp, type RequestOptions, type StreamResponse } from "./DeepgramHttp.js"
import { type DeepgramError, DeepgramInputError } from "./DeepgramError.js"

/**
 * What to send besides the method and path.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends RequestOptions {
  /** A JSON body, or a body of the SDK's `Body` type (bytes, a stream, …). */
  readonly body?: unknown
  /** The main REST endpoint (default) or the agent one. */
  readonly endpoint?: "rest" | "agentRest" | undefined
  /** The `accept` header (`application/json` by default). */
  readonly accept?: string | undefined
}

const bodyTags = new Set(["Json", "Bytes", "Blob", "Lazy", "Stream"])

const toBody = (body: unknown): Body | undefined =>
  body === undefined
    ? undefined
    : typeof body === "object" && body !== null && "_tag" in body && bodyTags.has(String(body._tag))
    ? body as Body
    : { _tag: "Json", value: body }

const prepare = (method: HttpMethod, path: string, options: Options | undefined) =>
  path.startsWith("/")
    ? Effect.succeed({
      operation: `passthrough ${method} ${path.split("?")[0]}`,
      method,
      endpoint: options?.endpoint,
      path,
      body: toBody(options?.body),
      accept: options?.accept,
      options
    })
    : Effect.fail(
      new DeepgramInputError({ reason: "InvalidOptions", detail: `path must start with "/" (got ${JSON.stringify(path)})` })
    )

/**
 * Calls a path and decodes the JSON answer with `schema` (or returns it as
 * `unknown`).
 *
 * @since 0.1.0
 * @category requests
 */
export const json: {
  (method: HttpMethod, path: string, options?: Options): Effect.Effect<unknown, DeepgramError, DeepgramHttp>
  <A, I>(method: HttpMethod, path: string, options: Options & { readonly schema: Schema.Schema<A, I> }): Effect.Effect<
    A,
    DeepgramError,
    DeepgramHttp
  >
} = (method: HttpMethod, path: string, options?: Options & { readonly schema?: Schema.Schema<unknown, unknown> }) =>
  Effect.flatMap(
    prepare(method, path, options),
    (request) => Effect.flatMap(DeepgramHttp, (http) => http.request({ ...request, response: options?.schema ?? Schema.Unknown }))
  )

/**
 * Calls a path and hands back its body as a stream, with the response's
 * status and headers.
 *
 * @since 0.1.0
 * @category requests
 */
export const stream = (
  method: HttpMethod,
  path: string,
  options?: Options
): Effect.Effect<StreamResponse, DeepgramError, DeepgramHttp> =>
  Effect.flatMap(prepare(method, path, options), (request) => Effect.flatMap(DeepgramHttp, (http) => http.requestStream(request)))
