/**
 * The voice agent. REST: the think models the agent can use, stored agent
 * configurations and agent variables.
 *
 * @example
 * ```ts
 * import { Agent } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const agent = yield* Agent.Agent
 *   const { models } = yield* agent.thinkModels()
 *   const stored = yield* agent.configurations.list("my-project-id")
 *   console.log(models?.length, stored)
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive.layerConfig()), Effect.runPromise)
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
  /** The LLMs the agent can think with (`GET /v1/agent/settings/think/models`, on the agent endpoint). */
  readonly thinkModels: Call<"agent.v1.settings.think.models.list">
  /** Stored agent configurations (`/v1/projects/{project_id}/agents`). */
  readonly configurations: {
    readonly list: Call<"voiceAgent.configurations.list">
    readonly create: Call<"voiceAgent.configurations.create">
    readonly get: Call<"voiceAgent.configurations.get">
    readonly update: Call<"voiceAgent.configurations.update">
    readonly delete: Call<"voiceAgent.configurations.delete">
  }
  /** Agent variables (`/v1/projects/{project_id}/agent-variables`). */
  readonly variables: {
    readonly list: Call<"voiceAgent.variables.list">
    readonly create: Call<"voiceAgent.variables.create">
    readonly get: Call<"voiceAgent.variables.get">
    readonly update: Call<"voiceAgent.variables.update">
    readonly delete: Call<"voiceAgent.variables.delete">
  }
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Agent extends Context.Tag("@effect-deepgram/core/Agent")<Agent, Service>() {}

/**
 * Builds the service over the HTTP layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.map(DeepgramHttp, (http): Service => {
  const op = <K extends keyof typeof operations>(name: K): Call<K> => Operation.bind(http, operations[name])
  return {
    thinkModels: Operation.bind(http, operations["agent.v1.settings.think.models.list"], "agentRest"),
    configurations: {
      list: op("voiceAgent.configurations.list"),
      create: op("voiceAgent.configurations.create"),
      get: op("voiceAgent.configurations.get"),
      update: op("voiceAgent.configurations.update"),
      delete: op("voiceAgent.configurations.delete")
    },
    variables: {
      list: op("voiceAgent.variables.list"),
      create: op("voiceAgent.variables.create"),
      get: op("voiceAgent.variables.get"),
      update: op("voiceAgent.variables.update"),
      delete: op("voiceAgent.variables.delete")
    }
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Agent, never, DeepgramHttp> = Layer.effect(Agent, make)
