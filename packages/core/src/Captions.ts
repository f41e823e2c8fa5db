/**
 * Captions: WebVTT and SRT from a prerecorded transcription or from a live
 * stream.
 *
 * With the defaults, a response with utterances or a words-only response gives
 * the same bytes as `@deepgram/captions` 1.2.0 (`webvtt(response)`,
 * `srt(response)`), except that milliseconds are rounded rather than
 * truncated. Unlike it, this module handles a response without words, a
 * diarized response whose first speaker is not 0, timestamps past 24 hours
 * and multichannel audio, lays cues out by characters per line and lines per
 * cue, and fails with a typed `CaptionsError` on a malformed response.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as internal from "./internal/captions.js"
import type { FluxEvent, LiveEvent, TranscriptionResponse } from "./Listen.js"

/**
 * A response or live message that cannot be captioned (a word without a
 * timing, a non-numeric speaker), or an invalid option. `path` names the field.
 *
 * @since 0.1.0
 * @category errors
 */
export class CaptionsError extends Data.TaggedError("CaptionsError")<{
  readonly reason: "MalformedResponse" | "InvalidOptions"
  readonly path: string
  readonly detail: string
}> {
  override get message(): string {
    return `${this.reason}: ${this.path}: ${this.detail}`
  }
}

/**
 * How cues are laid out and labelled.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** At most this many words per cue (default 8, as `@deepgram/captions`). */
  readonly wordsPerCue?: number | undefined
  /** Wrap cue text at this many characters per line (default: no wrapping, one line per cue). */
  readonly charactersPerLine?: number | undefined
  /** With `charactersPerLine`: at most this many lines per cue (default 2); a longer cue is split. */
  readonly linesPerCue?: number | undefined
  /** Label cues with the speaker (`<v Speaker 1>`, `[Speaker 1]`); default: when the words carry speakers. */
  readonly speakerLabels?: boolean | undefined
  /**
   * Which channels to caption: one index, or `"all"` (the default) to merge every channel's words in time
   * order, labelling each cue with its channel when there is more than one.
   */
  readonly channel?: number | "all" | undefined
  /** WebVTT only: the `NOTE` block with the request id, creation time, duration and channels (default true). */
  readonly note?: boolean | undefined
}

/**
 * One caption: a time range, its text lines, and who spoke it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cue {
  /** Seconds from the start of the audio. */
  readonly start: number
  readonly end: number
  /** The text, one entry per line. */
  readonly lines: ReadonlyArray<string>
  /** The speaker when the words carry one and labels are on. */
  readonly speaker: number | undefined
  /** The channel, set only when more than one channel is captioned. */
  readonly channel: number | undefined
}

interface Resolved extends internal.Layout {
  readonly speakerLabels: boolean | undefined
  readonly channel: number | "all"
  readonly note: boolean
}

const positiveInt = (name: string, value: number | undefined, fallback: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : Number.isInteger(value) && value > 0
    ? Effect.succeed(value)
    : Effect.fail(new CaptionsError({ reason: "InvalidOptions", path: name, detail: `expected a positive integer, got ${value}` }))

const resolve = (options: Options | undefined): Effect.Effect<Resolved, CaptionsError> =>
  Effect.gen(function*() {
    const wordsPerCue = yield* positiveInt("wordsPerCue", options?.wordsPerCue, 8)
    const linesPerCue = yield* positiveInt("linesPerCue", options?.linesPerCue, 2)
    const charactersPerLine = options?.charactersPerLine === undefined
      ? undefined
      : yield* positiveInt("charactersPerLine", options.charactersPerLine, 0)
    const channel = options?.channel ?? "all"
    if (channel !== "all" && !(Number.isInteger(channel) && channel >= 0)) {
      return yield* new CaptionsError({
        reason: "InvalidOptions",
        path: "channel",
        detail: `expected "all" or a channel index, got ${String(channel)}`
      })
    }
    return {
      wordsPerCue,
      linesPerCue: charactersPerLine === undefined ? 1 : linesPerCue,
      charactersPerLine,
      speakerLabels: options?.speakerLabels,
      channel,
      note: options?.note ?? true
    }
  })

interface LooseWord {
  readonly word?: unknown
  readonly punctuated_word?: unknown
  readonly start?: unknown
  readonly end?: unknown
  readonly speaker?: unknown
}

const malformed = (path: string, detail: string) => new CaptionsError({ reason: "MalformedResponse", path, detail })

const toWord = (
  word: LooseWord,
  path: string,
  channel: number | undefined,
  fallback?: { readonly start: number; readonly end: number }
): Effect.Effect<internal.TimedWord, CaptionsError> => {
  const text = typeof word.punctuated_word === "string" ? word.punctuated_word : word.word
  if (typeof text !== "string") return Effect.fail(malformed(`${path}.word`, "expected a string"))
  const start = word.start ?? fallback?.start
  const end = word.end ?? fallback?.end
  if (typeof start !== "number" || !Number.isFinite(start)) {
    return Effect.fail(malformed(`${path}.start`, `expected a number of seconds, got ${JSON.stringify(start) ?? "nothing"}`))
  }
  if (typeof end !== "number" || !Number.isFinite(end)) {
    return Effect.fail(malformed(`${path}.end`, `expected a number of seconds, got ${JSON.stringify(end) ?? "nothing"}`))
  }
  if (word.speaker !== undefined && word.speaker !== null && typeof word.speaker !== "number") {
    return Effect.fail(malformed(`${path}.speaker`, `expected a number, got ${JSON.stringify(word.speaker)}`))
  }
  return Effect.succeed({
    text,
    start,
    end,
    speaker: typeof word.speaker === "number" ? word.speaker : undefined,
    channel
  })
}

const toWords = (
  words: ReadonlyArray<LooseWord> | undefined,
  path: string,
  channel: number | undefined,
  fallback?: { readonly start: number; readonly end: number }
) => Effect.forEach(words ?? [], (word, i) => toWord(word, `${path}[${i}]`, channel, fallback))

const toCues = (raw: ReadonlyArray<internal.RawCue>, options: Resolved): Array<Cue> => {
  const labels = options.speakerLabels ?? raw.some((cue) => cue.words[0]?.speaker !== undefined)
  return raw.map((cue) => {
    const first = cue.words[0]!
    return {
      start: first.start,
      end: cue.words[cue.words.length - 1]!.end,
      lines: cue.lines,
      speaker: labels ? first.speaker : undefined,
      channel: first.channel
    }
  })
}

const byStart = (a: internal.TimedWord, b: internal.TimedWord) => a.start - b.start

const cuesFrom = (response: TranscriptionResponse, options: Resolved): Effect.Effect<Array<Cue>, CaptionsError> =>
  Effect.gen(function*() {
    const results = response.results as TranscriptionResponse["results"] | undefined
    if (results === undefined || results === null) return yield* malformed("results", "missing")
    const channels = results.channels ?? []
    const selected = options.channel === "all"
      ? channels.map((_, i) => i)
      : options.channel < channels.length
      ? [options.channel]
      : []
    if (options.channel !== "all" && selected.length === 0) {
      return yield* new CaptionsError({
        reason: "InvalidOptions",
        path: "channel",
        detail: `the response has ${channels.length} channel(s), no channel ${options.channel}`
      })
    }
    const multichannel = options.channel === "all" && channels.length > 1
    const channelOf = (index: number | undefined) => (multichannel ? index ?? 0 : undefined)
    if (results.utterances !== undefined) {
      const raw: Array<internal.RawCue> = []
      for (const [u, utterance] of results.utterances.entries()) {
        const channel = utterance.channel ?? 0
        if (!selected.includes(channel) && channels.length > 0) continue
        const words = yield* toWords(utterance.words, `results.utterances[${u}].words`, channelOf(channel))
        raw.push(...internal.chunk(words, options))
      }
      return toCues(raw, options)
    }
    const words: Array<internal.TimedWord> = []
    for (const c of selected) {
      const alternative = channels[c]?.alternatives?.[0]
      words.push(...(yield* toWords(alternative?.words, `results.channels[${c}].alternatives[0].words`, channelOf(c))))
    }
    if (selected.length > 1) words.sort(byStart)
    return toCues(internal.runs(words).flatMap((run) => internal.chunk(run, options)), options)
  })

/**
 * The cues of a prerecorded transcription: its utterances when present
 * (`utterances=true`), otherwise its words split on speaker (and channel)
 * changes and on the length limits.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cues = (response: TranscriptionResponse, options?: Options): Effect.Effect<Array<Cue>, CaptionsError> =>
  Effect.flatMap(resolve(options), (resolved) => cuesFrom(response, resolved))

/**
 * A timestamp: `HH:MM:SS.mmm` for WebVTT, `HH:MM:SS,mmm` for SRT. Milliseconds
 * are rounded; hours go past 24.
 *
 * @example
 * ```ts
 * import { Captions } from "@effect-deepgram/core"
 *
 * Captions.timestamp(90061.2375, "srt") // "25:01:01,238"
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const timestamp = (seconds: number, format: "vtt" | "srt"): string =>
  internal.timestamp(seconds, format === "vtt" ? "." : ",")

const who = (cue: Cue): string | undefined =>
  cue.speaker === undefined
    ? cue.channel === undefined ? undefined : `Channel ${cue.channel}`
    : cue.channel === undefined
    ? `Speaker ${cue.speaker}`
    : `Channel ${cue.channel} Speaker ${cue.speaker}`

/**
 * One WebVTT cue block, without the blank line that separates it from the next.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatVttCue = (cue: Cue): string => {
  const label = who(cue)
  return `${timestamp(cue.start, "vtt")} --> ${timestamp(cue.end, "vtt")}\n${label === undefined ? "" : `<v ${label}>`}${
    cue.lines.join("\n")
  }`
}

/**
 * One SRT cue block (number, times, text), without the blank line after it.
 * The label is written when the speaker differs from the previous cue's.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatSrtCue = (cue: Cue, index: number, previous: Cue | undefined): string => {
  const label = who(cue)
  const show = label !== undefined && (previous === undefined || who(previous) !== label)
  return `${index}\n${timestamp(cue.start, "srt")} --> ${timestamp(cue.end, "srt")}\n${show ? `[${label}]\n` : ""}${
    cue.lines.join("\n")
  }`
}

const note = (response: TranscriptionResponse): string => {
  const metadata = response.metadata as TranscriptionResponse["metadata"] | undefined
  const lines = ["NOTE", "Transcription provided by Deepgram"]
  if (metadata?.request_id) lines.push(`Request Id: ${metadata.request_id}`)
  if (metadata?.created) lines.push(`Created: ${metadata.created}`)
  if (metadata?.duration) lines.push(`Duration: ${metadata.duration}`)
  if (metadata?.channels) lines.push(`Channels: ${metadata.channels}`)
  return lines.join("\n")
}

/**
 * WebVTT from cues (and, for the `NOTE` block, the response they came from).
 *
 * @since 0.1.0
 * @category formatting
 */
export const renderVtt = (cues: ReadonlyArray<Cue>, response?: TranscriptionResponse): string => {
  const blocks = ["WEBVTT", ""]
  if (response !== undefined) blocks.push(note(response), "")
  for (const cue of cues) blocks.push(formatVttCue(cue), "")
  return blocks.join("\n")
}

/**
 * SRT from cues.
 *
 * @since 0.1.0
 * @category formatting
 */
export const renderSrt = (cues: ReadonlyArray<Cue>): string => {
  const blocks: Array<string> = []
  cues.forEach((cue, i) => blocks.push(formatSrtCue(cue, i + 1, cues[i - 1]), ""))
  return blocks.join("\n")
}

/**
 * WebVTT for a prerecorded transcription.
 *
 * @example
 * ```ts
 * import { Captions, Listen } from "@effect-deepgram/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   const response = yield* listen.transcribeUrl("https://example.com/talk.mp3", { utterances: true, diarize: true })
 *   return yield* Captions.webvtt(response, { charactersPerLine: 42, linesPerCue: 2 })
 * })
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const webvtt = (response: TranscriptionResponse, options?: Options): Effect.Effect<string, CaptionsError> =>
  Effect.gen(function*() {
    const resolved = yield* resolve(options)
    const list = yield* cuesFrom(response, resolved)
    return renderVtt(list, resolved.note ? response : undefined)
  })

/**
 * SRT for a prerecorded transcription.
 *
 * @example
 * ```ts
 * import { Captions, Listen } from "@effect-deepgram/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   const response = yield* listen.transcribeFile("talk.wav", { smart_format: true })
 *   return yield* Captions.srt(response, { wordsPerCue: 12 })
 * })
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const srt = (response: TranscriptionResponse, options?: Options): Effect.Effect<string, CaptionsError> =>
  Effect.map(cues(response, options), renderSrt)

type LiveMessage = LiveEvent | FluxEvent

const liveWords = (
  event: LiveMessage,
  index: number
): Effect.Effect<ReadonlyArray<internal.TimedWord>, CaptionsError> => {
  if (event.type === "Results" && "channel" in event && event.is_final === true) {
    const channel = event.channel_index[0]
    return toWords(
      event.channel.alternatives[0]?.words as ReadonlyArray<LooseWord> | undefined,
      `message ${index}: channel.alternatives[0].words`,
      channel
    )
  }
  if (event.type === "TurnInfo" && "event" in event && event.event === "EndOfTurn") {
    return toWords(event.words, `message ${index}: words`, undefined, {
      start: event.audio_window_start,
      end: event.audio_window_end
    })
  }
  return Effect.succeed([])
}

/**
 * Cues from a live stream: the final `Results` of `/v1/listen` (interim
 * results are skipped) or the `EndOfTurn` messages of Flux. Each final result
 * is laid out on its own, so a cue never waits for later audio. Channel labels
 * appear when `channel` is `"all"` and the results come from more than one
 * channel (`multichannel=true`).
 *
 * @example
 * ```ts
 * import { Captions, Listen } from "@effect-deepgram/core"
 * import { Effect, Stream } from "effect"
 *
 * declare const audio: Stream.Stream<Uint8Array>
 *
 * const srt = Effect.gen(function*() {
 *   const listen = yield* Listen.Listen
 *   return Captions.liveSrt(Captions.fromLive(listen.live(audio, { model: "nova-3" })))
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromLive = <E, R>(
  events: Stream.Stream<LiveMessage, E, R>,
  options?: Options
): Stream.Stream<Cue, E | CaptionsError, R> =>
  Stream.unwrap(Effect.map(resolve(options), (resolved) => Stream.suspend(() => {
    const seen = new Set<number>()
    return events.pipe(
      Stream.zipWithIndex,
      Stream.mapEffect(([event, index]) => liveWords(event, index)),
      Stream.mapConcat((words) => {
        for (const word of words) if (word.channel !== undefined) seen.add(word.channel)
        const pick = resolved.channel === "all" ? words : words.filter((word) => word.channel === resolved.channel)
        const multichannel = resolved.channel === "all" && seen.size > 1
        const tagged = pick.map((word) => ({ ...word, channel: multichannel ? word.channel : undefined }))
        const raw = internal.runs(tagged).flatMap((run) => internal.chunk(run, resolved))
        return toCues(raw, resolved)
      })
    )
  })))

/**
 * A live WebVTT document: the `WEBVTT` header, then one block per cue as it arrives.
 *
 * @since 0.1.0
 * @category formatting
 */
export const liveVtt = <E, R>(cues: Stream.Stream<Cue, E, R>): Stream.Stream<string, E, R> =>
  Stream.concat(Stream.make("WEBVTT\n\n"), Stream.map(cues, (cue) => `${formatVttCue(cue)}\n\n`))

/**
 * A live SRT document: one numbered block per cue as it arrives.
 *
 * @since 0.1.0
 * @category formatting
 */
export const liveSrt = <E, R>(cues: Stream.Stream<Cue, E, R>): Stream.Stream<string, E, R> =>
  cues.pipe(
    Stream.zipWithPrevious,
    Stream.zipWithIndex,
    Stream.map(([[previous, cue], i]) => `${formatSrtCue(cue, i + 1, Option.getOrUndefined(previous))}\n\n`)
  )
