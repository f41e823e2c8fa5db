/**
 * Short-lived access tokens (`POST /v1/auth/grant`): exchange the API key
 * for a JWT that a browser or another untrusted client can use for a
 * limited time. See `TokenProvider` for tokens that refresh themselves.
 *
 * @example
 * ```ts
 * import { Auth } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const auth = yield* Auth.Auth
 *   const { access_token, expires_in } = yield* auth.grant({ ttl_seconds: 60 })
 *   console.log(`a token for ${expires_in} s`, access_token.length)
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { DeepgramHttp, type RequestOptions } from "./DeepgramHttp.js"
import type { DeepgramError } from "./DeepgramError.js"
import * as Operation from "./Operation.js"

type GrantOperation = (typeof operations)["auth.v1.tokens.grant"]

/**
 * `{ ttl_seconds }`: how long the token lives (Deepgram's default is 30 s).
 *
 * @since 0.1.0
 * @category models
 */
export type GrantRequest = Operation.Body<GrantOperation>

/**
 * `{ access_token, expires_in }`.
 *
 * @since 0.1.0
 * @category models
 */
export type GrantResponse = Operation.Response<GrantOperation>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Mints a token. Needs API-key credentials with the `keys:write`-level rights Deepgram asks for. */
  readonly grant: (request?: GrantRequest, requestOptions?: RequestOptions) => Effect.Effect<GrantResponse, DeepgramError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Auth extends Context.Tag("@effect-deepgram/core/Auth")<Auth, Service>() {}

/**
 * Builds the service over the HTTP layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.map(DeepgramHttp, (http): Service => {
  const grant = Operation.bind(http, operations["auth.v1.tokens.grant"])
  return { grant: (request = {}, requestOptions) => grant(request, requestOptions) }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Auth, never, DeepgramHttp> = Layer.effect(Auth, make)
