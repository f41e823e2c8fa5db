import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Queue, Stream, TestClock } from "effect"
import { splitText } from "../src/internal/sentences.js"
import { Speak } from "../src/index.js"

const sentences = Speak.sentences

const show = (items: Iterable<string | { readonly type: "Flush" }>) =>
  Array.from(items, (item) => (typeof item === "string" ? item : "<flush>"))

describe("the sentence batcher", () => {
  it.effect("emits complete sentences followed by a Flush, and the rest at the end", () =>
    Effect.gen(function*() {
      const tokens = Stream.make("Hello", " there", ". How", " are", " you? I", " am", " fine")
      const out = yield* Stream.runCollect(sentences(tokens))
      assert.deepStrictEqual(show(out), ["Hello there. How are you? ", "<flush>", "I am fine", "<flush>"])
    }))

  it.effect("a number's decimal point or an abbreviation without a following space is not a sentence end", () =>
    Effect.gen(function*() {
      const out = yield* Stream.runCollect(sentences(Stream.make("Pi is 3.", "14 today! ", "Yes")))
      assert.deepStrictEqual(show(out), ["Pi is 3.14 today! ", "<flush>", "Yes", "<flush>"])
    }))

  it.effect("flushes what is buffered when the tokens pause for the idle time", () =>
    Effect.gen(function*() {
      const input = yield* Queue.unbounded<string>()
      const collected: Array<string> = []
      const fiber = yield* sentences(Stream.fromQueue(input), { idle: "400 millis" }).pipe(
        Stream.runForEach((item) => Effect.sync(() => collected.push(typeof item === "string" ? item : "<flush>"))),
        Effect.fork
      )
      yield* Queue.offer(input, "Let me think")
      yield* TestClock.adjust("300 millis")
      assert.deepStrictEqual(collected, [])
      yield* Queue.offer(input, " about it")
      yield* TestClock.adjust("300 millis")
      assert.deepStrictEqual(collected, [], "a new token restarts the idle time")
      yield* TestClock.adjust("200 millis")
      assert.deepStrictEqual(collected, ["Let me think about it", "<flush>"])
      yield* Queue.shutdown(input)
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("a failing token stream fails the batched stream", () =>
    Effect.gen(function*() {
      const error = yield* sentences(Stream.concat(Stream.make("Hi. "), Stream.fail("boom" as const))).pipe(
        Stream.runCollect,
        Effect.flip
      )
      assert.strictEqual(error, "boom")
    }))

  it.effect("whitespace-only text is not flushed", () =>
    Effect.gen(function*() {
      const out = yield* Stream.runCollect(sentences(Stream.rechunk(Stream.make("Done. ", "  "), 1)))
      assert.deepStrictEqual(show(Chunk.toReadonlyArray(out)), ["Done. ", "<flush>"])
    }))
})

describe("splitText", () => {
  it("keeps text within the limit whole", () => {
    assert.deepStrictEqual(splitText("short", 10), ["short"])
  })

  it("cuts at sentence ends, else at spaces, else anywhere; nothing is lost", () => {
    const text = "One two three. Four five six seven eight nine ten. " + "x".repeat(25)
    const pieces = splitText(text, 20)
    assert.strictEqual(pieces.join(""), text)
    for (const piece of pieces) assert.isAtMost(piece.length, 20)
    assert.strictEqual(pieces[0], "One two three. ")
    assert.strictEqual(pieces[1], "Four five six seven ")
  })

  it("never cuts a surrogate pair", () => {
    const text = "a".repeat(9) + "😀" + "b".repeat(5)
    const pieces = splitText(text, 10)
    assert.strictEqual(pieces.join(""), text)
    assert.strictEqual(pieces[0], "a".repeat(9))
  })
})
