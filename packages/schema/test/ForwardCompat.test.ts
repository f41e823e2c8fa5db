import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema, SchemaAST as AST } from "effect"
import { AgentV1, ListenV1, ListenV2, Manage, Operations, SpeakV1, SpeakV2 } from "../src/index.js"

// Forward compatibility of what Deepgram sends (DESIGN.md, "schema"): open enums, unknown fields kept, a known
// message that fails its schema delivered as `Invalid` instead of ending a stream; what the client sends stays
// strict.

const channels = {
  "/v1/listen": ListenV1,
  "/v2/listen": ListenV2,
  "/v1/speak": SpeakV1,
  "/v2/speak": SpeakV2,
  "/v1/agent/converse": AgentV1
} as const

interface ChannelModule {
  readonly ServerMessage: Schema.Schema<any, any>
  readonly decodeServerMessageEither: (text: string) => Either.Either<unknown, unknown>
  readonly isInvalid: (u: unknown) => u is { readonly messageType: string | undefined; readonly issue: string }
  readonly isUnknown: (u: unknown) => boolean
}

/** A few valid samples of a message schema (effect's Arbitrary, fixed seed), as JSON. */
const samples = (schema: Schema.Schema.Any, n = 4): ReadonlyArray<Record<string, unknown>> =>
  fc.sample(Arbitrary.make(schema as Schema.Schema<unknown>), { numRuns: n, seed: 7 })
    .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>)

const requiredKeys = (schema: Schema.Schema.Any): ReadonlyArray<string> => {
  const ast = AST.typeAST(schema.ast)
  return AST.isTypeLiteral(ast)
    ? ast.propertySignatures.filter((ps) => !ps.isOptional && ps.name !== "type").map((ps) => String(ps.name))
    : []
}

const serverMessages = (path: keyof typeof channels) =>
  Object.values<Operations.MessageSpec>(Operations.channels[path].server).filter((m) => !m.binary)

describe("forward-compatible server messages", () => {
  for (const [path, module] of Object.entries(channels) as Array<[keyof typeof channels, ChannelModule]>) {
    describe(path, () => {
      it("keeps unknown fields (top level and nested) and encodes them back", () => {
        for (const message of serverMessages(path)) {
          for (const sample of samples(message.schema)) {
            const frame = { ...sample, brand_new_field: { nested: [1, "two"] } }
            const decoded = module.decodeServerMessageEither(JSON.stringify(frame))
            assert.isTrue(Either.isRight(decoded), `${message.name}: ${JSON.stringify(frame)}`)
            const value = Either.getOrThrow(decoded) as Record<string, unknown>
            assert.strictEqual(value.type, message.type)
            assert.deepStrictEqual(value.brand_new_field, { nested: [1, "two"] })
            assert.deepStrictEqual(Schema.encodeSync(module.ServerMessage)(value), frame)
          }
        }
      })

      it("delivers a known message that fails its schema as Invalid, with the raw object and the field", () => {
        let invalid = 0
        for (const message of serverMessages(path)) {
          const sample = samples(message.schema, 1)[0]!
          for (const key of requiredKeys(message.schema)) {
            const { [key]: _, ...rest } = sample
            const decoded = module.decodeServerMessageEither(JSON.stringify(rest))
            assert.isTrue(Either.isRight(decoded), `${message.name} without ${key}`)
            const value = Either.getOrThrow(decoded)
            if (!module.isInvalid(value)) continue // a key whose schema accepts anything, even nothing
            invalid++
            assert.strictEqual(value.messageType, message.type)
            assert.include(value.issue, key)
            assert.isBelow(value.issue.length, 260)
            assert.deepStrictEqual((value as unknown as { readonly raw: unknown }).raw, rest)
            assert.deepStrictEqual(Schema.encodeSync(module.ServerMessage)(value), rest)
          }
        }
        assert.isAbove(invalid, 0)
      })

      it("decodes an unknown type to Unknown and fails only on text that is not a JSON object", () => {
        const unknown = Either.getOrThrow(module.decodeServerMessageEither("{\"type\":\"FromTheFuture\",\"x\":1}"))
        assert.isTrue(module.isUnknown(unknown))
        assert.isFalse(module.isInvalid(unknown))
        for (const text of ["[]", "1", "\"Results\"", "null", "{", ""]) {
          assert.isTrue(Either.isLeft(module.decodeServerMessageEither(text)), text)
        }
        const odd = Either.getOrThrow(module.decodeServerMessageEither("{\"type\":42}"))
        assert.isTrue(module.isInvalid(odd))
      })
    })
  }

  it("the Flux TurnInfo of issue 9: a new event value reaches the user as a string", () => {
    const decoded = ListenV2.decodeServerMessageEither(
      "{\"type\":\"TurnInfo\",\"request_id\":\"r\",\"sequence_id\":1,\"event\":\"BrandNewEvent\",\"turn_index\":0," +
        "\"audio_window_start\":0,\"audio_window_end\":1,\"transcript\":\"\",\"words\":[],\"end_of_turn_confidence\":0}"
    )
    assert.isTrue(Either.isRight(decoded))
    const message = Either.getOrThrow(decoded)
    assert.strictEqual(message.type, "TurnInfo")
    if (message.type === "TurnInfo") {
      // typed as the known literals plus any string: both lines compile
      const known: ListenV2.TurnEvent = "EndOfTurn"
      const future: ListenV2.TurnEvent = message.event
      assert.strictEqual(future, "BrandNewEvent")
      assert.notStrictEqual(known, future)
    }
  })

  it("open enums in server messages of every channel that has one", () => {
    const role = AgentV1.decodeServerMessageEither("{\"type\":\"ConversationText\",\"role\":\"system\",\"content\":\"x\"}")
    assert.deepStrictEqual(Either.map(role, (m) => m.type === "ConversationText" ? m.role : undefined), Either.right("system"))
    const code = SpeakV2.decodeServerMessageEither(
      JSON.stringify({ ...samples(SpeakV2.FatalError, 1)[0], code: "BRAND_NEW_CODE" })
    )
    assert.deepStrictEqual(Either.map(code, (m) => m.type === "Error" ? m.code : undefined), Either.right("BRAND_NEW_CODE"))
  })

  it("the `type` discriminator stays closed: Flushed and Cleared are told apart", () => {
    const cleared = Either.getOrThrow(SpeakV1.decodeServerMessageEither("{\"type\":\"Cleared\",\"sequence_id\":2}"))
    assert.strictEqual(cleared.type, "Cleared")
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(SpeakV1.Flushed)({ type: "Cleared", sequence_id: 2 })))
  })
})

describe("forward-compatible REST responses", () => {
  it("keeps unknown fields at every level of a transcription and encodes them back", () => {
    const body = {
      metadata: {
        request_id: "r",
        sha256: "s",
        created: "2025-01-01T00:00:00Z",
        duration: 1,
        channels: 1,
        models: ["m"],
        model_info: {},
        new_metadata: "kept"
      },
      results: {
        channels: [{
          alternatives: [{
            transcript: "hi",
            confidence: 1,
            words: [{ word: "hi", start: 0, end: 1, confidence: 1, new_word_field: 0.5 }],
            new_alternative_field: true
          }]
        }]
      },
      new_top_level: [1]
    }
    const decoded = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)(body) as unknown as typeof body
    assert.deepStrictEqual(decoded, body)
    assert.strictEqual(decoded.results.channels[0]!.alternatives[0]!.words[0]!.new_word_field, 0.5)
    assert.deepStrictEqual(Schema.encodeSync(ListenV1.TranscriptionResponse)(decoded as never), body)
  })

  it("opens the enums of responses", () => {
    const fields = Schema.decodeUnknownSync(Manage.BillingFieldsResponse)({ deployments: ["hosted", "orbital"] })
    assert.deepStrictEqual(fields.deployments, ["hosted", "orbital"])
    const known: NonNullable<typeof fields.deployments>[number] = "self-hosted"
    assert.strictEqual(known, "self-hosted")
  })

  it("every response schema of the catalog keeps unknown fields of an object body", () => {
    let checked = 0
    for (const op of Object.values<Operations.OperationSpec>(Operations.operations)) {
      const response = op.response as Schema.Schema<unknown> | undefined
      if (response === undefined) continue
      const [sample] = fc.sample(Arbitrary.make(response), { numRuns: 1, seed: 3 })
      if (typeof sample !== "object" || sample === null || Array.isArray(sample)) continue
      const body = { ...JSON.parse(JSON.stringify(sample)), zz_future: { a: 1 } }
      const decoded = Schema.decodeUnknownEither(response)(body)
      assert.isTrue(Either.isRight(decoded), op.name)
      if (Either.isRight(decoded)) assert.deepStrictEqual((decoded.right as { zz_future?: unknown }).zz_future, { a: 1 }, op.name)
      checked++
    }
    assert.isAbove(checked, 30)
  })
})

describe("what the client sends stays strict", () => {
  it("refuses enum values the spec does not list in options and client messages", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(ListenV1.LiveOptions)({ encoding: "mp9" })))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(SpeakV1.GenerateOptions)({ encoding: "mp9" })))
    assert.isTrue(
      Either.isLeft(Schema.decodeUnknownEither(ListenV1.ClientMessage)({ type: "Finalise" }))
    )
    const settings = Schema.decodeUnknownEither(AgentV1.Settings)({
      type: "Settings",
      audio: { input: { encoding: "mp9", sample_rate: 16000 } },
      agent: {}
    })
    assert.isTrue(Either.isLeft(settings))
  })
})

describe("spec patches for what Deepgram sends", () => {
  it("live Metadata: models and model_info are typed, the deprecated transaction_key may be absent", () => {
    const message = Either.getOrThrow(ListenV1.decodeServerMessageEither(JSON.stringify({
      type: "Metadata",
      request_id: "r",
      sha256: "s",
      created: "2025-01-01T00:00:00Z",
      duration: 1,
      channels: 1,
      models: ["u"],
      model_info: { u: { name: "general-nova-3", version: "2025-01-01.0", arch: "nova-3" } }
    })))
    assert.strictEqual(message.type, "Metadata")
    if (message.type === "Metadata") assert.strictEqual(message.model_info?.["u"]?.arch, "nova-3")
  })

  it("SpeakV1 Warning: both the { code, description } and the { warn_code, warn_msg } spellings", () => {
    for (const frame of [
      { type: "Warning", code: "C", description: "d" },
      { type: "Warning", warn_code: "C", warn_msg: "d" }
    ]) {
      const message = Either.getOrThrow(SpeakV1.decodeServerMessageEither(JSON.stringify(frame)))
      assert.strictEqual(message.type, "Warning")
      if (message.type === "Warning") assert.strictEqual(message.code ?? message.warn_code, "C")
    }
  })

  it("pre-recorded model_info is keyed by model UUID", () => {
    const info = Schema.decodeUnknownSync(Operations.operations["listen.v1.media.transcribe"].response)({
      metadata: {
        request_id: "r",
        sha256: "s",
        created: "c",
        duration: 1,
        channels: 1,
        models: ["u"],
        model_info: { u: { name: "general-nova-3", version: "v", arch: "nova-3" } }
      },
      results: { channels: [] }
    })
    assert.strictEqual("metadata" in info ? info.metadata.model_info["u"]?.name : undefined, "general-nova-3")
  })
})
