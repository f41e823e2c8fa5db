// The voice agent (/v1/agent/converse) against the emulator's scripted agent, over loopback sockets.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Agent, Speak } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Schema, Stream } from "effect"
import { readFileSync } from "node:fs"
import { emulatorLayer, sdkFor, spacewalk } from "./helpers.js"
import { waitFor } from "./peer.js"

const wav = new Uint8Array(readFileSync(spacewalk))
const chunks = (bytes: Uint8Array, size = 8820) =>
  Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))

const settings: Agent.Settings = {
  audio: {
    input: { encoding: "linear16", sample_rate: 44100 },
    output: { encoding: "linear16", sample_rate: 24000, container: "none" }
  },
  agent: {
    listen: { provider: { type: "deepgram", model: "nova-3" } },
    think: { provider: { type: "open_ai", model: "gpt-4o-mini" }, prompt: "You are a space historian." },
    speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
  }
}

class MissionArchiveError extends Schema.TaggedError<MissionArchiveError>()("MissionArchiveError", {
  reason: Schema.String
}) {}

const missions = Agent.tool({
  name: "get_mission",
  description: "Facts about a space mission",
  parameters: Schema.Struct({ crew: Schema.String }),
  handler: ({ crew }) => Effect.succeed({ crew, mission: "first all-female spacewalk", year: 2019 })
})
const archive = Agent.tool({
  name: "open_archive",
  description: "Opens the mission archive",
  parameters: Schema.Struct({}),
  handler: () => Effect.fail(new MissionArchiveError({ reason: "the archive is offline" }))
})
const launch = Agent.tool({
  name: "launch_rocket",
  description: "Launches a rocket",
  parameters: Schema.Struct({}),
  handler: () => Effect.die(new Error("engine exploded"))
})

const agentOf = Effect.map(Agent.Agent, (agent) => agent)

// The emulator here closes an agent after 1.5 s without a client message (Deepgram: 10 s; the SDK's default
// KeepAlive period is 5 s), so the tests keep it alive faster.
const fastKeepAlive = { keepAliveInterval: "300 millis" } as const

const triggers = [
  { phrase: "spacewalk", function: "get_mission", arguments: { crew: "all-female" } },
  // The second sentence of the sample asks for the same function with arguments that do not decode.
  { phrase: "signifies", function: "get_mission", arguments: { crew: 42 } }
]

layer(emulatorLayer({ agentTriggers: triggers, agentTimeout: "1500 millis" }), { excludeTestServices: true })(
  "voice agent against the emulator",
  (it) => {
    it.effect("a conversation from the spacewalk audio: a function round trip, undecodable arguments, a failing and a dying tool", () =>
      Effect.gen(function*() {
        const agent = yield* agentOf
        const events: Array<Agent.ConverseEvent> = []
        const count = (type: string) => events.filter((e) => e.type === type).length
        yield* Effect.scoped(Effect.gen(function*() {
          const session = yield* agent.session({ settings, tools: [missions, archive, launch] }, fastKeepAlive)
          yield* session.events.pipe(Stream.runForEach((e) => Effect.sync(() => events.push(e))), Effect.fork)
          yield* Effect.forEach(chunks(wav), session.send, { discard: true })
          // Two user turns, each answered after its function call.
          yield* waitFor(() => count("AgentAudioDone") === 2, 20_000)
          yield* session.injectUserMessage("Please open the archive.")
          yield* waitFor(() => count("AgentAudioDone") === 3, 10_000)
          yield* session.injectUserMessage("Now launch the rocket.")
          yield* waitFor(() => count("AgentAudioDone") === 4, 10_000)
        }))

        assert.deepStrictEqual(events.slice(0, 2).map((e) => e.type), ["Welcome", "SettingsApplied"])
        assert.strictEqual(count("Error"), 0)
        const reports = events.filter((e): e is Agent.ToolCallCompleted | Agent.ToolCallFailed =>
          e.type === "ToolCallCompleted" || e.type === "ToolCallFailed"
        )
        assert.deepStrictEqual(reports.map((r) => [r.type, r.name]), [
          ["ToolCallCompleted", "get_mission"],
          ["ToolCallFailed", "get_mission"],
          ["ToolCallFailed", "open_archive"],
          ["ToolCallFailed", "launch_rocket"]
        ])
        const [completed, undecodable, failed, died] = reports as [
          Agent.ToolCallCompleted,
          Agent.ToolCallFailed,
          Agent.ToolCallFailed,
          Agent.ToolCallFailed
        ]
        assert.deepStrictEqual(JSON.parse(completed.content), { crew: "all-female", mission: "first all-female spacewalk", year: 2019 })
        assert.strictEqual(undecodable.reason, "InvalidArguments")
        assert.include(undecodable.detail, "crew")
        assert.strictEqual(failed.reason, "Failed")
        assert.instanceOf(failed.cause, MissionArchiveError)
        assert.strictEqual(died.reason, "Died")
        assert.include(died.detail, "engine exploded")

        // The agent used each answer in its reply: the result, and the error objects.
        const replies = events.filter((e) => e.type === "ConversationText" && e.role === "assistant")
          .map((e) => (e.type === "ConversationText" ? e.content : ""))
        assert.include(replies.find((r) => r.includes("get_mission") && r.includes("2019")) ?? "", "first all-female spacewalk")
        assert.isTrue(replies.some((r) => r.includes("error") && r.includes("crew")), "the undecodable call was answered with an error")
        assert.isTrue(replies.some((r) => r.includes("the archive is offline")))
        assert.isTrue(replies.some((r) => r.includes("engine exploded")))

        // The user's words, as the agent heard them.
        const heard = events.filter((e) => e.type === "ConversationText" && e.role === "user")
        assert.include(heard[0]?.type === "ConversationText" ? heard[0].content : "", "first spacewalk")

        // The agent's audio, as a WAV file.
        const audio = events.flatMap((e) => (e.type === "Audio" ? [e.data] : []))
        const file = Speak.wavFile(audio, { sampleRate: 24000 })
        assert.strictEqual(new TextDecoder().decode(file.subarray(0, 4)), "RIFF")
        assert.isAbove(file.byteLength, 24000 * 2, "more than a second of agent audio")
      }).pipe(Effect.provide(sdkFor())))

    it.effect("the stream form: audio in, events out; it ends once the agent has answered and gone quiet", () =>
      Effect.gen(function*() {
        const agent = yield* agentOf
        const events = yield* agent.converse(Stream.fromIterable(chunks(wav)), {
          settings,
          tools: [missions],
          quietPeriod: "500 millis"
        }, fastKeepAlive).pipe(Stream.runCollect)
        const types = Chunk.toReadonlyArray(events).map((e) => e.type)
        assert.deepStrictEqual(types.slice(0, 2), ["Welcome", "SettingsApplied"])
        assert.strictEqual(types.filter((t) => t === "AgentAudioDone").length, 2)
        assert.strictEqual(types.filter((t) => t === "ToolCallCompleted").length, 1)
        assert.strictEqual(types.filter((t) => t === "ToolCallFailed").length, 1)
        const audio = yield* Stream.runCollect(Agent.audioChunks(Stream.fromChunk(events)))
        assert.isAbove(Chunk.size(audio), 0)
      }).pipe(Effect.provide(sdkFor())))

    it.effect("a server-side function (with an endpoint) is Deepgram's to call: the SDK reports it and does not answer", () =>
      Effect.gen(function*() {
        const agent = yield* agentOf
        const url = yield* DeepgramEmulator.url
        const withEndpoint: Agent.Settings = {
          ...settings,
          agent: {
            ...(settings.agent as Exclude<Agent.Settings["agent"], string>),
            think: {
              provider: { type: "open_ai", model: "gpt-4o-mini" },
              functions: [{
                name: "station_projects",
                description: "The projects of the station",
                parameters: { type: "object", properties: {} },
                endpoint: { url: `${url}/v1/projects`, method: "GET", headers: { authorization: "Token test-key" } }
              }]
            }
          }
        }
        const events = yield* Effect.scoped(Effect.gen(function*() {
          // A client-side tool is registered too: it must not be used for the server-side call.
          const session = yield* agent.session({ settings: withEndpoint, tools: [missions] }, fastKeepAlive)
          yield* session.injectUserMessage("Which projects does the station run?")
          return yield* session.events.pipe(
            Stream.takeUntil((e) => e.type === "AgentAudioDone"),
            Stream.runCollect
          )
        }))
        const all = Chunk.toReadonlyArray(events)
        const request = all.find((e) => e.type === "FunctionCallRequest")
        assert.strictEqual(request?.type === "FunctionCallRequest" ? request.functions[0]?.client_side : undefined, false)
        const response = all.find((e) => e.type === "FunctionCallResponse")
        assert.include(response?.type === "FunctionCallResponse" ? response.content : "", "projects")
        assert.isFalse(all.some((e) => e.type === "ToolCallCompleted" || e.type === "ToolCallFailed"))
      }).pipe(Effect.provide(sdkFor())))

    it.effect("Settings that fail the schema are refused before connecting; no socket is opened", () =>
      Effect.gen(function*() {
        // Sockets of earlier tests are journalled when they end: count only connections opened from now on.
        const since = Date.now()
        const agent = yield* agentOf
        const bad = { ...settings, audio: { input: { encoding: "linear16", sample_rate: "fast" } } } as unknown as Agent.Settings
        const error = yield* agent.converse(Stream.empty, { settings: bad }).pipe(Stream.runDrain, Effect.flip)
        assert.strictEqual(error._tag, "DeepgramInputError")
        assert.include(error.message, "sample_rate")
        const badTool = yield* Effect.scoped(agent.session({
          settings: { ...settings, agent: "a-stored-agent-id" },
          tools: [missions]
        })).pipe(Effect.flip)
        assert.include(badTool.message, "agent.think")
        const entries = yield* DeepgramEmulator.journal
        assert.strictEqual(entries.filter((e) => e.path === "/v1/agent/converse" && e.timestamp.getTime() >= since).length, 0)
      }).pipe(Effect.provide(sdkFor())))

    it.effect("an idle agent outlives the server's timeout because of the agent's KeepAlive", () =>
      Effect.gen(function*() {
        const agent = yield* agentOf
        const replies = yield* Effect.scoped(Effect.gen(function*() {
          const session = yield* agent.session({ settings }, { keepAliveInterval: "300 millis" })
          const collected = yield* session.events.pipe(
            Stream.filter((e) => e.type === "ConversationText" || e.type === "Error"),
            Stream.take(2),
            Stream.runCollect,
            Effect.fork
          )
          // The emulator ends an agent session after 1.5 s without audio or a message.
          yield* Effect.sleep("3 seconds")
          yield* session.injectUserMessage("Are you still there?")
          return yield* Fiber.join(collected)
        }))
        assert.deepStrictEqual(Chunk.toReadonlyArray(replies).map((e) => e.type), ["ConversationText", "ConversationText"])
      }).pipe(Effect.provide(sdkFor())))

    it.effect("without KeepAlive the idle agent is closed with a typed error", () =>
      Effect.gen(function*() {
        const agent = yield* agentOf
        const error = yield* Effect.scoped(Effect.gen(function*() {
          const session = yield* agent.session({ settings }, { keepAliveInterval: "1 hour" })
          return yield* Stream.runDrain(session.events)
        })).pipe(Effect.flip)
        assert.strictEqual(error._tag, "DeepgramSocketError")
        if (error._tag === "DeepgramSocketError") assert.strictEqual(error.code, 1011)
      }).pipe(Effect.provide(sdkFor())))

    it.effect("interrupting the conversation closes the socket", () =>
      Effect.gen(function*() {
        yield* DeepgramEmulator.clearJournal
        // The previous test's socket may be journaled after the clear: only this test's socket counts.
        const since = Date.now()
        const agent = yield* agentOf
        let applied = false
        const fiber = yield* agent.converse(Stream.concat(Stream.fromIterable(chunks(wav).slice(0, 20)), Stream.never), { settings })
          .pipe(
            Stream.runForEach((e) => Effect.sync(() => (applied ||= e.type === "SettingsApplied"))),
            Effect.fork
          )
        yield* waitFor(() => applied)
        yield* Fiber.interrupt(fiber)
        const closed = yield* waitUntilRecorded(since)
        assert.strictEqual(closed.socket?.closedBy, "client")
      }).pipe(Effect.provide(sdkFor())))
  }
)

const waitUntilRecorded = (since: number) => Effect.gen(function*() {
  for (let i = 0; i < 100; i++) {
    const entry = (yield* DeepgramEmulator.journal).find((e) =>
      e.path === "/v1/agent/converse" && e.timestamp.getTime() >= since
    )
    if (entry !== undefined) return entry
    yield* Effect.sleep("50 millis")
  }
  return yield* Effect.dieMessage("the emulator did not record the closed agent socket")
})
