/**
 * Text-to-speech v1: one-shot synthesis (`POST /v1/speak`) and streaming synthesis (`/v1/speak` WebSocket).
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
 * Every query parameter of `POST /v1/speak` (all optional, wire names): `model` (voice), `encoding`, `container`,
 * `sample_rate`, `bit_rate`, `speed`, `callback`, ...
 *
 * @example
 * ```ts
 * import { SpeakV1 } from "@effect-deepgram/schema"
 *
 * const options: SpeakV1.GenerateOptions = { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 }
 * ```
 *
 * @since 0.1.0
 * @category rest
 */
export const GenerateOptions: typeof Api.SpeakV1AudioGenerateQuery = Api.SpeakV1AudioGenerateQuery

/**
 * @since 0.1.0
 * @category rest
 */
export interface GenerateOptions extends Api.SpeakV1AudioGenerateQuery {}

/**
 * The JSON body of `POST /v1/speak`: `{ text }`.
 *
 * @since 0.1.0
 * @category rest
 */
export const GenerateRequest: typeof Api.SpeakV1Request = Api.SpeakV1Request

/**
 * @since 0.1.0
 * @category rest
 */
export interface GenerateRequest extends Api.SpeakV1Request {}

/**
 * The success body as the spec models it (an empty object). On the wire the body is the audio itself, in the
 * requested encoding; read it as bytes.
 *
 * @since 0.1.0
 * @category rest
 */
export const GenerateResponse: typeof Api.speak_v1_audio_generate_Response_200 =
  Api.speak_v1_audio_generate_Response_200

/**
 * @since 0.1.0
 * @category rest
 */
export type GenerateResponse = Api.speak_v1_audio_generate_Response_200

/**
 * Aura voices; any other string is accepted too.
 *
 * @since 0.1.0
 * @category rest
 */
export const Model: typeof Api.V1SpeakPostParametersModel = Api.V1SpeakPostParametersModel

/**
 * @since 0.1.0
 * @category rest
 */
export type Model = Api.V1SpeakPostParametersModel

/**
 * Output encodings of `POST /v1/speak`.
 *
 * @since 0.1.0
 * @category rest
 */
export const Encoding: typeof Api.V1SpeakPostParametersEncoding = Api.V1SpeakPostParametersEncoding

/**
 * @since 0.1.0
 * @category rest
 */
export type Encoding = Api.V1SpeakPostParametersEncoding

/**
 * Output containers of `POST /v1/speak`.
 *
 * @since 0.1.0
 * @category rest
 */
export const Container: typeof Api.V1SpeakPostParametersContainer = Api.V1SpeakPostParametersContainer

/**
 * @since 0.1.0
 * @category rest
 */
export type Container = Api.V1SpeakPostParametersContainer

// ---------------------------------------------------------------------------------------------------------------
// live: query
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of the `/v1/speak` WebSocket (all optional, wire names).
 *
 * @example
 * ```ts
 * import { SpeakV1 } from "@effect-deepgram/schema"
 *
 * const options: SpeakV1.LiveOptions = { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 }
 * ```
 *
 * @since 0.1.0
 * @category live
 */
export const LiveOptions: typeof Async.SpeakV1Query = Async.SpeakV1Query

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveOptions extends Async.SpeakV1Query {}

/**
 * Voices of the `/v1/speak` WebSocket; any other string is accepted too.
 *
 * @since 0.1.0
 * @category live
 */
export const LiveModel: typeof Async.SpeakV1Model = Async.SpeakV1Model

/**
 * @since 0.1.0
 * @category live
 */
export type LiveModel = Async.SpeakV1Model

/**
 * Output encodings of the `/v1/speak` WebSocket.
 *
 * @since 0.1.0
 * @category live
 */
export const LiveEncoding: typeof Async.SpeakV1Encoding = Async.SpeakV1Encoding

/**
 * @since 0.1.0
 * @category live
 */
export type LiveEncoding = Async.SpeakV1Encoding

// ---------------------------------------------------------------------------------------------------------------
// live: server messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Audio arrives as binary frames.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Audio: typeof Async.SpeakV1Audio = Async.SpeakV1Audio

/**
 * @since 0.1.0
 * @category server messages
 */
export type Audio = Async.SpeakV1Audio

/**
 * Sent when the stream opens: request id and model details (`type: "Metadata"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Metadata: typeof Async.SpeakV1Metadata = Async.SpeakV1Metadata

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Metadata extends Async.SpeakV1Metadata {}

/**
 * All audio for the text sent before a `Flush` has been delivered (`type: "Flushed"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Flushed: typeof Async.SpeakV1Flushed = Async.SpeakV1Flushed

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Flushed extends Async.SpeakV1Flushed {}

/**
 * The buffer was cleared after a `Clear` (`type: "Cleared"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Cleared: typeof Async.SpeakV1Cleared = Async.SpeakV1Cleared

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Cleared extends Async.SpeakV1Cleared {}

/**
 * A non-fatal warning (`type: "Warning"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Warning: typeof Async.SpeakV1Warning = Async.SpeakV1Warning

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Warning extends Async.SpeakV1Warning {}

/**
 * A server message whose `type` this version does not model: `{ type: "Unknown", raw }` (the raw object is kept
 * whole), so a new Deepgram message never breaks a stream.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Unknown = /* @__PURE__ */ Messages.unknownMessage("SpeakV1", Async.SpeakV1ServerMessageTypes)

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
export const Invalid = /* @__PURE__ */ Messages.invalidMessage("SpeakV1", Async.SpeakV1Channel)

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
 * import { SpeakV1 } from "@effect-deepgram/schema"
 * import * as Either from "effect/Either"
 *
 * const result = SpeakV1.decodeServerMessageEither("{\"type\":\"Error\"}")
 * if (Either.isRight(result) && SpeakV1.isInvalid(result.right)) console.warn(result.right.issue)
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
 * Every JSON server message of `/v1/speak`, discriminated on `type`; unknown types decode to {@link Unknown},
 * known types that fail their schema to {@link Invalid}, so any JSON object decodes.
 * Binary frames (audio) are not part of this union.
 *
 * @since 0.1.0
 * @category server messages
 */
export const ServerMessage = /* @__PURE__ */ Schema.Union(
  Metadata, Flushed, Cleared, Warning,
  Unknown,
  Invalid
).annotations({ identifier: "SpeakV1.ServerMessage" })

/**
 * @since 0.1.0
 * @category server messages
 */
export type ServerMessage = typeof ServerMessage.Type

const decodeText = /* @__PURE__ */ Messages.makeDecodeText("/v1/speak", ServerMessage)

/**
 * Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with
 * a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known
 * message that fails its schema decodes to {@link Invalid}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SpeakV1 } from "@effect-deepgram/schema"
 *
 * const program = SpeakV1.decodeServerMessage("{\"type\":\"Flushed\",\"sequence_id\":1}").pipe(
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
 * Text to synthesize (`{ type: "Speak", text }`); the spec calls it `SpeakV1Text`.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Speak: typeof Async.SpeakV1Text = Async.SpeakV1Text

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Speak extends Async.SpeakV1Text {}

/**
 * Alias of {@link Speak}, after the spec's message name.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Text = Speak

/**
 * @since 0.1.0
 * @category client messages
 */
export type Text = Speak

/**
 * Synthesize everything buffered so far (`{ type: "Flush" }`); answered by {@link Flushed}.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Flush: typeof Async.SpeakV1Flush = Async.SpeakV1Flush

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Flush extends Async.SpeakV1Flush {}

/**
 * Drop the buffered text (`{ type: "Clear" }`); answered by {@link Cleared}.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Clear: typeof Async.SpeakV1Clear = Async.SpeakV1Clear

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Clear extends Async.SpeakV1Clear {}

/**
 * Flush and close the stream gracefully (`{ type: "Close" }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const Close: typeof Async.SpeakV1Close = Async.SpeakV1Close

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Close extends Async.SpeakV1Close {}

/**
 * Every JSON client message of `/v1/speak`.
 *
 * @since 0.1.0
 * @category client messages
 */
export const ClientMessage: typeof Async.SpeakV1ClientMessage = Async.SpeakV1ClientMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export type ClientMessage = Async.SpeakV1ClientMessage
