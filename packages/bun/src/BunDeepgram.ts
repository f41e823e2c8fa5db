/**
 * Deepgram on Bun: the SDK's services over Bun's fetch (HTTP), Bun's
 * WebSocket (header auth) and file system, configured from the environment
 * or from explicit options.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as BunFileSystem from "@effect/platform-bun/BunFileSystem"
import * as Deepgram from "@effect-deepgram/core/Deepgram"
import * as DeepgramConfig from "@effect-deepgram/core/DeepgramConfig"
import type { DeepgramConfigError } from "@effect-deepgram/core/DeepgramError"
import * as Layer from "effect/Layer"
import * as BunDialer from "./BunDialer.js"

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
 * @since 0.1.0
 * @category layers
 */
export const layerWithoutConfig: Layer.Layer<Deepgram.Services, never, DeepgramConfig.DeepgramConfig> = Deepgram.layer
  .pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(BunFileSystem.layer),
    Layer.provide(BunDialer.layer)
  )

/**
 * Configured from the environment; explicit options win over it.
 *
 * @example
 * ```ts
 * import { Listen } from "@effect-deepgram/core"
 * import { BunDeepgram } from "@effect-deepgram/bun"
 * import { Effect } from "effect"
 *
 * // The key from DEEPGRAM_API_KEY; a slow link may go 5 minutes without progress.
 * const Live = BunDeepgram.layerConfig({ timeout: "5 minutes" })
 *
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   const { results } = yield* listen.transcribeUrl("https://dpgr.am/spacewalk.wav", { model: "nova-3" })
 *   console.log(results.channels[0]?.alternatives?.[0]?.transcript)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(Live)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: (options?: DeepgramConfig.Options) => Layer.Layer<Services, DeepgramConfigError> =
  Deepgram.configured(layerWithoutConfig).layerConfig

/**
 * Configured from explicit options only.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options: DeepgramConfig.Options) => Layer.Layer<Services, DeepgramConfigError> = Deepgram
  .configured(layerWithoutConfig).layer

/**
 * The SDK on Bun, configured from the environment.
 *
 * @example
 * ```ts
 * import { Listen } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/bun"
 * import { Effect } from "effect"
 *
 * Effect.flatMap(Listen.Listen, (listen) => listen.transcribeFile("audio.wav")).pipe(
 *   Effect.provide(DeepgramLive),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const DeepgramLive: Layer.Layer<Services, DeepgramConfigError> = layerConfig()
