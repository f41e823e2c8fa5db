import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { ListenV1, Operations, ResponseDecoder } from "../src/index.js"
import * as FastDecode from "../src/internal/fastDecode.js"

// ResponseDecoder (src/ResponseDecoder.ts) must decode every REST response body exactly as
// `Schema.decodeUnknownEither(schema)(json, { onExcessProperty: "preserve" })` does; its fast path must either
// miss or agree with that decode, on valid bodies and on mutated ones.

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }

const preserve = { onExcessProperty: "preserve" } as const

const responses = Object.values<Operations.OperationSpec>(Operations.operations)
  .filter((op) => op.response !== undefined)
  .map((op) => ({ name: op.name, schema: op.response as Schema.Schema<unknown> }))

const copy = (json: Json): Json => JSON.parse(JSON.stringify(json)) as Json

/** The containers of a JSON value (objects and arrays), depth first. */
const containers = (value: Json, out: Array<Array<Json> | { [key: string]: Json }> = []) => {
  if (typeof value === "object" && value !== null) {
    out.push(value)
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, out)
  }
  return out
}

const replacements: ReadonlyArray<Json> = [null, "", "x", 0, -1.5, true, [], [1], {}, { a: 1 }]

interface Mutation {
  readonly op: "extra" | "delete" | "replace"
  readonly at: number
  readonly pick: number
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("extra", "delete", "replace"),
  at: fc.nat(),
  pick: fc.nat()
})

/** Applies the mutations to a copy of `json`: an unknown key added, a key deleted or a value replaced. */
const mutate = (json: Json, mutations: ReadonlyArray<Mutation>): Json => {
  const root = copy(json)
  for (const { at, op, pick } of mutations) {
    const all = containers(root)
    if (all.length === 0) break
    const target = all[at % all.length]!
    const keys = Object.keys(target)
    const replacement = copy(replacements[pick % replacements.length]!)
    if (op === "extra" && !Array.isArray(target)) {
      target[`future_${pick % 3}`] = replacement
    } else if (keys.length > 0) {
      const key = keys[pick % keys.length]!
      if (op === "delete" && !Array.isArray(target)) delete target[key]
      else (target as Record<string, Json>)[key] = replacement
    }
  }
  return root
}

/** Checks one body: the decoder gives the Schema decode's result, and the fast path misses or agrees. */
const agree = (schema: Schema.Schema<unknown>, json: Json, requireHit: boolean): void => {
  const expected = Schema.decodeUnknownEither(schema)(copy(json), preserve)
  const actual = ResponseDecoder.make(schema)(copy(json))
  const fast = FastDecode.compile(schema.ast, true)
  const fastResult = fast === undefined ? FastDecode.Miss : fast(copy(json))
  if (Either.isLeft(expected)) {
    assert.strictEqual(fastResult, FastDecode.Miss, `fast path accepted what the schema rejects: ${JSON.stringify(json)}`)
    if (Either.isRight(actual)) assert.fail(`decoder accepted what the schema rejects: ${JSON.stringify(json)}`)
    else assert.strictEqual(actual.left.message, expected.left.message)
    return
  }
  assert.isTrue(Either.isRight(actual))
  // chai's deep equality (a kept "constructor" key would shadow what jest compares)
  assert.deepStrictEqual(Either.getOrThrow(actual), expected.right)
  if (fastResult !== FastDecode.Miss) assert.deepStrictEqual(fastResult, expected.right)
  else if (requireHit && fast !== undefined) assert.fail(`fast path missed a valid body: ${JSON.stringify(json)}`)
}

describe("ResponseDecoder", () => {
  it("has a fast path for the transcription response (a union with the callback's AcceptedResponse)", () => {
    const transcribe = Operations.operations["listen.v1.media.transcribe"].response
    assert.isDefined(FastDecode.compile(transcribe.ast, true))
    const compiled = responses.filter(({ schema }) => FastDecode.compile(schema.ast, true) !== undefined)
    assert.isAtLeast(compiled.length, responses.length - 3, "most response schemas compile")
  })

  it("is built once per schema", () => {
    assert.strictEqual(ResponseDecoder.make(ListenV1.TranscriptionResponse), ResponseDecoder.make(ListenV1.TranscriptionResponse))
  })

  it("keeps unknown fields and unlisted enum values, like the Schema decode", () => {
    const decode = ResponseDecoder.make(Operations.operations["listen.v1.media.transcribe"].response)
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
      results: { channels: [{ alternatives: [{ transcript: "hi", confidence: 1, words: [], added: true }] }] },
      new_top_level: [1]
    }
    assert.deepStrictEqual(Either.getOrThrow(decode(copy(body))), body)
    // The callback's answer is the union's other member.
    assert.deepStrictEqual(Either.getOrThrow(decode({ request_id: "r", extra: 1 })) as unknown, { request_id: "r", extra: 1 })
    assert.isTrue(Either.isLeft(decode({ metadata: 1 })))
  })

  it("keeps unknown fields of a schema without the preserve annotation too, when it copies an object", () => {
    // `b` is required but may be undefined: absent, the decode adds the key, so the object is copied.
    const schema = Schema.Struct({ a: Schema.String, b: Schema.Unknown, c: Schema.optional(Schema.Number) })
    const fast = FastDecode.compile(schema.ast, true)
    assert.isDefined(fast)
    for (const body of [{ a: "x", extra: 1 }, { a: "x", b: 2, extra: [1] }, { extra: 1, a: "x", c: 1 }]) {
      agree(schema as Schema.Schema<unknown>, body, true)
      assert.deepStrictEqual(fast!(copy(body)), Schema.decodeUnknownSync(schema)(copy(body), preserve))
    }
    assert.deepStrictEqual(Either.getOrThrow(ResponseDecoder.make(schema)({ a: "x", extra: 1 })) as unknown, {
      a: "x",
      b: undefined,
      extra: 1
    })
  })

  for (const { name, schema } of responses) {
    it(`${name}: agrees with the Schema decode on generated and mutated bodies`, () => {
      const bodies = fc.sample(Arbitrary.make(schema), { numRuns: 12, seed: 11 })
        .map((value) => JSON.stringify(Schema.encodeSync(schema)(value)))
        .filter((text): text is string => text !== undefined)
        .map((text) => JSON.parse(text) as Json)
      for (const body of bodies) agree(schema, body, true)
      fc.assert(
        fc.property(fc.constantFrom(...bodies), fc.array(mutation, { minLength: 1, maxLength: 3 }), (body, mutations) => {
          agree(schema, mutate(body, mutations), false)
        }),
        { numRuns: 40, seed: 5 }
      )
    })
  }
})
