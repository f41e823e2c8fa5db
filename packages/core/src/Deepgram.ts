/**
 * All of the SDK's services in one Layer, over a `DeepgramConfig` and an
 * `HttpClient` and a WebSocket `DeepgramDialer` (and a `FileSystem` where the
 * runtime has one). Runtime
 * packages wrap this into their `DeepgramLive`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"
import * as DeepgramConfig from "./DeepgramConfig.js"
import type { DeepgramConfigError } from "./DeepgramError.js"
import type { DeepgramDialer } from "./DeepgramSocket.js"
import * as Agent from "./Agent.js"
import * as Auth from "./Auth.js"
import * as DeepgramHttp from "./DeepgramHttp.js"
import * as Listen from "./Listen.js"
import * as Manage from "./Manage.js"
import * as Read from "./Read.js"
import * as SelfHosted from "./SelfHosted.js"
import * as Speak from "./Speak.js"

/**
 * Every service this layer provides.
 *
 * @since 0.1.0
 * @category models
 */
export type Services =
  | DeepgramHttp.DeepgramHttp
  | Listen.Listen
  | Speak.Speak
  | Read.Read
  | Auth.Auth
  | Manage.Manage
  | SelfHosted.SelfHosted
  | Agent.Agent

/**
 * @example
 * ```ts
 * import { Deepgram, DeepgramConfig, DeepgramSocket } from "@effect-deepgram/core"
 * import { FetchHttpClient, Socket } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * const SelfHosted = Deepgram.layer.pipe(
 *   Layer.provide(DeepgramConfig.selfHosted("http://localhost:8080")),
 *   Layer.provide(FetchHttpClient.layer),
 *   Layer.provide(DeepgramSocket.layerWebSocketConstructor),
 *   Layer.provide(Socket.layerWebSocketConstructorGlobal)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Services, never, DeepgramConfig.DeepgramConfig | HttpClient.HttpClient | DeepgramDialer> = Layer
  .mergeAll(Listen.layer, Speak.layer, Read.layer, Auth.layer, Manage.layer, SelfHosted.layer, Agent.layer)
  .pipe(Layer.provideMerge(DeepgramHttp.layer))

/**
 * The two configured layers every runtime package offers, from its services
 * layer: `layer(options)` (explicit options only) and `layerConfig(options)`
 * (the environment, explicit options winning).
 *
 * @example
 * ```ts
 * import { Deepgram, Listen } from "@effect-deepgram/core"
 * import { NodeDeepgram } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * // The services over Node's HTTP client and sockets, still wanting a DeepgramConfig.
 * const { layer, layerConfig } = Deepgram.configured(NodeDeepgram.layerWithoutConfig)
 *
 * const program = Effect.flatMap(Listen.Listen, (listen) => listen.transcribeFile("audio.wav"))
 *
 * // Explicit options only, for a test against a local server:
 * program.pipe(Effect.provide(layer({ baseUrl: "http://127.0.0.1:8080", apiKey: "test-key" })), Effect.runPromise)
 * // The environment (DEEPGRAM_API_KEY, ...), an explicit option winning:
 * program.pipe(Effect.provide(layerConfig({ timeout: "2 minutes" })), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const configured = (services: Layer.Layer<Services, never, DeepgramConfig.DeepgramConfig>): {
  readonly layer: (
    options: DeepgramConfig.Options
  ) => Layer.Layer<Services | DeepgramConfig.DeepgramConfig, DeepgramConfigError>
  readonly layerConfig: (
    options?: DeepgramConfig.Options
  ) => Layer.Layer<Services | DeepgramConfig.DeepgramConfig, DeepgramConfigError>
} => ({
  // `fresh`: two clients with different configs in one layer graph must not share one memoized build.
  layer: (options) => Layer.provideMerge(Layer.fresh(services), DeepgramConfig.layer(options)),
  layerConfig: (options = {}) => Layer.provideMerge(Layer.fresh(services), DeepgramConfig.layerConfig(options))
})
