/**
 * Deepgram on Node.js: the SDK's services over undici (HTTP), `ws`
 * (WebSockets with header auth) and the Node file system, configured from the environment or from explicit options.
 *
 * @since 0.1.0
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Deepgram from "@effect-deepgram/core/Deepgram"
import * as DeepgramConfig from "@effect-deepgram/core/DeepgramConfig"
import type { DeepgramConfigError } from "@effect-deepgram/core/DeepgramError"
import * as Layer from "effect/Layer"
import * as NodeDialer from "./NodeDialer.js"
import * as NodeFiles from "./NodeFiles.js"

/**
 * Everything `DeepgramLive` provides.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Deepgram.Services | DeepgramConfig.DeepgramConfig

/**
 * The services for a `DeepgramConfig` you provide yourself.
 *
 * @example
 * ```ts
 * import { DeepgramConfig } from "@effect-deepgram/core"
 * import { NodeDeepgram } from "@effect-deepgram/node"
 * import { Layer } from "effect"
 *
 * const OnPrem = NodeDeepgram.layerWithoutConfig.pipe(
 *   Layer.provide(DeepgramConfig.selfHosted("http://deepgram.internal:8080"))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithoutConfig: Layer.Layer<Deepgram.Services, never, DeepgramConfig.DeepgramConfig> = Deepgram.layer
  .pipe(
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.provide(NodeFileSystem.layer),
    Layer.provide(NodeFiles.layer),
    Layer.provide(NodeDialer.layer)
  )

/**
 * Configured from the environment (`DEEPGRAM_API_KEY`, `DEEPGRAM_ACCESS_TOKEN`
 * / `DEEPGRAM_TOKEN`, `DEEPGRAM_BASE_URL` / `DEEPGRAM_HOST`); explicit options
 * win over it.
 *
 * @example
 * ```ts
 * import { NodeDeepgram } from "@effect-deepgram/node"
 *
 * const Live = NodeDeepgram.layerConfig({ timeout: "5 minutes" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: (options?: DeepgramConfig.Options) => Layer.Layer<Services, DeepgramConfigError> =
  Deepgram.configured(layerWithoutConfig).layerConfig

/**
 * Configured from explicit options only; the environment is not read.
 *
 * @example
 * ```ts
 * import { NodeDeepgram } from "@effect-deepgram/node"
 *
 * const Eu = NodeDeepgram.layer({ region: "eu", apiKey: "dg_…" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options: DeepgramConfig.Options) => Layer.Layer<Services, DeepgramConfigError> = Deepgram
  .configured(layerWithoutConfig).layer

/**
 * The SDK on Node, configured from the environment.
 *
 * @example
 * ```ts
 * import { Listen } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   const result = yield* listen.transcribeFile("audio.wav", { model: "nova-3", smart_format: true })
 *   console.log(result.results.channels[0]?.alternatives[0]?.transcript)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(DeepgramLive)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const DeepgramLive: Layer.Layer<Services, DeepgramConfigError> = layerConfig()
