import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { AgentV1, ListenV2, MessageDecodeError, SpeakV1, SpeakV2 } from "../src/index.js"

const json = (value: unknown) => JSON.stringify(value)

describe("ListenV2 (Flux)", () => {
  const turnInfo = {
    type: "TurnInfo",
    request_id: "0b1c9f7e-2a64-4d6b-9a3e-6b0a7f9c1d22",
    sequence_id: 7,
    event: "EndOfTurn",
    turn_index: 0,
    audio_window_start: 0,
    audio_window_end: 2.56,
    transcript: "as much as it's worth celebrating",
    words: [
      { word: "as", confidence: 0.99 },
      { word: "much", confidence: 0.98 },
      { word: "as", confidence: 0.97 },
      { word: "it's", confidence: 0.95 },
      { word: "worth", confidence: 0.99 },
      { word: "celebrating", confidence: 0.96 }
    ],
    end_of_turn_confidence: 0.91,
    some_future_field: { ignored: true }
  }

  it.effect("decodes TurnInfo and narrows on type and event", () =>
    Effect.gen(function*() {
      const message = yield* ListenV2.decodeServerMessage(json(turnInfo))
      assert.strictEqual(message.type, "TurnInfo")
      if (message.type === "TurnInfo") {
        assert.strictEqual(message.event, "EndOfTurn")
        assert.strictEqual(message.words.length, 6)
        // unknown fields are kept (forward compatibility)
        assert.deepStrictEqual((message as unknown as Record<string, unknown>).some_future_field, { ignored: true })
      }
    }))

  it.effect("decodes every turn event", () =>
    Effect.gen(function*() {
      for (const event of ["Update", "StartOfTurn", "EagerEndOfTurn", "TurnResumed", "EndOfTurn"] as const) {
        const message = yield* ListenV2.decodeServerMessage(json({ ...turnInfo, event }))
        assert.strictEqual(message.type === "TurnInfo" ? message.event : undefined, event)
      }
    }))

  it.effect("keeps a turn event the spec does not list, names the field of a mistyped one", () =>
    Effect.gen(function*() {
      const sideways = yield* ListenV2.decodeServerMessage(json({ ...turnInfo, event: "Sideways" }))
      assert.strictEqual(sideways.type === "TurnInfo" ? sideways.event : undefined, "Sideways")
      const invalid = yield* ListenV2.decodeServerMessage(json({ ...turnInfo, event: 7 }))
      assert.isTrue(ListenV2.isInvalid(invalid))
      if (ListenV2.isInvalid(invalid)) assert.include(invalid.issue, "event")
      const error = yield* Effect.flip(ListenV2.decodeServerMessage("[]"))
      assert.isTrue(MessageDecodeError.isMessageDecodeError(error))
    }))

  it.effect("decodes Connected, ConfigureSuccess, ConfigureFailure and the fatal Error", () =>
    Effect.gen(function*() {
      const connected = yield* ListenV2.decodeServerMessage(
        json({ type: "Connected", request_id: "r", sequence_id: 0 })
      )
      assert.strictEqual(connected.type, "Connected")
      const success = yield* ListenV2.decodeServerMessage(json({
        type: "ConfigureSuccess",
        request_id: "r",
        thresholds: { eot_threshold: 0.8, eot_timeout_ms: 4000 },
        keyterms: ["Deepgram"],
        sequence_id: 3
      }))
      assert.strictEqual(success.type === "ConfigureSuccess" ? success.thresholds.eot_threshold : undefined, 0.8)
      const failure = yield* ListenV2.decodeServerMessage(
        json({ type: "ConfigureFailure", request_id: "r", sequence_id: 4 })
      )
      assert.strictEqual(failure.type, "ConfigureFailure")
      const fatal = yield* ListenV2.decodeServerMessage(
        json({ type: "Error", sequence_id: 5, code: "INTERNAL", description: "boom" })
      )
      assert.strictEqual(fatal.type === "Error" ? fatal.description : undefined, "boom")
    }))

  it.effect("keeps an unknown message whole", () =>
    Effect.gen(function*() {
      const message = yield* ListenV2.decodeServerMessage(json({ type: "TurnSummary", turns: 3 }))
      assert.deepStrictEqual(message, { type: "Unknown", raw: { type: "TurnSummary", turns: 3 } })
    }))

  it("validates options and Configure", () => {
    const options: ListenV2.LiveOptions = {
      model: "flux-general-en",
      encoding: "linear16",
      sample_rate: 16000,
      eot_threshold: 0.7
    }
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(ListenV2.LiveOptions)(options)))
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(ListenV2.LiveOptions)({ model: "flux-next-gen" })))
    const bad = Schema.decodeUnknownEither(ListenV2.LiveOptions)({ eot_threshold: "high" })
    assert.isTrue(Either.isLeft(bad) && bad.left.message.includes("eot_threshold"))
    assert.deepStrictEqual(
      Schema.encodeSync(ListenV2.ClientMessage)({ type: "Configure", thresholds: { eot_threshold: 0.6 } }),
      { type: "Configure", thresholds: { eot_threshold: 0.6 } }
    )
  })
})

describe("SpeakV1", () => {
  it.effect("tells Flushed and Cleared apart although the spec shares their type enum", () =>
    Effect.gen(function*() {
      const flushed = yield* SpeakV1.decodeServerMessage(json({ type: "Flushed", sequence_id: 1 }))
      const cleared = yield* SpeakV1.decodeServerMessage(json({ type: "Cleared", sequence_id: 2 }))
      assert.strictEqual(flushed.type, "Flushed")
      assert.strictEqual(cleared.type, "Cleared")
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(SpeakV1.Flushed)({ type: "Cleared", sequence_id: 2 })))
    }))

  it.effect("decodes Metadata and Warning", () =>
    Effect.gen(function*() {
      const metadata = yield* SpeakV1.decodeServerMessage(json({
        type: "Metadata",
        request_id: "r",
        model_name: "aura-2-thalia-en",
        model_version: "2025-01-01",
        model_uuid: "u"
      }))
      assert.strictEqual(metadata.type === "Metadata" ? metadata.model_name : undefined, "aura-2-thalia-en")
      const warning = yield* SpeakV1.decodeServerMessage(
        json({ type: "Warning", code: "W1", description: "slow down" })
      )
      assert.strictEqual(warning.type, "Warning")
    }))

  it("encodes client messages", () => {
    assert.deepStrictEqual(Schema.encodeSync(SpeakV1.ClientMessage)({ type: "Speak", text: "Hello" }), {
      type: "Speak",
      text: "Hello"
    })
    for (const type of ["Flush", "Clear", "Close"] as const) {
      assert.deepStrictEqual(Schema.encodeSync(SpeakV1.ClientMessage)({ type }), { type })
    }
  })

  it("accepts numeric sample rates and rejects unknown encodings", () => {
    const decode = Schema.decodeUnknownEither(SpeakV1.LiveOptions)
    assert.isTrue(Either.isRight(decode({ model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 })))
    assert.isTrue(Either.isRight(decode({ sample_rate: "16000", mip_opt_out: true })))
    const bad = decode({ encoding: "wav" })
    assert.isTrue(Either.isLeft(bad) && bad.left.message.includes("encoding"))
    const rate = decode({ sample_rate: 12345 })
    assert.isTrue(Either.isLeft(rate) && rate.left.message.includes("sample_rate"))
  })
})

describe("SpeakV2", () => {
  it.effect("decodes the turn messages", () =>
    Effect.gen(function*() {
      const started = yield* SpeakV2.decodeServerMessage(json({ type: "SpeechStarted", speech_id: "s-1" }))
      assert.strictEqual(started.type, "SpeechStarted")
      const metadata = yield* SpeakV2.decodeServerMessage(json({
        type: "SpeechMetadata",
        speech_id: "s-1",
        audio_duration_ms: 1840,
        input_character_count: 42,
        billable_character_count: 42,
        controls_applied: { pronunciations_applied: 0, pronunciation_warnings: 0 }
      }))
      assert.strictEqual(metadata.type === "SpeechMetadata" ? metadata.audio_duration_ms : undefined, 1840)
      const session = yield* SpeakV2.decodeServerMessage(json({
        type: "SessionMetadata",
        total_audio_duration_ms: 1840,
        total_input_character_count: 42,
        total_billable_character_count: 42
      }))
      assert.strictEqual(session.type, "SessionMetadata")
    }))

  it.effect("decodes a fatal error with a code the spec does not list", () =>
    Effect.gen(function*() {
      const error = yield* SpeakV2.decodeServerMessage(
        json({ type: "Error", code: "NEW-0001", description: "something new" })
      )
      assert.strictEqual(error.type === "Error" ? error.code : undefined, "NEW-0001")
    }))

  it("requires the model of a REST request", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(SpeakV2.GenerateOptions)({ encoding: "mp3" })))
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(SpeakV2.GenerateOptions)({ model: "flux-haley-en" })))
  })
})

describe("AgentV1", () => {
  const settings: AgentV1.Settings = {
    type: "Settings",
    audio: { input: { encoding: "linear16", sample_rate: 24000 } },
    agent: {
      listen: { provider: { type: "deepgram", model: "nova-3" } },
      think: { provider: { type: "open_ai", model: "gpt-4o-mini" }, prompt: "You are a helpful assistant." },
      speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
    }
  }

  it("round-trips a Settings message", () => {
    const encoded = Schema.encodeSync(AgentV1.ClientMessage)(settings)
    assert.deepStrictEqual(Schema.decodeUnknownSync(AgentV1.Settings)(encoded), settings)
  })

  it("picks the Flux listen provider when Flux-only fields are present", () => {
    const decoded = Schema.decodeUnknownSync(AgentV1.ListenProvider)({
      type: "deepgram",
      model: "flux-general-en",
      eot_threshold: 0.7
    })
    assert.deepStrictEqual(decoded, { type: "deepgram", model: "flux-general-en", eot_threshold: 0.7 })
  })

  it.effect("decodes conversation events, function calls and history", () =>
    Effect.gen(function*() {
      const welcome = yield* AgentV1.decodeServerMessage(json({ type: "Welcome", request_id: "r-1" }))
      assert.strictEqual(welcome.type, "Welcome")
      const text = yield* AgentV1.decodeServerMessage(
        json({ type: "ConversationText", role: "assistant", content: "Hi! How can I help?" })
      )
      assert.strictEqual(text.type === "ConversationText" ? text.role : undefined, "assistant")
      const call = yield* AgentV1.decodeServerMessage(json({
        type: "FunctionCallRequest",
        functions: [{ id: "f-1", name: "get_weather", arguments: "{\"city\":\"Paris\"}", client_side: true }]
      }))
      assert.strictEqual(call.type === "FunctionCallRequest" ? call.functions[0]?.name : undefined, "get_weather")
      const chat = yield* AgentV1.decodeServerMessage(json({ type: "History", role: "user", content: "hello" }))
      assert.deepStrictEqual(chat, { type: "History", role: "user", content: "hello" })
      const calls = yield* AgentV1.decodeServerMessage(json({
        type: "History",
        function_calls: [{ id: "f-1", name: "get_weather", client_side: true, arguments: "{}", response: "sunny" }]
      }))
      assert.isTrue(calls.type === "History" && "function_calls" in calls)
      const error = yield* AgentV1.decodeServerMessage(json({ type: "Error", description: "bad", code: "E1" }))
      assert.strictEqual(error.type, "Error")
    }))

  it.effect("decodes an unknown agent event into Unknown", () =>
    Effect.gen(function*() {
      const message = yield* AgentV1.decodeServerMessage(json({ type: "AgentMood", mood: "cheerful" }))
      assert.strictEqual(message.type, "Unknown")
      assert.strictEqual(message.type === "Unknown" ? message.raw.mood : undefined, "cheerful")
    }))

  it.effect("names the missing field of a malformed known message", () =>
    Effect.gen(function*() {
      const message = yield* AgentV1.decodeServerMessage(json({ type: "ConversationText", role: "user" }))
      assert.isTrue(AgentV1.isInvalid(message))
      if (AgentV1.isInvalid(message)) {
        assert.strictEqual(message.messageType, "ConversationText")
        assert.include(message.issue, "content")
      }
    }))
})
