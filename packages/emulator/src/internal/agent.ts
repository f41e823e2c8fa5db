/**
 * The `/v1/agent/converse` WebSocket: a scripted voice agent.
 *
 * - `Welcome` on connect. The first message must be `Settings` (checked against the spec's schema): anything
 *   else first is `Error` `NON_SETTINGS_MESSAGE_BEFORE_SETTINGS`; invalid settings `INVALID_SETTINGS` (also for
 *   an output the emulator does not produce: flac, aac, opus outside ogg); a second `Settings`
 *   `SETTINGS_ALREADY_APPLIED`; a frame that is not a known client message `UNPARSABLE_CLIENT_MESSAGE`. Every
 *   `Error` is fatal: the connection closes with 1008 and the description as the reason.
 * - `SettingsApplied`, then the greeting (`agent.greeting`) is spoken, if any.
 * - The user's audio (`audio.input`: raw `linear16`/`mulaw`/`alaw`/`linear32` at its sample rate, or a WAV
 *   stream) is recognised the way live listen does (registered audio by fingerprint, else the `liveTranscript`
 *   option) and cut into turns by the Flux engine: `UserStartedSpeaking` when a turn starts, and at its end
 *   `ConversationText` (role `user`) and the agent's answer.
 * - An answer: if the user's words contain a trigger phrase (the `agentTriggers` option) or the main word of a
 *   declared function's name (`weather` for `get_weather`), `AgentThinking` and a `FunctionCallRequest` (with
 *   arguments from the trigger, or made up from the function's parameter schema). A client-side function (no
 *   `endpoint`) waits for the client's `FunctionCallResponse` with the same id; a server-side one is called by
 *   the emulator (the endpoint's method, headers and the arguments as a JSON body), and its answer is sent as a
 *   `FunctionCallResponse`. The reply uses the function's content. Without a function, the reply echoes what was
 *   heard. Then `ConversationText` (role `assistant`), `AgentStartedSpeaking`, the synthesized audio as binary
 *   frames (in `audio.output`'s encoding, sample rate and container; the voice of `agent.speak`) and
 *   `AgentAudioDone`.
 * - `InjectUserMessage`: a user turn with that text. `InjectAgentMessage`: spoken at once with `queue` or
 *   `interrupt`; with `default`, refused (`InjectionRefused`) while the user is speaking or the agent's audio is
 *   still playing (its duration since it started). `UpdatePrompt` (`PromptUpdated`; `Warning` `PROMPT_TOO_LONG`
 *   beyond 25,000 characters), `UpdateSpeak` (`SpeakUpdated`, changes the voice), `UpdateThink` (`ThinkUpdated`,
 *   changes the functions), `UpdateListen` (`ListenUpdated`), `KeepAlive` (nothing), `ForceEndTurn` (not in the
 *   spec; the official JavaScript SDK sends it: ends the user's turn with the words heard so far).
 * - Answers are spoken one after the other by a sender fiber, paced by `speakPace` (default: unpaced). With a pace,
 *   a user turn that starts while the agent speaks stops its audio and drops queued answers (barge-in), as does
 *   `InjectAgentMessage` with `behavior: "interrupt"`.
 * - With `flags.history` (default true), every `ConversationText` is also reported as `History { role, content }`
 *   and every completed function call as `History { function_calls }`.
 * - Without audio or a text message for `agentTimeout` (default 10 s): `Error` `CLIENT_MESSAGE_TIMEOUT`, close
 *   1011.
 *
 * @internal
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as AgentV1 from "@effect-deepgram/schema/AgentV1"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import type { AgentTrigger } from "../DeepgramEmulator.js"
import type { RawHint } from "./audio.js"
import { makeFluxEngine } from "./flux.js"
import { stableUuid } from "./layout.js"
import { makeLiveAudio } from "./liveAudio.js"
import type { ChannelSpec } from "./session.js"
import { liveWords, parseControl, serveFrames } from "./session.js"
import { yieldToEventLoop } from "./speak.js"
import type { Encoding, Format } from "./tts.js"
import { encode, encodingProblem, plan } from "./tts.js"

type Json = Readonly<Record<string, unknown>>

const isObject = (u: unknown): u is Json => u !== null && typeof u === "object" && !Array.isArray(u)

const field = (u: unknown, ...path: ReadonlyArray<string>): unknown => {
  let current = u
  for (const key of path) {
    if (!isObject(current)) return undefined
    current = current[key]
  }
  return current
}

/** A function the agent may call, from `agent.think.functions`. */
interface FunctionSpec {
  readonly name: string
  readonly parameters: unknown
  readonly endpoint: Json | undefined
}

/** The prompt length beyond which Deepgram warns (managed LLMs). */
const maxPrompt = 25_000

const clientTypes = new Set([
  "Settings",
  "UpdateListen",
  "UpdateThink",
  "UpdateSpeak",
  "InjectUserMessage",
  "InjectAgentMessage",
  "FunctionCallResponse",
  "KeepAlive",
  "UpdatePrompt",
  // Not in the AsyncAPI spec yet; the official JavaScript SDK (5.13) sends it.
  "ForceEndTurn"
])

const decodeSettings = Schema.decodeUnknownEither(AgentV1.Settings)

/** The first think provider's functions (`think` may be a list of providers). */
const functionsOf = (think: unknown): ReadonlyArray<FunctionSpec> => {
  const first = Array.isArray(think) ? think[0] : think
  const functions = field(first, "functions")
  if (!Array.isArray(functions)) return []
  return functions.flatMap((fn): Array<FunctionSpec> => {
    const name = field(fn, "name")
    if (typeof name !== "string") return []
    const endpoint = field(fn, "endpoint")
    return [{ name, parameters: field(fn, "parameters"), endpoint: isObject(endpoint) ? endpoint : undefined }]
  })
}

/** The voice of a speak setting (`agent.speak`, a provider or a list of them). */
const voiceOf = (speak: unknown): string => {
  const first = Array.isArray(speak) ? speak[0] : speak
  const model = field(first, "provider", "model") ?? field(first, "provider", "model_id") ??
    field(first, "provider", "voice")
  return typeof model === "string" && model !== "" ? model : "aura-2-thalia-en"
}

const genericWords = new Set([
  "get",
  "set",
  "fetch",
  "find",
  "lookup",
  "look",
  "up",
  "check",
  "current",
  "the",
  "a",
  "an",
  "of",
  "for",
  "to",
  "and",
  "by",
  "info",
  "data",
  "do",
  "make",
  "call",
  "run"
])

const wordsOf = (text: string): ReadonlyArray<string> =>
  text.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter((w) => w !== "")

/** The main words of a function name: `get_weather` → `weather`, `bookFlight` → `book`, `flight`. */
const nameWords = (name: string): ReadonlyArray<string> =>
  wordsOf(name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ")).filter((word) =>
    !genericWords.has(word) && word.length >= 3
  )

/** A made-up value for a JSON-schema property. */
const sampleValue = (schema: unknown, name: string, heard: string): unknown => {
  const enumValues = field(schema, "enum")
  if (Array.isArray(enumValues) && enumValues.length > 0) return enumValues[0]
  switch (field(schema, "type")) {
    case "number":
    case "integer":
      return 1
    case "boolean":
      return true
    case "array":
      return []
    case "object":
      return sampleArguments(schema, heard)
    default: {
      // A capitalised word that does not start a sentence is a good guess for a place or a name.
      const proper = heard.match(/(?<![.!?]\s|^)\b[A-Z][a-z]+/g)
      return proper !== null && /city|place|location|name|country|town/i.test(name)
        ? proper[proper.length - 1]!
        : heard.length > 0
        ? heard.slice(0, 80)
        : name
    }
  }
}

const sampleArguments = (schema: unknown, heard: string): Json => {
  const properties = field(schema, "properties")
  if (!isObject(properties)) return {}
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, sampleValue(property, name, heard)])
  )
}

/** The function a user turn calls, if any. */
const chooseCall = (
  heard: string,
  functions: ReadonlyArray<FunctionSpec>,
  triggers: ReadonlyArray<AgentTrigger>
): { readonly spec: FunctionSpec; readonly arguments: Json } | undefined => {
  const lower = heard.toLowerCase()
  for (const trigger of triggers) {
    if (trigger.phrase.trim() === "" || !lower.includes(trigger.phrase.toLowerCase())) continue
    const spec = functions.find((fn) => fn.name === trigger.function)
    if (spec !== undefined) {
      return { spec, arguments: trigger.arguments ?? sampleArguments(spec.parameters, heard) }
    }
  }
  const said = new Set(wordsOf(heard))
  for (const spec of functions) {
    const words = nameWords(spec.name)
    if (words.length > 0 && words.some((word) => said.has(word) || said.has(`${word}s`))) {
      return { spec, arguments: sampleArguments(spec.parameters, heard) }
    }
  }
  return undefined
}

const outputFormat = (settings: unknown): Either.Either<Format, string> => {
  const output = field(settings, "audio", "output")
  const encoding = (field(output, "encoding") ?? "linear16") as Encoding
  const container = field(output, "container") ?? "none"
  const rate = field(output, "sample_rate")
  const bitrate = field(output, "bitrate")
  const sampleRate = typeof rate === "number"
    ? rate
    : encoding === "mulaw" || encoding === "alaw"
    ? 8000
    : encoding === "mp3"
    ? 22050
    : 24000
  const format: Format = {
    encoding,
    container: container === "wav" ? "wav" : container === "ogg" ? "ogg" : "none",
    sampleRate,
    bitRate: typeof bitrate === "number" ? bitrate : 48000
  }
  const problem = encodingProblem(format)
  if (problem !== undefined) return Either.left(`audio.output: ${problem}`)
  if (format.container === "wav" && encoding === "mp3") {
    return Either.left("audio.output: the wav container needs linear16, mulaw or alaw.")
  }
  if (encoding === "mp3" && ![22050, 24000, 16000, 44100, 48000, 32000].includes(sampleRate)) {
    return Either.left(`audio.output: mp3 cannot be produced at ${sampleRate} Hz.`)
  }
  if (!Number.isInteger(sampleRate) || sampleRate < 4000 || sampleRate > 48000) {
    return Either.left(`audio.output.sample_rate: ${sampleRate} is not a supported sample rate.`)
  }
  return Either.right(format)
}

const inputHint = (settings: unknown): RawHint => {
  const input = field(settings, "audio", "input")
  const encoding = field(input, "encoding")
  const rate = field(input, "sample_rate")
  return {
    encoding: typeof encoding === "string" ? encoding : "linear16",
    sampleRate: typeof rate === "number" && rate > 0 ? rate : 24000,
    channels: 1
  }
}

interface PendingCall {
  readonly id: string
  readonly name: string
  readonly arguments: string
}

/**
 * The `/v1/agent/converse` channel.
 *
 * @internal
 */
export const agentV1: ChannelSpec = {
  validate: () => Either.void,
  run: ({ addCharacters, connection, context }) =>
    Effect.gen(function*() {
      const { requestId, state } = context
      const timeout = Duration.toMillis(state.agentTimeout)
      const send = (message: Json) => connection.send(message)

      // Set by Settings.
      let settings: unknown = undefined
      let format: Format | undefined
      let voice = "aura-2-thalia-en"
      let functions: ReadonlyArray<FunctionSpec> = []
      /** `flags.history` (default true): report the conversation as `History` messages. */
      let history = true
      let audio: Effect.Effect.Success<ReturnType<typeof makeLiveAudio>> | undefined
      const engine = makeFluxEngine({
        requestId,
        multilingual: false,
        settings: { eotThreshold: 0.7, eagerThreshold: undefined, eotTimeout: 5, keyterms: [], languageHints: [] }
      })
      /** Client-side function calls waiting for their `FunctionCallResponse`, by id. */
      const pending = new Map<string, PendingCall>()
      let calls = 0
      let userSpeaking = false
      /** The current user turn's words so far (from the engine's updates), for `ForceEndTurn`. */
      let heardSoFar = ""
      /** Turns already ended by `ForceEndTurn`, whose `EndOfTurn` is not answered again. */
      const forced = new Set<number>()
      let currentTurn = 0
      /** Epoch millis until which the agent's last answer is playing. */
      let speakingUntil = 0

      const fatal = (code: string, description: string) =>
        Effect.zipRight(send({ type: "Error", description, code }), connection.close(1008, description))

      /**
       * The agent's answers, spoken one after the other by the sender fiber; `generation` drops the queued and
       * in-flight ones when the user barges in (only with `speakPace`: unpaced audio is all sent at once).
       */
      const outbox = yield* Queue.unbounded<{ readonly text: string; readonly generation: number }>()
      let generation = 0
      let speaking = false
      const pace = state.speakPace

      const speakNow = (text: string, ofGeneration: number) =>
        Effect.gen(function*() {
          const output = format
          if (output === undefined || connection.closing() || ofGeneration !== generation) return
          speaking = true
          yield* send({ type: "ConversationText", role: "assistant", content: text })
          if (history) yield* send({ type: "History", role: "assistant", content: text })
          const planned = plan(text, { model: voice, sampleRate: output.sampleRate })
          const ttsLatency = 0.05 + Math.min(0.2, text.length / 10_000)
          yield* send({
            type: "AgentStartedSpeaking",
            total_latency: ttsLatency + 0.3,
            tts_latency: ttsLatency,
            ttt_latency: 0.3
          })
          addCharacters(text.length)
          const started = Date.now()
          speakingUntil = started + Math.round((planned.samples / planned.sampleRate) * 1000)
          const raw = output.encoding === "linear16" || output.encoding === "mulaw" || output.encoding === "alaw"
          const bytesPerSecond = raw
            ? output.sampleRate * (output.encoding === "linear16" ? 2 : 1)
            : output.bitRate / 8
          let bytes = 0
          for (const chunk of encode(planned, output)) {
            if (ofGeneration !== generation || connection.closing()) {
              speaking = false
              return
            }
            yield* connection.sendBinary(chunk)
            bytes += chunk.length
            const wait = pace > 0 ? started + (bytes / bytesPerSecond) * 1000 / pace - Date.now() : 0
            yield* wait > 0 ? Effect.sleep(Duration.millis(wait)) : yieldToEventLoop
          }
          speaking = false
          yield* send({ type: "AgentAudioDone" })
        })

      yield* Effect.forkScoped(
        Effect.forever(Effect.flatMap(Queue.take(outbox), (job) => speakNow(job.text, job.generation)))
      )

      const speakText = (text: string, _now: number) =>
        Queue.offer(outbox, { text, generation }).pipe(Effect.asVoid)

      /** Drops the answers queued or being spoken. */
      const cut = () => {
        generation++
        speaking = false
        speakingUntil = 0
      }

      const callServerSide = (spec: FunctionSpec, id: string, args: Json) =>
        Effect.gen(function*() {
          const endpoint = spec.endpoint!
          const url = field(endpoint, "url")
          const method = String(field(endpoint, "method") ?? "POST").toUpperCase()
          const headers = field(endpoint, "headers")
          const verb = ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method) ? method : "POST"
          const request = HttpClientRequest.make(verb as "POST")(typeof url === "string" ? url : "").pipe(
            HttpClientRequest.setHeaders(
              isObject(headers) ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])) : {}
            ),
            (built) => verb === "GET" ? built : HttpClientRequest.bodyUnsafeJson(built, args)
          )
          const result = yield* state.client.execute(request).pipe(
            Effect.filterOrFail((response) => response.status >= 200 && response.status < 300),
            Effect.flatMap((response) => response.text),
            Effect.timeout(state.callbackTimeout),
            Effect.either
          )
          if (Either.isLeft(result)) {
            yield* send({
              type: "Warning",
              description: `The function ${spec.name} could not be called.`,
              code: "FUNCTION_CALL_FAILED"
            })
            return `The function ${spec.name} failed.`
          }
          yield* send({ type: "FunctionCallResponse", id, name: spec.name, content: result.right })
          return result.right
        })

      const recordCall = (call: PendingCall, clientSide: boolean, response: string) =>
        history
          ? send({
            type: "History",
            function_calls: [{
              id: call.id,
              name: call.name,
              client_side: clientSide,
              arguments: call.arguments,
              response
            }]
          })
          : Effect.void

      /** The agent's answer to a user turn. */
      const answer = (heard: string, now: number) =>
        Effect.gen(function*() {
          const call = chooseCall(heard, functions, state.agentTriggers)
          if (call === undefined) {
            return yield* speakText(`I heard you say: ${heard}`, now)
          }
          calls++
          const id = `call_${stableUuid(requestId, calls).slice(0, 8)}`
          const clientSide = call.spec.endpoint === undefined
          yield* send({ type: "AgentThinking", content: `The user needs ${call.spec.name}; calling it.` })
          yield* send({
            type: "FunctionCallRequest",
            functions: [{
              id,
              name: call.spec.name,
              arguments: JSON.stringify(call.arguments),
              client_side: clientSide
            }]
          })
          if (clientSide) {
            pending.set(id, { id, name: call.spec.name, arguments: JSON.stringify(call.arguments) })
            return
          }
          const content = yield* callServerSide(call.spec, id, call.arguments)
          yield* recordCall({ id, name: call.spec.name, arguments: JSON.stringify(call.arguments) }, false, content)
          yield* speakText(`Here is what ${call.spec.name} says: ${content}`, now)
        })

      const userTurn = (heard: string, now: number) =>
        Effect.gen(function*() {
          yield* send({ type: "ConversationText", role: "user", content: heard })
          if (history) yield* send({ type: "History", role: "user", content: heard })
          yield* answer(heard, now)
        })

      const applySettings = (value: Json, now: number) =>
        Effect.gen(function*() {
          const decoded = decodeSettings(value)
          if (Either.isLeft(decoded)) {
            const detail = decoded.left.message.split("\n").slice(0, 4).join(" ").slice(0, 300)
            return yield* fatal("INVALID_SETTINGS", `Invalid Settings: ${detail}`)
          }
          const chosen = outputFormat(value)
          if (Either.isLeft(chosen)) return yield* fatal("INVALID_SETTINGS", chosen.left)
          settings = value
          format = chosen.right
          const agent = field(value, "agent")
          voice = voiceOf(field(agent, "speak"))
          history = field(value, "flags", "history") !== false
          functions = functionsOf(field(agent, "think"))
          audio = yield* makeLiveAudio(inputHint(value))
          yield* send({ type: "SettingsApplied" })
          const greeting = field(agent, "greeting")
          if (typeof greeting === "string" && greeting.trim() !== "") yield* speakText(greeting, now)
        })

      const onAudio = (data: Uint8Array, now: number) =>
        Effect.gen(function*() {
          if (audio === undefined || data.length === 0) return
          yield* audio.push(data, now)
          if (!engine.identified() && audio.fingerprintReady()) {
            engine.identify(yield* liveWords(state, audio.fingerprint()))
          }
          for (const event of engine.advance(audio.position(now))) {
            currentTurn = event.turn_index
            if (event.event === "StartOfTurn") {
              userSpeaking = true
              heardSoFar = event.transcript
              // Barge-in: the user talks over the agent, whose answer stops.
              if (pace > 0 && (speaking || !(yield* Queue.isEmpty(outbox)))) cut()
              yield* send({ type: "UserStartedSpeaking" })
            } else if (event.event === "Update") {
              if (userSpeaking) heardSoFar = event.transcript
            } else if (event.event === "EndOfTurn") {
              userSpeaking = false
              heardSoFar = ""
              if (forced.has(event.turn_index)) continue
              if (event.transcript.trim() !== "") yield* userTurn(event.transcript, now)
            }
          }
        })

      const onMessage = (type: string, value: Json, now: number) =>
        Effect.gen(function*() {
          switch (type) {
            case "Settings":
              return yield* fatal("SETTINGS_ALREADY_APPLIED", "Settings were already applied to this session.")
            case "KeepAlive":
              return
            case "InjectUserMessage": {
              const content = value["content"]
              if (typeof content !== "string") {
                return yield* fatal("UNPARSABLE_CLIENT_MESSAGE", "InjectUserMessage needs a string `content`.")
              }
              return yield* userTurn(content, now)
            }
            case "InjectAgentMessage": {
              const message = value["message"]
              if (typeof message !== "string") {
                return yield* fatal("UNPARSABLE_CLIENT_MESSAGE", "InjectAgentMessage needs a string `message`.")
              }
              const behavior = value["behavior"] ?? "default"
              if (behavior === "default" && (userSpeaking || now < speakingUntil || speaking || pending.size > 0)) {
                return yield* send({ type: "InjectionRefused", message })
              }
              if (behavior === "interrupt") cut()
              return yield* speakText(message, now)
            }
            case "FunctionCallResponse": {
              const content = value["content"]
              const id = value["id"]
              // Without an id, the response answers the oldest call.
              const call = typeof id === "string" ? pending.get(id) : pending.values().next().value
              if (call === undefined) {
                return yield* send({
                  type: "Warning",
                  description: `No function call is waiting for the response${typeof id === "string" ? ` ${id}` : ""}.`,
                  code: "FUNCTION_CALL_FAILED"
                })
              }
              pending.delete(call.id)
              const response = typeof content === "string" ? content : JSON.stringify(content)
              yield* recordCall(call, true, response)
              return yield* speakText(
                `Here is what ${call.name} says: ${typeof content === "string" ? content : JSON.stringify(content)}`,
                now
              )
            }
            case "UpdatePrompt": {
              const prompt = value["prompt"]
              if (typeof prompt === "string" && prompt.length > maxPrompt) {
                yield* send({
                  type: "Warning",
                  description: `The prompt was too long (${prompt.length} characters) and was truncated.`,
                  code: "PROMPT_TOO_LONG"
                })
              }
              return yield* send({ type: "PromptUpdated" })
            }
            case "UpdateSpeak":
              voice = voiceOf(value["speak"])
              return yield* send({ type: "SpeakUpdated" })
            case "UpdateThink":
              functions = functionsOf(value["think"])
              return yield* send({ type: "ThinkUpdated" })
            case "UpdateListen":
              return yield* send({ type: "ListenUpdated" })
            case "ForceEndTurn": {
              // Ends the user's turn now with what has been heard of it.
              if (!userSpeaking || heardSoFar.trim() === "") return
              forced.add(currentTurn)
              userSpeaking = false
              const heard = heardSoFar
              heardSoFar = ""
              return yield* userTurn(heard, now)
            }
            default:
              return
          }
        })

      yield* send({ type: "Welcome", request_id: requestId })
      yield* serveFrames(
        connection,
        timeout,
        false,
        (frame, now) =>
          Effect.gen(function*() {
            if (frame._tag === "Binary") {
              if (settings === undefined) {
                return yield* fatal(
                  "NON_SETTINGS_MESSAGE_BEFORE_SETTINGS",
                  "Audio arrived before the Settings message."
                )
              }
              return yield* onAudio(frame.data, now)
            }
            const control = parseControl(frame.text)
            if (control._tag === "Invalid" || !clientTypes.has(control.type)) {
              const reason = control._tag === "Invalid"
                ? "The message could not be parsed as a JSON object with a `type`."
                : `Unknown message type "${control.type.slice(0, 40)}".`
              return yield* fatal("UNPARSABLE_CLIENT_MESSAGE", reason)
            }
            if (settings === undefined) {
              if (control.type !== "Settings") {
                return yield* fatal(
                  "NON_SETTINGS_MESSAGE_BEFORE_SETTINGS",
                  `${control.type} arrived before the Settings message.`
                )
              }
              return yield* applySettings(control.value, now)
            }
            return yield* onMessage(control.type, control.value, now)
          }),
        Effect.zipRight(
          send({
            type: "Error",
            description: `No audio or message was received for ${Duration.format(state.agentTimeout)}.`,
            code: "CLIENT_MESSAGE_TIMEOUT"
          }),
          connection.close(1011, "CLIENT_MESSAGE_TIMEOUT: no audio or message within the timeout window.")
        )
      )
      return audio === undefined ? undefined : yield* audio.finish
    }).pipe(Effect.scoped)
}
