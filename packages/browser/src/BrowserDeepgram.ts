/**
 * Deepgram in browsers: fetch for HTTP (trace propagation off, since `b3` /
 * `traceparent` headers would trigger CORS preflights), the browser's
 * WebSocket with `Sec-WebSocket-Protocol` authentication, and uploads from
 * `Blob`/`File`. A raw API key is refused unless explicitly allowed: the
 * intended credential is a short-lived access token minted by your server
 * (`POST /v1/auth/grant`).
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Socket from "@effect/platform/Socket"
import * as Credentials from "@effect-deepgram/core/Credentials"
import * as Deepgram from "@effect-deepgram/core/Deepgram"
import * as DeepgramConfig from "@effect-deepgram/core/DeepgramConfig"
import { DeepgramConfigError } from "@effect-deepgram/core/DeepgramError"
import * as DeepgramSocket from "@effect-deepgram/core/DeepgramSocket"
import * as TokenProvider from "@effect-deepgram/core/TokenProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * Options of the browser layers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends DeepgramConfig.Options {
  /**
   * Allows a raw API key. Anyone who opens the page can read it; prefer an
   * `accessToken` minted by your server.
   */
  readonly dangerouslyAllowApiKey?: boolean | undefined
}

/**
 * Everything the browser layers provide.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Deepgram.Services | DeepgramConfig.DeepgramConfig

const HttpClientWithoutPropagation = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, HttpClient.withTracerPropagation(false))
).pipe(Layer.provide(FetchHttpClient.layer))

/**
 * The services for a `DeepgramConfig` you provide yourself (no API key check).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithoutConfig: Layer.Layer<Deepgram.Services, never, DeepgramConfig.DeepgramConfig> = Deepgram.layer
  .pipe(
    Layer.provide(HttpClientWithoutPropagation),
    Layer.provide(DeepgramSocket.layerWebSocketConstructor),
    Layer.provide(Socket.layerWebSocketConstructorGlobal)
  )

const refuseApiKey = (options: Options) => (config: DeepgramConfig.Service) =>
  config.credentials._tag === "ApiKey" && options.dangerouslyAllowApiKey !== true
    ? Effect.fail(
      new DeepgramConfigError({
        reason: "InvalidOption",
        detail:
          "a raw API key in a browser is readable by every visitor: mint a short-lived access token on your server (POST /v1/auth/grant) and pass it as accessToken, or set dangerouslyAllowApiKey: true"
      })
    )
    : Effect.succeed(config)

/**
 * From explicit options, typically a base URL and an access token.
 *
 * @example
 * ```ts
 * import { BrowserDeepgram } from "@effect-deepgram/browser"
 *
 * declare const token: string // from your server, which called POST /v1/auth/grant
 * const Live = BrowserDeepgram.layer({ accessToken: token })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, DeepgramConfigError> =>
  Layer.provideMerge(
    layerWithoutConfig,
    Layer.effect(DeepgramConfig.DeepgramConfig, Effect.flatMap(DeepgramConfig.make(options), refuseApiKey(options)))
  )

/**
 * From the current `ConfigProvider` (rarely set in browsers), explicit
 * options winning.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (options: Options = {}): Layer.Layer<Services, DeepgramConfigError> =>
  Layer.provideMerge(
    layerWithoutConfig,
    Layer.effect(
      DeepgramConfig.DeepgramConfig,
      Effect.flatMap(DeepgramConfig.DeepgramConfig, refuseApiKey(options)).pipe(
        Effect.provide(DeepgramConfig.layerConfig(options))
      )
    )
  )

/**
 * The SDK with short-lived tokens from the application's own endpoint (a
 * route of your server that mints them with `/v1/auth/grant` and answers
 * `{ access_token, expires_in }`). Tokens are fetched when first needed and
 * refreshed shortly before they expire; the page never sees an API key.
 * Build it once per page (a `ManagedRuntime`, say) so the token is shared.
 *
 * @example
 * ```ts
 * import { BrowserDeepgram } from "@effect-deepgram/browser"
 * import { ManagedRuntime } from "effect"
 *
 * const deepgram = ManagedRuntime.make(BrowserDeepgram.layerTokenEndpoint("/api/deepgram-token", { method: "POST" }))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTokenEndpoint = (
  url: string,
  options: Omit<Options, "apiKey" | "accessToken" | "credentials" | "dangerouslyAllowApiKey"> &
    TokenProvider.EndpointOptions = {}
): Layer.Layer<Services | TokenProvider.TokenProvider, DeepgramConfigError> =>
  Layer.unwrapEffect(
    Effect.map(TokenProvider.TokenProvider, (provider) =>
      layer({ ...options, credentials: Credentials.provided(provider.token) }))
  ).pipe(Layer.provideMerge(TokenProvider.layerEndpoint(url, options).pipe(Layer.provide(FetchHttpClient.layer))))
