/**
 * The `/v1/listen` WebSocket: live transcription of a stream of audio.
 *
 * The scripted words (see `session.liveWords`) are released as the audio position passes them:
 *
 * - words are grouped into phrases, which end at clause and sentence ends, speaker changes, pauses of 0.6 s and
 *   after 5 s; a phrase's final result (`is_final`) is sent once the audio has passed its last word (by up to
 *   0.25 s, half way to the next word), covering the audio since the previous final;
 * - `speech_final` marks phrases that end an utterance (a sentence end, a pause of 0.6 s or the end of the
 *   script), unless `endpointing=false`;
 * - `interim_results=true`: an interim result (`is_final: false`) with the words heard so far in the current
 *   phrase every second of audio, when there are any;
 * - `vad_events=true`: `SpeechStarted` at the start of the first word of each utterance;
 * - `utterance_end_ms=N`: `UtteranceEnd` once N ms of audio have passed after a word that no other word follows
 *   within N ms;
 * - 3 s of audio without words give a final result with an empty transcript, as silence does on Deepgram;
 * - `Finalize`: a final result with `from_finalize: true` for the words heard but not yet finalized (empty when
 *   there are none);
 * - `CloseStream` (or an empty binary frame, Deepgram's legacy way): the remaining heard words as a final result,
 *   the pending `UtteranceEnd`, then `Metadata` and close 1000.
 *
 * Times are computed on the audio's own clock, so the messages do not depend on how the audio was chunked.
 *
 * A connection whose raw audio continues a stream heard earlier from some point (a client that reconnected after
 * a drop and sent again what was not covered by final results; see `liveResume.ts`) hears that stream's words
 * from that point on, with times counted from the connection's start: a stream cut into many connections gives
 * the same words, at the same times once shifted back, as one connection.
 *
 * @internal
 */
import type { ListenV1 } from "@effect-deepgram/schema"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Word } from "./layout.js"
import { meanConfidence, stableUuid } from "./layout.js"
import { makeLiveAudio } from "./liveAudio.js"
import { makeResumable } from "./liveResume.js"
import type { Shape } from "./listen.js"
import { modelArch, modelVersion, shapeOf, textOf } from "./listen.js"
import type { Query } from "./params.js"
import { flag, last, liveListenParameters, validate } from "./params.js"
import { rawHint } from "./pipeline.js"
import type { ChannelSpec } from "./session.js"
import { identifyLive, parseControl, seconds, serveFrames, unknownType } from "./session.js"

type ResultsJson = typeof ListenV1.Results.Encoded
type ModelInfo = ResultsJson["metadata"]["model_info"]
type WordJson = typeof ListenV1.LiveWord.Encoded
type MetadataJson = typeof ListenV1.LiveMetadata.Encoded & {
  readonly models: ReadonlyArray<string>
  readonly model_info: Readonly<Record<string, ModelInfo>>
}
type SpeechStartedJson = typeof ListenV1.SpeechStarted.Encoded
type UtteranceEndJson = typeof ListenV1.UtteranceEnd.Encoded

/** @internal */
export type LiveMessage = ResultsJson | SpeechStartedJson | UtteranceEndJson

/** Audio between interim results. */
const interimEvery = 1
/** Audio without words that gives an empty final result. */
const silenceWindow = 3
/** A pause this long ends a phrase and an utterance. */
const utterancePause = 0.6
/** Phrases are cut after this long. */
const maxPhrase = 5
/** How far past its last word a phrase is finalized (at most half way to the next word). */
const finalizeLag = 0.25

/** @internal */
export interface LiveEngineOptions {
  readonly requestId: string
  readonly shape: Shape
  readonly interimResults: boolean
  readonly vadEvents: boolean
  /** Seconds, from `utterance_end_ms`. */
  readonly utteranceEnd: number | undefined
  readonly endpointing: boolean
}

interface Phrase {
  readonly first: number
  readonly last: number
  /** When the phrase is finalized (the end of its final result's window). */
  readonly boundary: number
  /** The phrase ends an utterance. */
  readonly utteranceEnd: boolean
}

interface UtteranceGap {
  /** The word after which the gap opens. */
  readonly word: number
  readonly due: number
}

/** @internal */
export interface LiveEngine {
  /**
   * Sets the words heard on the stream (once, when the audio has been recognised). `offset`: where in those
   * words' timeline the connection's audio starts, in seconds (a stream resumed on a new connection); the
   * messages count times from the connection's start, as Deepgram does.
   */
  readonly identify: (words: ReadonlyArray<Word>, offset?: number) => void
  readonly identified: () => boolean
  /** The messages due once the connection's audio has reached `position` seconds. */
  readonly advance: (position: number) => Array<LiveMessage>
  /** `Finalize` at `position`. */
  readonly finalize: (position: number) => Array<LiveMessage>
  /** `CloseStream` at `position` (the end of the audio); `Metadata` is sent by the session. */
  readonly close: (position: number) => Array<LiveMessage>
}

const phrasesOf = (words: ReadonlyArray<Word>): Array<Phrase> => {
  const phrases: Array<Phrase> = []
  let first = 0
  words.forEach((word, index) => {
    const next = words[index + 1]
    const pause = next === undefined ? Infinity : next.start - word.end
    const utteranceEnd = next === undefined || word.sentenceEnd || pause >= utterancePause
    const ends = next === undefined || utteranceEnd || word.clauseEnd || next.speaker !== word.speaker ||
      next.channel !== word.channel || word.end - words[first]!.start >= maxPhrase
    if (!ends) return
    phrases.push({
      first,
      last: index,
      boundary: word.end + Math.min(finalizeLag, pause / 2),
      utteranceEnd
    })
    first = index + 1
  })
  return phrases
}

/**
 * The scripted engine of one `/v1/listen` stream (pure: it only computes messages).
 *
 * @internal
 */
export const makeLiveEngine = (options: LiveEngineOptions): LiveEngine => {
  const { shape } = options
  const modelUuid = stableUuid("emulator-model", shape.model)
  const metadata = {
    request_id: options.requestId,
    model_info: { name: shape.model, version: modelVersion, arch: modelArch(shape.model) },
    model_uuid: modelUuid
  }

  let identified = false
  /** Where the connection's audio starts in the words' timeline; every position below is on that timeline. */
  let offset = 0
  let words: ReadonlyArray<Word> = []
  let phrases: Array<Phrase> = []
  let starts: Array<number> = []
  let gaps: Array<UtteranceGap> = []
  let nextWord = 0
  let nextPhrase = 0
  let nextStart = 0
  let nextGap = 0
  let windowStart = 0
  let lastInterim = 0

  const wordJson = (word: Word): WordJson => ({
    word: word.word,
    start: word.start - offset,
    end: word.end - offset,
    confidence: word.confidence,
    ...(shape.punctuate ? { punctuated_word: word.punctuated } : {}),
    ...(shape.diarize ? { speaker: word.speaker } : {})
  })

  const results = (
    heard: ReadonlyArray<Word>,
    start: number,
    end: number,
    flags: { readonly isFinal: boolean; readonly speechFinal: boolean; readonly fromFinalize: boolean }
  ): ResultsJson => ({
    type: "Results",
    channel_index: [0, 1],
    duration: seconds(Math.max(0, end - start)),
    start: seconds(start) - offset,
    is_final: flags.isFinal,
    speech_final: flags.speechFinal,
    from_finalize: flags.fromFinalize,
    channel: {
      alternatives: [{
        transcript: textOf(heard, shape.punctuate),
        confidence: meanConfidence(heard),
        words: heard.map(wordJson)
      }]
    },
    metadata,
    ...(shape.entities && flags.isFinal ? { entities: [] } : {})
  })

  /** Words not yet finalized whose end the audio has passed. */
  const heardAt = (time: number): ReadonlyArray<Word> => {
    let end = nextWord
    while (end < words.length && words[end]!.end <= time) end++
    return words.slice(nextWord, end)
  }

  const skipFinalizedPhrases = () => {
    while (nextPhrase < phrases.length && phrases[nextPhrase]!.last < nextWord) nextPhrase++
  }

  type Due = { readonly at: number; readonly run: () => LiveMessage | undefined }

  const nextDue = (): Due | undefined => {
    const candidates: Array<Due> = []
    if (options.vadEvents && nextStart < starts.length) {
      const word = words[starts[nextStart]!]!
      candidates.push({
        at: word.start,
        run: () => {
          nextStart++
          return { type: "SpeechStarted", channel: [0], timestamp: word.start - offset }
        }
      })
    }
    if (nextPhrase < phrases.length) {
      const phrase = phrases[nextPhrase]!
      candidates.push({
        at: phrase.boundary,
        run: () => {
          nextPhrase++
          const heard = words.slice(Math.max(nextWord, phrase.first), phrase.last + 1)
          if (heard.length === 0) return undefined
          const message = results(heard, windowStart, phrase.boundary, {
            isFinal: true,
            speechFinal: options.endpointing && phrase.utteranceEnd,
            fromFinalize: false
          })
          nextWord = phrase.last + 1
          windowStart = phrase.boundary
          lastInterim = phrase.boundary
          return message
        }
      })
    }
    if (nextGap < gaps.length) {
      const gap = gaps[nextGap]!
      candidates.push({
        at: gap.due,
        run: () => {
          nextGap++
          return { type: "UtteranceEnd", channel: [0, 1], last_word_end: words[gap.word]!.end - offset }
        }
      })
    }
    if (options.interimResults) {
      const at = lastInterim + interimEvery
      candidates.push({
        at,
        run: () => {
          lastInterim = at
          const heard = heardAt(at)
          return heard.length === 0
            ? undefined
            : results(heard, windowStart, at, { isFinal: false, speechFinal: false, fromFinalize: false })
        }
      })
    }
    const silenceAt = windowStart + silenceWindow
    if (nextWord >= words.length || words[nextWord]!.start >= silenceAt) {
      candidates.push({
        at: silenceAt,
        run: () => {
          const message = results([], windowStart, silenceAt, {
            isFinal: true,
            speechFinal: false,
            fromFinalize: false
          })
          windowStart = silenceAt
          lastInterim = Math.max(lastInterim, silenceAt)
          return message
        }
      })
    }
    // The earliest first; on a tie, the order above (speech start, final, utterance end, interim, silence).
    let best: Due | undefined
    for (const candidate of candidates) {
      if (best === undefined || candidate.at < best.at) best = candidate
    }
    return best
  }

  const advance = (local: number): Array<LiveMessage> => {
    const out: Array<LiveMessage> = []
    if (!identified) return out
    const position = local + offset
    for (let due = nextDue(); due !== undefined && due.at <= position; due = nextDue()) {
      const message = due.run()
      if (message !== undefined) out.push(message)
    }
    return out
  }

  /** Final result for the heard words not yet finalized, ending the window at `position`. */
  const flush = (local: number, fromFinalize: boolean): ResultsJson => {
    const position = local + offset
    const heard = heardAt(position)
    const lastHeard = heard[heard.length - 1]
    const endsUtterance = lastHeard !== undefined &&
      phrases.some((phrase) => phrase.last === lastHeard.index && phrase.utteranceEnd)
    const end = Math.max(windowStart, position)
    const message = results(heard, windowStart, end, {
      isFinal: true,
      speechFinal: options.endpointing && endsUtterance,
      fromFinalize
    })
    nextWord += heard.length
    windowStart = end
    lastInterim = Math.max(lastInterim, end)
    skipFinalizedPhrases()
    return message
  }

  return {
    identify: (heard, at = 0) => {
      if (identified) return
      identified = true
      offset = at
      words = heard
      phrases = phrasesOf(words)
      starts = phrases.flatMap((phrase, index) =>
        index === 0 || phrases[index - 1]!.utteranceEnd ? [phrase.first] : []
      )
      if (options.utteranceEnd !== undefined) {
        const wait = options.utteranceEnd
        gaps = words.flatMap((word, index) => {
          const next = words[index + 1]
          if (next !== undefined && next.start - word.end < wait) return []
          // Never before the word's final result.
          const phrase = phrases.find((candidate) => candidate.last >= index)
          return [{ word: index, due: Math.max(word.end + wait, phrase?.boundary ?? 0) }]
        })
      }
      if (offset > 0) {
        // Resumed: what lies before the connection's audio was heard (and finalized) on an earlier one.
        nextWord = words.findIndex((word) => word.start >= offset - 1e-6)
        if (nextWord < 0) nextWord = words.length
        windowStart = offset
        lastInterim = offset
        skipFinalizedPhrases()
        while (nextStart < starts.length && starts[nextStart]! < nextWord) nextStart++
        while (nextGap < gaps.length && gaps[nextGap]!.word < nextWord) nextGap++
      }
    },
    identified: () => identified,
    advance,
    finalize: (position) => [...advance(position), flush(position, true)],
    close: (local) => {
      const out = advance(local)
      const position = local + offset
      if (heardAt(position).length > 0 || position - windowStart > 0.001) out.push(flush(local, false))
      // The utterance end of the last finalized word, if it is still pending.
      let pending: UtteranceGap | undefined
      for (let i = nextGap; i < gaps.length && gaps[i]!.word < nextWord; i++) pending = gaps[i]
      if (pending !== undefined) {
        nextGap = gaps.length
        out.push({ type: "UtteranceEnd", channel: [0, 1], last_word_end: words[pending.word]!.end - offset })
      }
      return out
    }
  }
}

/** Raw encodings whose byte rate is needed to follow the stream. */
const needsSampleRate = new Set(["linear16", "linear32", "mulaw", "alaw"])

/**
 * Checks the query of a `/v1/listen` upgrade.
 *
 * @internal
 */
export const validateLive = (query: Query): Either.Either<void, string> => {
  const invalid = validate(liveListenParameters, query)
  if (Either.isLeft(invalid)) return invalid
  const encoding = last(query, "encoding")
  if (encoding !== undefined && needsSampleRate.has(encoding) && last(query, "sample_rate") === undefined) {
    return Either.left(`The sample_rate query parameter is required with encoding=${encoding}.`)
  }
  const model = last(query, "model") ?? ""
  const keywords = (query["keywords"] ?? []).filter((value) => value.trim() !== "")
  if (model.startsWith("nova-3") && keywords.length > 0) {
    return Either.left("Keywords are not supported for Nova-3. Please use `keyterm` instead.")
  }
  return Either.void
}

const engineOptions = (requestId: string, query: Query): LiveEngineOptions => {
  const utteranceEndMs = last(query, "utterance_end_ms")
  return {
    requestId,
    shape: shapeOf(query),
    interimResults: flag(query, "interim_results"),
    vadEvents: flag(query, "vad_events"),
    utteranceEnd: utteranceEndMs === undefined ? undefined : Number(utteranceEndMs) / 1000,
    endpointing: last(query, "endpointing")?.toLowerCase() !== "false"
  }
}

/**
 * The `/v1/listen` channel.
 *
 * @internal
 */
export const listenV1: ChannelSpec = {
  validate: validateLive,
  run: ({ connection, context }) =>
    Effect.gen(function*() {
      const { query, requestId, state } = context
      const audio = yield* makeLiveAudio(rawHint(query))
      const engine = makeLiveEngine(engineOptions(requestId, query))
      const shape = shapeOf(query)
      const timeout = Duration.toMillis(state.liveTimeout)
      const send = (messages: ReadonlyArray<unknown>) => Effect.forEach(messages, connection.send, { discard: true })

      // Raw audio may be a stream resumed from its middle (see liveResume.ts): its bytes say where it belongs.
      const resumable = makeResumable(state.liveStreams, rawHint(query))

      const identify = identifyLive(state, audio, resumable, engine)

      const sendMessages = (messages: ReadonlyArray<LiveMessage>) => {
        for (const message of messages) {
          if (message.type === "Results" && message.is_final) resumable.covered(message.start + message.duration)
        }
        return send(messages)
      }

      const closeStream = (now: number) =>
        Effect.gen(function*() {
          yield* identify
          const info = yield* audio.finish
          // Once all of it has arrived, the parser knows the real duration of audio the bytes cannot time.
          const position = audio.kind() === "other" && info.duration > 0 ? info.duration : audio.position(now)
          yield* sendMessages(engine.close(position))
          resumable.complete()
          const modelUuid = stableUuid("emulator-model", shape.model)
          const metadata: MetadataJson = {
            type: "Metadata",
            transaction_key: "deprecated",
            request_id: requestId,
            sha256: info.sha256,
            created: context.arrived.toISOString(),
            duration: seconds(info.duration > 0 ? info.duration : position),
            channels: info.parsed ? info.channels : audio.channels(),
            models: [modelUuid],
            model_info: { [modelUuid]: { name: shape.model, version: modelVersion, arch: modelArch(shape.model) } }
          }
          yield* send([metadata])
          yield* connection.close(1000)
        })

      // Only audio and text frames count against the timeout on /v1/listen (KeepAlive is a text frame).
      yield* serveFrames(connection, timeout, false, (frame, now) =>
        Effect.gen(function*() {
          if (frame._tag === "Binary") {
            // An empty binary frame is the legacy way of ending the stream.
            if (frame.data.length === 0) return yield* closeStream(now)
            resumable.push(audio.bytes(), frame.data)
            yield* audio.push(frame.data, now)
            if (!engine.identified() && audio.fingerprintReady()) yield* identify
            yield* sendMessages(engine.advance(audio.position(now)))
            return
          }
          const control = parseControl(frame.text)
          if (control._tag === "Invalid") return yield* connection.close(1008, control.reason)
          switch (control.type) {
            case "KeepAlive":
              return
            case "Finalize":
              yield* identify
              return yield* sendMessages(engine.finalize(audio.position(now)))
            case "CloseStream":
              return yield* closeStream(now)
            default:
              return yield* connection.close(1008, unknownType(control.type))
          }
        }))
      return yield* audio.finish
    }).pipe(Effect.scoped)
}
