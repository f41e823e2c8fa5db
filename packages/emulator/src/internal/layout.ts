/**
 * The scripted transcription engine: turns a script into words with deterministic timings spread over the
 * audio's real duration.
 *
 * @internal
 */
import { createHash } from "node:crypto"
import type { Segment } from "../Transcript.js"

/** @internal */
export interface Word {
  readonly index: number
  /** Lower-cased, without punctuation (Deepgram's `word`). */
  readonly word: string
  /** As written in the script (Deepgram's `punctuated_word`). */
  readonly punctuated: string
  readonly start: number
  readonly end: number
  readonly confidence: number
  readonly speaker: number
  readonly channel: number
  /** The word ends a sentence (`.`, `?`, `!`). */
  readonly sentenceEnd: boolean
  /** The word ends a clause (`,`, `;`, `:`, dashes). */
  readonly clauseEnd: boolean
}

interface Token {
  readonly word: string
  readonly punctuated: string
  readonly speaker: number
  readonly channel: number
  readonly sentenceEnd: boolean
  readonly clauseEnd: boolean
}

/**
 * Deepgram's `word`: lower case, letters, digits, inner apostrophes and hyphens.
 *
 * @internal
 */
export const normalizeWord = (token: string): string =>
  token
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/[^\p{L}\p{N}'-]/gu, "")
    .replace(/^['-]+|['-]+$/g, "")

const tokenize = (segments: ReadonlyArray<Segment>): Array<Token> => {
  const tokens: Array<Token> = []
  for (const segment of segments) {
    for (const raw of segment.text.split(/\s+/)) {
      const word = normalizeWord(raw)
      if (word === "") continue
      tokens.push({
        word,
        punctuated: raw,
        speaker: segment.speaker ?? 0,
        channel: segment.channel ?? 0,
        sentenceEnd: /[.!?…]["'”’)\]]*$/.test(raw),
        clauseEnd: /[,;:—–]["'”’)\]]*$/.test(raw)
      })
    }
  }
  return tokens
}

const round = (n: number): number => Math.round(n * 1000) / 1000

/**
 * A deterministic number in [0, 1) derived from the inputs.
 *
 * @internal
 */
export const unitHash = (...parts: ReadonlyArray<string | number>): number =>
  createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0) / 0x1_0000_0000

/**
 * A deterministic UUID (v4 layout) derived from the inputs.
 *
 * @internal
 */
export const stableUuid = (...parts: ReadonlyArray<string | number>): string => {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex")
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    variant + hex.slice(17, 20),
    hex.slice(20, 32)
  ].join("-")
}

/** Seconds of speech assumed per word when the audio's duration is unknown. */
const secondsPerWord = 0.4

/**
 * Lays the words of a script out over `duration` seconds: a short lead-in and tail, each word taking time in
 * proportion to its length, a short gap between words, longer pauses after commas and sentence ends.
 * Deterministic for the same script, duration and seed.
 *
 * @internal
 */
export const layout = (segments: ReadonlyArray<Segment>, duration: number, seed: string): ReadonlyArray<Word> => {
  const tokens = tokenize(segments)
  if (tokens.length === 0) return []
  const total = duration > 0 ? duration : tokens.length * secondsPerWord + 0.5
  const margin = Math.min(0.3, total * 0.04)
  const weights = tokens.map((token) => Math.min(token.word.length, 12) + 2)
  const pauses = tokens.map((token, i): number =>
    i === tokens.length - 1 ? 0 : token.sentenceEnd ? 6 : token.clauseEnd ? 3 : 1
  )
  const units = weights.reduce((a, b) => a + b, 0) + pauses.reduce((a, b) => a + b, 0)
  const scale = (total - 2 * margin) / units
  let cursor = margin
  return tokens.map((token, index) => {
    const start = cursor
    const end = start + weights[index]! * scale
    cursor = end + pauses[index]! * scale
    return {
      index,
      word: token.word,
      punctuated: token.punctuated,
      start: round(start),
      end: round(end),
      confidence: Math.round((0.9 + unitHash(seed, index, token.word) * 0.0999) * 10000) / 10000,
      speaker: token.speaker,
      channel: token.channel,
      sentenceEnd: token.sentenceEnd,
      clauseEnd: token.clauseEnd
    }
  })
}

/**
 * Mean word confidence, 0 for an empty transcript (as Deepgram reports it).
 *
 * @internal
 */
export const meanConfidence = (words: ReadonlyArray<Word>): number =>
  words.length === 0 ? 0 : Math.round(words.reduce((a, w) => a + w.confidence, 0) / words.length * 10000) / 10000

/**
 * Splits words into runs: a new run starts whenever `split(previous, next)` holds.
 *
 * @internal
 */
export const runs = <A>(items: ReadonlyArray<A>, split: (previous: A, next: A) => boolean): Array<Array<A>> => {
  const out: Array<Array<A>> = []
  let current: Array<A> = []
  for (const item of items) {
    const previous = current[current.length - 1]
    if (previous !== undefined && split(previous, item)) {
      out.push(current)
      current = []
    }
    current.push(item)
  }
  if (current.length > 0) out.push(current)
  return out
}
