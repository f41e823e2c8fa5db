// internal
import * as AgentV1 from "@effect-deepgram/schema/AgentV1"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Deferred from "effect/Deferred"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Take from "effect/Take"
import type { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError, DeepgramSocketError } from "../DeepgramError.js"
import type { DeepgramDialer } from "../DeepgramSocket.js"
import { checkTools, errorContent, type Tool, type ToolFailureReason } from "./agentTools.js"
import { type ChannelSpec, connect, type ConnectOptions, type Session } from "./channel.js"
import type { AudioChunk } from "./speakLive.js"
import { formatIssues } from "./issues.js"

// ---------------------------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------------------------

/** `Settings` without its `type` (the SDK adds it). */
export type Settings = Omit<AgentV1.Settings, "type"> & { readonly type?: "Settings" | undefined }

/** SDK event: a client-side function call was answered with the tool's result. */
export interface ToolCallCompleted {
  readonly type: "ToolCallCompleted"
  readonly id: string
  readonly name: string
  readonly arguments: string
  /** The `content` sent in the `FunctionCallResponse`. */
  readonly content: string
  /** From the request's arrival to the response's send. */
  readonly durationMs: number
}

/** SDK event: a client-side function call failed and the agent was answered with an error. */
export interface ToolCallFailed {
  readonly type: "ToolCallFailed"
  readonly id: string
  readonly name: string
  readonly arguments: string
  readonly reason: ToolFailureReason
  readonly detail: string
  /** The `content` sent in the `FunctionCallResponse`. */
  readonly content: string
  readonly cause?: unknown
}

export type Event = AudioChunk | AgentV1.ServerMessage | ToolCallCompleted | ToolCallFailed

export interface Options<R> {
  readonly settings: Settings
  /** Client-side functions: added to `agent.think.functions` and answered automatically. */
  readonly tools?: ReadonlyArray<Tool<R>> | undefined
  /**
   * A client-side call of a function that no tool handles: answered with an
   * error (`"error"`, the default) or left to the app (`"ignore"`, answer it
   * with the session's `respond`).
   */
  readonly unknownFunctions?: "error" | "ignore" | undefined
  /** How long the agent may take to answer `Settings` with `SettingsApplied` (10 s). */
  readonly settingsTimeout?: Duration.DurationInput | undefined
}

export interface ConverseOptions<R> extends Options<R> {
  /**
   * After the input audio ends, the conversation ends once the agent is done
   * with its turn and has sent nothing for this long (2 s).
   */
  readonly quietPeriod?: Duration.DurationInput | undefined
}

// ---------------------------------------------------------------------------------------------------------------
// channel
// ---------------------------------------------------------------------------------------------------------------

const KEEP_ALIVE = JSON.stringify({ type: "KeepAlive" })

const channel: ChannelSpec<Exclude<Event, ToolCallCompleted | ToolCallFailed>> = {
  operation: "agent.v1.converse",
  path: "/v1/agent/converse",
  endpoint: "agentWebsocket",
  decodeText: (text) => Either.mapLeft(AgentV1.decodeServerMessageEither(text), (error) => ({ issue: error.detail })),
  decodeBinary: (data) => ({ type: "Audio", data }),
  // The agent closes an idle socket; KeepAlive only while no audio is sent.
  keepAlive: { _tag: "Message", message: KEEP_ALIVE, interval: Duration.seconds(5), idleOnly: true },
  closeMessage: undefined,
  requestIdOf: (message) => (message.type === "Welcome" ? message.request_id : undefined)
}

// ---------------------------------------------------------------------------------------------------------------
// settings
// ---------------------------------------------------------------------------------------------------------------

const invalid = (detail: string, cause?: unknown) => new DeepgramInputError({ reason: "InvalidOptions", detail, cause })

const encodeStrict = <A, I>(schema: Schema.Schema<A, I>, what: string) => (value: unknown) =>
  Schema.encodeUnknown(schema)(value, { onExcessProperty: "error", errors: "all" }).pipe(
    Effect.mapError((error) => invalid(`invalid ${what}: ${formatIssues(error)}`, error))
  )

const encodeSettings = encodeStrict(AgentV1.Settings, "agent Settings")

type ThinkList = ReadonlyArray<AgentV1.ThinkSettings>

const withFunctions = (think: AgentV1.ThinkSettings, tools: ReadonlyArray<Tool<unknown>>): AgentV1.ThinkSettings => {
  const names = new Set(tools.map((t) => t.name))
  const own = (think.functions ?? []).filter((f) => f.name === undefined || !names.has(f.name))
  return { ...think, functions: [...own, ...tools.map((t) => t.definition)] }
}

/** The Settings message to send: the user's value with the tools' definitions, validated strictly. */
export const settingsMessage = (
  settings: Settings,
  tools: ReadonlyArray<Tool<unknown>>
): Effect.Effect<string, DeepgramInputError> =>
  Effect.gen(function*() {
    const checked = checkTools(tools)
    if (Either.isLeft(checked)) return yield* Effect.fail(invalid(checked.left))
    let agent = settings.agent
    if (tools.length > 0) {
      if (typeof agent === "string" || agent === undefined || agent.think === undefined) {
        return yield* Effect.fail(invalid("tools need `settings.agent.think`, where their definitions are added"))
      }
      const think = agent.think as AgentV1.ThinkSettings | ThinkList
      agent = {
        ...agent,
        think: Array.isArray(think)
          ? (think as ThinkList).map((t) => withFunctions(t, tools))
          : withFunctions(think as AgentV1.ThinkSettings, tools)
      } as typeof agent
    }
    const encoded = yield* encodeSettings({ ...settings, agent, type: "Settings" })
    return JSON.stringify(encoded)
  })

// ---------------------------------------------------------------------------------------------------------------
// the conversation
// ---------------------------------------------------------------------------------------------------------------

/** Tracks whether the agent is mid-turn, and when it last said anything. */
const makeActivity = (now: number) => {
  let busy = false
  let last = now
  return {
    see: (event: Event, at: number) => {
      last = at
      switch (event.type) {
        case "UserStartedSpeaking":
        case "AgentThinking":
        case "FunctionCallRequest":
        case "AgentStartedSpeaking":
          busy = true
          break
        case "ConversationText":
          if (event.role === "user") busy = true
          break
        case "AgentAudioDone":
          busy = false
          break
      }
    },
    quietFor: (at: number, period: number) => !busy && at - last >= period
  }
}

interface Opened {
  readonly session: Session<Exclude<Event, ToolCallCompleted | ToolCallFailed>>
  /** Every event in arrival order, with the tool reports as they happen. */
  readonly events: Stream.Stream<Event, DeepgramSocketError>
  readonly respond: (id: string | undefined, name: string, content: string) => Effect.Effect<void, DeepgramSocketError>
  /** Registers a listener called for every server event as it is received (before the consumer sees it). */
  readonly observe: (f: (event: Event, at: number) => void) => void
}

/** How many chunks of events may wait for a slow consumer before the socket is no longer read. */
const EVENT_CHUNKS = 32

/**
 * Validates, connects, sends `Settings` and waits for `SettingsApplied`.
 * Events are read by a fiber of the scope, so function calls are answered as
 * soon as they arrive: client-side calls run concurrently, each answer sent
 * as soon as it is ready and reported as an event.
 */
const open = <R>(
  options: Options<R>,
  connectOptions: ConnectOptions
): Effect.Effect<Opened, DeepgramError, Scope.Scope | DeepgramConfig | DeepgramDialer | R> =>
  Effect.gen(function*() {
    const tools = options.tools ?? []
    const settings = yield* settingsMessage(options.settings, tools)
    const registry = new Map(tools.map((t) => [t.name, t] as const))
    const session = yield* connect(channel, connectOptions)
    const runtime = yield* FiberSet.makeRuntime<R, void, never>()
    const clock = yield* Effect.clock
    const queue = yield* Effect.acquireRelease(
      Queue.bounded<Take.Take<Event, DeepgramSocketError>>(EVENT_CHUNKS),
      Queue.shutdown
    )
    const applied = yield* Deferred.make<boolean>()
    const listeners: Array<(event: Event, at: number) => void> = []

    const respond = (id: string | undefined, name: string, content: string) =>
      session.sendText(JSON.stringify(
        id === undefined
          ? { type: "FunctionCallResponse", name, content }
          : { type: "FunctionCallResponse", id, name, content }
      ))
    const report = (event: Event) => Queue.offer(queue, Take.of(event))

    const dispatch = (call: AgentV1.FunctionCall, started: number) => {
      const tool = registry.get(call.name)
      const failed = (reason: ToolFailureReason, detail: string, cause?: unknown) => {
        const content = errorContent(reason, detail)
        return Effect.zipRight(
          respond(call.id, call.name, content),
          report({ type: "ToolCallFailed", id: call.id, name: call.name, arguments: call.arguments, reason, detail, content, cause })
        )
      }
      const work: Effect.Effect<unknown, DeepgramSocketError, R> = tool === undefined
        ? failed("UnknownFunction", call.name)
        : Effect.flatMap(tool.call(call.arguments), (outcome) =>
          outcome._tag === "Failure"
            ? failed(outcome.reason, outcome.detail, outcome.cause)
            : Effect.zipRight(
              respond(call.id, call.name, outcome.content),
              Effect.suspend(() =>
                report({
                  type: "ToolCallCompleted",
                  id: call.id,
                  name: call.name,
                  arguments: call.arguments,
                  content: outcome.content,
                  durationMs: clock.unsafeCurrentTimeMillis() - started
                })
              )
            ))
      // A send that fails means the socket is gone; the event stream reports that.
      runtime(Effect.asVoid(Effect.ignore(work)))
    }

    const onChunk = (chunk: Chunk.Chunk<Exclude<Event, ToolCallCompleted | ToolCallFailed>>) =>
      Effect.suspend(() => {
        const at = clock.unsafeCurrentTimeMillis()
        const calls: Array<AgentV1.FunctionCall> = []
        let settingsApplied = false
        for (const event of chunk) {
          for (const listener of listeners) listener(event, at)
          if (event.type === "SettingsApplied") settingsApplied = true
          if (event.type !== "FunctionCallRequest") continue
          for (const call of event.functions) {
            if (call.client_side === false) continue
            if (!registry.has(call.name) && options.unknownFunctions === "ignore") continue
            calls.push(call)
          }
        }
        // The request is queued before its answer can be reported.
        return Queue.offer(queue, Take.chunk(chunk)).pipe(
          Effect.zipRight(Effect.sync(() => {
            for (const call of calls) dispatch(call, at)
          })),
          Effect.zipRight(settingsApplied ? Deferred.succeed(applied, true) : Effect.void)
        )
      })

    yield* session.sendText(settings)
    yield* session.events.pipe(
      Stream.runForEachChunk(onChunk),
      Effect.matchCauseEffect({
        onFailure: (cause) => Queue.offer(queue, Take.failCause(cause)),
        onSuccess: () => Queue.offer(queue, Take.end)
      }),
      Effect.zipRight(Deferred.succeed(applied, false)),
      Effect.forkScoped
    )

    const timeout = Duration.decode(options.settingsTimeout ?? "10 seconds")
    const outcome = yield* Deferred.await(applied).pipe(Effect.timeoutOption(timeout))
    if (Option.isNone(outcome)) {
      yield* session.abort
      return yield* Effect.fail(
        new DeepgramSocketError({
          reason: "OpenTimeout",
          url: session.url,
          code: undefined,
          closeReason: undefined,
          errCode: undefined,
          requestId: Option.getOrUndefined(yield* session.requestId),
          detail: `the agent did not answer Settings with SettingsApplied within ${Duration.format(timeout)}`
        })
      )
    }
    return {
      session,
      events: Stream.flattenTake(Stream.fromQueue(queue)),
      respond,
      observe: (f) => {
        listeners.push(f)
      }
    }
  })

const withTimestamp = (clock: Clock.Clock) => clock.unsafeCurrentTimeMillis()

export const converse = <E, R>(
  audio: Stream.Stream<Uint8Array, E>,
  options: ConverseOptions<R>,
  connectOptions: ConnectOptions = {}
): Stream.Stream<Event, DeepgramError | E, DeepgramConfig | DeepgramDialer | R> =>
  Effect.gen(function*() {
    const opened = yield* open(options, connectOptions)
    const clock = yield* Effect.clock
    const activity = makeActivity(withTimestamp(clock))
    opened.observe(activity.see)
    const quiet = Duration.toMillis(Duration.decode(options.quietPeriod ?? "2 seconds"))
    let failure: Option.Option<DeepgramError | E> = Option.none()
    const untilQuiet: Effect.Effect<void> = Effect.sleep(Duration.millis(Math.min(100, quiet))).pipe(
      Effect.repeat({ until: () => activity.quietFor(withTimestamp(clock), quiet) }),
      Effect.asVoid
    )
    yield* audio.pipe(
      Stream.runForEachChunk((chunk) => opened.session.sendBinaryAll(chunk)),
      Effect.zipRight(untilQuiet),
      Effect.zipRight(opened.session.abort),
      Effect.catchAll((error: DeepgramError | E) =>
        Effect.suspend(() => {
          if (Option.isNone(failure)) failure = Option.some(error)
          return opened.session.abort
        })
      ),
      Effect.forkScoped
    )
    return Stream.concat(
      opened.events,
      Stream.suspend(() => Option.match(failure, { onNone: () => Stream.empty, onSome: Stream.fail }))
    )
  }).pipe(Stream.unwrapScoped)

export type InjectAgentMessage = Omit<AgentV1.InjectAgentMessage, "type">

export interface AgentSession {
  /** Every event (server messages, agent audio, tool reports) in arrival order; consume it once. */
  readonly events: Stream.Stream<Event, DeepgramSocketError>
  /** Sends a chunk of the user's audio. */
  readonly send: (audio: Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  readonly injectUserMessage: (content: string) => Effect.Effect<void, DeepgramError>
  readonly injectAgentMessage: (
    message: string,
    behavior?: InjectAgentMessage["behavior"]
  ) => Effect.Effect<void, DeepgramError>
  readonly updatePrompt: (prompt: string) => Effect.Effect<void, DeepgramError>
  readonly updateSpeak: (speak: AgentV1.UpdateSpeak["speak"]) => Effect.Effect<void, DeepgramError>
  readonly updateThink: (think: AgentV1.UpdateThink["think"]) => Effect.Effect<void, DeepgramError>
  readonly updateListen: (listen: AgentV1.UpdateListen["listen"]) => Effect.Effect<void, DeepgramError>
  /** Answers a client-side function call by hand (calls no tool handles, with `unknownFunctions: "ignore"`). */
  readonly respond: (call: { readonly id: string; readonly name: string }, content: string) => Effect.Effect<void, DeepgramSocketError>
  /** Sends a `KeepAlive` now (the session sends one every 5 s while no audio flows). */
  readonly keepAlive: Effect.Effect<void, DeepgramSocketError>
  /** Closes the socket; `events` ends. */
  readonly close: Effect.Effect<void>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

const sendMessage = <A, I>(session: Session<unknown>, schema: Schema.Schema<A, I>, what: string) => {
  const encode = encodeStrict(schema, what)
  return (message: unknown) => Effect.flatMap(encode(message), (encoded) => session.sendText(JSON.stringify(encoded)))
}

export const session = <R>(
  options: Options<R>,
  connectOptions: ConnectOptions = {}
): Effect.Effect<AgentSession, DeepgramError, Scope.Scope | DeepgramConfig | DeepgramDialer | R> =>
  Effect.map(open(options, connectOptions), (opened) => {
    const s = opened.session as Session<unknown>
    const injectUser = sendMessage(s, AgentV1.InjectUserMessage, "InjectUserMessage")
    const injectAgent = sendMessage(s, AgentV1.InjectAgentMessage, "InjectAgentMessage")
    const updatePrompt = sendMessage(s, AgentV1.UpdatePrompt, "UpdatePrompt")
    const updateSpeak = sendMessage(s, AgentV1.UpdateSpeak, "UpdateSpeak")
    const updateThink = sendMessage(s, AgentV1.UpdateThink, "UpdateThink")
    const updateListen = sendMessage(s, AgentV1.UpdateListen, "UpdateListen")
    return {
      events: opened.events,
      send: opened.session.sendBinary,
      injectUserMessage: (content) => injectUser({ type: "InjectUserMessage", content }),
      injectAgentMessage: (message, behavior) =>
        injectAgent(
          behavior === undefined
            ? { type: "InjectAgentMessage", message }
            : { type: "InjectAgentMessage", message, behavior }
        ),
      updatePrompt: (prompt) => updatePrompt({ type: "UpdatePrompt", prompt }),
      updateSpeak: (speak) => updateSpeak({ type: "UpdateSpeak", speak }),
      updateThink: (think) => updateThink({ type: "UpdateThink", think }),
      updateListen: (listen) => updateListen({ type: "UpdateListen", listen }),
      respond: (call, content) => opened.respond(call.id, call.name, content),
      keepAlive: opened.session.sendText(KEEP_ALIVE),
      close: opened.session.abort,
      requestId: opened.session.requestId
    }
  })
