/**
 * Flux conversational speech recognition: the `/v2/listen` WebSocket (turn-based transcripts with
 * end-of-turn detection).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Async from "./internal/asyncapi.js"
import * as Messages from "./internal/messages.js"
import type { MessageDecodeError } from "./MessageDecodeError.js"

// ---------------------------------------------------------------------------------------------------------------
// query
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of the `/v2/listen` WebSocket (all optional, wire names). `model` (a Flux model), `encoding` and
 * `sample_rate` are what most streams set; the end-of-turn thresholds tune turn detection.
 *
 * @example
 * ```ts
 * import { ListenV2 } from "@effect-deepgram/schema"
 *
 * const options: ListenV2.LiveOptions = {
 *   model: "flux-general-en",
 *   encoding: "linear16",
 *   sample_rate: 16000,
 *   eot_threshold: 0.7
 * }
 * ```
 *
 * @since 0.1.0
 * @category options
 */
export const LiveOptions: typeof Async.ListenV2Query = Async.ListenV2Query

/**
 * @since 0.1.0
 * @category options
 */
export interface LiveOptions extends Async.ListenV2Query {}

/**
 * Flux models; any other string is accepted too.
 *
 * @since 0.1.0
 * @category options
 */
export const Model: typeof Async.ListenV2Model = Async.ListenV2Model

/**
 * @since 0.1.0
 * @category options
 */
export type Model = Async.ListenV2Model

/**
 * Raw audio encodings accepted by Flux.
 *
 * @since 0.1.0
 * @category options
 */
export const Encoding: typeof Async.ListenV2Encoding = Async.ListenV2Encoding

/**
 * @since 0.1.0
 * @category options
 */
export type Encoding = Async.ListenV2Encoding

// ---------------------------------------------------------------------------------------------------------------
// server messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Sent once the stream is open (`type: "Connected"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Connected: typeof Async.ListenV2Connected = Async.ListenV2Connected

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Connected extends Async.ListenV2Connected {}

/**
 * Turn progress (`type: "TurnInfo"`): `event` is `Update`, `StartOfTurn`, `EagerEndOfTurn`, `TurnResumed` or
 * `EndOfTurn`, with the turn transcript and words so far.
 *
 * @since 0.1.0
 * @category server messages
 */
export const TurnInfo: typeof Async.ListenV2TurnInfo = Async.ListenV2TurnInfo

/**
 * @since 0.1.0
 * @category server messages
 */
export interface TurnInfo extends Async.ListenV2TurnInfo {}

/**
 * The `event` of a {@link TurnInfo}.
 *
 * @since 0.1.0
 * @category server messages
 */
export const TurnEvent: typeof Async.ChannelsListenV2MessagesListenV2TurnInfoEvent =
  Async.ChannelsListenV2MessagesListenV2TurnInfoEvent

/**
 * @since 0.1.0
 * @category server messages
 */
export type TurnEvent = Async.ChannelsListenV2MessagesListenV2TurnInfoEvent

/**
 * One word of a {@link TurnInfo}.
 *
 * @since 0.1.0
 * @category server messages
 */
export const TurnWord: typeof Async.ChannelsListenV2MessagesListenV2TurnInfoWordsItems =
  Async.ChannelsListenV2MessagesListenV2TurnInfoWordsItems

/**
 * @since 0.1.0
 * @category server messages
 */
export interface TurnWord extends Async.ChannelsListenV2MessagesListenV2TurnInfoWordsItems {}

/**
 * A `Configure` message was applied; echoes the settings now in force (`type: "ConfigureSuccess"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ConfigureSuccess: typeof Async.ListenV2ConfigureSuccess = Async.ListenV2ConfigureSuccess

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ConfigureSuccess extends Async.ListenV2ConfigureSuccess {}

/**
 * A `Configure` message was rejected (`type: "ConfigureFailure"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ConfigureFailure: typeof Async.ListenV2ConfigureFailure = Async.ListenV2ConfigureFailure

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ConfigureFailure extends Async.ListenV2ConfigureFailure {}

/**
 * A fatal error; the server closes the stream after it (`type: "Error"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const FatalError: typeof Async.ListenV2FatalError = Async.ListenV2FatalError

/**
 * @since 0.1.0
 * @category server messages
 */
export interface FatalError extends Async.ListenV2FatalError {}

/**
 * A server message whose `type` this version does not model: `{ type: "Unknown", raw }` (the raw object is kept
 * whole), so a new Deepgram message never breaks a stream.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Unknown = /* @__PURE__ */ Messages.unknownMessage("ListenV2", Async.ListenV2ServerMessageTypes)

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
export const Invalid = /* @__PURE__ */ Messages.invalidMessage("ListenV2", Async.ListenV2Channel)

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
 * import { ListenV2 } from "@effect-deepgram/schema"
 * import * as Either from "effect/Either"
 *
 * const result = ListenV2.decodeServerMessageEither("{\"type\":\"Error\"}")
 * if (Either.isRight(result) && ListenV2.isInvalid(result.right)) console.warn(result.right.issue)
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
 * Every JSON server message of `/v2/listen`, discriminated on `type`; unknown types decode to {@link Unknown},
 * known types that fail their schema to {@link Invalid}, so any JSON object decodes.
 * Binary frames (audio) are not part of this union.
 *
 * @since 0.1.0
 * @category server messages
 */
export const ServerMessage = /* @__PURE__ */ Schema.Union(
  Connected, TurnInfo, ConfigureSuccess, ConfigureFailure, FatalError,
  Unknown,
  Invalid
).annotations({ identifier: "ListenV2.ServerMessage" })

/**
 * @since 0.1.0
 * @category server messages
 */
export type ServerMessage = typeof ServerMessage.Type

const decodeText = /* @__PURE__ */ Messages.makeDecodeText("/v2/listen", ServerMessage)

/**
 * Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with
 * a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known
 * message that fails its schema decodes to {@link Invalid}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ListenV2 } from "@effect-deepgram/schema"
 *
 * const program = ListenV2.decodeServerMessage("{\"type\":\"Connected\",\"request_id\":\"r\",\"sequence_id\":0}").pipe(
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
// client messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Audio sent as a binary frame.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Media: typeof Async.ListenV2Media = Async.ListenV2Media

/**
 * @since 0.1.0
 * @category client messages
 */
export type Media = Async.ListenV2Media

/**
 * Finish the stream (`{ type: "CloseStream" }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const CloseStream: typeof Async.ListenV2CloseStream = Async.ListenV2CloseStream

/**
 * @since 0.1.0
 * @category client messages
 */
export interface CloseStream extends Async.ListenV2CloseStream {}

/**
 * Change thresholds, key terms or language hints mid-stream (`{ type: "Configure", ... }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const Configure: typeof Async.ListenV2Configure = Async.ListenV2Configure

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Configure extends Async.ListenV2Configure {}

/**
 * End-of-turn thresholds of a {@link Configure} message.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Thresholds: typeof Async.ChannelsListenV2MessagesListenV2ConfigureThresholds =
  Async.ChannelsListenV2MessagesListenV2ConfigureThresholds

/**
 * @since 0.1.0
 * @category client messages
 */
export interface Thresholds extends Async.ChannelsListenV2MessagesListenV2ConfigureThresholds {}

/**
 * Every JSON client message of `/v2/listen`.
 *
 * @since 0.1.0
 * @category client messages
 */
export const ClientMessage: typeof Async.ListenV2ClientMessage = Async.ListenV2ClientMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export type ClientMessage = Async.ListenV2ClientMessage
