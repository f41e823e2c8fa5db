/**
 * `POST /v1/speak` (Aura) and `POST /v2/speak` (Flux TTS batch): text to audio, streamed as it is synthesized.
 *
 * - The query is checked against the spec: `model` (v1: the spec's voices, default `aura-asteria-en`; v2:
 *   required, `flux-{voice}-{language}`), `encoding` (default `mp3`), `container`, `sample_rate`, `bit_rate`,
 *   `speed`, `callback`, `callback_method`, `tag`, `mip_opt_out`, `priority` (v2), and the combinations Deepgram
 *   allows (e.g. `mulaw` at 8000 or 16000 Hz, `wav` only around raw encodings, a fixed rate for `mp3`).
 * - The body is `{"text": "..."}`; at most 2,000 characters (413 beyond).
 * - The answer streams real audio (see `tts.ts`) with Deepgram's headers: `content-type`, `dg-request-id`,
 *   `dg-model-name`, `dg-model-uuid`, `dg-char-count`.
 * - With `callback`, the answer is `{"request_id"}` and the audio is POSTed (or PUT) to the callback URL.
 * - The journal entry carries the number of characters.
 *
 * @internal
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as SpeakV1 from "@effect-deepgram/schema/SpeakV1"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import { errorBody } from "./errors.js"
import { stableUuid } from "./layout.js"
import type { Query } from "./params.js"
import { last, literals, validate } from "./params.js"
import type { Endpoint, Reply, RequestContext } from "./pipeline.js"
import { reply } from "./pipeline.js"
import { callbackTarget } from "./routes.js"
import type { Container, Encoding, Format, Plan } from "./tts.js"
import { contentType, encode, encodingProblem, plan } from "./tts.js"

/** Deepgram's limit on the text of one request (and of one `Speak` message). */
export const maxCharacters = 2000

/** The version reported for every emulated voice. */
export const speakModelVersion = "2025-01-01.0"

type Table = Parameters<typeof validate>[0]

/**
 * The Aura voices of the spec.
 *
 * @internal
 */
export const auraModels: ReadonlyArray<string> = literals(SpeakV1.Model.ast)

const v1Parameters: Table = {
  callback: { _tag: "url" },
  callback_method: { _tag: "enum", values: ["POST", "PUT"] },
  mip_opt_out: { _tag: "boolean" },
  tag: { _tag: "string" },
  bit_rate: { _tag: "number", min: 1, integer: true },
  container: { _tag: "enum", values: ["none", "wav", "ogg"] },
  encoding: { _tag: "enum", values: ["linear16", "flac", "mulaw", "alaw", "mp3", "opus", "aac"] },
  model: { _tag: "enum", values: auraModels },
  sample_rate: { _tag: "number", min: 1, integer: true },
  speed: { _tag: "number", min: 0.5, max: 1.5 }
}

const v2Parameters: Table = {
  ...v1Parameters,
  model: { _tag: "nonEmpty" },
  priority: { _tag: "enum", values: ["low"] }
}

/** The spec's sample rates per encoding (the first is the default). */
const sampleRates = (version: 1 | 2): Readonly<Record<Encoding, ReadonlyArray<number>>> => ({
  linear16: version === 1 ? [24000, 8000, 16000, 32000, 48000] : [24000, 8000, 16000, 32000, 44100, 48000],
  mulaw: [8000, 16000],
  alaw: [8000, 16000],
  mp3: [22050],
  flac: [48000, 8000, 16000, 22050, 32000],
  opus: [48000],
  aac: [22050]
})

const bitRates = (version: 1 | 2): ReadonlyArray<number> =>
  version === 1 ? [48000, 32000] : [48000, 8000, 16000, 24000, 32000, 40000]

const defaultContainer: Readonly<Record<Encoding, Container>> = {
  linear16: "wav",
  mulaw: "wav",
  alaw: "wav",
  mp3: "none",
  flac: "none",
  opus: "ogg",
  aac: "none"
}

const allowedContainers: Readonly<Record<Encoding, ReadonlyArray<Container>>> = {
  linear16: ["wav", "none"],
  mulaw: ["wav", "none"],
  alaw: ["wav", "none"],
  mp3: ["none"],
  flac: ["none"],
  opus: ["ogg"],
  aac: ["none"]
}

/**
 * Whether `model` is a Flux TTS model name.
 *
 * @internal
 */
export const isFluxTtsModel = (model: string): boolean => /^flux-[a-z0-9]+(-[a-z0-9]+)*$/.test(model)

/**
 * The model and output format a REST request asks for, or why it cannot be served (400).
 *
 * @internal
 */
/** The query checked against `parameters`, and its model (v1 has a default; v2 needs a Flux voice). */
export const speakModel = (version: 1 | 2, query: Query, parameters: Table): Either.Either<string, string> => {
  const invalid = validate(parameters, query)
  if (Either.isLeft(invalid)) return Either.left(invalid.left)
  const model = last(query, "model") ?? (version === 1 ? "aura-asteria-en" : undefined)
  if (model === undefined) return Either.left("The model query parameter is required (e.g. flux-alexis-en).")
  if (version === 2 && !isFluxTtsModel(model)) {
    return Either.left(
      `Invalid query parameter 'model': '${model}' is not a Flux TTS model (e.g. flux-alexis-en); ` +
        "use /v1/speak for Aura voices."
    )
  }
  return Either.right(model)
}

export const restFormat = (
  version: 1 | 2,
  query: Query
): Either.Either<{ readonly model: string; readonly format: Format; readonly speed: number }, string> => {
  const model = speakModel(version, query, version === 1 ? v1Parameters : v2Parameters)
  if (Either.isLeft(model)) return Either.left(model.left)
  const encoding = (last(query, "encoding") ?? "mp3") as Encoding
  const container = (last(query, "container") ?? defaultContainer[encoding]) as Container
  if (!allowedContainers[encoding].includes(container)) {
    return Either.left(
      `Invalid query parameter 'container': '${container}' is not supported with encoding=${encoding} (use ${
        allowedContainers[encoding].join(" or ")
      }).`
    )
  }
  const rates = sampleRates(version)[encoding]
  const rateParameter = last(query, "sample_rate")
  const sampleRate = rateParameter === undefined ? rates[0]! : Number(rateParameter)
  if (!rates.includes(sampleRate)) {
    return Either.left(
      rates.length === 1
        ? `Invalid query parameter 'sample_rate': the sample rate of ${encoding} is fixed at ${rates[0]} Hz.`
        : `Invalid query parameter 'sample_rate': '${rateParameter}' is not supported with encoding=${encoding} ` +
          `(use one of ${rates.join(", ")}).`
    )
  }
  const bitRateParameter = last(query, "bit_rate")
  let bitRate = 48000
  if (bitRateParameter !== undefined) {
    if (encoding === "linear16" || encoding === "mulaw" || encoding === "alaw" || encoding === "flac") {
      return Either.left(`Invalid query parameter 'bit_rate': it does not apply to encoding=${encoding}.`)
    }
    bitRate = Number(bitRateParameter)
    if (encoding === "mp3" && !bitRates(version).includes(bitRate)) {
      return Either.left(
        `Invalid query parameter 'bit_rate': '${bitRateParameter}' is not supported with mp3 (use one of ${
          bitRates(version).join(", ")
        }).`
      )
    }
  }
  const speed = Number(last(query, "speed") ?? "1")
  return Either.right({ model: model.right, format: { encoding, container, sampleRate, bitRate }, speed })
}

const parseText = (text: string): Either.Either<string, string> => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return Either.left("The request body is not valid JSON.")
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return Either.left("The JSON body must be an object with a `text` string.")
  }
  const spoken = (value as Record<string, unknown>)["text"]
  if (typeof spoken !== "string") return Either.left("The JSON body must have a `text` string.")
  if (spoken.trim() === "") return Either.left("The `text` must not be empty.")
  return Either.right(spoken)
}

/**
 * The UUID reported for a voice.
 *
 * @internal
 */
export const modelUuid = (model: string): string => stableUuid("emulator-speak-model", model)

/**
 * Gives the event loop a turn. Synthesis is synchronous and a socket write to loopback usually succeeds at once,
 * so without a real macrotask between pieces nothing else (the written bytes, other requests, an in-process
 * client) would run until a long text is done; `Effect.yieldNow` only yields to other fibers.
 *
 * @internal
 */
export const yieldToEventLoop: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

const toStream = (chunks: () => IterableIterator<Uint8Array>): Stream.Stream<Uint8Array> =>
  // Synthesized lazily, one piece per pull: a long text streams, and a slow reader slows the synthesis.
  Stream.suspend(() => Stream.fromIteratorSucceed(chunks(), 1)).pipe(
    Stream.tap(() => yieldToEventLoop)
  )

const deliverAudio = (
  context: RequestContext,
  target: string,
  method: "POST" | "PUT",
  type: string,
  audio: Stream.Stream<Uint8Array>
): Effect.Effect<void> => {
  const { headers, url } = callbackTarget(context, target)
  return Stream.runCollect(audio).pipe(
    Effect.map((chunks) => Buffer.concat([...chunks])),
    Effect.flatMap((bytes) =>
      context.state.client.execute(
        HttpClientRequest.make(method)(url.toString()).pipe(
          HttpClientRequest.setHeaders(headers),
          HttpClientRequest.bodyUint8Array(bytes, type)
        )
      )
    ),
    Effect.flatMap((response) => response.text),
    Effect.timeout(context.state.callbackTimeout),
    Effect.catchAll((error) =>
      Effect.logWarning(`callback delivery to ${url.origin}${url.pathname} failed: ${error._tag}`)
    ),
    Effect.asVoid
  )
}

/** The length of the encoded audio: exact for raw and WAV audio, about right for mp3 and opus. */
const expectedSize = (planned: Plan, format: Format): number => {
  const seconds = planned.samples / planned.sampleRate
  switch (format.encoding) {
    case "linear16":
      return planned.samples * 2 + (format.container === "wav" ? 44 : 0)
    case "mulaw":
    case "alaw":
      return planned.samples + (format.container === "wav" ? 44 : 0)
    default:
      return Math.round((seconds * format.bitRate) / 8)
  }
}

const speak = (version: 1 | 2): Endpoint => ({
  body: "json",
  authenticate: true,
  handle: (context) =>
    Effect.sync((): Reply => {
      const bad = (message: string) => reply(400, errorBody("Bad Request", message, context.requestId))
      const requested = restFormat(version, context.query)
      if (Either.isLeft(requested)) return bad(requested.left)
      const { format, model, speed } = requested.right
      const problem = encodingProblem(format)
      if (problem !== undefined) return reply(400, errorBody("UNSUPPORTED_ENCODING", problem, context.requestId))
      if (context.body._tag !== "Json" || context.body.text.trim() === "") {
        return bad("The request body must be JSON: {\"text\": \"...\"}.")
      }
      const parsed = parseText(context.body.text)
      if (Either.isLeft(parsed)) return bad(parsed.left)
      const text = parsed.right
      const characters = [...text].length
      if (characters > maxCharacters) {
        return reply(
          413,
          errorBody(
            "PAYLOAD_TOO_LARGE",
            `The text is ${characters} characters long; at most ${maxCharacters} are allowed per request.`,
            context.requestId
          )
        )
      }
      const planned = plan(text, { model, sampleRate: format.sampleRate, speed })
      const audio = toStream(() => encode(planned, format))
      const type = contentType(format)
      const headers = {
        "dg-model-name": model,
        "dg-model-uuid": modelUuid(model),
        "dg-char-count": String(characters)
      }
      const callback = last(context.query, "callback")
      if (callback !== undefined) {
        const method = last(context.query, "callback_method") === "PUT" ? "PUT" : "POST"
        return reply(200, { request_id: context.requestId }, {
          headers,
          characters,
          after: deliverAudio(context, callback, method, type, audio)
        })
      }
      return reply(200, { request_id: context.requestId }, {
        headers,
        characters,
        stream: { contentType: type, body: audio, size: expectedSize(planned, format) }
      })
    })
})

/**
 * `POST /v1/speak`.
 *
 * @internal
 */
export const speakV1: Endpoint = speak(1)

/**
 * `POST /v2/speak`.
 *
 * @internal
 */
export const speakV2: Endpoint = speak(2)
