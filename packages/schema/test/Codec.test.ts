// The codec helpers that the generated schemas lean on: `AnyValue` (present, whatever its type) and `WithAnyKey`
// (an all-optional member of an ambiguous union needs at least one of its keys, or it would match any object).
import { assert, describe, it } from "@effect/vitest"
import { Either, ParseResult, Schema } from "effect"
import { AnyValue, WithAnyKey } from "../src/internal/codec.js"

const messageOf = <A, I>(schema: Schema.Schema<A, I>, input: unknown): string | undefined =>
  Either.match(Schema.decodeUnknownEither(schema)(input), {
    onLeft: (error) => ParseResult.TreeFormatter.formatErrorSync(error),
    onRight: () => undefined
  })

describe("codec helpers", () => {
  it("WithAnyKey: one of the keys is enough, none is an error naming them all", () => {
    const schema = WithAnyKey(
      Schema.Struct({ err_code: Schema.optional(Schema.String), err_msg: Schema.optional(Schema.String) }),
      ["err_code", "err_msg"]
    )
    assert.isUndefined(messageOf(schema, { err_code: "E" }))
    assert.isUndefined(messageOf(schema, { err_msg: "m" }))
    assert.isUndefined(messageOf(schema, { err_code: "E", err_msg: "m" }))
    assert.include(messageOf(schema, {}) ?? "accepted", "expected at least one of err_code, err_msg")
    assert.include(messageOf(schema, { err_code: undefined, other: 1 }) ?? "accepted", "expected at least one of")
  })

  it("AnyValue: any JSON value, null included, but a missing property is an error", () => {
    const schema = Schema.Struct({ value: AnyValue })
    for (const value of [null, 0, "", false, [], {}]) assert.isUndefined(messageOf(schema, { value }), String(value))
    assert.include(messageOf(schema, {}) ?? "accepted", "is missing")
  })
})
