// Messages a channel does not model, typeless ones included, decode to
// `{ type: "Unknown", raw }` on every channel; values that are not such an
// object never do.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { AgentV1, ListenV1, ListenV2, SpeakV1, SpeakV2 } from "../src/index.js"

type Decode = (text: string) => Either.Either<
  { readonly type: string; readonly raw?: unknown },
  { readonly channel: string; readonly reason: string; readonly message: string }
>

const channels: ReadonlyArray<readonly [string, Decode]> = [
  ["ListenV1", ListenV1.decodeServerMessageEither],
  ["ListenV2", ListenV2.decodeServerMessageEither],
  ["SpeakV1", SpeakV1.decodeServerMessageEither],
  ["SpeakV2", SpeakV2.decodeServerMessageEither],
  ["AgentV1", AgentV1.decodeServerMessageEither]
]

describe("Unknown server messages", () => {
  it("a message without a type decodes to Unknown, every key kept, on every channel", () => {
    for (const [channel, decode] of channels) {
      const raw = { note: "no type here", nested: { a: [1, 2] }, n: 0 }
      const decoded = decode(JSON.stringify(raw))
      assert.isTrue(Either.isRight(decoded), `${channel}: ${Either.isLeft(decoded) ? decoded.left.message : ""}`)
      assert.deepStrictEqual(Either.getOrThrow(decoded), { type: "Unknown", raw }, channel)
      // An empty object has no type either.
      assert.deepStrictEqual(Either.getOrThrow(decode("{}")), { type: "Unknown", raw: {} }, channel)
    }
  })

  it("an unmodelled type decodes to Unknown; a non-string type or a non-object does not", () => {
    for (const [channel, decode] of channels) {
      const future = { type: "FromTheFuture", value: 42 }
      assert.deepStrictEqual(Either.getOrThrow(decode(JSON.stringify(future))), { type: "Unknown", raw: future }, channel)
      for (const text of ["[]", "null", "42", "\"Results\"", "{\"type\":7}", "{\"type\":null}"]) {
        const decoded = decode(text)
        assert.notStrictEqual(Either.isRight(decoded) && decoded.right.type, "Unknown", `${channel}: ${text}`)
      }
      const notJson = decode("{not json")
      assert.strictEqual(Either.isLeft(notJson) && notJson.left.reason, "InvalidJson", channel)
      assert.match(Either.isLeft(notJson) ? notJson.left.channel : "", /^\/v\d\//, `${channel}: the error names the channel`)
    }
  })
})
