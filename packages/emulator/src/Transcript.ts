/**
 * Scripts for the emulator's transcription engine.
 *
 * A script is what the emulator "hears" in one audio file: a plain string, or segments with a speaker and a
 * channel. The emulator lays its words out over the real duration of the audio.
 *
 * @since 0.1.0
 */

/**
 * One stretch of speech in a script.
 *
 * @since 0.1.0
 * @category models
 */
export interface Segment {
  readonly text: string
  /** Speaker number reported when `diarize` is on (default 0). */
  readonly speaker?: number | undefined
  /** Audio channel this speech is on, used with `multichannel=true` (default 0). */
  readonly channel?: number | undefined
}

/**
 * A transcript script: a plain string (one speaker on channel 0) or a list of segments, in spoken order.
 *
 * @since 0.1.0
 * @category models
 */
export type Script = string | ReadonlyArray<Segment>

/**
 * Normalises a script to segments.
 *
 * @since 0.1.0
 * @category constructors
 */
export const toSegments = (script: Script): ReadonlyArray<Segment> =>
  typeof script === "string" ? [{ text: script }] : script

/**
 * Parses the text of a sidecar file. Plain text is one segment; lines that start with a `[speaker N]`
 * and/or `[channel N]` marker start a new segment with that speaker / channel.
 *
 * @example
 * ```ts
 * import { Transcript } from "@effect-deepgram/emulator"
 *
 * Transcript.parseSidecar("[speaker 0] Hello there.\n[speaker 1] Hi!")
 * // [{ text: "Hello there.", speaker: 0, channel: 0 }, { text: "Hi!", speaker: 1, channel: 0 }]
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const parseSidecar = (text: string): Script => {
  const marker = /^\s*((?:\[(?:speaker|channel)\s*:?\s*\d+\]\s*)+)(.*)$/i
  const lines = text.split(/\r?\n/)
  if (!lines.some((line) => marker.test(line))) {
    return text.replace(/\s+/g, " ").trim()
  }
  const segments: Array<{ text: string; speaker: number; channel: number }> = []
  let current: { text: string; speaker: number; channel: number } | undefined
  for (const line of lines) {
    const match = marker.exec(line)
    if (match !== null) {
      const markers = match[1] ?? ""
      const speaker = /\[speaker\s*:?\s*(\d+)\]/i.exec(markers)
      const channel = /\[channel\s*:?\s*(\d+)\]/i.exec(markers)
      current = {
        text: (match[2] ?? "").trim(),
        speaker: speaker !== null ? Number(speaker[1]) : current?.speaker ?? 0,
        channel: channel !== null ? Number(channel[1]) : current?.channel ?? 0
      }
      segments.push(current)
    } else if (line.trim() !== "") {
      if (current === undefined) {
        current = { text: "", speaker: 0, channel: 0 }
        segments.push(current)
      }
      current.text = `${current.text} ${line.trim()}`.trim()
    }
  }
  return segments.filter((segment) => segment.text !== "")
}
