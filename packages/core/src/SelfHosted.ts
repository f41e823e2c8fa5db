/**
 * Self-hosted distribution credentials: the credentials a project's
 * self-hosted deployment uses to pull Deepgram's images and models.
 *
 * @example
 * ```ts
 * import { SelfHosted } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const selfHosted = yield* SelfHosted.SelfHosted
 *   const created = yield* selfHosted.credentials.create("my-project-id", { comment: "staging cluster" })
 *   const all = yield* selfHosted.credentials.list("my-project-id")
 *   console.log(created, all)
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
import { DeepgramHttp } from "./DeepgramHttp.js"
import * as Operation from "./Operation.js"

type Call<K extends keyof typeof operations> = Operation.Call<(typeof operations)[K]>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly credentials: {
    readonly list: Call<"selfHosted.v1.distributionCredentials.list">
    readonly create: Call<"selfHosted.v1.distributionCredentials.create">
    readonly get: Call<"selfHosted.v1.distributionCredentials.get">
    readonly delete: Call<"selfHosted.v1.distributionCredentials.delete">
  }
}

/**
 * @since 0.1.0
 * @category tags
 */
export class SelfHosted extends Context.Tag("@effect-deepgram/core/SelfHosted")<SelfHosted, Service>() {}

/**
 * Builds the service over the HTTP layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.map(DeepgramHttp, (http): Service => ({
  credentials: {
    list: Operation.bind(http, operations["selfHosted.v1.distributionCredentials.list"]),
    create: Operation.bind(http, operations["selfHosted.v1.distributionCredentials.create"]),
    get: Operation.bind(http, operations["selfHosted.v1.distributionCredentials.get"]),
    delete: Operation.bind(http, operations["selfHosted.v1.distributionCredentials.delete"])
  }
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<SelfHosted, never, DeepgramHttp> = Layer.effect(SelfHosted, make)
