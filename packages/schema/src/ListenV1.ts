/**
 * Speech-to-text v1: pre-recorded transcription (`POST /v1/listen`) and live streaming (`/v1/listen` WebSocket).
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
// pre-recorded: request
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every query parameter of `POST /v1/listen` (all optional, wire names). Booleans are real booleans; list
 * parameters (`keyterm`, `keywords`, `search`, `replace`, `tag`, ...) take a string or an array of strings.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ListenV1 } from "@effect-deepgram/schema"
 *
 * const options = Schema.decodeUnknownSync(ListenV1.TranscribeOptions)({
 *   model: "nova-3",
 *   smart_format: true,
 *   utterances: true,
 *   keyterm: ["Deepgram"]
 * })
 * ```
 *
 * @since 0.1.0
 * @category request
 */
export const TranscribeOptions: typeof Api.ListenV1MediaTranscribeQuery = Api.ListenV1MediaTranscribeQuery

/**
 * @since 0.1.0
 * @category request
 */
export interface TranscribeOptions extends Schema.Schema.Type<typeof TranscribeOptions> {}

/**
 * The JSON body that asks Deepgram to fetch the audio from a URL: `{ url }`.
 *
 * @since 0.1.0
 * @category request
 */
export const TranscribeUrlRequest: typeof Api.ListenV1RequestUrl = Api.ListenV1RequestUrl

/**
 * @since 0.1.0
 * @category request
 */
export interface TranscribeUrlRequest extends Api.ListenV1RequestUrl {}

/**
 * Speech models with a published name; any other string (custom models) is accepted as well.
 *
 * @since 0.1.0
 * @category request
 */
export const Model: typeof Api.V1ListenPostParametersModel = Api.V1ListenPostParametersModel

/**
 * @since 0.1.0
 * @category request
 */
export type Model = Api.V1ListenPostParametersModel

/**
 * Audio encodings that must be declared for raw (headerless) audio.
 *
 * @since 0.1.0
 * @category request
 */
export const Encoding: typeof Api.V1ListenPostParametersEncoding = Api.V1ListenPostParametersEncoding

/**
 * @since 0.1.0
 * @category request
 */
export type Encoding = Api.V1ListenPostParametersEncoding

// ---------------------------------------------------------------------------------------------------------------
// pre-recorded: response
// ---------------------------------------------------------------------------------------------------------------

/**
 * A finished transcription (`ListenV1Response`): `{ metadata, results }`.
 *
 * @since 0.1.0
 * @category response
 */
export const TranscriptionResponse: typeof Api.ListenV1Response = Api.ListenV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface TranscriptionResponse extends Api.ListenV1Response {}

/**
 * The acknowledgement returned instead of a transcript when a `callback` URL is given: `{ request_id }`.
 *
 * @since 0.1.0
 * @category response
 */
export const AcceptedResponse: typeof Api.ListenV1AcceptedResponse = Api.ListenV1AcceptedResponse

/**
 * @since 0.1.0
 * @category response
 */
export interface AcceptedResponse extends Api.ListenV1AcceptedResponse {}

/**
 * The success body of `POST /v1/listen`: a {@link TranscriptionResponse} or, in callback mode, an
 * {@link AcceptedResponse}.
 *
 * @since 0.1.0
 * @category response
 */
export const TranscribeResponse: typeof Api.listen_v1_media_transcribe_Response_200 =
  Api.listen_v1_media_transcribe_Response_200

/**
 * @since 0.1.0
 * @category response
 */
export type TranscribeResponse = Api.listen_v1_media_transcribe_Response_200

/**
 * Request metadata: `request_id`, `sha256`, `created`, `duration`, `channels`, `models`, ...
 *
 * @since 0.1.0
 * @category response
 */
export const Metadata: typeof Api.ListenV1ResponseMetadata = Api.ListenV1ResponseMetadata

/**
 * @since 0.1.0
 * @category response
 */
export interface Metadata extends Api.ListenV1ResponseMetadata {}

/**
 * Token usage of one audio-intelligence feature (`summary_info`, `sentiment_info`, `topics_info`, `intents_info`).
 *
 * @since 0.1.0
 * @category response
 */
export const FeatureInfo: typeof Api.ListenV1ResponseMetadataSummaryInfo = Api.ListenV1ResponseMetadataSummaryInfo

/**
 * @since 0.1.0
 * @category response
 */
export interface FeatureInfo extends Api.ListenV1ResponseMetadataSummaryInfo {}

/**
 * The `results` object: `channels`, `utterances`, `summary`, `topics`, `intents`, `sentiments`.
 *
 * @since 0.1.0
 * @category response
 */
export const TranscriptionResults: typeof Api.ListenV1ResponseResults = Api.ListenV1ResponseResults

/**
 * @since 0.1.0
 * @category response
 */
export interface TranscriptionResults extends Api.ListenV1ResponseResults {}

/**
 * One audio channel of the results: its `alternatives`, `search` hits and `detected_language`.
 *
 * @since 0.1.0
 * @category response
 */
export const Channel: typeof Api.ListenV1ResponseResultsChannelsItems = Api.ListenV1ResponseResultsChannelsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Channel extends Api.ListenV1ResponseResultsChannelsItems {}

/**
 * One transcription hypothesis: `transcript`, `confidence`, `words`, `paragraphs`, `entities`, ...
 *
 * @since 0.1.0
 * @category response
 */
export const Alternative: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Alternative extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItems {}

/**
 * One recognised word with its timing and confidence.
 *
 * @since 0.1.0
 * @category response
 */
export const Word: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsWordsItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsWordsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Word extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsWordsItems {}

/**
 * The paragraph view of an alternative (`paragraphs=true`): a formatted `transcript` and its `paragraphs`.
 *
 * @since 0.1.0
 * @category response
 */
export const Paragraphs: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphs =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphs

/**
 * @since 0.1.0
 * @category response
 */
export interface Paragraphs extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphs {}

/**
 * One paragraph: its `sentences`, `speaker`, `num_words`, `start` and `end`.
 *
 * @since 0.1.0
 * @category response
 */
export const Paragraph: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Paragraph extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItems {}

/**
 * One sentence of a paragraph.
 *
 * @since 0.1.0
 * @category response
 */
export const Sentence: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItemsSentencesItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItemsSentencesItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Sentence
  extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItemsSentencesItems
{}

/**
 * A detected entity (`detect_entities=true`).
 *
 * @since 0.1.0
 * @category response
 */
export const Entity: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsEntitiesItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsEntitiesItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Entity extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsEntitiesItems {}

/**
 * A per-alternative summary segment (`summarize=v1`).
 *
 * @since 0.1.0
 * @category response
 */
export const AlternativeSummary: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsSummariesItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsSummariesItems

/**
 * @since 0.1.0
 * @category response
 */
export interface AlternativeSummary extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsSummariesItems {}

/**
 * A per-alternative topic segment.
 *
 * @since 0.1.0
 * @category response
 */
export const AlternativeTopic: typeof Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsTopicsItems =
  Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsTopicsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface AlternativeTopic extends Api.ListenV1ResponseResultsChannelsItemsAlternativesItemsTopicsItems {}

/**
 * The hits of one `search` term.
 *
 * @since 0.1.0
 * @category response
 */
export const Search: typeof Api.ListenV1ResponseResultsChannelsItemsSearchItems =
  Api.ListenV1ResponseResultsChannelsItemsSearchItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Search extends Api.ListenV1ResponseResultsChannelsItemsSearchItems {}

/**
 * One search hit.
 *
 * @since 0.1.0
 * @category response
 */
export const SearchHit: typeof Api.ListenV1ResponseResultsChannelsItemsSearchItemsHitsItems =
  Api.ListenV1ResponseResultsChannelsItemsSearchItemsHitsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface SearchHit extends Api.ListenV1ResponseResultsChannelsItemsSearchItemsHitsItems {}

/**
 * One utterance (`utterances=true`): a span of speech with its transcript, speaker and words.
 *
 * @since 0.1.0
 * @category response
 */
export const Utterance: typeof Api.ListenV1ResponseResultsUtterancesItems = Api.ListenV1ResponseResultsUtterancesItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Utterance extends Api.ListenV1ResponseResultsUtterancesItems {}

/**
 * A word of an utterance (carries `speaker` and `punctuated_word`).
 *
 * @since 0.1.0
 * @category response
 */
export const UtteranceWord: typeof Api.ListenV1ResponseResultsUtterancesItemsWordsItems =
  Api.ListenV1ResponseResultsUtterancesItemsWordsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface UtteranceWord extends Api.ListenV1ResponseResultsUtterancesItemsWordsItems {}

/**
 * The whole-request summary (`summarize=v2`): `{ result, short }`.
 *
 * @since 0.1.0
 * @category response
 */
export const Summary: typeof Api.ListenV1ResponseResultsSummary = Api.ListenV1ResponseResultsSummary

/**
 * @since 0.1.0
 * @category response
 */
export interface Summary extends Api.ListenV1ResponseResultsSummary {}

/**
 * Topic detection results (`topics=true`), shared with text intelligence.
 *
 * @since 0.1.0
 * @category response
 */
export const Topics: typeof Api.SharedTopics = Api.SharedTopics

/**
 * @since 0.1.0
 * @category response
 */
export interface Topics extends Api.SharedTopics {}

/**
 * Intent recognition results (`intents=true`), shared with text intelligence.
 *
 * @since 0.1.0
 * @category response
 */
export const Intents: typeof Api.SharedIntents = Api.SharedIntents

/**
 * @since 0.1.0
 * @category response
 */
export interface Intents extends Api.SharedIntents {}

/**
 * Sentiment analysis results (`sentiment=true`), shared with text intelligence.
 *
 * @since 0.1.0
 * @category response
 */
export const Sentiments: typeof Api.SharedSentiments = Api.SharedSentiments

/**
 * @since 0.1.0
 * @category response
 */
export interface Sentiments extends Api.SharedSentiments {}

// ---------------------------------------------------------------------------------------------------------------
// live: query
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of the `/v1/listen` WebSocket (all optional, wire names). Flags take booleans (or the
 * strings `"true"`/`"false"`); parameters the AsyncAPI spec leaves untyped are typed by scripts/patches.ts
 * (`channels`, `sample_rate`, `utterance_end_ms` are integers, `endpointing` is an integer or `false`, list
 * parameters take a string or an array of strings).
 *
 * @example
 * ```ts
 * import { ListenV1 } from "@effect-deepgram/schema"
 *
 * const options: ListenV1.LiveOptions = {
 *   model: "nova-3",
 *   encoding: "linear16",
 *   sample_rate: 16000,
 *   interim_results: true,
 *   utterance_end_ms: 1000
 * }
 * ```
 *
 * @since 0.1.0
 * @category live
 */
export const LiveOptions: typeof Async.ListenV1Query = Async.ListenV1Query

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveOptions extends Schema.Schema.Type<typeof LiveOptions> {}

// ---------------------------------------------------------------------------------------------------------------
// live: server messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * A transcription result (`type: "Results"`): interim (`is_final: false`) or final, with `speech_final` marking an
 * endpoint.
 *
 * @since 0.1.0
 * @category live
 */
export const Results: typeof Async.ListenV1Results = Async.ListenV1Results

/**
 * @since 0.1.0
 * @category live
 */
export interface Results extends Async.ListenV1Results {}

/**
 * The channel object of a live result.
 *
 * @since 0.1.0
 * @category live
 */
export const LiveChannel: typeof Async.ChannelsListenV1MessagesListenV1ResultsChannel =
  Async.ChannelsListenV1MessagesListenV1ResultsChannel

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveChannel extends Async.ChannelsListenV1MessagesListenV1ResultsChannel {}

/**
 * One alternative of a live result.
 *
 * @since 0.1.0
 * @category live
 */
export const LiveAlternative: typeof Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItems =
  Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItems

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveAlternative extends Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItems {}

/**
 * One word of a live result.
 *
 * @since 0.1.0
 * @category live
 */
export const LiveWord: typeof Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItemsWordsItems =
  Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItemsWordsItems

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveWord extends Async.ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItemsWordsItems {}

/**
 * The stream summary sent when the stream closes (`type: "Metadata"`).
 *
 * @since 0.1.0
 * @category live
 */
export const LiveMetadata: typeof Async.ListenV1Metadata = Async.ListenV1Metadata

/**
 * @since 0.1.0
 * @category live
 */
export interface LiveMetadata extends Async.ListenV1Metadata {}

/**
 * End of an utterance after `utterance_end_ms` of silence (`type: "UtteranceEnd"`).
 *
 * @since 0.1.0
 * @category live
 */
export const UtteranceEnd: typeof Async.ListenV1UtteranceEnd = Async.ListenV1UtteranceEnd

/**
 * @since 0.1.0
 * @category live
 */
export interface UtteranceEnd extends Async.ListenV1UtteranceEnd {}

/**
 * Start of speech detected (`vad_events=true`, `type: "SpeechStarted"`).
 *
 * @since 0.1.0
 * @category live
 */
export const SpeechStarted: typeof Async.ListenV1SpeechStarted = Async.ListenV1SpeechStarted

/**
 * @since 0.1.0
 * @category live
 */
export interface SpeechStarted extends Async.ListenV1SpeechStarted {}

/**
 * A server message whose `type` this version does not model: `{ type: "Unknown", raw }`.
 *
 * @since 0.1.0
 * @category live
 */
export const Unknown = /* @__PURE__ */ Messages.unknownMessage("ListenV1", Async.ListenV1ServerMessageTypes)

/**
 * @since 0.1.0
 * @category live
 */
export interface Unknown extends Messages.UnknownMessage {}

/**
 * A server message whose `type` is modelled but which does not match its schema (a field missing or of another
 * type): `{ type: "Invalid", messageType, raw, issue }`, the raw object kept whole and `issue` naming the field.
 * It is delivered like any other message instead of ending the stream; see {@link isInvalid}.
 *
 * @since 0.1.0
 * @category live
 */
export const Invalid = /* @__PURE__ */ Messages.invalidMessage("ListenV1", Async.ListenV1Channel)

/**
 * @since 0.1.0
 * @category live
 */
export interface Invalid extends Messages.InvalidMessage {}

/**
 * True for the {@link Invalid} variant: a known message type that failed its schema. A consumer that wants
 * strict decoding fails on it.
 *
 * @example
 * ```ts
 * import { ListenV1 } from "@effect-deepgram/schema"
 * import * as Either from "effect/Either"
 *
 * const result = ListenV1.decodeServerMessageEither("{\"type\":\"Error\"}")
 * if (Either.isRight(result) && ListenV1.isInvalid(result.right)) console.warn(result.right.issue)
 * ```
 *
 * @since 0.1.0
 * @category live
 */
export const isInvalid: (u: unknown) => u is Invalid = Messages.isInvalid

/**
 * True for the {@link Unknown} variant: a message type this version does not model.
 *
 * @since 0.1.0
 * @category live
 */
export const isUnknown: (u: unknown) => u is Unknown = Messages.isUnknown

/**
 * Every JSON server message of `/v1/listen`, discriminated on `type`; unknown types decode to {@link Unknown},
 * known types that fail their schema to {@link Invalid}, so any JSON object decodes.
 *
 * @since 0.1.0
 * @category live
 */
export const ServerMessage = /* @__PURE__ */ Schema.Union(
  Results, LiveMetadata, UtteranceEnd, SpeechStarted,
  Unknown,
  Invalid
).annotations({ identifier: "ListenV1.ServerMessage" })

/**
 * @since 0.1.0
 * @category live
 */
export type ServerMessage = typeof ServerMessage.Type

const decodeText = /* @__PURE__ */ Messages.makeDecodeText("/v1/listen", ServerMessage)

/**
 * Parses a text frame and decodes it into a {@link ServerMessage}. Fails with a `MessageDecodeError` only when
 * the frame is not a JSON object; a known message that fails its schema decodes to {@link Invalid}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ListenV1 } from "@effect-deepgram/schema"
 *
 * const program = Effect.gen(function*() {
 *   const frame = JSON.stringify({ type: "SpeechStarted", channel: [0], timestamp: 1.2 })
 *   const message = yield* ListenV1.decodeServerMessage(frame)
 *   if (message.type === "SpeechStarted") yield* Effect.log(message.timestamp)
 * })
 * ```
 *
 * @since 0.1.0
 * @category live
 */
export const decodeServerMessage: (text: string) => Effect.Effect<ServerMessage, MessageDecodeError> = decodeText

/**
 * Like {@link decodeServerMessage}, returning an `Either`.
 *
 * @since 0.1.0
 * @category live
 */
export const decodeServerMessageEither: (text: string) => Either.Either<ServerMessage, MessageDecodeError> =
  decodeText

// ---------------------------------------------------------------------------------------------------------------
// live: client messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Audio sent as a binary frame.
 *
 * @since 0.1.0
 * @category live
 */
export const Media: typeof Async.ListenV1Media = Async.ListenV1Media

/**
 * @since 0.1.0
 * @category live
 */
export type Media = Async.ListenV1Media

/**
 * Flush: process the audio received so far and return final results (`{ type: "Finalize" }`).
 *
 * @since 0.1.0
 * @category live
 */
export const Finalize: typeof Async.ListenV1Finalize = Async.ListenV1Finalize

/**
 * @since 0.1.0
 * @category live
 */
export interface Finalize extends Async.ListenV1Finalize {}

/**
 * Finish the stream: Deepgram sends the remaining results and `Metadata`, then closes (`{ type: "CloseStream" }`).
 *
 * @since 0.1.0
 * @category live
 */
export const CloseStream: typeof Async.ListenV1CloseStream = Async.ListenV1CloseStream

/**
 * @since 0.1.0
 * @category live
 */
export interface CloseStream extends Async.ListenV1CloseStream {}

/**
 * Keep an idle stream open (`{ type: "KeepAlive" }`).
 *
 * @since 0.1.0
 * @category live
 */
export const KeepAlive: typeof Async.ListenV1KeepAlive = Async.ListenV1KeepAlive

/**
 * @since 0.1.0
 * @category live
 */
export interface KeepAlive extends Async.ListenV1KeepAlive {}

/**
 * Every JSON client message of `/v1/listen`.
 *
 * @since 0.1.0
 * @category live
 */
export const ClientMessage: typeof Async.ListenV1ClientMessage = Async.ListenV1ClientMessage

/**
 * @since 0.1.0
 * @category live
 */
export type ClientMessage = Async.ListenV1ClientMessage
