import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, ParseResult, Schema, SchemaAST as AST } from "effect"
import { AgentV1, ListenV1, ListenV2, SpeakV1, SpeakV2 } from "../src/index.js"
import * as FastDecode from "../src/internal/fastDecode.js"

// The fast path (src/internal/fastDecode.ts) must agree with the schema decode: on every JSON input, it either
// misses (and the schema decode fails) or returns a value deep-equal to the schema's result.

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }

const channels = { ListenV1, ListenV2, SpeakV1, SpeakV2, AgentV1 } as const

const fastPath = (schema: Schema.Schema.Any): FastDecode.FastPath => {
  const fast = FastDecode.compileMessageUnion(schema.ast)
  if (fast === undefined) throw new Error("no fast path")
  return fast
}

const roundTrip = (value: unknown): unknown => {
  const text = JSON.stringify(value)
  return text === undefined ? undefined : JSON.parse(text)
}

/** Decodes `json` both ways (each on its own copy) and checks that they agree; returns whether it decoded. */
const agree = (schema: Schema.Schema.Any, fast: FastDecode.FastPath, json: unknown, requireHit = true): boolean => {
  // An own "__proto__" key (a hostile frame): the schema assigns kept keys, so it becomes the prototype of the
  // schema's output, while the fast path keeps it as an own data property (the documented difference): compare
  // the rest, and check that the key stayed data.
  const hostile = JSON.stringify(json)?.includes("\"__proto__\"") === true
  const fastResult = fast.decode(roundTrip(json))
  if (hostile) {
    assert.strictEqual(Object.getPrototypeOf({}), Object.prototype)
    if (fastResult !== FastDecode.Miss) assertNoOwnProtoPrototype(fastResult)
    return fastResult !== FastDecode.Miss
  }
  const actual = fastResult
  let expected: Either.Either<unknown, ParseResult.ParseIssue>
  try {
    expected = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)(roundTrip(json))
  } catch (defect) {
    // effect's union parser calls `String(input.type)`, which throws for e.g. `{ "type": { "toString": 1 } }`;
    // the fast path leaves such inputs to it.
    assert.strictEqual(actual, FastDecode.Miss)
    return false
  }
  const invalid = Either.isRight(expected) && (expected.right as { readonly type?: unknown }).type === "Invalid"
  if (Either.isLeft(expected) || invalid) {
    // a failed known message (the schema's `Invalid` variant, or a failure for a plain union) is the schema's
    if (actual !== FastDecode.Miss) {
      throw new Error(`fast path accepted what the schema rejects: ${JSON.stringify(json)}\n${String(expected)}`)
    }
    return false
  }
  if (actual === FastDecode.Miss) {
    // Not a correctness problem (the caller falls back), but every valid message of a covered type should take
    // the fast path; others (e.g. `Unknown`) are the schema's.
    const type = typeof json === "object" && json !== null ? (json as { readonly type?: unknown }).type : undefined
    if (requireHit && !hostile && typeof type === "string" && fast.types.includes(type)) {
      throw new Error(`fast path missed a valid message: ${JSON.stringify(json)}`)
    }
    return true
  }
  // chai's deep equality (jest's toStrictEqual compares `.constructor`, which a kept "constructor" key shadows)
  assert.deepStrictEqual(actual, expected.right)
  return true
}

/** Every object of a fast-path result keeps the plain prototype (an own "__proto__" key stays data). */
const assertNoOwnProtoPrototype = (value: unknown): void => {
  if (typeof value !== "object" || value === null) return
  if (!Array.isArray(value)) assert.strictEqual(Object.getPrototypeOf(value), Object.prototype)
  for (const child of Object.values(value)) assertNoOwnProtoPrototype(child)
}

const typeOf = (member: AST.AST): unknown => {
  const type = AST.isTypeLiteral(member) ? member.propertySignatures.find((ps) => ps.name === "type")?.type : undefined
  return type !== undefined && AST.isLiteral(type) ? type.literal : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// mutations of a valid message
// ---------------------------------------------------------------------------------------------------------------

const replacements: ReadonlyArray<Json> = [
  null,
  "",
  "x",
  "Results",
  0,
  -1,
  1.5,
  2 ** 60,
  true,
  false,
  [],
  [0],
  ["x"],
  {},
  { word: "x", start: 0, end: 1, confidence: 1 }
]
const extraKeys = ["extra", "some_future_field", "__proto__", "constructor", "toString", "type", "0"]

type Slot = { readonly parent: Array<Json> | { [key: string]: Json }; readonly key: string | number }

const slots = (value: Json, out: Array<Slot> = []): Array<Slot> => {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push({ parent: value, key: i })
      slots(child, out)
    })
  } else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key })
      slots(value[key]!, out)
    }
  }
  return out
}

const containers = (value: Json, out: Array<Array<Json> | { [key: string]: Json }> = []) => {
  if (typeof value === "object" && value !== null) {
    out.push(value)
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, out)
  }
  return out
}

const setOwn = (target: { [key: string]: Json }, key: string, value: Json) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

interface Mutation {
  readonly op: "delete" | "replace" | "extra" | "empty" | "duplicate"
  readonly at: number
  readonly pick: number
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("delete", "replace", "extra", "empty", "duplicate"),
  at: fc.nat(),
  pick: fc.nat()
})

/** Applies the mutations to a copy of `value`; mutations that find no target do nothing. */
const mutate = (value: unknown, mutations: ReadonlyArray<Mutation>): Json => {
  const root = { root: roundTrip(value) as Json }
  const replacement = (pick: number) => roundTrip(replacements[pick % replacements.length]) as Json
  for (const { at, op, pick } of mutations) {
    if (op === "delete" || op === "replace") {
      const all = slots(root).filter((slot) => slot.parent !== root || op === "replace")
      const slot = all[at % all.length]
      if (slot === undefined) continue
      const parent = slot.parent
      if (op === "replace") {
        if (Array.isArray(parent)) parent[slot.key as number] = replacement(pick)
        else setOwn(parent, slot.key as string, replacement(pick))
      } else if (Array.isArray(parent)) parent.splice(slot.key as number, 1)
      else delete parent[slot.key]
    } else if (op === "extra") {
      const objects = containers(root.root).filter((c): c is { [key: string]: Json } => !Array.isArray(c))
      const target = objects[at % objects.length]
      if (target !== undefined) {
        setOwn(target, extraKeys[pick % extraKeys.length]!, replacement(pick >> 3))
      }
    } else {
      const arrays = containers(root.root).filter((c): c is Array<Json> => Array.isArray(c))
      const target = arrays[at % arrays.length]
      if (target === undefined) continue
      if (op === "empty") target.length = 0
      else if (target.length > 0) target.push(roundTrip(target[pick % target.length]) as Json)
    }
  }
  return root.root
}

// ---------------------------------------------------------------------------------------------------------------
// hand-written Results and TurnInfo variations
// ---------------------------------------------------------------------------------------------------------------

const word = (text: string, start: number) => ({
  word: text,
  start,
  end: start + 0.3,
  confidence: 0.98,
  punctuated_word: text
})

const results = {
  type: "Results",
  channel_index: [0, 1],
  duration: 1.5,
  start: 12.25,
  is_final: true,
  speech_final: false,
  channel: {
    alternatives: [{
      transcript: "we have liftoff",
      confidence: 0.96,
      words: [word("we", 12.25), word("have", 12.55), word("liftoff", 12.85)]
    }]
  },
  metadata: {
    request_id: "5d2a4d26-6c2f-4c3f-9d43-000000000001",
    model_info: { name: "general-nova-3", version: "2025-01-01.0", arch: "nova-3" },
    model_uuid: "1dbdfb4d-85b2-4659-9b6b-8f4e0b0d8a22"
  },
  from_finalize: false
}

const turnInfo = {
  type: "TurnInfo",
  request_id: "0b1c9f7e-2a64-4d6b-9a3e-6b0a7f9c1d22",
  sequence_id: 7,
  event: "Update",
  turn_index: 0,
  audio_window_start: 0,
  audio_window_end: 2.56,
  transcript: "as much as",
  words: [{ word: "as", confidence: 0.99 }, { word: "much", confidence: 0.98, start: 0.3, end: 0.6 }],
  end_of_turn_confidence: 0.21
}

/** Sets (or, with `undefined`, deletes) the value at a dotted path of a copy of `value`. */
const at = (value: unknown, path: string, replacement: unknown): Json => {
  const copy = roundTrip(value) as { [key: string]: Json }
  const keys = path.split(".")
  let target: { [key: string]: Json } = copy
  for (const key of keys.slice(0, -1)) target = target[key] as { [key: string]: Json }
  const last = keys[keys.length - 1]!
  if (replacement === undefined) delete target[last]
  else setOwn(target, last, replacement as Json)
  return copy
}

const entity = { label: "NAME", value: "Ada", raw_value: "ada", confidence: 0.9, start_word: 0 }

const resultsVariations: ReadonlyArray<readonly [string, Json, boolean]> = [
  ["as is", roundTrip(results) as Json, true],
  [
    "no is_final/speech_final/from_finalize",
    at(at(at(results, "is_final", undefined), "speech_final", undefined), "from_finalize", undefined),
    true
  ],
  ["empty words", at(results, "channel.alternatives.0.words", []), true],
  ["empty alternatives", at(results, "channel.alternatives", []), true],
  ["empty channel_index", at(results, "channel_index", []), true],
  ["languages", at(results, "channel.alternatives.0.languages", ["en", "fr"]), true],
  ["entities", at(results, "entities", [{ ...entity, end_word: 1 }]), true],
  ["empty entities", at(results, "entities", []), true],
  ["speaker", at(results, "channel.alternatives.0.words.1.speaker", 2), true],
  ["word language", at(results, "channel.alternatives.0.words.1.language", "en"), true],
  ["extra top-level field", at(results, "extra", { nested: [1] }), true],
  ["extra word field", at(results, "channel.alternatives.0.words.2.speaker_confidence", 0.5), true],
  ["extra metadata field", at(results, "metadata.model_info.extra", "x"), true],
  ["extra __proto__ field", at(results, "channel.__proto__", { polluted: true }), true],
  ["missing channel", at(results, "channel", undefined), false],
  ["missing metadata.model_uuid", at(results, "metadata.model_uuid", undefined), false],
  ["missing word.confidence", at(results, "channel.alternatives.0.words.0.confidence", undefined), false],
  ["missing transcript", at(results, "channel.alternatives.0.transcript", undefined), false],
  ["null start", at(results, "start", null), false],
  ["null is_final", at(results, "is_final", null), false],
  ["null words", at(results, "channel.alternatives.0.words", null), false],
  ["null word", at(results, "channel.alternatives.0.words.1", null), false],
  ["null languages", at(results, "channel.alternatives.0.languages", null), false],
  ["null entities", at(results, "entities", null), false],
  ["string duration", at(results, "duration", "1.5"), false],
  ["string is_final", at(results, "is_final", "true"), false],
  ["fractional channel_index", at(results, "channel_index", [0.5]), false],
  ["fractional speaker", at(results, "channel.alternatives.0.words.0.speaker", 1.5), false],
  ["huge speaker", at(results, "channel.alternatives.0.words.0.speaker", 2 ** 60), false],
  ["numeric word", at(results, "channel.alternatives.0.words.0.word", 1), false],
  ["words as object", at(results, "channel.alternatives.0.words", { 0: word("we", 1) }), false],
  ["channel as array", at(results, "channel", []), false],
  ["number languages", at(results, "channel.alternatives.0.languages", [1]), false],
  ["entity without end_word", at(results, "entities", [entity]), false]
]

const turnInfoVariations: ReadonlyArray<readonly [string, Json, boolean]> = [
  ["as is", roundTrip(turnInfo) as Json, true],
  ["every event", at(turnInfo, "event", "EndOfTurn"), true],
  ["empty words", at(turnInfo, "words", []), true],
  ["languages", at(at(turnInfo, "languages", ["en"]), "languages_hinted", []), true],
  ["extra field", at(turnInfo, "some_future_field", { ignored: true }), true],
  ["extra word field", at(turnInfo, "words.0.speaker", 1), true],
  ["unknown event (open enum)", at(turnInfo, "event", "Sideways"), true],
  ["mistyped event", at(turnInfo, "event", 7), false],
  ["fractional sequence_id", at(turnInfo, "sequence_id", 7.5), false],
  ["null transcript", at(turnInfo, "transcript", null), false],
  ["null word start", at(turnInfo, "words.1.start", null), false],
  ["missing end_of_turn_confidence", at(turnInfo, "end_of_turn_confidence", undefined), false],
  ["missing word", at(turnInfo, "words.0.word", undefined), false],
  ["string languages", at(turnInfo, "languages", "en"), false]
]

describe("FastDecode", () => {
  it("covers the hot message types of every channel", () => {
    assert.include(fastPath(ListenV1.ServerMessage).types, "Results")
    assert.include(fastPath(ListenV2.ServerMessage).types, "TurnInfo")
    assert.include(fastPath(SpeakV1.ServerMessage).types, "Metadata")
    assert.include(fastPath(SpeakV2.ServerMessage).types, "SpeechMetadata")
    assert.include(fastPath(AgentV1.ServerMessage).types, "ConversationText")
  })

  for (const [channel, variations, schema] of [
    ["ListenV1 Results", resultsVariations, ListenV1.ServerMessage],
    ["ListenV2 TurnInfo", turnInfoVariations, ListenV2.ServerMessage]
  ] as const) {
    it(`agrees with the schema on ${channel} variations`, () => {
      const fast = fastPath(schema)
      for (const [name, json, valid] of variations) {
        assert.strictEqual(agree(schema, fast, json), valid, name)
      }
    })
  }

  it("returns the parsed object itself, unknown fields included (server data keeps them)", () => {
    const fast = fastPath(ListenV1.ServerMessage)
    const parsed = roundTrip(results)
    assert.strictEqual(fast.decode(parsed), parsed)
    const extra = roundTrip({ ...results, extra: 1 }) as typeof results
    const decoded = fast.decode(extra) as typeof results & { readonly extra?: number }
    assert.strictEqual(decoded, extra)
    assert.strictEqual(decoded.extra, 1)
  })

  it("drops unknown fields without the preserve option, keeps them with it, as the schema does", () => {
    const fields = { a: Schema.String, b: Schema.optional(Schema.Unknown), c: Schema.Unknown }
    const preserve = { onExcessProperty: "preserve" } as const
    const cases: ReadonlyArray<Schema.Schema.Any> = [
      Schema.Struct(fields),
      Schema.Struct(fields).annotations({ parseOptions: preserve }),
      Schema.Struct({ inner: Schema.Struct(fields) }).annotations({ parseOptions: preserve })
    ]
    const inputs = [{ a: "x", c: 1, z: 2 }, { a: "x", z: [1] }, { a: "x", b: undefined, c: null }, { a: 1, z: 2 }]
    for (const schema of cases) {
      const check = FastDecode.compile(schema.ast)
      assert.isDefined(check)
      for (const input of [...inputs, ...inputs.map((inner) => ({ inner }))]) {
        const expected = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)(roundTrip(input))
        const actual = check!(roundTrip(input))
        if (Either.isLeft(expected)) assert.strictEqual(actual, FastDecode.Miss)
        else assert.deepStrictEqual(actual, expected.right)
      }
    }
  })

  it("agrees with the schema on the constructs it compiles", () => {
    const cases: ReadonlyArray<readonly [Schema.Schema.Any, ReadonlyArray<unknown>]> = [
      [
        Schema.Struct({ a: Schema.optional(Schema.Number), b: Schema.Unknown, c: Schema.Array(Schema.Int) }),
        [{ a: undefined, b: 1, c: [] }, { c: [1] }, { a: 1, b: undefined, c: [1, 2] }, { c: [1.5] }, { c: {} }, []]
      ],
      [Schema.Struct({ a: Schema.optional(Schema.String) }), [{}, { a: "x" }, { a: 1 }, [], null, "x", { b: 1 }]],
      [Schema.Struct({}), [{}, { a: 1 }, [], "x", 0, false, null, undefined]],
      [Schema.Tuple(Schema.String, Schema.Number), [["x", 1], ["x"], ["x", 1, 2], [1, "x"], [], {}]],
      [Schema.Tuple([Schema.Literal("a")], Schema.Boolean), [["a"], ["a", true, false], ["a", 1], ["b"], []]],
      [
        Schema.NullOr(Schema.Struct({ a: Schema.Literal(1, 2) })),
        [null, { a: 1 }, { a: 2, b: 3 }, { a: 3 }, undefined, []]
      ],
      [Schema.Union(Schema.String, Schema.Array(Schema.String)), ["x", ["x"], [1], 1, null]],
      [Schema.Union(Schema.Literal("a"), Schema.String, Schema.Number), ["a", "b", 1, true]],
      [Schema.Record({ key: Schema.String, value: Schema.Number }), [{}, { a: 1, b: 2 }, { a: "x" }, [], null, 1]],
      [
        Schema.Record({ key: Schema.String, value: Schema.Struct({ n: Schema.optional(Schema.String), u: Schema.Unknown }) }),
        [{ m: { n: "x", u: 1 } }, { m: { n: "x" } }, { m: { u: 1, z: 2 } }, { m: { n: 1, u: 1 } }, { m: null }]
      ]
    ]
    for (const [schema, inputs] of cases) {
      const check = FastDecode.compile(schema.ast)
      assert.isDefined(check, String(schema))
      for (const input of inputs) {
        const expected = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)(input)
        const actual = check!(input)
        if (Either.isLeft(expected)) assert.strictEqual(actual, FastDecode.Miss, `${schema} ${JSON.stringify(input)}`)
        else expect(actual).toStrictEqual(expected.right)
      }
    }
  })

  it("leaves uncovered schemas to the schema decode", () => {
    assert.isUndefined(FastDecode.compile(Schema.NumberFromString.ast))
    assert.isUndefined(FastDecode.compile(Schema.Record({ key: Schema.NonEmptyString, value: Schema.Number }).ast))
    // members that could both accept an object and build different outputs, one keyed on a literal (which
    // ParseResult tries first, whatever the declared order)
    assert.isUndefined(
      FastDecode.compile(
        Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ kind: Schema.Literal("k"), b: Schema.String }))
          .ast
      )
    )
    const strict = Schema.Struct({ a: Schema.String }).annotations({ parseOptions: { onExcessProperty: "error" } })
    assert.isUndefined(FastDecode.compile(strict.ast))
  })

  it("covers a union of objects without literals in its declared order (ParseResult's order for them)", () => {
    const union = Schema.Union(
      Schema.Struct({ a: Schema.String, n: Schema.optional(Schema.Number) }),
      Schema.Struct({ b: Schema.String })
    )
    const fast = FastDecode.compile(union.ast)
    assert.isDefined(fast)
    for (const json of [{ a: "x" }, { b: "y" }, { a: "x", b: "y" }, { a: 1, b: "y" }, { a: "x", n: "1", b: "y" }, {}]) {
      const expected = ParseResult.decodeUnknownEither(union)(json)
      const actual = fast!(roundTrip(json))
      if (Either.isLeft(expected)) assert.strictEqual(actual, FastDecode.Miss)
      else assert.deepStrictEqual(actual, expected.right)
    }
  })

  it("gives a message type a fast path only when its member's result is the union's", () => {
    const message = (type: string, fields: Schema.Struct.Fields = {}) =>
      Schema.Struct({ type: Schema.Literal(type), ...fields })
    const types = (...members: ReadonlyArray<Schema.Schema.Any>) =>
      FastDecode.compileMessageUnion(Schema.Union(...members).ast)?.types
    assert.deepStrictEqual(types(message("A"), message("B"), ListenV1.Unknown), ["A", "B"])
    // two members for A: left to the schema
    assert.deepStrictEqual(types(message("A"), message("A", { x: Schema.String }), message("B")), ["B"])
    // a member keyed on another literal could be tried before A's
    assert.isUndefined(types(message("A"), Schema.Struct({ kind: Schema.Literal("k"), type: Schema.String })))
    // a member without literals is tried after the keyed ones: A's result wins
    const open = Schema.Union(message("A", { x: Schema.optional(Schema.Number) }), Schema.Struct({ type: Schema.String }))
    assert.deepStrictEqual(FastDecode.compileMessageUnion(open.ast)?.types, ["A"])
    for (const json of [{ type: "A", x: 1 }, { type: "A", x: "1" }, { type: "A", y: 1 }, { type: "B" }]) {
      // `{ type: "A", x: "1" }` fails A and decodes through the open member: a miss, as it should be
      agree(open, FastDecode.compileMessageUnion(open.ast)!, json, false)
    }
    // uncovered members get no fast path, the others keep theirs
    assert.deepStrictEqual(types(message("A", { n: Schema.NumberFromString }), message("B")), ["B"])
  })

  // Generated valid messages (effect's Arbitrary, from the same schemas) and random mutations of them: missing
  // fields, wrong types, nulls, extra fields, emptied and grown arrays.
  for (const [name, module] of Object.entries(channels)) {
    const schema = module.ServerMessage as Schema.Schema.Any
    const fast = fastPath(schema)
    const members = (schema.ast as AST.Union).types.filter((member) => fast.types.includes(String(typeOf(member))))

    it(`agrees with the schema on generated ${name} messages (${fast.types.length} types)`, () => {
      assert.strictEqual(members.length, fast.types.length)
      for (const member of members) {
        const arbitrary = Arbitrary.make(Schema.make(member))
        let decoded = 0
        fc.assert(
          fc.property(arbitrary, fc.array(mutation, { maxLength: 3 }), (value, mutations) => {
            if (agree(schema, fast, mutate(value, mutations)) && mutations.length === 0) decoded++
          }),
          { numRuns: 150, seed: 42 }
        )
        assert.isAbove(decoded, 0, String(AST.getIdentifierAnnotation(member)))
      }
    })
  }

  it("decodeServerMessageEither gives the schema's result or error", () => {
    for (const [json] of [...resultsVariations, [{ type: "Results" }], [{ type: "Surprise", x: 1 }], [[1]]]) {
      const text = JSON.stringify(json)
      const expected = Schema.decodeUnknownEither(ListenV1.ServerMessage)(JSON.parse(text))
      const actual = ListenV1.decodeServerMessageEither(text)
      if (Either.isRight(expected)) {
        expect(Either.getOrThrow(actual)).toStrictEqual(expected.right)
      } else {
        // only a frame that is not a JSON object fails
        assert.isTrue(Either.isLeft(actual))
        if (Either.isLeft(actual)) assert.include(actual.left.detail, "expected a JSON object")
      }
    }
  })
})

describe("hostile frames", () => {
  it("a type that is not a string is an Invalid message, never a throw", () => {
    const result = ListenV1.decodeServerMessageEither("{\"type\":{\"toString\":1}}")
    assert.isTrue(Either.isRight(result) && ListenV1.isInvalid(result.right))
  })
})
