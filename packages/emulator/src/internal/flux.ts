/**
 * The `/v2/listen` (Flux) WebSocket: turn-based transcription with end-of-turn detection.
 *
 * The scripted words (see `session.liveWords`) make the turns, on the audio's own clock:
 *
 * - `Connected` on open; every server message carries the next `sequence_id` (from 0);
 * - `StartOfTurn` once the first word of a turn has been heard;
 * - `Update` every 240 ms of audio, with the current turn's transcript so far (empty between turns);
 * - after each word, the end-of-turn confidence grows with the silence that follows it: from 0.55 by 1.5 per
 *   second (up to 0.99) after a sentence end or the last word of the script, from 0.35 (up to 0.65) after a
 *   clause end, from 0.1 (up to 0.45) after any other word. `EndOfTurn` comes when it reaches `eot_threshold`
 *   (default 0.7: 100 ms after a sentence end) or when the silence reaches `eot_timeout_ms`, unless the next word
 *   starts first; `EagerEndOfTurn` when it reaches `eager_eot_threshold` (only when set), and `TurnResumed` if a
 *   word then starts before the end of the turn;
 * - `Configure` changes the thresholds, key terms and language hints (`ConfigureSuccess` echoes what is in
 *   force; invalid values give `ConfigureFailure` and change nothing);
 * - `CloseStream`: the messages due for the audio received, then a close frame without a status code (the client
 *   sees 1005), like Deepgram (no `EndOfTurn` is forced);
 * - a connection whose raw audio continues a stream heard earlier from some point (a client that reconnected
 *   after a drop) hears that stream's turns from there on, timed from the connection's start (see `liveResume.ts`);
 * - any other message (`KeepAlive` included, which Deepgram does not accept on Flux) or invalid JSON: an `Error`
 *   message, then a close without a status code.
 *
 * @internal
 */
import type { ListenV2 } from "@effect-deepgram/schema"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Word } from "./layout.js"
import { makeLiveAudio } from "./liveAudio.js"
import type { Query } from "./params.js"
import { all, fluxParameters, last, validate } from "./params.js"
import { rawHint } from "./pipeline.js"
import type { ChannelSpec } from "./session.js"
import { makeResumable } from "./liveResume.js"
import { identifyLive, parseControl, seconds, serveFrames } from "./session.js"

type TurnInfoJson = typeof ListenV2.TurnInfo.Encoded
type TurnEvent = TurnInfoJson["event"]
type ConfigureSuccessJson = typeof ListenV2.ConfigureSuccess.Encoded
type ConfigureFailureJson = typeof ListenV2.ConfigureFailure.Encoded
type ConnectedJson = typeof ListenV2.Connected.Encoded
type ErrorJson = typeof ListenV2.FatalError.Encoded

/** Audio between `Update` events. */
const updateEvery = 0.24

/** @internal */
export interface FluxSettings {
  readonly eotThreshold: number
  readonly eagerThreshold: number | undefined
  /** Seconds. */
  readonly eotTimeout: number
  readonly keyterms: ReadonlyArray<string>
  readonly languageHints: ReadonlyArray<string>
}

/** How the end-of-turn confidence grows with the silence after a word (see the module's documentation). */
interface Curve {
  readonly base: number
  readonly cap: number
}

const slope = 1.5
const sentenceCurve: Curve = { base: 0.55, cap: 0.99 }
const clauseCurve: Curve = { base: 0.35, cap: 0.65 }
const wordCurve: Curve = { base: 0.1, cap: 0.45 }
/** While a word is being spoken. */
const speakingConfidence = 0.02

const confidenceAfter = (curve: Curve, silence: number): number =>
  Math.round(Math.min(curve.cap, curve.base + slope * Math.max(0, silence)) * 10000) / 10000

/** Seconds of silence for the confidence to reach `threshold` (Infinity when it never does). */
const silenceFor = (curve: Curve, threshold: number): number =>
  threshold > curve.cap ? Infinity : Math.max(0, (threshold - curve.base) / slope)

/** @internal */
export interface FluxEngine {
  /**
   * Sets the words heard on the stream. `offset`: where in their timeline the connection's audio starts, in
   * seconds (a stream resumed on a new connection); the messages count times from the connection's start.
   */
  readonly identify: (words: ReadonlyArray<Word>, offset?: number) => void
  readonly identified: () => boolean
  /** The next `sequence_id`. */
  readonly sequence: () => number
  readonly connected: () => ConnectedJson
  /** The `TurnInfo` messages due once the connection's audio has reached `position` seconds. */
  readonly advance: (position: number) => Array<TurnInfoJson>
  /** Applies a `Configure` message. */
  readonly configure: (message: Readonly<Record<string, unknown>>) => ConfigureSuccessJson | ConfigureFailureJson
  readonly error: (code: string, description: string) => ErrorJson
}

/** @internal */
export interface FluxEngineOptions {
  readonly requestId: string
  /** `flux-general-multi` and the like: language hints are allowed and `languages` is reported. */
  readonly multilingual: boolean
  readonly settings: FluxSettings
}

const isStringArray = (u: unknown): u is ReadonlyArray<string> =>
  Array.isArray(u) && u.every((item) => typeof item === "string" && item.trim() !== "")

const inRange = (u: unknown, min: number, max: number, integer = false): u is number =>
  typeof u === "number" && Number.isFinite(u) && u >= min && u <= max && (!integer || Number.isInteger(u))

/**
 * The scripted engine of one Flux stream (pure: it only computes messages).
 *
 * @internal
 */
export const makeFluxEngine = (options: FluxEngineOptions): FluxEngine => {
  const { requestId } = options
  let settings = options.settings
  let identified = false
  /** Where the connection's audio starts in the words' timeline; every time below is on that timeline. */
  let offset = 0
  let words: ReadonlyArray<Word> = []
  let sequence = 0
  let turnIndex = 0
  let inTurn = false
  /** First word of the current turn, or of the next one between turns. */
  let turnFirst = 0
  /** The word whose following silence is being watched (in a turn). */
  let watched = 0
  let eagerSent = false
  let windowStart = 0
  let lastUpdate = 0

  const next = () => sequence++

  const curveOf = (index: number): Curve => {
    const word = words[index]!
    return index === words.length - 1 || word.sentenceEnd ? sentenceCurve : word.clauseEnd ? clauseCurve : wordCurve
  }

  /** The words of the current turn heard by `time`. */
  const turnWords = (time: number): ReadonlyArray<Word> => {
    if (!inTurn) return []
    let end = turnFirst
    while (end < words.length && words[end]!.end <= time) end++
    return words.slice(turnFirst, end)
  }

  const confidenceAt = (time: number): number => {
    let lastHeard = -1
    for (let i = 0; i < words.length && words[i]!.start <= time; i++) {
      if (words[i]!.end > time) return speakingConfidence
      lastHeard = i
    }
    return lastHeard < 0 ? 0 : confidenceAfter(curveOf(lastHeard), time - words[lastHeard]!.end)
  }

  const turnInfo = (event: TurnEvent, time: number): TurnInfoJson => {
    const heard = turnWords(time)
    return {
      type: "TurnInfo",
      request_id: requestId,
      sequence_id: next(),
      event,
      turn_index: turnIndex,
      audio_window_start: seconds(windowStart) - offset,
      audio_window_end: seconds(Math.max(windowStart, time)) - offset,
      transcript: heard.map((word) => word.punctuated).join(" "),
      words: heard.map((word) => ({ word: word.punctuated, confidence: word.confidence })),
      end_of_turn_confidence: confidenceAt(time),
      ...(options.multilingual && heard.length > 0 ? { languages: ["en"] } : {}),
      ...(settings.languageHints.length > 0 ? { languages_hinted: settings.languageHints } : {})
    }
  }

  type Due = { readonly at: number; readonly run: () => TurnInfoJson | undefined }

  const nextDue = (): Due | undefined => {
    const candidates: Array<Due> = []
    if (!inTurn && turnFirst < words.length) {
      const first = words[turnFirst]!
      candidates.push({
        at: first.end,
        run: () => {
          inTurn = true
          watched = turnFirst
          eagerSent = false
          return turnInfo("StartOfTurn", first.end)
        }
      })
    }
    if (inTurn) {
      const word = words[watched]!
      const following = words[watched + 1]
      const resumeAt = following === undefined ? Infinity : following.start
      const curve = curveOf(watched)
      const endAt = word.end + Math.min(silenceFor(curve, settings.eotThreshold), settings.eotTimeout)
      if (!eagerSent && settings.eagerThreshold !== undefined) {
        const eagerAt = word.end + silenceFor(curve, settings.eagerThreshold)
        if (eagerAt < resumeAt && eagerAt <= endAt) {
          candidates.push({
            at: eagerAt,
            run: () => {
              eagerSent = true
              return turnInfo("EagerEndOfTurn", eagerAt)
            }
          })
        }
      }
      if (endAt < resumeAt) {
        candidates.push({
          at: endAt,
          run: () => {
            const message = turnInfo("EndOfTurn", endAt)
            inTurn = false
            turnIndex++
            turnFirst = watched + 1
            windowStart = endAt
            eagerSent = false
            return message
          }
        })
      } else {
        candidates.push({
          at: resumeAt,
          run: () => {
            watched++
            if (!eagerSent) return undefined
            eagerSent = false
            return turnInfo("TurnResumed", resumeAt)
          }
        })
      }
    }
    const updateAt = lastUpdate + updateEvery
    candidates.push({
      at: updateAt,
      run: () => {
        lastUpdate = updateAt
        return turnInfo("Update", updateAt)
      }
    })
    let best: Due | undefined
    for (const candidate of candidates) {
      if (best === undefined || candidate.at < best.at) best = candidate
    }
    return best
  }

  return {
    identify: (heard, at = 0) => {
      if (identified) return
      identified = true
      words = heard
      offset = at
      if (offset > 0) {
        // Resumed: the turns before the connection's audio were heard on an earlier one.
        turnFirst = words.findIndex((word) => word.start >= offset - 1e-6)
        if (turnFirst < 0) turnFirst = words.length
        windowStart = offset
        lastUpdate = offset
      }
    },
    identified: () => identified,
    sequence: () => sequence,
    connected: () => ({ type: "Connected", request_id: requestId, sequence_id: next() }),
    advance: (local) => {
      const out: Array<TurnInfoJson> = []
      if (!identified) return out
      const position = local + offset
      for (let due = nextDue(); due !== undefined && due.at <= position; due = nextDue()) {
        const message = due.run()
        if (message !== undefined) out.push(message)
      }
      return out
    },
    configure: (message) => {
      const failure = (): ConfigureFailureJson => ({
        type: "ConfigureFailure",
        request_id: requestId,
        sequence_id: next()
      })
      const thresholds = message["thresholds"] ?? {}
      if (thresholds === null || typeof thresholds !== "object" || Array.isArray(thresholds)) return failure()
      const { eager_eot_threshold, eot_threshold, eot_timeout_ms } = thresholds as Record<string, unknown>
      if (eot_threshold !== undefined && !inRange(eot_threshold, 0.5, 0.9)) return failure()
      if (eager_eot_threshold !== undefined && !inRange(eager_eot_threshold, 0.3, 0.9)) return failure()
      if (eot_timeout_ms !== undefined && !inRange(eot_timeout_ms, 500, 10_000, true)) return failure()
      const eotThreshold = eot_threshold ?? settings.eotThreshold
      const eagerThreshold = eager_eot_threshold ?? settings.eagerThreshold
      if (eagerThreshold !== undefined && eagerThreshold > eotThreshold) return failure()
      const keyterms = message["keyterms"]
      if (keyterms !== undefined && !isStringArray(keyterms) && !(typeof keyterms === "string" && keyterms !== "")) {
        return failure()
      }
      const hints = message["language_hints"]
      if (hints !== undefined && (!options.multilingual || !isStringArray(hints))) return failure()
      settings = {
        eotThreshold,
        eagerThreshold,
        eotTimeout: eot_timeout_ms !== undefined ? eot_timeout_ms / 1000 : settings.eotTimeout,
        keyterms: keyterms === undefined ? settings.keyterms : typeof keyterms === "string" ? [keyterms] : keyterms,
        languageHints: hints ?? settings.languageHints
      }
      return {
        type: "ConfigureSuccess",
        request_id: requestId,
        thresholds: {
          eot_threshold: settings.eotThreshold,
          eot_timeout_ms: Math.round(settings.eotTimeout * 1000),
          ...(settings.eagerThreshold !== undefined ? { eager_eot_threshold: settings.eagerThreshold } : {})
        },
        keyterms: [...settings.keyterms],
        ...(options.multilingual ? { language_hints: [...settings.languageHints] } : {}),
        sequence_id: next()
      }
    },
    error: (code, description) => ({ type: "Error", sequence_id: next(), code, description })
  }
}

const rawEncodings = new Set(["linear16", "linear32", "mulaw", "alaw"])

const isMultilingual = (model: string): boolean => model.endsWith("-multi")

/**
 * Checks the query of a `/v2/listen` upgrade: a Flux `model` is required, thresholds are in Deepgram's ranges,
 * `language_hint` needs a multilingual model.
 *
 * @internal
 */
export const validateFlux = (query: Query): Either.Either<void, string> => {
  const invalid = validate(fluxParameters, query)
  if (Either.isLeft(invalid)) return invalid
  const model = last(query, "model")
  if (model === undefined) return Either.left("The model query parameter is required (e.g. flux-general-en).")
  if (!/^flux-[a-z0-9-]+$/.test(model)) {
    return Either.left(`Invalid query parameter 'model': '${model}' is not a Flux model (e.g. flux-general-en).`)
  }
  const encoding = last(query, "encoding")
  if (encoding !== undefined && rawEncodings.has(encoding) && last(query, "sample_rate") === undefined) {
    return Either.left(`The sample_rate query parameter is required with encoding=${encoding}.`)
  }
  const eot = Number(last(query, "eot_threshold") ?? "0.7")
  const eager = last(query, "eager_eot_threshold")
  if (eager !== undefined && Number(eager) > eot) {
    return Either.left("eager_eot_threshold must not be greater than eot_threshold.")
  }
  if (all(query, "language_hint").length > 0 && !isMultilingual(model)) {
    return Either.left("language_hint is only supported with a multilingual model (flux-general-multi).")
  }
  return Either.void
}

const settingsOf = (query: Query): FluxSettings => {
  const eager = last(query, "eager_eot_threshold")
  return {
    eotThreshold: Number(last(query, "eot_threshold") ?? "0.7"),
    eagerThreshold: eager === undefined ? undefined : Number(eager),
    eotTimeout: Number(last(query, "eot_timeout_ms") ?? "5000") / 1000,
    keyterms: all(query, "keyterm"),
    languageHints: all(query, "language_hint")
  }
}

/**
 * The `/v2/listen` channel.
 *
 * @internal
 */
export const listenV2: ChannelSpec = {
  validate: validateFlux,
  run: ({ connection, context }) =>
    Effect.gen(function*() {
      const { query, requestId, state } = context
      const audio = yield* makeLiveAudio(rawHint(query))
      const engine = makeFluxEngine({
        requestId,
        multilingual: isMultilingual(last(query, "model") ?? ""),
        settings: settingsOf(query)
      })
      const timeout = Duration.toMillis(state.fluxTimeout)
      const send = (messages: ReadonlyArray<unknown>) => Effect.forEach(messages, connection.send, { discard: true })
      // Raw audio may be a stream resumed from its middle (see liveResume.ts): its bytes say where it belongs.
      const resumable = makeResumable(state.liveStreams, rawHint(query))
      const identify = identifyLive(state, audio, resumable, engine)
      const sendTurns = (messages: ReadonlyArray<TurnInfoJson>) => {
        for (const message of messages) {
          if (message.event === "EndOfTurn") resumable.covered(message.audio_window_end)
        }
        return send(messages)
      }
      const fail = (code: string, description: string) =>
        Effect.zipRight(send([engine.error(code, description)]), connection.close())

      yield* send([engine.connected()])
      // Pings keep a Flux stream alive.
      yield* serveFrames(connection, timeout, true, (frame, now) =>
        Effect.gen(function*() {
          if (frame._tag === "Binary") {
            if (frame.data.length === 0) return
            resumable.push(audio.bytes(), frame.data)
            yield* audio.push(frame.data, now)
            if (!engine.identified() && audio.fingerprintReady()) yield* identify
            yield* sendTurns(engine.advance(audio.position(now)))
            return
          }
          const control = parseControl(frame.text)
          if (control._tag === "Invalid") return yield* fail("UNPARSABLE_CLIENT_MESSAGE", control.reason)
          switch (control.type) {
            case "Configure":
              return yield* send([engine.configure(control.value)])
            case "CloseStream": {
              yield* identify
              const info = yield* audio.finish
              const position = audio.kind() === "other" && info.duration > 0 ? info.duration : audio.position(now)
              yield* sendTurns(engine.advance(position))
              resumable.complete()
              return yield* connection.close()
            }
            case "KeepAlive":
              return yield* fail(
                "INVALID_MESSAGE",
                "KeepAlive is not a Flux message: keep an idle stream open with WebSocket pings."
              )
            default:
              return yield* fail("INVALID_MESSAGE", `Unknown message type "${control.type.slice(0, 40)}".`)
          }
        }))
      return yield* audio.finish
    }).pipe(Effect.scoped)
}
