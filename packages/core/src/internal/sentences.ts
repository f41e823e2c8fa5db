// internal
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as Take from "effect/Take"

/** The control message that asks a speak socket to synthesize what it has. */
export interface Flush {
  readonly type: "Flush"
}

export const flush: Flush = { type: "Flush" }

export interface SentenceOptions {
  /** Flush what is buffered when no token arrived for this long (400 ms by default). */
  readonly idle?: Duration.DurationInput | undefined
  /** Flush only once at least this many characters are buffered at a sentence end (1 by default). */
  readonly minChars?: number | undefined
}

// A sentence ends at `.`, `!`, `?`, `…` (or their CJK forms), possibly followed by closing quotes or
// brackets, then whitespace; or at a blank line.
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*\s+|\n\s*\n/g

/** The index just past the last sentence end in `text`, or 0. */
const lastSentenceEnd = (text: string): number => {
  let end = 0
  SENTENCE_END.lastIndex = 0
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    end = match.index + match[0].length
  }
  return end
}

/**
 * Batches a token stream (an LLM's output) into sentences for a speak socket:
 * complete sentences are emitted followed by a `Flush`; text without a
 * sentence end waits for more tokens, and is flushed when the tokens pause for
 * `idle` or end. Pulls tokens only as fast as the result is consumed.
 */
export const sentences = <E, R>(
  tokens: Stream.Stream<string, E, R>,
  options: SentenceOptions = {}
): Stream.Stream<string | Flush, E, R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const idle = Duration.decode(options.idle ?? "400 millis")
    const minChars = Math.max(1, options.minChars ?? 1)
    const queue = yield* Stream.toQueue(tokens, { capacity: 16 })
    let buffer = ""
    let done = false

    const emit = (text: string): Chunk.Chunk<string | Flush> =>
      text.trim() === "" ? Chunk.empty() : Chunk.make(text, flush)
    const everything = () => {
      const text = buffer
      buffer = ""
      return emit(text)
    }
    const completeSentences = () => {
      const end = lastSentenceEnd(buffer)
      if (end === 0 || end < minChars) return Chunk.empty<string | Flush>()
      const text = buffer.slice(0, end)
      buffer = buffer.slice(end)
      return emit(text)
    }

    const step: Effect.Effect<Chunk.Chunk<string | Flush>, Option.Option<E>> = Effect.suspend(() => {
      if (done) return Effect.fail(Option.none())
      const next = buffer.trim() === ""
        ? Effect.map(Queue.take(queue), Option.some)
        : Effect.timeoutOption(Queue.take(queue), idle)
      return Effect.flatMap(next, (take) =>
        Option.match(take, {
          onNone: () => Effect.succeed(everything()),
          onSome: Take.match({
            onEnd: () => {
              done = true
              return Effect.succeed(everything())
            },
            onFailure: (cause) => Effect.failCause(Cause.map(cause, Option.some)),
            onSuccess: (chunk) => {
              for (const token of chunk) buffer += token
              return Effect.succeed(completeSentences())
            }
          })
        }))
    })
    return Stream.repeatEffectChunkOption(step)
  }))

/**
 * Splits text into pieces of at most `max` characters, at a sentence end where
 * one falls in the window, else at whitespace, else (one long word) anywhere
 * outside a surrogate pair.
 */
export const splitText = (text: string, max: number): ReadonlyArray<string> => {
  if (text.length <= max) return [text]
  const pieces: Array<string> = []
  let rest = text
  while (rest.length > max) {
    const window = rest.slice(0, max)
    let cut = lastSentenceEnd(window)
    if (cut === 0) {
      const space = window.search(/\s\S*$/)
      cut = space > 0 ? space + 1 : max
    }
    if (cut === max) {
      const code = rest.charCodeAt(max - 1)
      if (code >= 0xd800 && code <= 0xdbff) cut = max - 1
    }
    pieces.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  if (rest.length > 0) pieces.push(rest)
  return pieces
}
