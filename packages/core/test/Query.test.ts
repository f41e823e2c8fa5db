import { assert, describe, it } from "@effect/vitest"
import { encodeQuery, toSearch } from "../src/internal/query.js"

describe("query encoding", () => {
  it("repeats array keys, lowercases booleans and skips absent values", () => {
    const pairs = encodeQuery({ keyterm: ["a", "b c"], smart_format: true, punctuate: false, utt_split: 0.5, language: undefined })
    assert.deepStrictEqual(pairs, [["keyterm", "a"], ["keyterm", "b c"], ["smart_format", "true"], ["punctuate", "false"], [
      "utt_split",
      "0.5"
    ]])
    assert.strictEqual(toSearch(pairs), "?keyterm=a&keyterm=b+c&smart_format=true&punctuate=false&utt_split=0.5")
  })

  it("appends extra parameters after the typed ones", () => {
    assert.deepStrictEqual(encodeQuery({ model: "nova-3" }, { new_option: 1 }), [["model", "nova-3"], ["new_option", "1"]])
  })

  it("every kind of value: null and undefined skipped (in arrays too), numbers, bigints, objects as JSON", () => {
    assert.deepStrictEqual(
      encodeQuery({ a: null, b: undefined, c: 0, d: 10n, e: { x: 1 }, f: [null, "kept", undefined, false, 2] }, undefined),
      [["c", "0"], ["d", "10"], ["e", "{\"x\":1}"], ["f", "kept"], ["f", "false"], ["f", "2"]]
    )
    assert.deepStrictEqual(encodeQuery({ s: "" }), [["s", ""]])
    assert.deepStrictEqual(encodeQuery(), [])
  })

  it("no pairs, no question mark", () => {
    assert.strictEqual(toSearch([]), "")
    assert.strictEqual(toSearch([["a", "1 2"]]), "?a=1+2")
  })
})
