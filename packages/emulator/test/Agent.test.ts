/**
 * The `/v1/agent/converse` WebSocket over real loopback sockets, with a plain `ws` client.
 */
import { DeepgramClient } from "@deepgram/sdk"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { DeepgramEmulator } from "../src/index.js"
import { connect, spacewalk, spacewalkSentences, stream, typeOf } from "./live.js"
import { fixturesDir, localServer } from "./utils.js"

const settings = (overrides: Record<string, unknown> = {}) => ({
  type: "Settings",
  audio: {
    input: { encoding: "linear16", sample_rate: 44100 },
    output: { encoding: "linear16", sample_rate: 16000, container: "none" }
  },
  agent: {
    language: "en",
    listen: { provider: { type: "deepgram", model: "nova-3" } },
    think: {
      provider: { type: "open_ai", model: "gpt-4o-mini" },
      prompt: "You are a helpful assistant.",
      functions: [{
        name: "get_weather",
        description: "Weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }
      }]
    },
    speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
  },
  ...overrides
})

const field = (message: unknown, key: string): unknown =>
  message !== null && typeof message === "object" ? (message as Record<string, unknown>)[key] : undefined

const ofType = (type: string) => (message: unknown) => typeOf(message) === type

describe("/v1/agent/converse", () => {
  it.scopedLive("Welcome, SettingsApplied, the user's turns, a function call round trip and agent audio", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({
        transcriptsDir: fixturesDir,
        agentTriggers: [{ phrase: "spacewalk", function: "get_weather", arguments: { city: "Houston" } }]
      })
      const client = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      const welcome = yield* client.waitFor(ofType("Welcome"))
      assert.isString(field(welcome, "request_id"))
      yield* client.send(settings())
      yield* client.waitFor(ofType("SettingsApplied"))
      yield* stream(client, spacewalk)

      const request = yield* client.waitFor(ofType("FunctionCallRequest"), "10 seconds")
      const [call] = field(request, "functions") as Array<Record<string, unknown>>
      assert.strictEqual(call!["name"], "get_weather")
      assert.strictEqual(call!["client_side"], true)
      assert.deepStrictEqual(JSON.parse(call!["arguments"] as string), { city: "Houston" })
      yield* client.send({ type: "FunctionCallResponse", id: call!["id"], name: "get_weather", content: "Sunny, 25 C" })
      const assistant = (fragment: string) => (m: unknown) =>
        typeOf(m) === "ConversationText" && field(m, "role") === "assistant" &&
        String(field(m, "content")).includes(fragment)
      yield* client.waitFor(assistant("Sunny, 25 C"))
      // the second sentence has no trigger: an echo
      yield* client.waitFor(assistant("honor the women"), "10 seconds")
      yield* client.waitFor(ofType("AgentAudioDone"))

      const users = client.messages.filter((m) => typeOf(m) === "ConversationText" && field(m, "role") === "user")
      assert.deepStrictEqual(users.map((m) => field(m, "content")), spacewalkSentences)
      // flags.history defaults to true: the conversation and the function call are reported as History
      const history = client.messages.filter(ofType("History"))
      assert.deepStrictEqual(
        history.filter((m) => field(m, "role") === "user").map((m) => field(m, "content")),
        spacewalkSentences
      )
      const calls = history.flatMap((m) => (field(m, "function_calls") as Array<Record<string, unknown>>) ?? [])
      assert.deepStrictEqual(calls, [{
        id: call!["id"],
        name: "get_weather",
        client_side: true,
        arguments: JSON.stringify({ city: "Houston" }),
        response: "Sunny, 25 C"
      }])
      const types = client.timeline
      assert.strictEqual(types[0], "Welcome")
      assert.strictEqual(types[1], "SettingsApplied")
      assert.isTrue(types.indexOf("UserStartedSpeaking") < types.indexOf("ConversationText"))
      const started = types.indexOf("AgentStartedSpeaking")
      const done = types.indexOf("AgentAudioDone")
      assert.isTrue(types.indexOf("AgentThinking") < types.indexOf("FunctionCallRequest"))
      // JSON messages may come between audio frames (here the History of the function call), never another answer
      assert.isTrue(started < done && types.slice(started + 1, done).every((t) => t === "<audio>" || t === "History"))
      // linear16 at 16 kHz: the audio lasts about as long as the text takes to say
      const bytes = client.binary.reduce((n, chunk) => n + chunk.length, 0)
      assert.isAbove(bytes / 32000, 5)

      client.ws.close(1000)
      yield* client.closed
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.path, "/v1/agent/converse")
      assert.strictEqual(entry!.status, 101)
      assert.isAbove(entry!.characters ?? 0, 50)
    }))

  it.scopedLive("the settings-first rule and unknown messages are fatal errors", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const early = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* early.send(new Uint8Array(320))
      const error = yield* early.waitFor(ofType("Error"))
      assert.strictEqual(field(error, "code"), "NON_SETTINGS_MESSAGE_BEFORE_SETTINGS")
      assert.strictEqual((yield* early.closed).code, 1008)

      const keepAlive = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* keepAlive.send({ type: "KeepAlive" })
      assert.strictEqual(
        field(yield* keepAlive.waitFor(ofType("Error")), "code"),
        "NON_SETTINGS_MESSAGE_BEFORE_SETTINGS"
      )

      const invalid = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* invalid.send({ type: "Settings", audio: {} })
      assert.strictEqual(field(yield* invalid.waitFor(ofType("Error")), "code"), "INVALID_SETTINGS")

      const opus = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* opus.send(settings({ audio: { output: { encoding: "opus" } } }))
      const unsupported = yield* opus.waitFor(ofType("Error"))
      assert.strictEqual(field(unsupported, "code"), "INVALID_SETTINGS")
      assert.include(field(unsupported, "description") as string, "opus")

      const twice = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* twice.send(settings())
      yield* twice.waitFor(ofType("SettingsApplied"))
      yield* twice.send(settings())
      assert.strictEqual(field(yield* twice.waitFor(ofType("Error")), "code"), "SETTINGS_ALREADY_APPLIED")

      const unknown = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* unknown.send(settings())
      yield* unknown.waitFor(ofType("SettingsApplied"))
      yield* unknown.send({ type: "Dance" })
      assert.strictEqual(field(yield* unknown.waitFor(ofType("Error")), "code"), "UNPARSABLE_CLIENT_MESSAGE")
      yield* unknown.closed
    }))

  it.scopedLive("injections, updates, a greeting and a server-side function", () =>
    Effect.gen(function*() {
      const hits: Array<string> = []
      const endpoint = yield* localServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          hits.push(Buffer.concat(chunks).toString("utf8"))
          res.setHeader("content-type", "application/json")
          res.end(JSON.stringify({ forecast: "rain" }))
        })
      })
      const emulator = yield* DeepgramEmulator.make()
      const client = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      const base = settings()
      yield* client.send({
        ...base,
        flags: { history: false },
        agent: {
          ...base.agent,
          greeting: "Hello! How can I help?",
          think: {
            ...base.agent.think,
            functions: [{
              name: "get_forecast",
              description: "Forecast",
              parameters: { type: "object", properties: { city: { type: "string" } } },
              endpoint: { url: `${endpoint}/forecast`, method: "post" }
            }]
          }
        }
      })
      yield* client.waitFor(ofType("SettingsApplied"))
      const greeting = yield* client.waitFor((m) => typeOf(m) === "ConversationText")
      assert.strictEqual(field(greeting, "content"), "Hello! How can I help?")
      yield* client.waitFor(ofType("AgentAudioDone"))

      // the greeting is still playing: a default injection is refused, a queued one is spoken
      yield* client.send({ type: "InjectAgentMessage", message: "Are you there?" })
      assert.strictEqual(field(yield* client.waitFor(ofType("InjectionRefused")), "message"), "Are you there?")
      yield* client.send({ type: "InjectAgentMessage", message: "Still here.", behavior: "queue" })
      yield* client.waitFor((m) => typeOf(m) === "ConversationText" && field(m, "content") === "Still here.")

      yield* client.send({ type: "InjectUserMessage", content: "What is the forecast for Paris?" })
      const request = yield* client.waitFor(ofType("FunctionCallRequest"))
      const [call] = field(request, "functions") as Array<Record<string, unknown>>
      assert.strictEqual(call!["client_side"], false)
      assert.deepStrictEqual(JSON.parse(call!["arguments"] as string), { city: "Paris" })
      const response = yield* client.waitFor(ofType("FunctionCallResponse"))
      assert.strictEqual(field(response, "content"), JSON.stringify({ forecast: "rain" }))
      const reply = yield* client.waitFor((m) =>
        typeOf(m) === "ConversationText" && String(field(m, "content")).includes("rain")
      )
      assert.strictEqual(field(reply, "role"), "assistant")
      assert.deepStrictEqual(hits.map((hit) => JSON.parse(hit)), [{ city: "Paris" }])

      yield* client.send({ type: "UpdatePrompt", prompt: "Be brief." })
      yield* client.waitFor(ofType("PromptUpdated"))
      yield* client.send({ type: "UpdateSpeak", speak: { provider: { type: "deepgram", model: "aura-2-zeus-en" } } })
      yield* client.waitFor(ofType("SpeakUpdated"))
      yield* client.send({ type: "UpdatePrompt", prompt: "x".repeat(25_001) })
      assert.strictEqual(field(yield* client.waitFor(ofType("Warning")), "code"), "PROMPT_TOO_LONG")
      yield* client.send({ type: "KeepAlive" })
      yield* client.send({ type: "FunctionCallResponse", id: "nope", name: "x", content: "y" })
      yield* client.waitFor((m) => typeOf(m) === "Warning" && field(m, "code") === "FUNCTION_CALL_FAILED")
      assert.isFalse(client.messages.some(ofType("History")))
    }))

  it.scopedLive("an idle session ends with CLIENT_MESSAGE_TIMEOUT; KeepAlive keeps it open", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ agentTimeout: "1 second" })
      const kept = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* kept.send(settings())
      const idle = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* idle.send(settings())
      for (let i = 0; i < 8; i++) {
        yield* Effect.sleep("200 millis")
        yield* kept.send({ type: "KeepAlive" })
      }
      assert.isFalse(kept.messages.some(ofType("Error")))
      const error = yield* idle.waitFor(ofType("Error"))
      assert.strictEqual(field(error, "code"), "CLIENT_MESSAGE_TIMEOUT")
      assert.strictEqual((yield* idle.closed).code, 1011)
    }))

  it.scopedLive("with speakPace, the user barges in: the agent's answer stops", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ transcriptsDir: fixturesDir, speakPace: 2 })
      const client = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* client.send(settings())
      yield* client.waitFor(ofType("SettingsApplied"))
      const long = "Let me tell you a very long story about the first spacewalk, from the very beginning. ".repeat(4)
      yield* client.send({ type: "InjectAgentMessage", message: long, behavior: "queue" })
      yield* client.waitFor(ofType("AgentStartedSpeaking"))
      yield* Effect.sleep("300 millis")
      assert.isAbove(client.binary.length, 0)
      yield* stream(client, spacewalk)
      yield* client.waitFor(ofType("UserStartedSpeaking"))
      // the user's turn is answered; the interrupted answer sent no audio after the barge-in, and never finished
      yield* client.waitFor((m) =>
        typeOf(m) === "ConversationText" && String(field(m, "content")).startsWith("I heard")
      )
      const bargeIn = client.timeline.indexOf("UserStartedSpeaking")
      const next = client.timeline.indexOf("AgentStartedSpeaking", bargeIn)
      assert.isAbove(next, bargeIn)
      assert.isFalse(client.timeline.slice(bargeIn, next).includes("<audio>"))
      assert.isFalse(client.timeline.slice(0, next).includes("AgentAudioDone"))
      // an "interrupt" injection replaces what is being said
      yield* client.send({ type: "InjectAgentMessage", message: long, behavior: "interrupt" })
      yield* client.waitFor((m) => typeOf(m) === "ConversationText" && field(m, "content") === long)
    }))

  it.scopedLive("ForceEndTurn ends the user's turn with the words heard so far", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ transcriptsDir: fixturesDir })
      const client = yield* connect(`${emulator.wsUrl}/v1/agent/converse`)
      yield* client.send(settings())
      yield* client.waitFor(ofType("SettingsApplied"))
      // about 3 s of the first sentence
      yield* stream(client, spacewalk.subarray(0, 44 + 44100 * 2 * 3))
      yield* client.waitFor(ofType("UserStartedSpeaking"))
      yield* Effect.sleep("200 millis")
      yield* client.send({ type: "ForceEndTurn" })
      const user = yield* client.waitFor((m) => typeOf(m) === "ConversationText" && field(m, "role") === "user")
      const heard = field(user, "content") as string
      assert.isAbove(heard.length, 0)
      assert.isTrue(spacewalkSentences[0]!.startsWith(heard))
      assert.isBelow(heard.length, spacewalkSentences[0]!.length)
    }))
})

describe("@deepgram/sdk agent against the emulator", () => {
  it.scopedLive("agent.v1.connect: settings, an injected question, a function call round trip and audio", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: ["interop-key"] })
      const client = new DeepgramClient({ apiKey: "interop-key", baseUrl: emulator.url })
      const socket = yield* Effect.promise(() => client.agent.v1.connect({ Authorization: "Token interop-key" }))
      const messages: Array<unknown> = []
      let audio = 0
      const applied = yield* Deferred.make<void>()
      const requested = yield* Deferred.make<Record<string, unknown>>()
      const done = yield* Deferred.make<void>()
      socket.on("message", (message: unknown) => {
        if (message instanceof Blob) {
          audio += message.size
          return
        }
        messages.push(message)
        if (typeOf(message) === "SettingsApplied") Deferred.unsafeDone(applied, Effect.void)
        if (typeOf(message) === "FunctionCallRequest") {
          const [call] = field(message, "functions") as Array<Record<string, unknown>>
          Deferred.unsafeDone(requested, Effect.succeed(call!))
        }
        if (typeOf(message) === "AgentAudioDone") Deferred.unsafeDone(done, Effect.void)
      })
      socket.connect()
      yield* Effect.promise(() => socket.waitForOpen())
      socket.sendSettings(settings() as unknown as Parameters<typeof socket.sendSettings>[0])
      yield* Deferred.await(applied).pipe(Effect.timeout("5 seconds"))
      socket.sendInjectUserMessage({ type: "InjectUserMessage", content: "What is the weather in Paris?" })
      const call = yield* Deferred.await(requested).pipe(Effect.timeout("5 seconds"))
      assert.deepStrictEqual(JSON.parse(call["arguments"] as string), { city: "Paris" })
      socket.sendFunctionCallResponse({
        type: "FunctionCallResponse",
        id: call["id"] as string,
        name: "get_weather",
        content: "Cloudy"
      })
      yield* Deferred.await(done).pipe(Effect.timeout("5 seconds"))
      socket.close()
      assert.strictEqual(typeOf(messages[0]), "Welcome")
      assert.isTrue(
        messages.some((m) => typeOf(m) === "ConversationText" && String(field(m, "content")).includes("Cloudy"))
      )
      assert.isAbove(audio, 16000)
    }))
})
