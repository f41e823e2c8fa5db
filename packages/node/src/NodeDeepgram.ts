/**
 * Deepgram on Node.js: the SDK's services over node:http (file uploads),
 * undici (every other request), `ws` (WebSockets with header auth) and the
 * Node file system, configured from the environment or from explicit options.
 *
 * Importing this module changes no global state. undici is loaded on the
 * first request that needs it, after Node's own `fetch` has its dispatcher,
 * and the SDK's requests go through a private undici `Agent` closed with the
 * layer: the process's `fetch` and its dispatcher stay as they were.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as Deepgram from "@effect-deepgram/core/Deepgram"
import * as DeepgramConfig from "@effect-deepgram/core/DeepgramConfig"
import type { DeepgramConfigError } from "@effect-deepgram/core/DeepgramError"
import * as Layer from "effect/Layer"
import * as NodeHttpClient from "./internal/httpClient.js"
import * as NodeDialer from "./NodeDialer.js"
import * as NodeFiles from "./NodeFiles.js"

/**
 * The SDK's `HttpClient` on Node. File uploads (`NodeFiles`) go over
 * node:http(s) with keep-alive agents, written from one reused buffer; every
 * other request goes to undici with a private `Agent`. undici is loaded on
 * the first request that needs it (a program that only uploads files never
 * loads it nor Node's fetch classes); the agents are closed with the layer.
 *
 * undici's module installs an `Agent` of its own as the process-wide
 * dispatcher behind `globalThis.fetch` when none is set yet, and Node's
 * `fetch` sets its own only when its classes are first used. So undici is
 * loaded only after Node's `fetch` has set up its dispatcher (the one it
 * would create on its first use anyway), which undici then leaves in place.
 *
 * @example
 * ```ts
 * import { Deepgram, DeepgramConfig } from "@effect-deepgram/core"
 * import { NodeDeepgram, NodeDialer, NodeFiles } from "@effect-deepgram/node"
 * import { Layer } from "effect"
 *
 * const Services = Deepgram.layer.pipe(
 *   Layer.provide(NodeDeepgram.layerHttpClient),
 *   Layer.provide(NodeFiles.layer),
 *   Layer.provide(NodeDialer.layer),
 *   Layer.provideMerge(DeepgramConfig.selfHosted("http://localhost:8080"))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  NodeHttpClient.make(() => {
    // Reading a web class loads Node's fetch, which installs its dispatcher if none is set.
    void globalThis.Response
    // The client for every request but file uploads:
    return Promise.all([import("@effect/platform-node/NodeHttpClient"), import("./internal/undiciClient.js")])
      .then(([undici, lean]) => lean.layer(undici))
  })
)

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
    Layer.provide(layerHttpClient),
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
 * import { Listen } from "@effect-deepgram/core"
 * import { NodeDeepgram } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * // The key from DEEPGRAM_API_KEY; a slow link may go 5 minutes without progress.
 * const Live = NodeDeepgram.layerConfig({ timeout: "5 minutes" })
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
 *   console.log(result.results.channels[0]?.alternatives?.[0]?.transcript)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(DeepgramLive)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const DeepgramLive: Layer.Layer<Services, DeepgramConfigError> = layerConfig()
