/**
 * Text-to-speech v2 (Flux TTS): one-shot synthesis (`POST /v2/speak`) and turn-based streaming synthesis
 * (`/v2/speak` WebSocket) for voice-agent pipelines.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Async from "./internal/asyncapi.js"
import * as Messages from "./internal/messages.js"
import type { MessageDecodeError } from "./MessageDecodeError.js"
import * as Api from "./internal/openapi.js"

// ---------------------------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every query parameter of `POST /v2/speak` (wire names; `model` is required).
 *
 * @example
 * ```ts
 * import { SpeakV2 } from "@effect-deepgram/schema"
 *
 * const options: SpeakV2.GenerateOptions = { model: "flux-haley-en", encoding: "linear16", sample_rate: 24000 }
 * ```
 *
 * @since 0.1.0
 * @category rest
 */
export const GenerateOptions: typeof Api.SpeakV2AudioGenerateQuery = Api.SpeakV2AudioGenerateQuery

/**
 * @since 0.1.0
 * @category rest
 */
export interface GenerateOptions extends Api.SpeakV2AudioGenerateQuery {}

/**
 * The JSON body of `POST /v2/speak`: `{ text }`.
 *
 * @since 0.1.0
 * @category rest
 */
export const GenerateRequest: typeof Api.SpeakV2Request = Api.SpeakV2Request

/**
 * @since 0.1.0
 * @category rest
 */
export interface GenerateRequest extends Api.SpeakV2Request {}

/**
 * The JSON acknowledgement returned when a `callback` is given: `{ request_id }`. Without a callback the body is
 * the audio itself.
 *
 * @since 0.1.0
 * @category rest
 */
export const AcceptedResponse: typeof Api.SpeakV2AcceptedResponse = Api.SpeakV2AcceptedResponse

/**
 * @since 0.1.0
 * @category rest
 */
export interface AcceptedResponse extends Api.SpeakV2AcceptedResponse {}

/**
 * Output encodings of `POST /v2/speak`.
 *
 * @since 0.1.0
 * @category rest
 */
export const Encoding: typeof Api.V2SpeakPostParametersEncoding = Api.V2SpeakPostParametersEncoding

/**
 * @since 0.1.0
 * @category rest
 */
export type Encoding = Api.V2SpeakPostParametersEncoding

/**
 * Output containers of `POST /v2/speak`.
 *
 * @since 0.1.0
 * @category rest
 */
export const Container: typeof Api.V2SpeakPostParametersContainer = Api.V2SpeakPostParametersContainer

/**
 * @since 0.1.0
 * @category rest
 */
export type Container = Api.V2SpeakPostParametersContainer

// ---------------------------------------------------------------------------------------------------------------
// live: query
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of the `/v2/speak` WebSocket (wire names).
 *
 * @example
 * ```ts
 * import { SpeakV2 } from "@effect-deepgram/schema"
 *
 * const options: SpeakV2.LiveOptions = { model: "flux-haley-en", encoding: "linear16", sample_rate: 24000 }
 * ```
 *
 * @since 0.1.0
 * @category live
 */
export const LiveOptions: typeof Async.SpeakV2Query = Async.SpeakV2Query

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveOptions extends Async.SpeakV2Query {}

// ---------------------------------------------------------------------------------------------------------------
// live: server messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Audio arrives as binary frames.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Audio: typeof Async.SpeakV2Audio = Async.SpeakV2Audio

/**
 * @since 0.1.0
 * @category server messages
 */
export type Audio = Async.SpeakV2Audio

/**
 * Sent when the stream opens: request id and model details (`type: "Connected"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Connected: typeof Async.SpeakV2Connected = Async.SpeakV2Connected

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Connected extends Async.SpeakV2Connected {}

/**
 * A new turn started; carries its `speech_id` (`type: "SpeechStarted"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const SpeechStarted: typeof Async.SpeakV2SpeechStarted = Async.SpeakV2SpeechStarted

/**
 * @since 0.1.0
 * @category server messages
 */
export interface SpeechStarted extends Async.SpeakV2SpeechStarted {}

/**
 * Per-turn billing and timing after a `Flush` (`type: "SpeechMetadata"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const SpeechMetadata: typeof Async.SpeakV2SpeechMetadata = Async.SpeakV2SpeechMetadata

/**
 * @since 0.1.0
 * @category server messages
 */
export interface SpeechMetadata extends Async.SpeakV2SpeechMetadata {}

/**
 * Echo confirming a `Flush` (`type: "Flushed"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Flushed: typeof Async.SpeakV2Flushed = Async.SpeakV2Flushed

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Flushed extends Async.SpeakV2Flushed {}

/**
 * Cumulative session totals sent before the socket closes (`type: "SessionMetadata"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const SessionMetadata: typeof Async.SpeakV2SessionMetadata = Async.SpeakV2SessionMetadata

/**
 * @since 0.1.0
 * @category server messages
 */
export interface SessionMetadata extends Async.SpeakV2SessionMetadata {}

/**
 * A warning; synthesis continues (`type: "Warning"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Warning: typeof Async.SpeakV2Warning = Async.SpeakV2Warning

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Warning extends Async.SpeakV2Warning {}

/**
 * A fatal error; the socket closes after it (`type: "Error"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const FatalError: typeof Async.SpeakV2Error = Async.SpeakV2Error

/**
 * @since 0.1.0
 * @category server messages
 */
export interface FatalError extends Async.SpeakV2Error {}

/**
 * Known error codes of {@link FatalError}; any other string is accepted too.
 *
 * @since 0.1.0
 * @category server messages
 */
export const ErrorCode: typeof Async.ChannelsSpeakV2MessagesSpeakV2ErrorCode =
  Async.ChannelsSpeakV2MessagesSpeakV2ErrorCode

/**
 * @since 0.1.0
 * @category server messages
 */
export type ErrorCode = Async.ChannelsSpeakV2MessagesSpeakV2ErrorCode

/**
 * A server message whose `type` this version does not model: `{ type: "Unknown", raw }` (the raw object is kept
 * whole), so a new Deepgram message never breaks a stream.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Unknown = /* @__PURE__ */ Messages.unknownMessage("SpeakV2", Async.SpeakV2ServerMessageTypes)

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Unknown extends Messages.UnknownMessage {}

/**
 * A server message whose `type` is modelled but which does not match its schema (a field missing or of another
 * type): `{ type: "Invalid", messageType, raw, issue }`, the raw object kept whole and `issue` naming the field.
 * It is delivered like any other message instead of ending the stream; see {@link isInvalid}.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Invalid = /* @__PURE__ */ Messages.invalidMessage("SpeakV2", Async.SpeakV2Channel)

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Invalid extends Messages.InvalidMessage {}

/**
 * True for the {@link Invalid} variant: a known message type that failed its schema. A consumer that wants
 * strict decoding fails on it.
 *
 * @example
 * ```ts
 * import { SpeakV2 } from "@effect-deepgram/schema"
 * import * as Either from "effect/Either"
 *
 * const result = SpeakV2.decodeServerMessageEither("{\"type\":\"Error\"}")
 * if (Either.isRight(result) && SpeakV2.isInvalid(result.right)) console.warn(result.right.issue)
 * ```
 *
 * @since 0.1.0
 * @category server messages
 */
export const isInvalid: (u: unknown) => u is Invalid = Messages.isInvalid

/**
 * True for the {@link Unknown} variant: a message type this version does not model.
 *
 * @since 0.1.0
 * @category server messages
 */
export const isUnknown: (u: unknown) => u is Unknown = Messages.isUnknown

/**
 * Every JSON server message of `/v2/speak`, discriminated on `type`; unknown types decode to {@link Unknown},
 * known types that fail their schema to {@link Invalid}, so any JSON object decodes.
 * Binary frames (audio) are not part of this union.
 *
 * @since 0.1.0
 * @category server messages
 */
export const ServerMessage = /* @__PURE__ */ Schema.Union(
  Connected, SpeechStarted, SpeechMetadata, Flushed, SessionMetadata, Warning, FatalError,
  Unknown,
  Invalid
).annotations({ identifier: "SpeakV2.ServerMessage" })

/**
 * @since 0.1.0
 * @category server messages
 */
export type ServerMessage = typeof ServerMessage.Type

const decodeText = /* @__PURE__ */ Messages.makeDecodeText("/v2/speak", ServerMessage)

/**
 * Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with
 * a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known
 * message that fails its schema decodes to {@link Invalid}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SpeakV2 } from "@effect-deepgram/schema"
 *
 * const program = SpeakV2.decodeServerMessage("{\"type\":\"SpeechStarted\",\"speech_id\":\"s-1\"}").pipe(
 *   Effect.tap((message) => Effect.log(message.type))
 * )
 * ```
 *
 * @since 0.1.0
 * @category server messages
 */
export const decodeServerMessage: (text: string) => Effect.Effect<ServerMessage, MessageDecodeError> = decodeText

/**
 * Like {@link decodeServerMessage}, returning an `Either`.
 *
 * @since 0.1.0
 * @category server messages
 */
export const decodeServerMessageEither: (text: string) => Either.Either<ServerMessage, MessageDecodeError> =
  decodeText

// ---------------------------------------------------------------------------------------------------------------
// live: client messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Text to synthesize into the active turn (`{ type: "Speak", text }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const Speak: typeof Async.SpeakV2Speak = Async.SpeakV2Speak

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Speak extends Async.SpeakV2Speak {}

/**
 * End the active turn and generate the remaining audio (`{ type: "Flush" }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const Flush: typeof Async.SpeakV2Flush = Async.SpeakV2Flush

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Flush extends Async.SpeakV2Flush {}

/**
 * Drain all queued audio and close (`{ type: "Close" }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const Close: typeof Async.SpeakV2Close = Async.SpeakV2Close

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Close extends Async.SpeakV2Close {}

/**
 * Every JSON client message of `/v2/speak`.
 *
 * @since 0.1.0
 * @category client messages
 */
export const ClientMessage: typeof Async.SpeakV2ClientMessage = Async.SpeakV2ClientMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export type ClientMessage = Async.SpeakV2ClientMessage
