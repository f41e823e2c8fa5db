/**
 * The `/v1/speak` (Aura) and `/v2/speak` (Flux TTS) WebSockets: text in, synthesized audio out (the synthesizer
 * of `POST /v1/speak`, raw audio in the `encoding` and `sample_rate` of the query).
 *
 * Audio is produced by a sender fiber, one syllable-sized chunk at a time, paced by the `speakPace` option
 * (default: as fast as it is synthesized, with a pause whenever the socket has more than 1 MiB unsent), so that a
 * `Clear` or `Interrupt` arriving meanwhile cuts the utterance short: no audio of a cleared utterance is sent
 * after the answer to the `Clear` / `Interrupt`.
 *
 * `/v1/speak`:
 * - `Metadata` on open (request id, model name, version and UUID);
 * - `Speak` appends to the text buffer; `Flush` synthesizes the buffer, then `Flushed` (`sequence_id` counts
 *   flushes and clears from 0); more than 20 flushes in 60 s: `Warning` `FLUSH_LIMIT_EXCEEDED` and the flush is
 *   ignored (the text stays buffered); `Clear` drops the buffer and any audio not yet sent, then `Cleared`;
 *   `Close` synthesizes what is left and closes with 1000;
 * - a `Speak` of more than 2,000 characters closes with 1009 (BIG-0000); an unknown message or invalid JSON
 *   closes with 1008 (DATA-0000 / MESSAGE-0000); no message for `speakTimeout` (default 60 s): 1011 NET-0001.
 *
 * `/v2/speak`:
 * - `Connected` on open (request id, model name and version, model UUIDs);
 * - the first `Speak` of a turn sends `SpeechStarted` (`speech_id` = `dg_sp_` + 12 hex digits); complete
 *   sentences are synthesized as soon as they have arrived, the rest at `Flush`, which ends the turn with
 *   `SpeechMetadata` (audio duration, character counts) and `Flushed`;
 * - `Interrupt` (optionally with `playback_offset: { type: "time_ms", value }`, cumulative over the session)
 *   stops the turn: `SpeechInterrupted` with `audio_played_ms` (the offset, else the audio generated so far),
 *   `text_spoken` / `text_remaining` (only with an offset) and the turn's metadata;
 * - `Configure` `{ speed }`: 0.5 to 1.5 in steps of 0.05 → `ConfigureSuccess { applied }`, else
 *   `ConfigureFailure` (`SPEED_OUT_OF_RANGE`, `SPEED_INCREMENT_INVALID`);
 * - `Flush` or `Interrupt` without a turn: `Warning` `NO_ACTIVE_SPEECH`;
 * - `Close`: the turn in progress is finished, then `SessionMetadata` and close 1000;
 * - fatal problems are an `Error` message (`BIG-0000` for a `Speak` over 2,000 characters, `DATA-0000` for
 *   invalid JSON, `MESSAGE-0000` for an unknown message, `NET-0001` for the timeout) followed by the close.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Queue from "effect/Queue"
import { randomBytes } from "node:crypto"
import type { Query } from "./params.js"
import { last, validate } from "./params.js"
import type { ChannelSpec, Session } from "./session.js"
import { net0001, parseControl, serveFrames } from "./session.js"
import { auraModels, maxCharacters, modelUuid, speakModel, speakModelVersion, yieldToEventLoop } from "./speak.js"
import { encodeRaw, plan, samples } from "./tts.js"

type RawEncoding = "linear16" | "mulaw" | "alaw"

type Table = Parameters<typeof validate>[0]

const v1Parameters: Table = {
  encoding: { _tag: "enum", values: ["linear16", "mulaw", "alaw"] },
  mip_opt_out: { _tag: "boolean" },
  model: { _tag: "enum", values: auraModels },
  sample_rate: { _tag: "enum", values: ["8000", "16000", "24000", "32000", "48000"] },
  speed: { _tag: "number", min: 0.5, max: 1.5 }
}

const v2Parameters: Table = {
  encoding: { _tag: "enum", values: ["linear16", "mulaw", "alaw"] },
  mip_opt_out: { _tag: "boolean" },
  model: { _tag: "nonEmpty" },
  sample_rate: { _tag: "enum", values: ["8000", "16000", "24000", "32000", "44100", "48000"] },
  tag: { _tag: "string" },
  speed: { _tag: "number", min: 0.5, max: 1.5 },
  expressivity: { _tag: "number", min: -2, max: 2 }
}

interface Output {
  readonly model: string
  readonly encoding: RawEncoding
  readonly sampleRate: number
  readonly speed: number
}

const outputOf = (version: 1 | 2, query: Query): Either.Either<Output, string> => {
  const checked = speakModel(version, query, version === 1 ? v1Parameters : v2Parameters)
  if (Either.isLeft(checked)) return Either.left(checked.left)
  const model = checked.right
  const encoding = (last(query, "encoding") ?? "linear16") as RawEncoding
  const rate = last(query, "sample_rate")
  const sampleRate = rate !== undefined ? Number(rate) : encoding === "linear16" ? 24000 : 8000
  if (encoding !== "linear16" && sampleRate !== 8000 && sampleRate !== 16000) {
    return Either.left(`Invalid query parameter 'sample_rate': ${encoding} supports 8000 or 16000 Hz.`)
  }
  return Either.right({ model, encoding, sampleRate, speed: Number(last(query, "speed") ?? "1") })
}

/** Unsent bytes above which the sender waits for the socket to drain. */
const highWater = 1024 * 1024

/** Flushes allowed per window on `/v1/speak`. */
const flushLimit = 20
const flushWindow = 60_000

/** One utterance to synthesize. */
interface Job {
  readonly text: string
  /** The clear/interrupt generation it belongs to: a newer generation drops it. */
  readonly generation: number
  /** Sent once its audio has been sent (`Flushed`, `SpeechMetadata`, ...). */
  readonly after: ReadonlyArray<() => unknown>
  /** Closes the connection once done. */
  readonly close?: boolean
}

interface Speaker {
  /** Queues text to synthesize (and messages to send after its audio). */
  readonly enqueue: (job: Omit<Job, "generation">) => Effect.Effect<void>
  /** Drops queued and in-flight audio. */
  readonly cut: () => void
  /** Milliseconds of audio sent so far on the session. */
  readonly sentMillis: () => number
}

const makeSpeaker = (session: Session, output: () => Output) =>
  Effect.gen(function*() {
    const { connection, context } = session
    const pace = context.state.speakPace
    const queue = yield* Queue.unbounded<Job>()
    let generation = 0
    let sentSamples = 0
    let sentRate = output().sampleRate

    const speakOne = (job: Job) =>
      Effect.gen(function*() {
        const current = output()
        if (job.text.trim() !== "") {
          const planned = plan(job.text, { model: current.model, sampleRate: current.sampleRate, speed: current.speed })
          session.addCharacters(job.text.length)
          const started = Date.now()
          let sent = 0
          for (const pcm of samples(planned)) {
            if (job.generation !== generation || connection.closing()) return
            yield* connection.sendBinary(encodeRaw(pcm, current.encoding))
            sent += pcm.length
            sentSamples += pcm.length
            sentRate = current.sampleRate
            if (pace > 0) {
              const due = started + (sent / current.sampleRate) * 1000 / pace
              const wait = due - Date.now()
              if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
            } else if (connection.buffered() > highWater) {
              while (connection.buffered() > highWater / 2 && !connection.closing()) {
                yield* Effect.sleep(Duration.millis(5))
              }
            } else {
              yield* yieldToEventLoop
            }
          }
        }
        if (job.generation !== generation) return
        for (const message of job.after) yield* connection.send(message())
        if (job.close === true) yield* connection.close(1000)
      })

    yield* Effect.forkScoped(Effect.forever(Effect.flatMap(Queue.take(queue), speakOne)))
    const speaker: Speaker = {
      enqueue: (job) => Queue.offer(queue, { ...job, generation }).pipe(Effect.asVoid),
      cut: () => {
        generation++
      },
      sentMillis: () => Math.round((sentSamples / sentRate) * 1000)
    }
    return speaker
  })

const tooLong = (text: string) =>
  `BIG-0000: A Speak message may hold at most ${maxCharacters} characters; this one has ${text.length}.`

/**
 * The `/v1/speak` channel.
 *
 * @internal
 */
export const speakLiveV1: ChannelSpec = {
  validate: (query) => Either.map(outputOf(1, query), () => undefined),
  run: (session) =>
    Effect.gen(function*() {
      const { connection, context } = session
      const parsed = outputOf(1, context.query)
      if (Either.isLeft(parsed)) return yield* Effect.as(connection.close(1008, parsed.left), undefined)
      const output = parsed.right
      const speaker = yield* makeSpeaker(session, () => output)
      let buffer = ""
      let sequence = 0
      let flushes: Array<number> = []

      yield* connection.send({
        type: "Metadata",
        request_id: context.requestId,
        model_name: output.model,
        model_version: speakModelVersion,
        model_uuid: modelUuid(output.model)
      })
      yield* serveFrames(connection, Duration.toMillis(context.state.speakTimeout), false, (frame, now) =>
        Effect.gen(function*() {
          if (frame._tag === "Binary") {
            return yield* connection.close(1003, "MESSAGE-0000: Binary messages are not accepted; send Speak messages.")
          }
          const control = parseControl(frame.text)
          if (control._tag === "Invalid") return yield* connection.close(1008, control.reason)
          switch (control.type) {
            case "Speak": {
              const text = control.value["text"]
              if (typeof text !== "string") {
                return yield* connection.close(1008, "DATA-0000: A Speak message needs a string `text`.")
              }
              if (text.length > maxCharacters) return yield* connection.close(1009, tooLong(text))
              buffer += text
              return
            }
            case "Flush": {
              flushes = flushes.filter((at) => now - at < flushWindow)
              if (flushes.length >= flushLimit) {
                return yield* connection.send({
                  type: "Warning",
                  description:
                    `At most ${flushLimit} Flush messages are processed every 60 seconds; this one was ignored.`,
                  code: "FLUSH_LIMIT_EXCEEDED"
                })
              }
              flushes.push(now)
              const id = sequence++
              const text = buffer
              buffer = ""
              return yield* speaker.enqueue({ text, after: [() => ({ type: "Flushed", sequence_id: id })] })
            }
            case "Clear": {
              buffer = ""
              speaker.cut()
              return yield* connection.send({ type: "Cleared", sequence_id: sequence++ })
            }
            case "Close": {
              const text = buffer
              buffer = ""
              return yield* speaker.enqueue({ text, after: [], close: true })
            }
            default:
              return yield* connection.close(
                1008,
                `MESSAGE-0000: Unknown message type "${control.type.slice(0, 40)}".`
              )
          }
        }))
      return undefined
    }).pipe(Effect.scoped)
}

const speechId = (): string => `dg_sp_${randomBytes(6).toString("hex")}`

const controls = { pronunciations_applied: 0, pronunciation_warnings: 0 }

/** The index in `text` after about `fraction` of it, at a word boundary. */
const splitAt = (text: string, fraction: number): number => {
  if (fraction <= 0) return 0
  if (fraction >= 1) return text.length
  let index = Math.round(text.length * fraction)
  while (index < text.length && !/\s/.test(text[index]!)) index++
  return index
}

/**
 * The `/v2/speak` (Flux TTS) channel.
 *
 * @internal
 */
export const speakLiveV2: ChannelSpec = {
  validate: (query) => Either.map(outputOf(2, query), () => undefined),
  run: (session) =>
    Effect.gen(function*() {
      const { connection, context } = session
      const parsed = outputOf(2, context.query)
      if (Either.isLeft(parsed)) return yield* Effect.as(connection.close(1008, parsed.left), undefined)
      let output = parsed.right
      const speaker = yield* makeSpeaker(session, () => output)
      let configuredSpeed: number | undefined

      interface Turn {
        readonly id: string
        /** Session audio (ms) before the turn's first audio. */
        readonly startMillis: number
        text: string
        /** Characters already handed to the synthesizer. */
        queued: number
        flushed: boolean
      }
      let turn: Turn | undefined
      /** The last flushed turn, until its `Flushed` has been sent (its audio may still be on its way). */
      let playing: Turn | undefined
      let totalMillis = 0
      let totalCharacters = 0
      let lastOffset = -1

      const durationMs = (text: string) => {
        const planned = plan(text, { model: output.model, sampleRate: output.sampleRate, speed: output.speed })
        return Math.round((planned.samples / planned.sampleRate) * 1000)
      }

      const metadataOf = (current: Turn, text: string) => ({
        speech_id: current.id,
        audio_duration_ms: durationMs(text),
        input_character_count: text.length,
        billable_character_count: text.length
      })

      const fatal = (code: string, description: string, closeCode: number) =>
        Effect.zipRight(
          connection.send({ type: "Error", code, description }),
          connection.close(closeCode, `${code}: ${description}`)
        )

      /** Hands complete sentences (or everything, at a flush) to the synthesizer. */
      const release = (current: Turn, all: boolean) => {
        const pending = current.text.slice(current.queued)
        let end = pending.length
        if (!all) {
          const match = /[\s\S]*[.!?…]["'”’)\]]*(\s|$)/.exec(pending)
          end = match === null ? 0 : match[0].length
        }
        const text = pending.slice(0, end)
        current.queued += end
        return text
      }

      const finishTurn = (current: Turn, closing: boolean) =>
        Effect.gen(function*() {
          const text = release(current, true)
          current.flushed = true
          const metadata = metadataOf(current, current.text)
          totalMillis += metadata.audio_duration_ms
          totalCharacters += current.text.length
          turn = undefined
          playing = current
          yield* speaker.enqueue({
            text,
            after: closing ? [] : [
              () => ({ type: "SpeechMetadata", ...metadata, controls_applied: controls }),
              () => {
                if (playing === current) playing = undefined
                return { type: "Flushed", speech_id: current.id }
              }
            ]
          })
        })

      const warn = (code: string, description: string) => connection.send({ type: "Warning", code, description })

      yield* connection.send({
        type: "Connected",
        request_id: context.requestId,
        model_name: output.model,
        model_version: speakModelVersion,
        model_uuids: [modelUuid(output.model)]
      })
      yield* serveFrames(
        connection,
        Duration.toMillis(context.state.speakTimeout),
        false,
        (frame) =>
          Effect.gen(function*() {
            if (frame._tag === "Binary") {
              return yield* fatal("MESSAGE-0000", "Binary messages are not accepted; send Speak messages.", 1003)
            }
            const control = parseControl(frame.text)
            if (control._tag === "Invalid") {
              return yield* fatal("DATA-0000", control.reason.replace(/^DATA-0000: /, ""), 1008)
            }
            switch (control.type) {
              case "Speak": {
                const text = control.value["text"]
                if (typeof text !== "string") {
                  return yield* fatal("DATA-0000", "A Speak message needs a string `text`.", 1008)
                }
                if (text.length > maxCharacters) {
                  return yield* fatal("BIG-0000", tooLong(text).replace(/^BIG-0000: /, ""), 1009)
                }
                if (turn === undefined) {
                  turn = { id: speechId(), startMillis: totalMillis, text: "", queued: 0, flushed: false }
                  yield* connection.send({ type: "SpeechStarted", speech_id: turn.id })
                }
                turn.text += text
                const ready = release(turn, false)
                if (ready !== "") yield* speaker.enqueue({ text: ready, after: [] })
                return
              }
              case "Flush":
                if (turn === undefined) return yield* warn("NO_ACTIVE_SPEECH", "Flush arrived with no active turn.")
                return yield* finishTurn(turn, false)
              case "Interrupt": {
                // The turn being spoken: the open one, else a flushed one whose audio is still on its way.
                const current = turn ?? playing
                if (current === undefined) {
                  return yield* warn("NO_ACTIVE_SPEECH", "Interrupt arrived with no active turn.")
                }
                speaker.cut()
                turn = undefined
                playing = undefined
                if (current.flushed) {
                  // Its totals were counted in full at the flush: count what was generated instead.
                  totalMillis -= durationMs(current.text)
                  totalCharacters -= current.text.length
                }
                const offset = control.value["playback_offset"]
                const value = offset !== null && typeof offset === "object"
                  ? (offset as Record<string, unknown>)["value"]
                  : undefined
                const generated = speaker.sentMillis()
                const played = typeof value === "number" && Number.isFinite(value) && value > lastOffset
                  ? Math.round(value)
                  : undefined
                if (played !== undefined) lastOffset = played
                const turnMillis = Math.max(0, generated - current.startMillis)
                const heardMillis = played !== undefined ? Math.max(0, played - current.startMillis) : turnMillis
                const spokenEnd = splitAt(current.text, heardMillis / Math.max(1, durationMs(current.text)))
                const metadata = {
                  speech_id: current.id,
                  audio_duration_ms: turnMillis,
                  input_character_count: current.text.length,
                  billable_character_count: current.text.length,
                  controls_applied: { pronunciations_applied: 0, breaks_applied: 0, pronunciation_warnings: 0 }
                }
                totalMillis = generated
                totalCharacters += current.text.length
                return yield* connection.send({
                  type: "SpeechInterrupted",
                  audio_played_ms: played ?? generated,
                  ...(played !== undefined
                    ? {
                      text_spoken: current.text.slice(0, spokenEnd).trim(),
                      text_remaining: current.text.slice(spokenEnd).trim()
                    }
                    : {}),
                  metadata
                })
              }
              case "Configure": {
                const speed = control.value["speed"]
                if (speed === undefined) {
                  return yield* connection.send({
                    type: "ConfigureSuccess",
                    applied: configuredSpeed !== undefined ? { speed: configuredSpeed } : {}
                  })
                }
                if (typeof speed !== "number" || !Number.isFinite(speed) || speed < 0.5 || speed > 1.5) {
                  return yield* connection.send({
                    type: "ConfigureFailure",
                    code: "SPEED_OUT_OF_RANGE",
                    field: "speed",
                    ...(typeof speed === "number" ? { value: speed } : {}),
                    description: "speed must be between 0.5 and 1.5."
                  })
                }
                if (Math.abs(speed * 20 - Math.round(speed * 20)) > 1e-9) {
                  return yield* connection.send({
                    type: "ConfigureFailure",
                    code: "SPEED_INCREMENT_INVALID",
                    field: "speed",
                    value: speed,
                    description: "speed must be a multiple of 0.05."
                  })
                }
                configuredSpeed = speed
                output = { ...output, speed }
                return yield* connection.send({ type: "ConfigureSuccess", applied: { speed } })
              }
              case "Close": {
                if (turn !== undefined) yield* finishTurn(turn, true)
                const totals = () => ({
                  type: "SessionMetadata",
                  total_audio_duration_ms: totalMillis,
                  total_input_character_count: totalCharacters,
                  total_billable_character_count: totalCharacters
                })
                return yield* speaker.enqueue({ text: "", after: [totals], close: true })
              }
              default:
                return yield* fatal("MESSAGE-0000", `Unknown message type "${control.type.slice(0, 40)}".`, 1008)
            }
          }),
        fatal("NET-0001", net0001.replace(/ See https:.*$/, ""), 1011)
      )
      return undefined
    }).pipe(Effect.scoped)
}
