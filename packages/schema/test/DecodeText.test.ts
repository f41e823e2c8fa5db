// makeDecodeText (internal/messages.ts), the text-frame decoder every channel uses, on a fresh decoder per test (it
// compiles its fast path on first use): what is a decode error and of which reason, what becomes Invalid or
// Unknown, and that the fast path and the schema decode agree.
import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { ListenV1 } from "../src/index.js"
import * as FastDecode from "../src/internal/fastDecode.js"
import * as Messages from "../src/internal/messages.js"

const fresh = () => Messages.makeDecodeText("/v1/listen", ListenV1.ServerMessage)

const metadata = {
  type: "Metadata",
  transaction_key: "deprecated",
  request_id: "r-1",
  sha256: "s",
  created: "2026-01-01T00:00:00Z",
  duration: 1,
  channels: 1,
  models: ["m"],
  model_info: { m: { name: "nova-3", version: "1", arch: "a" } }
}

const errorOf = (result: Either.Either<unknown, { readonly reason: string; readonly channel: string; readonly excerpt: string }>) =>
  Either.isLeft(result) ? [result.left.reason, result.left.channel, result.left.excerpt] : ["decoded"]

describe("makeDecodeText", () => {
  it("text that is not JSON is InvalidJson, with the channel and an excerpt of at most 200 characters", () => {
    const decode = fresh()
    assert.deepStrictEqual(errorOf(decode("{nope")), ["InvalidJson", "/v1/listen", "{nope"])
    const long = `{${"x".repeat(300)}`
    assert.deepStrictEqual(errorOf(decode(long)), ["InvalidJson", "/v1/listen", `${long.slice(0, 200)}…`])
    assert.deepStrictEqual(errorOf(decode(`{${"x".repeat(199)}`)), ["InvalidJson", "/v1/listen", `{${"x".repeat(199)}`])
  })

  it("JSON that is not an object is a SchemaMismatch", () => {
    const decode = fresh()
    for (const text of ["null", "[1]", "3", "\"Results\"", "true"]) {
      assert.deepStrictEqual(errorOf(decode(text)), ["SchemaMismatch", "/v1/listen", text], text)
    }
  })

  it("a type that is not a string is Invalid, not an error (and not a crash of the union parser)", () => {
    const decode = fresh()
    for (const raw of [{ type: 1 }, { type: { toString: 1 } }, { type: null }]) {
      const result = decode(JSON.stringify(raw))
      assert.isTrue(Either.isRight(result), JSON.stringify(raw))
      if (Either.isRight(result)) {
        assert.deepStrictEqual(result.right as unknown, {
          type: "Invalid",
          messageType: undefined,
          raw,
          issue: "type: Expected string"
        })
      }
    }
  })

  it("an unmodelled type, or none, is Unknown with the message kept whole", () => {
    const decode = fresh()
    for (const raw of [{ type: "Brand new", a: 1 }, { a: 1 }]) {
      const result = decode(JSON.stringify(raw))
      assert.isTrue(Either.isRight(result))
      if (Either.isRight(result)) assert.deepStrictEqual(result.right as unknown, { type: "Unknown", raw })
    }
  })

  it("a modelled message decodes the same with and without the fast path, extra fields kept", () => {
    const text = JSON.stringify({ ...metadata, added_later: true })
    const fast = fresh()(text)
    const slow = Schema.decodeUnknownEither(ListenV1.ServerMessage)(JSON.parse(text), { onExcessProperty: "preserve" })
    assert.isTrue(Either.isRight(fast))
    assert.isTrue(Either.isRight(slow))
    if (Either.isRight(fast) && Either.isRight(slow)) {
      assert.deepStrictEqual(fast.right, slow.right)
      assert.strictEqual((fast.right as { readonly type: string }).type, "Metadata")
      assert.strictEqual((fast.right as unknown as { readonly added_later: boolean }).added_later, true)
    }
  })

  it("a modelled message that fails its schema is Invalid with the first issue", () => {
    const decode = fresh()
    const result = decode(JSON.stringify({ ...metadata, duration: "long" }))
    assert.isTrue(Either.isRight(result))
    if (Either.isRight(result)) {
      const message = result.right as unknown as { type: string; messageType: string; issue: string }
      assert.deepStrictEqual([message.type, message.messageType], ["Invalid", "Metadata"])
      assert.include(message.issue, "duration")
    }
  })

  it("without an Invalid member, a failed schema is a SchemaMismatch error with the parse error as cause", () => {
    const Strict = Schema.Union(
      Schema.Struct({ type: Schema.Literal("A"), n: Schema.Number }),
      Schema.Struct({ type: Schema.Literal("B") })
    )
    const decode = Messages.makeDecodeText("/strict", Strict)
    assert.deepStrictEqual(decode("{\"type\":\"A\",\"n\":1}"), Either.right({ type: "A" as const, n: 1 }))
    assert.deepStrictEqual(decode("{\"type\":\"B\"}"), Either.right({ type: "B" as const }))
    const result = decode("{\"type\":\"A\",\"n\":\"1\"}")
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.deepStrictEqual([result.left.reason, result.left.channel], ["SchemaMismatch", "/strict"])
      assert.isTrue(result.left.cause instanceof Error)
      // The cause is the parse error with its issue (the path to the field that failed).
      assert.include(String(result.left.cause), "n")
      assert.isDefined((result.left.cause as { readonly issue?: unknown }).issue)
    }
  })
})

describe("the fast path's dispatch (compileMessageUnion)", () => {
  const Union = Schema.Union(
    Schema.Struct({ type: Schema.Literal("A"), n: Schema.Number }),
    Schema.Struct({ type: Schema.Literal("B"), s: Schema.String })
  )

  it("dispatches on type to that member's validator; misses for anything else", () => {
    const fast = FastDecode.compileMessageUnion(Union.ast)
    assert.isDefined(fast)
    if (fast === undefined) return
    assert.deepStrictEqual([...fast.types].sort(), ["A", "B"])
    assert.deepStrictEqual(fast.decode({ type: "A", n: 1 }), { type: "A", n: 1 })
    assert.deepStrictEqual(fast.decode({ type: "B", s: "x" }), { type: "B", s: "x" })
    assert.strictEqual(fast.decode({ type: "A", s: "x" }), FastDecode.Miss, "A's validator, not B's")
    for (const json of [null, undefined, 1, "A", { type: 1 }, { n: 1 }, { type: "C", n: 1 }]) {
      assert.strictEqual(fast.decode(json), FastDecode.Miss, JSON.stringify(json))
    }
  })

  it("gives up when nothing can be dispatched", () => {
    assert.isUndefined(FastDecode.compileMessageUnion(Schema.String.ast))
    assert.isUndefined(FastDecode.compileMessageUnion(Schema.Union(Schema.String, Schema.Number).ast))
  })
})
