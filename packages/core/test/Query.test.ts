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
})
