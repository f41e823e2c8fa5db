import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  AgentV1,
  AuthV1,
  ListenV1,
  Manage,
  Operations,
  ReadV1,
  SelfHostedV1,
  SpeakV1,
  VoiceAgent
} from "../src/index.js"

describe("REST models", () => {
  it("decodes a text intelligence response", () => {
    const response = Schema.decodeUnknownSync(ReadV1.AnalyzeResponse)({
      metadata: {
        metadata: {
          request_id: "0d5a3b0e-3c8e-4f6e-9c55-2b9d3c1b7e10",
          created: "2025-06-01T10:00:00Z",
          language: "en",
          summary_info: { model_uuid: "67875a7f-c9c4-48a0-aa55-5bdb8a91c34a", input_tokens: 95, output_tokens: 63 }
        }
      },
      results: {
        summary: { results: { summary: { text: "The first all-female spacewalk is celebrated." } } },
        topics: {
          results: {
            topics: {
              segments: [{
                text: "celebrating the first spacewalk",
                start_word: 0,
                end_word: 4,
                topics: [{ topic: "Spacewalk", confidence_score: 0.91 }]
              }]
            }
          }
        },
        sentiments: { segments: [], average: { sentiment: "positive", sentiment_score: 0.6 } }
      }
    })
    assert.strictEqual(
      response.results.summary?.results?.summary?.text,
      "The first all-female spacewalk is celebrated."
    )
    assert.strictEqual(response.results.topics?.results?.topics?.segments?.[0]?.topics?.[0]?.topic, "Spacewalk")
  })

  it("takes a url or a text body for text intelligence", () => {
    assert.deepStrictEqual(Schema.decodeUnknownSync(ReadV1.AnalyzeRequest)({ text: "hello" }), { text: "hello" })
    assert.deepStrictEqual(Schema.decodeUnknownSync(ReadV1.AnalyzeRequest)({ url: "https://x" }), { url: "https://x" })
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(ReadV1.AnalyzeRequest)({})))
  })

  it("keeps TTS model metadata when decoding a model (union of optional-only members)", () => {
    const tts = Schema.decodeUnknownSync(Manage.GetModelResponse)({
      name: "thalia",
      canonical_name: "aura-2-thalia-en",
      architecture: "aura-2",
      languages: ["en"],
      version: "2025-04-07.0",
      uuid: "ecb76e9d-f2db-4127-8060-79b05590d22f",
      metadata: { accent: "American", color: "#A0F", tags: ["feminine"] }
    })
    assert.strictEqual("metadata" in tts ? tts.metadata?.accent : undefined, "American")
    const stt = Schema.decodeUnknownSync(Manage.GetModelResponse)({
      name: "nova-3",
      canonical_name: "nova-3",
      batch: true,
      streaming: true,
      uuid: "u"
    })
    assert.strictEqual("streaming" in stt ? stt.streaming : undefined, true)
    const sparse = Schema.decodeUnknownSync(Manage.GetModelResponse)({ name: "x", uuid: "u", brand_new: 1 })
    assert.deepStrictEqual(sparse, { name: "x", uuid: "u", brand_new: 1 } as Manage.GetModelResponse)
  })

  it("decodes management responses", () => {
    const keys = Schema.decodeUnknownSync(Manage.ListKeysResponse)({
      api_keys: [{
        member: { member_id: "m-1", email: "ada@example.com" },
        api_key: { api_key_id: "k-1", comment: "ci", scopes: ["member"], created: "2025-01-01T00:00:00Z" }
      }]
    })
    assert.strictEqual(keys.api_keys?.[0]?.api_key?.comment, "ci")
    const breakdown = Schema.decodeUnknownSync(Manage.UsageBreakdownResponse)({
      start: "2025-01-01",
      end: "2025-01-31",
      resolution: { units: "day", amount: 1 },
      results: [{
        hours: 1.5,
        total_hours: 1.5,
        agent_hours: 0,
        tokens_in: 0,
        tokens_out: 0,
        tts_characters: 0,
        requests: 3,
        grouping: { start: "2025-01-01", end: "2025-01-02", accessor: null } }]
    })
    assert.strictEqual(breakdown.resolution.units, "day")
    const grant = Schema.decodeUnknownSync(AuthV1.GrantResponse)({ access_token: "jwt", expires_in: 30 })
    assert.strictEqual(grant.expires_in, 30)
    const created = Schema.decodeUnknownSync(SelfHostedV1.CreateResponse)({
      member: { member_id: "m-1", email: "ops@example.com" },
      distribution_credentials: {
        distribution_credentials_id: "d-1",
        provider: "quay",
        scopes: ["self-hosted:products"],
        created: "2025-01-01T00:00:00Z"
      }
    })
    assert.strictEqual(created.distribution_credentials.provider, "quay")
  })

  it("validates request bodies and options, naming the field", () => {
    const key = Schema.decodeUnknownEither(Manage.CreateKeyRequest)({ comment: "ci" })
    assert.isTrue(Either.isLeft(key) && key.left.message.includes("scopes"))
    const requests = Schema.decodeUnknownEither(Manage.ListRequestsOptions)({ status: "pending" })
    assert.isTrue(Either.isLeft(requests) && requests.left.message.includes("status"))
    const variable = Schema.decodeUnknownEither(VoiceAgent.CreateVariableRequest)({ key: "name" })
    assert.isTrue(Either.isLeft(variable) && variable.left.message.includes("value"))
    const speak = Schema.decodeUnknownEither(SpeakV1.GenerateOptions)({ sample_rate: 16000, container: "wav" })
    assert.isTrue(Either.isRight(speak))
    const invalid = Schema.decodeUnknownEither(ListenV1.TranscribeOptions)({ smart_format: "yes" })
    assert.isTrue(Either.isLeft(invalid) && invalid.left.message.includes("smart_format"))
  })

  it("decodes the think model list, with unknown model ids", () => {
    const models = Schema.decodeUnknownSync(AgentV1.ThinkModelsResponse)({
      models: [
        { id: "gpt-4o-mini", name: "GPT-4o mini", provider: "open_ai" },
        { id: "brand-new-llm", name: "New", provider: "somebody" }
      ]
    })
    assert.deepStrictEqual(models.models.map((m) => m.id), ["gpt-4o-mini", "brand-new-llm"])
  })

  it("describes operations in the catalog", () => {
    const op = Operations.operations["listen.v1.media.transcribe"]
    assert.strictEqual(op.method, "POST")
    assert.strictEqual(op.path, "/v1/listen")
    assert.strictEqual(op.query, ListenV1.TranscribeOptions)
    assert.strictEqual(op.body, ListenV1.TranscribeUrlRequest)
    assert.strictEqual(op.response, ListenV1.TranscribeResponse)
    const keys = Operations.findOperation("post", "/v1/projects/{project_id}/keys")
    assert.strictEqual(keys?.name, "manage.v1.projects.keys.create")
    assert.deepStrictEqual(keys?.pathParams, ["project_id"])
    assert.strictEqual(Operations.messages.filter((m) => m.binary).length, 6)
  })
})
