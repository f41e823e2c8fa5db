/**
 * Where the SDK talks to and as whom: the four endpoints (REST, WebSocket,
 * agent REST, agent WebSocket), the credentials, the default timeout and the
 * retry policy. Hosted, EU, self-hosted and the emulator are different values
 * of this one service.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Credentials from "./Credentials.js"
import { DeepgramConfigError } from "./DeepgramError.js"
import * as Retry from "./Retry.js"

/**
 * The base URLs of the four kinds of endpoint, without a trailing slash.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoints {
  readonly rest: string
  readonly websocket: string
  readonly agentRest: string
  readonly agentWebsocket: string
}

/**
 * Which deployment the endpoints point at.
 *
 * @since 0.1.0
 * @category models
 */
export type Deployment = "hosted" | "eu" | "self-hosted" | "emulator"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly deployment: Deployment
  readonly endpoints: Endpoints
  readonly credentials: Credentials.Credentials
  readonly timeout: Duration.Duration
  /** The limit across all attempts of one request; `undefined` for none. */
  readonly deadline: Duration.Duration | undefined
  readonly retry: Retry.RetryPolicy
  /** Applied to the runtime's `HttpClient` before the SDK uses it. */
  readonly transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
  readonly userAgent: string
  readonly sessionId: string | undefined
}

/**
 * @since 0.1.0
 * @category tags
 */
export class DeepgramConfig extends Context.Tag("@effect-deepgram/core/DeepgramConfig")<DeepgramConfig, Service>() {}

/**
 * Explicit configuration. Every field is optional; `layerConfig` fills the
 * gaps from the environment.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** `"hosted"` (api.deepgram.com, the default) or `"eu"` (api.eu.deepgram.com). */
  readonly region?: "us" | "eu" | undefined
  /** A self-hosted or emulator base URL (`http(s)://` or `ws(s)://`); WebSocket URLs are derived from it. */
  readonly baseUrl?: string | undefined
  /** Marks a `baseUrl` as the emulator (only changes `deployment`). */
  readonly emulator?: boolean | undefined
  /** Overrides single endpoints after the others are derived. */
  readonly endpoints?: Partial<Endpoints> | undefined
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  readonly accessToken?: string | Redacted.Redacted<string> | undefined
  readonly credentials?: Credentials.Credentials | undefined
  /**
   * How long one attempt may go without progress (30 s by default): while a
   * streamed body is uploading, every chunk sent restarts it; then it bounds
   * the wait for the whole response.
   */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * The limit for one request across all its attempts and the waits between
   * them (50 s by default; streamed and file uploads have none unless set
   * here or per request). `false` for none.
   */
  readonly deadline?: Duration.DurationInput | false | undefined
  /**
   * Transforms or replaces the HTTP client under every REST call: a proxy,
   * extra middleware, request logging, a test double. It receives the
   * runtime's client and returns the one to use.
   */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
  readonly retry?: Partial<Retry.RetryPolicy> | undefined
  readonly userAgent?: string | undefined
  /** Sent as `x-deepgram-session-id` on every request and socket. */
  readonly sessionId?: string | undefined
}

/**
 * The SDK's version, sent in the user agent.
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "0.1.0"

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(30)

/**
 * The default limit for one request across all its attempts.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultDeadline: Duration.Duration = Duration.seconds(50)

const hostedEndpoints: Endpoints = {
  rest: "https://api.deepgram.com",
  websocket: "wss://api.deepgram.com",
  agentRest: "https://agent.deepgram.com",
  agentWebsocket: "wss://agent.deepgram.com"
}

const euEndpoints: Endpoints = {
  rest: "https://api.eu.deepgram.com",
  websocket: "wss://api.eu.deepgram.com",
  agentRest: "https://agent.eu.deepgram.com",
  agentWebsocket: "wss://agent.eu.deepgram.com"
}

const parseUrl = (label: string, input: string): Effect.Effect<URL, DeepgramConfigError> =>
  Effect.try({
    try: () => new URL(input),
    catch: () => new DeepgramConfigError({ reason: "InvalidUrl", detail: `${label} is not a valid URL: ${JSON.stringify(input)}` })
  }).pipe(
    Effect.filterOrFail(
      // These are special schemes: a URL of one always has a host (`new URL("http://")` throws).
      (url) => ["http:", "https:", "ws:", "wss:"].includes(url.protocol),
      () =>
        new DeepgramConfigError({
          reason: "InvalidUrl",
          detail: `${label} must be an http(s) or ws(s) URL with a host: ${JSON.stringify(input)}`
        })
    )
  )

const strip = (url: URL): string => url.toString().replace(/\/+$/, "")

const endpointsFromBase = (url: URL): Endpoints => {
  const secure = url.protocol === "https:" || url.protocol === "wss:"
  const http = new URL(url.toString())
  http.protocol = secure ? "https:" : "http:"
  const ws = new URL(url.toString())
  ws.protocol = secure ? "wss:" : "ws:"
  return { rest: strip(http), websocket: strip(ws), agentRest: strip(http), agentWebsocket: strip(ws) }
}

const validateEndpoints = (endpoints: Endpoints): Effect.Effect<Endpoints, DeepgramConfigError> =>
  Effect.all({
    rest: parseUrl("endpoints.rest", endpoints.rest),
    websocket: parseUrl("endpoints.websocket", endpoints.websocket),
    agentRest: parseUrl("endpoints.agentRest", endpoints.agentRest),
    agentWebsocket: parseUrl("endpoints.agentWebsocket", endpoints.agentWebsocket)
  }).pipe(
    Effect.map((urls) => ({
      rest: strip(urls.rest),
      websocket: strip(urls.websocket),
      agentRest: strip(urls.agentRest),
      agentWebsocket: strip(urls.agentWebsocket)
    }))
  )

// A base URL is a self-hosted server (or the emulator); without one, Deepgram's hosted or EU region.
const deploymentOf = (options: Options, base: URL | undefined): Deployment =>
  base === undefined
    ? (options.region === "eu" ? "eu" : "hosted")
    : options.emulator === true
    ? "emulator"
    : "self-hosted"

const endpointsOf = (deployment: Deployment, base: URL | undefined): Endpoints =>
  base === undefined ? (deployment === "eu" ? euEndpoints : hostedEndpoints) : endpointsFromBase(base)

// Deepgram's own endpoints need credentials; a self-hosted server or the emulator may run without.
const requireCredentials = (
  deployment: Deployment,
  credentials: Credentials.Credentials | undefined,
  rest: string
): Effect.Effect<Credentials.Credentials, DeepgramConfigError> =>
  credentials === undefined && (deployment === "hosted" || deployment === "eu")
    ? Effect.fail(
      new DeepgramConfigError({
        reason: "MissingCredentials",
        detail:
          `no credentials for ${rest}: set DEEPGRAM_API_KEY, or DEEPGRAM_ACCESS_TOKEN / DEEPGRAM_TOKEN, or pass apiKey / accessToken (self-hosted servers set DEEPGRAM_BASE_URL instead)`
      })
    )
    : Effect.succeed(credentials ?? Credentials.none)

const credentialsOf = (options: Options): Credentials.Credentials | undefined =>
  options.credentials ??
    (options.accessToken !== undefined
      ? Credentials.accessToken(options.accessToken)
      : options.apiKey !== undefined
      ? Credentials.apiKey(options.apiKey)
      : undefined)

/**
 * Validates options into the service value. A hosted or EU endpoint without
 * credentials fails with a `DeepgramConfigError` naming the environment
 * variables; a malformed URL fails naming the URL.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 *
 * const config = DeepgramConfig.make({ region: "eu", apiKey: "dg_…" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, DeepgramConfigError> =>
  Effect.gen(function*() {
    const base = options.baseUrl === undefined ? undefined : yield* parseUrl("baseUrl", options.baseUrl)
    const deployment = deploymentOf(options, base)
    const endpoints = yield* validateEndpoints({ ...endpointsOf(deployment, base), ...options.endpoints })
    const credentials = yield* requireCredentials(deployment, credentialsOf(options), endpoints.rest)
    const timeout = Duration.decodeUnknown(options.timeout ?? defaultTimeout)
    if (Option.isNone(timeout) || !Duration.isFinite(timeout.value) || Duration.toMillis(timeout.value) <= 0) {
      return yield* new DeepgramConfigError({ reason: "InvalidOption", detail: "timeout must be a positive, finite duration" })
    }
    const deadline = options.deadline === false ? undefined : Duration.decodeUnknown(options.deadline ?? defaultDeadline)
    if (deadline !== undefined && (Option.isNone(deadline) || Duration.toMillis(deadline.value) <= 0)) {
      return yield* new DeepgramConfigError({ reason: "InvalidOption", detail: "deadline must be a positive duration or false" })
    }
    const retry = { ...Retry.defaultPolicy, ...options.retry }
    if (!Number.isInteger(retry.retries) || retry.retries < 0) {
      return yield* new DeepgramConfigError({ reason: "InvalidOption", detail: "retry.retries must be a non-negative integer" })
    }
    return {
      deployment,
      endpoints,
      credentials,
      timeout: timeout.value,
      deadline: deadline === undefined ? undefined : Option.getOrUndefined(deadline),
      retry,
      transformClient: options.transformClient,
      userAgent: options.userAgent ?? `effect-deepgram/${version}`,
      sessionId: options.sessionId
    }
  })

/**
 * A layer from explicit options.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 *
 * const HostedEu = DeepgramConfig.layer({ region: "eu", apiKey: process.env.DEEPGRAM_API_KEY })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<DeepgramConfig, DeepgramConfigError> =>
  Layer.effect(DeepgramConfig, make(options))

/**
 * Hosted Deepgram (api.deepgram.com). Credentials are required.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 *
 * const Hosted = DeepgramConfig.hosted({ apiKey: "dg_…" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const hosted = (options: Omit<Options, "region" | "baseUrl" | "emulator">): Layer.Layer<DeepgramConfig, DeepgramConfigError> =>
  layer({ ...options, region: "us" })

/**
 * Deepgram's EU endpoint (api.eu.deepgram.com). Credentials are required.
 *
 * @since 0.1.0
 * @category layers
 */
export const eu = (options: Omit<Options, "region" | "baseUrl" | "emulator">): Layer.Layer<DeepgramConfig, DeepgramConfigError> =>
  layer({ ...options, region: "eu" })

/**
 * A self-hosted deployment at one base URL (http/ws allowed); credentials are
 * optional.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 *
 * const OnPrem = DeepgramConfig.selfHosted("http://deepgram.internal:8080")
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const selfHosted = (
  baseUrl: string,
  options: Omit<Options, "region" | "baseUrl" | "emulator"> = {}
): Layer.Layer<DeepgramConfig, DeepgramConfigError> => layer({ ...options, baseUrl })

/**
 * The local emulator (`@effect-deepgram/emulator`) at its bound URL.
 *
 * @since 0.1.0
 * @category layers
 */
export const emulator = (
  url: string,
  options: Omit<Options, "region" | "baseUrl" | "emulator"> = {}
): Layer.Layer<DeepgramConfig, DeepgramConfigError> => layer({ ...options, baseUrl: url, emulator: true })

/**
 * Reads the environment: `DEEPGRAM_API_KEY`; `DEEPGRAM_ACCESS_TOKEN` or
 * `DEEPGRAM_TOKEN` (a token wins over a key); `DEEPGRAM_BASE_URL` or
 * `DEEPGRAM_HOST` (self-hosted; `api.eu.deepgram.com` selects the EU region).
 * Explicit options beat the environment.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 *
 * // DEEPGRAM_API_KEY from the environment, a longer timeout from code
 * const FromEnv = DeepgramConfig.layerConfig({ timeout: "5 minutes" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (options: Options = {}): Layer.Layer<DeepgramConfig, DeepgramConfigError> =>
  Layer.effect(DeepgramConfig, Effect.flatMap(fromEnvironment, (env) => make(merge(env, options))))

// An empty variable counts as unset.
const optionalString = (name: string) =>
  Config.map(Config.option(Config.string(name)), Option.filter((value) => value.trim() !== ""))
const optionalSecret = (name: string) =>
  Config.map(optionalString(name), Option.map((value) => Redacted.make(value.trim())))

const fromEnvironment: Effect.Effect<Options, DeepgramConfigError> = Effect.gen(function*() {
  const env = yield* Config.all({
    apiKey: optionalSecret("DEEPGRAM_API_KEY"),
    accessToken: optionalSecret("DEEPGRAM_ACCESS_TOKEN"),
    token: optionalSecret("DEEPGRAM_TOKEN"),
    baseUrl: optionalString("DEEPGRAM_BASE_URL"),
    host: optionalString("DEEPGRAM_HOST")
  })
  const accessToken = Option.orElse(env.accessToken, () => env.token)
  const location = Option.orElse(env.baseUrl, () => env.host)
  const options: { -readonly [K in keyof Options]: Options[K] } = {}
  if (Option.isSome(accessToken)) options.accessToken = accessToken.value
  else if (Option.isSome(env.apiKey)) options.apiKey = env.apiKey.value
  if (Option.isSome(location)) {
    const url = /^[a-z]+:\/\//i.test(location.value) ? location.value : `https://${location.value}`
    const host = URL.canParse(url) ? new URL(url).hostname : ""
    if (host === "api.deepgram.com") options.region = "us"
    else if (host === "api.eu.deepgram.com") options.region = "eu"
    else options.baseUrl = url
  }
  return options
}).pipe(
  Effect.mapError((error) => new DeepgramConfigError({ reason: "InvalidOption", detail: `environment: ${error.toString()}` }))
)

const merge = (env: Options, given: Options): Options => {
  const explicit = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Options
  const explicitCredentials = explicit.credentials !== undefined || explicit.apiKey !== undefined ||
    explicit.accessToken !== undefined
  const explicitLocation = explicit.baseUrl !== undefined || explicit.region !== undefined
  return {
    ...(explicitCredentials ? {} : { apiKey: env.apiKey, accessToken: env.accessToken }),
    ...(explicitLocation ? {} : { baseUrl: env.baseUrl, region: env.region }),
    ...explicit
  }
}
