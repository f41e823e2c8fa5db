/**
 * The voice agent. The conversation itself (`/v1/agent/converse`) as a
 * Stream or a scoped session, with typed client-side functions ({@link tool});
 * REST: the think models the agent can use, stored agent configurations and
 * agent variables.
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
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { DeepgramConfig } from "./DeepgramConfig.js"
import type { DeepgramError } from "./DeepgramError.js"
import { DeepgramHttp } from "./DeepgramHttp.js"
import type { DeepgramDialer } from "./DeepgramSocket.js"
import * as agent from "./internal/agent.js"
import * as agentTools from "./internal/agentTools.js"
import type * as channel from "./internal/channel.js"
import * as speakLive from "./internal/speakLive.js"
import * as Operation from "./Operation.js"

type Call<K extends keyof typeof operations> = Operation.Call<(typeof operations)[K]>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * A conversation with the voice agent, as a Stream: `Settings` (validated
   * first) is sent, `SettingsApplied` awaited, then the audio streams up while
   * events and the agent's audio stream down; client-side function calls are
   * answered by the `tools`. When the audio ends, the stream ends once the
   * agent has finished its turn and been quiet for `quietPeriod`.
   */
  readonly converse: <E, R = never>(
    audio: Stream.Stream<Uint8Array, E>,
    options: ConverseOptions<R>,
    connectOptions?: ConnectOptions
  ) => Stream.Stream<ConverseEvent, DeepgramError | E, R>
  /**
   * A conversation in a scope (closed with it), ready once `SettingsApplied`
   * has arrived: audio with `send`, injections, updates, `respond`,
   * `keepAlive`.
   */
  readonly session: <R = never>(
    options: SessionOptions<R>,
    connectOptions?: ConnectOptions
  ) => Effect.Effect<ConverseSession, DeepgramError, Scope.Scope | R>
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
 * Builds the service over the HTTP layer and the WebSocket dialer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Effect.gen(function*() {
  const http = yield* DeepgramHttp
  const sockets = yield* Effect.context<DeepgramConfig | DeepgramDialer>()
  const op = <K extends keyof typeof operations>(name: K): Call<K> => Operation.bind(http, operations[name])
  const service: Service = {
    converse: (audio, options, connectOptions) =>
      Stream.provideSomeContext(agent.converse(audio, options, connectOptions), sockets),
    session: (options, connectOptions) => Effect.provide(agent.session(options, connectOptions), sockets),
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
  return service
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Agent, never, DeepgramHttp | DeepgramConfig | DeepgramDialer> = Layer.effect(Agent, make)

// ---------------------------------------------------------------------------------------------------------------
// The voice agent: /v1/agent/converse
// ---------------------------------------------------------------------------------------------------------------

/**
 * The agent's `Settings` (audio formats, listen / think / speak providers,
 * prompt, greeting, functions…), without `type`. Checked against the spec's
 * schema before connecting: a bad value is a `DeepgramInputError` and no
 * socket is opened.
 *
 * @since 0.1.0
 * @category models
 */
export type Settings = agent.Settings

/**
 * A client-side function the agent may call, with the requirements `R` of
 * its handler. Made with {@link tool}.
 *
 * @since 0.1.0
 * @category models
 */
export type Tool<R = never> = agentTools.Tool<R>

/**
 * @since 0.1.0
 * @category models
 */
export type ToolOptions<A, I, O, E, R> = agentTools.ToolOptions<A, I, O, E, R>

/**
 * Why a client-side call was answered with an error: no tool of that name,
 * arguments that are not JSON or do not fit the parameters, a handler that
 * failed, or one that died.
 *
 * @since 0.1.0
 * @category models
 */
export type ToolFailureReason = agentTools.ToolFailureReason

/**
 * A typed client-side function. Its parameters are a Schema (their JSON
 * Schema is what the model sees, in `agent.think.functions`); each
 * `FunctionCallRequest` for it is decoded, the handler run, and its result
 * sent back in a `FunctionCallResponse` (a string as it is, anything else as
 * JSON, or encoded with `success` when given). A call whose arguments do not
 * decode, or whose handler fails or dies, is answered with
 * `{"error": "…"}` and reported as a `ToolCallFailed` event; the
 * conversation goes on.
 *
 * @example
 * ```ts
 * import { Agent } from "@effect-deepgram/core"
 * import { Effect, Schema } from "effect"
 *
 * const getWeather = Agent.tool({
 *   name: "get_weather",
 *   description: "The weather in a city",
 *   parameters: Schema.Struct({ city: Schema.String }),
 *   handler: ({ city }) => Effect.succeed({ city, sky: "clear", celsius: 21 })
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const tool: <A, I, O, E, R>(options: ToolOptions<A, I, O, E, R>) => Tool<R> = agentTools.tool

/**
 * SDK event (not on the wire): a client-side call was answered with its
 * tool's result.
 *
 * @since 0.1.0
 * @category models
 */
export type ToolCallCompleted = agent.ToolCallCompleted

/**
 * SDK event (not on the wire): a client-side call was answered with an error.
 *
 * @since 0.1.0
 * @category models
 */
export type ToolCallFailed = agent.ToolCallFailed

/**
 * A chunk of the agent's audio, in the format of `Settings.audio.output`.
 *
 * @since 0.1.0
 * @category models
 */
export type AgentAudio = speakLive.AudioChunk

/**
 * What a conversation delivers, in arrival order: the agent's `Audio`,
 * every server message (`Welcome`, `SettingsApplied`, `ConversationText`,
 * `UserStartedSpeaking`, `AgentThinking`, `FunctionCallRequest`,
 * `AgentStartedSpeaking`, `AgentAudioDone`, `Warning`, `Error`, …, `Unknown`)
 * and the tool reports `ToolCallCompleted` / `ToolCallFailed`.
 *
 * @since 0.1.0
 * @category models
 */
export type ConverseEvent = agent.Event

/**
 * Options of a conversation: the `settings`, the `tools`, what to do with a
 * client-side call no tool handles (`unknownFunctions`: answer with an error,
 * the default, or `"ignore"` it and answer with `respond`), how long to wait
 * for `SettingsApplied` (`settingsTimeout`, 10 s).
 *
 * @since 0.1.0
 * @category models
 */
export type SessionOptions<R> = agent.Options<R>

/**
 * {@link SessionOptions}, plus `quietPeriod` (2 s): after the input audio
 * ends, the conversation ends once the agent has finished its turn and sent
 * nothing for that long.
 *
 * @since 0.1.0
 * @category models
 */
export type ConverseOptions<R> = agent.ConverseOptions<R>

/**
 * A conversation in a `Scope`: audio up with `send`, the injections and
 * updates of the spec, `respond` for calls left to the app, `keepAlive`.
 *
 * @since 0.1.0
 * @category models
 */
export type ConverseSession = agent.AgentSession

/**
 * Socket settings of the agent connection (`keepAliveInterval` 5 s:
 * `KeepAlive` is sent only while no audio flows).
 *
 * @since 0.1.0
 * @category models
 */
export type ConnectOptions = channel.ConnectOptions

/**
 * Keeps the agent's audio bytes of a conversation.
 *
 * @example
 * ```ts
 * import { Agent, Speak } from "@effect-deepgram/core"
 * import { Effect, Schema, Stream } from "effect"
 *
 * declare const microphone: Stream.Stream<Uint8Array>
 * declare const settings: Agent.Settings
 * const getWeather = Agent.tool({
 *   name: "get_weather",
 *   description: "The weather in a city",
 *   parameters: Schema.Struct({ city: Schema.String }),
 *   handler: ({ city }) => Effect.succeed({ city, sky: "clear" })
 * })
 *
 * // The agent's audio (linear16 at 24 kHz in `settings.audio.output`) as a streamed WAV file.
 * const program = Effect.gen(function*() {
 *   const agent = yield* Agent.Agent
 *   const wav = agent.converse(microphone, { settings, tools: [getWeather] }).pipe(
 *     Agent.audioChunks,
 *     (audio) => Speak.toWav(audio, { sampleRate: 24000 })
 *   )
 *   return yield* Stream.runCollect(wav)
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const audioChunks: <A extends { readonly type: string }, E, R>(
  events: Stream.Stream<A, E, R>
) => Stream.Stream<Uint8Array, E, R> = speakLive.audioOf
