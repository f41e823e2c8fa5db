import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { ListenV1 } from "../src/index.js"

const prerecorded = {
  metadata: {
    transaction_key: "deprecated",
    request_id: "4c7ea8a3-6f4e-4a2b-9a0a-6c8f1f7d2b11",
    sha256: "5f3c1b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b",
    created: "2025-06-01T10:00:00.000Z",
    duration: 25.933313,
    channels: 1,
    models: ["1abfe86b-e047-4eed-858a-35e5625b41ee"],
    model_info: {
      "1abfe86b-e047-4eed-858a-35e5625b41ee": { name: "2-general-nova", version: "2024-01-06.5664", arch: "nova-3" }
    }
  },
  results: {
    channels: [
      {
        alternatives: [
          {
            transcript: "Yeah, as much as it's worth celebrating the first spacewalk",
            confidence: 0.99902344,
            words: [
              { word: "yeah", start: 0.08, end: 0.32, confidence: 0.9975586, punctuated_word: "Yeah,", speaker: 0 },
              { word: "as", start: 0.32, end: 0.64, confidence: 0.99902344 },
              { word: "much", start: 0.64, end: 0.88, confidence: 0.9995117 }
            ],
            paragraphs: {
              transcript: "\nYeah, as much as it's worth celebrating the first spacewalk",
              paragraphs: [
                {
                  sentences: [
                    { text: "Yeah, as much as it's worth celebrating the first spacewalk", start: 0.08, end: 3.2 }
                  ],
                  speaker: 0,
                  num_words: 10,
                  start: 0.08,
                  end: 3.2
                }
              ]
            }
          }
        ]
      }
    ],
    utterances: [
      {
        start: 0.08,
        end: 3.2,
        confidence: 0.97,
        channel: 0,
        transcript: "Yeah, as much as it's worth celebrating the first spacewalk",
        words: [
          {
            word: "yeah",
            start: 0.08,
            end: 0.32,
            confidence: 0.9975586,
            speaker: 0,
            speaker_confidence: 0.8,
            punctuated_word: "Yeah,"
          }
        ],
        speaker: 0,
        id: "b3b0f1a6-8c1e-4b8a-a8b4-1f0f6e2b9c3d"
      }
    ]
  }
}

describe("ListenV1 pre-recorded", () => {
  it("decodes a transcription with words, paragraphs and utterances", () => {
    const response = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)(prerecorded)
    const alternative = response.results.channels?.[0]?.alternatives?.[0]
    assert.strictEqual(alternative?.words?.length, 3)
    assert.strictEqual(alternative?.paragraphs?.paragraphs?.[0]?.sentences?.[0]?.end, 3.2)
    assert.strictEqual(response.results.utterances?.[0]?.words?.[0]?.punctuated_word, "Yeah,")
    assert.strictEqual(response.metadata.duration, 25.933313)
  })

  it("decodes the callback acknowledgement", () => {
    const accepted = Schema.decodeUnknownSync(ListenV1.AcceptedResponse)({ request_id: "r-1" })
    assert.deepStrictEqual(accepted, { request_id: "r-1" })
    const either = Schema.decodeUnknownEither(ListenV1.TranscribeResponse)({ request_id: "r-1" })
    assert.isTrue(Either.isRight(either))
  })

  it("accepts valid options and names the invalid field", () => {
    const ok = Schema.decodeUnknownEither(ListenV1.TranscribeOptions)({
      model: "nova-3",
      smart_format: true,
      utt_split: 0.8,
      keyterm: ["spacewalk"],
      callback_method: "PUT",
      redact: ["pci", "pii"]
    })
    assert.isTrue(Either.isRight(ok))
    const custom = Schema.decodeUnknownEither(ListenV1.TranscribeOptions)({ model: "my-custom-model" })
    assert.isTrue(Either.isRight(custom))
    const bad = Schema.decodeUnknownEither(ListenV1.TranscribeOptions)({ utt_split: "abc" })
    assert.isTrue(Either.isLeft(bad))
    if (Either.isLeft(bad)) assert.include(bad.left.message, "utt_split")
    const method = Schema.decodeUnknownEither(ListenV1.TranscribeOptions)({ callback_method: "PATCH" })
    assert.isTrue(Either.isLeft(method))
    if (Either.isLeft(method)) assert.include(method.left.message, "callback_method")
  })

  it("requires the url of a URL request", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(ListenV1.TranscribeUrlRequest)({})))
    assert.deepStrictEqual(Schema.decodeUnknownSync(ListenV1.TranscribeUrlRequest)({ url: "https://x/y.wav" }), {
      url: "https://x/y.wav"
    })
  })
})

const liveResults = {
  type: "Results",
  channel_index: [0, 1],
  duration: 1.04,
  start: 0,
  is_final: true,
  speech_final: true,
  channel: {
    alternatives: [
      {
        transcript: "as much as",
        confidence: 0.98,
        words: [
          { word: "as", start: 0.1, end: 0.3, confidence: 0.99, punctuated_word: "As" },
          { word: "much", start: 0.3, end: 0.6, confidence: 0.98 },
          { word: "as", start: 0.6, end: 0.8, confidence: 0.97 }
        ]
      }
    ]
  },
  metadata: {
    request_id: "a1b2",
    model_info: { name: "general-nova-3", version: "2025-01-01", arch: "nova-3" },
    model_uuid: "1abfe86b"
  },
  from_finalize: false
}

describe("ListenV1 live", () => {
  it.effect("decodes a Results message", () =>
    Effect.gen(function*() {
      const message = yield* ListenV1.decodeServerMessage(JSON.stringify(liveResults))
      assert.strictEqual(message.type, "Results")
      if (message.type === "Results") {
        assert.strictEqual(message.channel.alternatives[0]?.transcript, "as much as")
        assert.isTrue(message.speech_final)
      }
    }))

  it.effect("decodes an unknown message type into Unknown, keeping the payload", () =>
    Effect.gen(function*() {
      const message = yield* ListenV1.decodeServerMessage(`{"type":"Brand New","value":42,"nested":{"a":[1]}}`)
      assert.strictEqual(message.type, "Unknown")
      if (message.type === "Unknown") {
        assert.deepStrictEqual(message.raw, { type: "Brand New", value: 42, nested: { a: [1] } })
      }
    }))

  it.effect("decodes a known type that violates its schema into Invalid, naming the field", () =>
    Effect.gen(function*() {
      const message = yield* ListenV1.decodeServerMessage(JSON.stringify({ ...liveResults, duration: "long" }))
      assert.isTrue(ListenV1.isInvalid(message))
      if (ListenV1.isInvalid(message)) {
        assert.strictEqual(message.messageType, "Results")
        assert.include(message.issue, "duration")
        assert.deepStrictEqual(message.raw, { ...liveResults, duration: "long" })
      }
    }))

  it.effect("fails on a frame that is not a JSON object, naming the channel", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ListenV1.decodeServerMessage("[1,2]"))
      assert.strictEqual(error._tag, "MessageDecodeError")
      assert.strictEqual(error.reason, "SchemaMismatch")
      assert.include(error.detail, "JSON object")
      assert.include(error.message, "/v1/listen")
    }))

  it.effect("fails on a non-JSON frame with an excerpt", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ListenV1.decodeServerMessage("not json " + "x".repeat(500)))
      assert.strictEqual(error.reason, "InvalidJson")
      assert.isTrue(error.excerpt.length <= 201)
    }))

  it("encodes client messages", () => {
    assert.deepStrictEqual(Schema.encodeSync(ListenV1.ClientMessage)({ type: "Finalize" }), { type: "Finalize" })
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(ListenV1.Finalize)({ type: "KeepAlive" })))
  })

  it("types live options", () => {
    const ok = Schema.decodeUnknownEither(ListenV1.LiveOptions)({
      model: "nova-3",
      sample_rate: 16000,
      interim_results: true,
      endpointing: false,
      keyterm: ["a", "b"]
    })
    assert.isTrue(Either.isRight(ok))
    const bad = Schema.decodeUnknownEither(ListenV1.LiveOptions)({ sample_rate: "fast" })
    assert.isTrue(Either.isLeft(bad))
    if (Either.isLeft(bad)) assert.include(bad.left.message, "sample_rate")
  })
})
