/**
 * Caption layout and rendering.
 *
 * @internal
 */

/** @internal */
export interface TimedWord {
  readonly text: string
  readonly start: number
  readonly end: number
  readonly speaker: number | undefined
  readonly channel: number | undefined
}

/** @internal */
export interface Layout {
  readonly wordsPerCue: number
  readonly charactersPerLine: number | undefined
  readonly linesPerCue: number
}

/** @internal */
export interface RawCue {
  readonly words: ReadonlyArray<TimedWord>
  readonly lines: ReadonlyArray<string>
}

/**
 * Greedy wrap of words into lines of at most `width` characters; a word longer than the line gets a line of
 * its own.
 *
 * @internal
 */
export const wrap = (texts: ReadonlyArray<string>, width: number | undefined): Array<string> => {
  if (width === undefined) return texts.length === 0 ? [] : [texts.join(" ")]
  const lines: Array<string> = []
  let line = ""
  for (const text of texts) {
    if (line === "") line = text
    else if (line.length + 1 + text.length <= width) line = `${line} ${text}`
    else {
      lines.push(line)
      line = text
    }
  }
  if (line !== "") lines.push(line)
  return lines
}

const fits = (words: ReadonlyArray<TimedWord>, layout: Layout): boolean =>
  words.length <= layout.wordsPerCue &&
  (layout.charactersPerLine === undefined ||
    wrap(words.map((word) => word.text), layout.charactersPerLine).length <= layout.linesPerCue)

/**
 * Splits a run of words (one utterance, or one speaker's stretch) into cues of at most `wordsPerCue` words
 * and `linesPerCue` lines. With only a word limit this is the chunking `@deepgram/captions` does.
 *
 * @internal
 */
export const chunk = (words: ReadonlyArray<TimedWord>, layout: Layout): Array<RawCue> => {
  const cues: Array<RawCue> = []
  let buffer: Array<TimedWord> = []
  const flush = () => {
    if (buffer.length > 0) {
      cues.push({ words: buffer, lines: wrap(buffer.map((word) => word.text), layout.charactersPerLine) })
      buffer = []
    }
  }
  for (const word of words) {
    if (buffer.length > 0 && !fits([...buffer, word], layout)) flush()
    buffer.push(word)
  }
  flush()
  return cues
}

/**
 * Splits words into runs that share a speaker and a channel.
 *
 * @internal
 */
export const runs = (words: ReadonlyArray<TimedWord>): Array<Array<TimedWord>> => {
  const result: Array<Array<TimedWord>> = []
  let current: Array<TimedWord> = []
  for (const word of words) {
    const last = current[current.length - 1]
    if (last !== undefined && (last.speaker !== word.speaker || last.channel !== word.channel)) {
      result.push(current)
      current = []
    }
    current.push(word)
  }
  if (current.length > 0) result.push(current)
  return result
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/**
 * `HH:MM:SS.mmm` (WebVTT) or `HH:MM:SS,mmm` (SRT), milliseconds rounded; hours keep counting past 24.
 *
 * @internal
 */
export const timestamp = (seconds: number, separator: "." | ","): string => {
  const total = Math.max(0, Math.round(seconds * 1000))
  const ms = total % 1000
  const s = Math.floor(total / 1000) % 60
  const m = Math.floor(total / 60_000) % 60
  const h = Math.floor(total / 3_600_000)
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${separator}${pad(ms, 3)}`
}
