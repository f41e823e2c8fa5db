/**
 * Text intelligence (`POST /v1/read`): summaries, topics, intents and
 * sentiment of a text, or of the text at a URL.
 *
 * @example
 * ```ts
 * import { Read } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const read = yield* Read.Read
 *   const { results } = yield* read.analyze(
 *     { text: "The launch went well. Everyone was thrilled with the result." },
 *     { summarize: true, topics: true, sentiment: true, language: "en" }
 *   )
 *   console.log(results.summary?.results?.summary?.text, results.sentiments?.average)
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { DeepgramHttp, type RequestOptions } from "./DeepgramHttp.js"
import { type DeepgramError, DeepgramInputError } from "./DeepgramError.js"
import * as Operation from "./Operation.js"

type AnalyzeOperation = (typeof operations)["read.v1.text.analyze"]

/**
 * Every query option of `POST /v1/read`, with Deepgram's names.
 *
 * @since 0.1.0
 * @category models
 */
export type Options = Operation.Query<AnalyzeOperation>

/**
 * What to analyse: `{ text }`, `{ url }` (Deepgram fetches the text), or
 * the text itself as a string.
 *
 * @since 0.1.0
 * @category models
 */
export type Input = Operation.Body<AnalyzeOperation> | string

/**
 * @since 0.1.0
 * @category models
 */
export type AnalyzeResponse = Operation.Response<AnalyzeOperation>

/**
 * The answer to a request with a `callback` URL.
 *
 * @since 0.1.0
 * @category models
 */
export type AcceptedResponse = typeof ListenV1.AcceptedResponse.Type

/**
 * An analysis call, narrowed by whether `callback` is set.
 *
 * @since 0.1.0
 * @category models
 */
export interface Analyze {
  (input: Input, options: Options & { readonly callback: string }, requestOptions?: RequestOptions): Effect.Effect<
    AcceptedResponse,
    DeepgramError
  >
  (input: Input, options?: Options & { readonly callback?: undefined }, requestOptions?: RequestOptions): Effect.Effect<
    AnalyzeResponse,
    DeepgramError
  >
  (input: Input, options?: Options, requestOptions?: RequestOptions): Effect.Effect<
    AnalyzeResponse | AcceptedResponse,
    DeepgramError
  >
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly analyze: Analyze
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Read extends Context.Tag("@effect-deepgram/core/Read")<Read, Service>() {}

// With a callback Deepgram answers `{ request_id }` only.
const callbackOperation: AnalyzeOperation = {
  ...operations["read.v1.text.analyze"],
  response: ListenV1.AcceptedResponse as unknown as AnalyzeOperation["response"]
}

/**
 * Builds the service over the HTTP layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.map(DeepgramHttp, (http): Service => {
  const analyze = (input: Input, options?: Options, requestOptions?: RequestOptions) => {
    const body = typeof input === "string" ? { text: input } : input
    if (("text" in body && body.text.trim() === "") || ("url" in body && body.url.trim() === "")) {
      return Effect.fail(
        new DeepgramInputError({ reason: "InvalidOptions", detail: "read.v1.text.analyze body: the text or url is empty" })
      )
    }
    const spec = options?.callback === undefined ? operations["read.v1.text.analyze"] : callbackOperation
    return Operation.call(http, spec, { body, query: options ?? {} }, requestOptions)
  }
  return { analyze: analyze as Analyze }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Read, never, DeepgramHttp> = Layer.effect(Read, make)

