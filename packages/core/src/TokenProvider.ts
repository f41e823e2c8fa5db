/**
 * Short-lived access tokens that refresh themselves. A provider hands out
 * the current token and mints a new one shortly before it expires;
 * concurrent callers share one refresh. Two sources:
 *
 * - `layerGrant`: minted from the API key with `/v1/auth/grant` (a server
 *   that hands tokens to browsers, or a process that should not put its key
 *   on the wire for every call);
 * - `layerEndpoint`: fetched from the application's own endpoint (a browser
 *   that never sees the key).
 *
 * `Credentials.provided(provider.token)` makes the SDK itself use them.
 *
 * @example
 * ```ts
 * import { TokenProvider } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // A server route that hands a fresh token to a browser.
 * const handout = Effect.gen(function*() {
 *   const provider = yield* TokenProvider.TokenProvider
 *   const token = yield* provider.current
 *   return { access_token: Redacted.value(token.accessToken), expires_in: token.expiresIn }
 * })
 *
 * const Tokens = TokenProvider.layerGrant({ ttlSeconds: 300 }).pipe(Layer.provide(DeepgramLive))
 * handout.pipe(Effect.provide(Tokens), Effect.runPromise).then(console.log)
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { Auth } from "./Auth.js"
import { type DeepgramError, DeepgramApiError, DeepgramDecodeError, DeepgramTransportError } from "./DeepgramError.js"
import { excerpt } from "./internal/http.js"

/**
 * A token and when it expires.
 *
 * @since 0.1.0
 * @category models
 */
export interface Token {
  readonly accessToken: Redacted.Redacted<string>
  /** Epoch milliseconds (by the Effect `Clock`). */
  readonly expiresAt: number
  /** Whole seconds left when it was handed out. */
  readonly expiresIn: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The current token, refreshed first when it is about to expire. */
  readonly current: Effect.Effect<Token, DeepgramError>
  /** The current token's secret (what `Credentials.provided` takes). */
  readonly token: Effect.Effect<Redacted.Redacted<string>, DeepgramError>
  /** Forgets the current token, so the next call mints a new one (e.g. after a 401). */
  readonly invalidate: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class TokenProvider extends Context.Tag("@effect-deepgram/core/TokenProvider")<TokenProvider, Service>() {}

/**
 * What a token source answers: Deepgram's `/v1/auth/grant` shape.
 *
 * @since 0.1.0
 * @category models
 */
export interface Grant {
  readonly access_token: string
  /** Seconds; Deepgram's default of 30 s when absent. */
  readonly expires_in?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * How long before expiry a token is replaced (10 s by default, and never
   * more than half the token's life).
   */
  readonly refreshAhead?: Duration.DurationInput | undefined
}

const DEFAULT_TTL_SECONDS = 30

interface Cached {
  readonly accessToken: Redacted.Redacted<string>
  readonly expiresAt: number
  readonly refreshAt: number
}

/**
 * A provider over any token source.
 *
 * @example
 * ```ts
 * import { TokenProvider } from "@effect-deepgram/core"
 * import { Effect } from "effect"
 *
 * const provider = TokenProvider.make(Effect.succeed({ access_token: "a.jwt.value", expires_in: 60 }))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  mint: Effect.Effect<Grant, DeepgramError>,
  options?: Options
): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const ahead = Duration.toMillis(options?.refreshAhead ?? Duration.seconds(10))
    const state = yield* SynchronizedRef.make<Option.Option<Cached>>(Option.none())

    const fresh = Effect.flatMap(mint, (grant) =>
      Effect.map(Clock.currentTimeMillis, (now): Cached => {
        const ttl = Math.max(1, grant.expires_in ?? DEFAULT_TTL_SECONDS) * 1000
        const expiresAt = now + ttl
        return { accessToken: Redacted.make(grant.access_token), expiresAt, refreshAt: expiresAt - Math.min(ahead, ttl / 2) }
      }))

    const view = (token: Cached, now: number): Token => ({
      accessToken: token.accessToken,
      expiresAt: token.expiresAt,
      expiresIn: Math.max(0, Math.floor((token.expiresAt - now) / 1000))
    })

    // One refresh at a time: callers that arrive during a refresh wait for it and share its token.
    const current = SynchronizedRef.modifyEffect(state, (cached) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (Option.isSome(cached) && now < cached.value.refreshAt) {
          return Effect.succeed<readonly [Token, Option.Option<Cached>]>([view(cached.value, now), cached])
        }
        return fresh.pipe(
          Effect.map((token): readonly [Token, Option.Option<Cached>] => [view(token, now), Option.some(token)]),
          // A failed refresh keeps serving a token that has not expired yet; the next call tries again.
          Effect.catchAll((error) =>
            Option.isSome(cached) && now < cached.value.expiresAt
              ? Effect.succeed<readonly [Token, Option.Option<Cached>]>([view(cached.value, now), cached])
              : Effect.fail(error)
          )
        )
      }))

    return {
      current,
      token: Effect.map(current, (token) => token.accessToken),
      invalidate: SynchronizedRef.set(state, Option.none())
    }
  })

/**
 * Tokens minted from the configured API key with `/v1/auth/grant`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerGrant = (
  options?: Options & { readonly ttlSeconds?: number | undefined }
): Layer.Layer<TokenProvider, never, Auth> =>
  Layer.effect(
    TokenProvider,
    Effect.flatMap(Auth, (auth) =>
      make(auth.grant(options?.ttlSeconds === undefined ? {} : { ttl_seconds: options.ttlSeconds }), options))
  )

const GrantBody = Schema.Struct({ access_token: Schema.String, expires_in: Schema.optional(Schema.Number) })

/**
 * Tokens fetched from the application's own endpoint (a `GET` answering
 * `{ access_token, expires_in }`), for browsers that must never see the
 * API key. Cookies go with the request (`credentials: "same-origin"` is
 * the platform's default for same-origin URLs).
 *
 * @example
 * ```ts
 * import { TokenProvider } from "@effect-deepgram/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * const Tokens = TokenProvider.layerEndpoint("/api/deepgram-token").pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEndpoint = (
  url: string,
  options?: EndpointOptions
): Layer.Layer<TokenProvider, never, HttpClient.HttpClient> =>
  Layer.effect(
    TokenProvider,
    Effect.flatMap(HttpClient.HttpClient, (client) => make(fetchGrant(client, url, options?.method ?? "GET"), options))
  )

/**
 * @since 0.1.0
 * @category models
 */
export interface EndpointOptions extends Options {
  /** How the endpoint is asked (`GET` by default). */
  readonly method?: "GET" | "POST" | undefined
}

const fetchGrant = (client: HttpClient.HttpClient, url: string, method: "GET" | "POST"): Effect.Effect<Grant, DeepgramError> =>
  Effect.gen(function*() {
    const where = { method, url }
    const response = yield* client.execute(HttpClientRequest.make(method)(url, { acceptJson: true }))
    const text = yield* response.text
    if (response.status >= 400) {
      return yield* new DeepgramApiError({
        ...where,
        status: response.status,
        requestId: undefined,
        errCode: undefined,
        errMsg: "the token endpoint refused",
        category: undefined,
        retryAfter: undefined,
        excerpt: excerpt(text)
      })
    }
    const decodeError = (issue: string, cause: unknown) =>
      new DeepgramDecodeError({ ...where, status: response.status, requestId: undefined, excerpt: excerpt(text), issue, cause })
    const json = yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: (cause) => decodeError("not JSON", cause) })
    return yield* Effect.mapError(
      Schema.decodeUnknown(GrantBody)(json),
      (error) => decodeError("expected { access_token, expires_in }", error)
    )
  }).pipe(
    Effect.catchTags({
      RequestError: (error) => Effect.fail(new DeepgramTransportError({ method, url, detail: error.message, cause: error })),
      ResponseError: (error) => Effect.fail(new DeepgramTransportError({ method, url, detail: error.message, cause: error }))
    })
  )
