/**
 * How requests are authenticated: an API key (`Authorization: Token …`), a
 * short-lived access token (`Authorization: Bearer …`) or nothing (self-hosted).
 * Secrets stay `Redacted` until the moment a header is written.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { DeepgramError } from "./DeepgramError.js"

/**
 * An API key, sent as `Authorization: Token <key>`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiKey {
  readonly _tag: "ApiKey"
  readonly key: Redacted.Redacted<string>
}

/**
 * A short-lived access token (a JWT from `POST /v1/auth/grant`), sent as
 * `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 * @category models
 */
export interface AccessToken {
  readonly _tag: "AccessToken"
  readonly token: Redacted.Redacted<string>
}

/**
 * No credentials: self-hosted deployments and emulators that do not check.
 *
 * @since 0.1.0
 * @category models
 */
export interface NoCredentials {
  readonly _tag: "NoCredentials"
}

/**
 * @since 0.1.0
 * @category models
 */
export type Credentials = ApiKey | AccessToken | NoCredentials | Provided

/**
 * Access tokens that change over time (short-lived, refreshed): `token` is
 * asked for a current one before every request and connection. See
 * `TokenProvider`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Provided {
  readonly _tag: "Provided"
  readonly token: Effect.Effect<Redacted.Redacted<string>, DeepgramError>
}

/**
 * Credentials whose bearer token is fetched when needed, e.g. from a
 * `TokenProvider` that refreshes short-lived tokens.
 *
 * @example
 * ```ts
 * import { Credentials, TokenProvider } from "@effect-deepgram/core"
 * import { Effect } from "effect"
 *
 * const credentials = Effect.map(TokenProvider.TokenProvider, (provider) => Credentials.provided(provider.token))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const provided = (token: Effect.Effect<Redacted.Redacted<string>, DeepgramError>): Credentials =>
  make.Provided({ token })

/**
 * The credentials to use now: a `Provided` token is fetched and becomes an
 * `AccessToken`; the others are returned as they are.
 *
 * @since 0.1.0
 * @category combinators
 */
export const resolve = (credentials: Credentials): Effect.Effect<Credentials, DeepgramError> =>
  credentials._tag === "Provided" ? Effect.map(credentials.token, accessToken) : Effect.succeed(credentials)

const make = Data.taggedEnum<Credentials>()

const redact = (secret: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

/**
 * @example
 * ```ts
 * import { Credentials } from "@effect-deepgram/core"
 *
 * const credentials = Credentials.apiKey("dg_secret")
 * String(credentials) // does not contain the key
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const apiKey = (key: string | Redacted.Redacted<string>): Credentials => make.ApiKey({ key: redact(key) })

/**
 * @example
 * ```ts
 * import { Credentials } from "@effect-deepgram/core"
 *
 * const credentials = Credentials.accessToken("eyJhbGciOi…")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const accessToken = (token: string | Redacted.Redacted<string>): Credentials =>
  make.AccessToken({ token: redact(token) })

/**
 * @since 0.1.0
 * @category constructors
 */
export const none: Credentials = make.NoCredentials()

/**
 * The `Authorization` header value, still redacted; `None` without credentials.
 *
 * @example
 * ```ts
 * import { Credentials } from "@effect-deepgram/core"
 * import { Option, Redacted } from "effect"
 *
 * const header = Credentials.authorization(Credentials.apiKey("abc"))
 * Option.map(header, Redacted.value) // Option.some("Token abc")
 * ```
 *
 * @since 0.1.0
 * @category accessors
 */
export const authorization = (credentials: Credentials): Option.Option<Redacted.Redacted<string>> => {
  switch (credentials._tag) {
    case "ApiKey":
      return Option.some(Redacted.make(`Token ${Redacted.value(credentials.key)}`))
    case "AccessToken":
      return Option.some(Redacted.make(`Bearer ${Redacted.value(credentials.token)}`))
    case "NoCredentials":
    case "Provided": // `resolve` first
      return Option.none()
  }
}

/**
 * The `Sec-WebSocket-Protocol` pair Deepgram accepts where a WebSocket cannot
 * carry headers (browsers): `["token", key]` or `["bearer", jwt]`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const websocketProtocols = (credentials: Credentials): ReadonlyArray<Redacted.Redacted<string>> => {
  switch (credentials._tag) {
    case "ApiKey":
      return [Redacted.make("token"), credentials.key]
    case "AccessToken":
      return [Redacted.make("bearer"), credentials.token]
    case "NoCredentials":
    case "Provided": // `resolve` first
      return []
  }
}

/**
 * The authentication scheme, safe to log.
 *
 * @since 0.1.0
 * @category accessors
 */
export const scheme = (credentials: Credentials): "Token" | "Bearer" | "none" =>
  credentials._tag === "ApiKey"
    ? "Token"
    : credentials._tag === "AccessToken" || credentials._tag === "Provided"
    ? "Bearer"
    : "none"
