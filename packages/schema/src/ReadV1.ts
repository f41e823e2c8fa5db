/**
 * Text intelligence: summaries, topics, intents and sentiment of text (`POST /v1/read`).
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

/**
 * Every query parameter of `POST /v1/read` (all optional, wire names).
 *
 * @example
 * ```ts
 * import { ReadV1 } from "@effect-deepgram/schema"
 *
 * const options: ReadV1.AnalyzeOptions = { language: "en", summarize: "v2", topics: true, sentiment: true }
 * ```
 *
 * @since 0.1.0
 * @category request
 */
export const AnalyzeOptions: typeof Api.ReadV1TextAnalyzeQuery = Api.ReadV1TextAnalyzeQuery

/**
 * @since 0.1.0
 * @category request
 */
export interface AnalyzeOptions extends Api.ReadV1TextAnalyzeQuery {}

/**
 * The JSON body of `POST /v1/read`: `{ url }` or `{ text }`.
 *
 * @since 0.1.0
 * @category request
 */
export const AnalyzeRequest: typeof Api.ReadV1Request = Api.ReadV1Request

/**
 * @since 0.1.0
 * @category request
 */
export type AnalyzeRequest = Api.ReadV1Request

/**
 * Analyze the text found at a URL: `{ url }`.
 *
 * @since 0.1.0
 * @category request
 */
export const AnalyzeUrlRequest: typeof Api.ReadV1RequestUrl = Api.ReadV1RequestUrl

/**
 * @since 0.1.0
 * @category request
 */
export interface AnalyzeUrlRequest extends Api.ReadV1RequestUrl {}

/**
 * Analyze inline text: `{ text }`.
 *
 * @since 0.1.0
 * @category request
 */
export const AnalyzeTextRequest: typeof Api.ReadV1RequestText = Api.ReadV1RequestText

/**
 * @since 0.1.0
 * @category request
 */
export interface AnalyzeTextRequest extends Api.ReadV1RequestText {}

/**
 * The analysis: `{ metadata, results }`.
 *
 * @since 0.1.0
 * @category response
 */
export const AnalyzeResponse: typeof Api.ReadV1Response = Api.ReadV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface AnalyzeResponse extends Api.ReadV1Response {}

/**
 * The `metadata` wrapper of an {@link AnalyzeResponse}.
 *
 * @since 0.1.0
 * @category response
 */
export const ResponseMetadata: typeof Api.ReadV1ResponseMetadata = Api.ReadV1ResponseMetadata

/**
 * @since 0.1.0
 * @category response
 */
export interface ResponseMetadata extends Api.ReadV1ResponseMetadata {}

/**
 * Request id, creation time, language and per-feature token usage.
 *
 * @since 0.1.0
 * @category response
 */
export const Metadata: typeof Api.ReadV1ResponseMetadataMetadata = Api.ReadV1ResponseMetadataMetadata

/**
 * @since 0.1.0
 * @category response
 */
export interface Metadata extends Api.ReadV1ResponseMetadataMetadata {}

/**
 * Token usage of one feature (`summary_info`, `sentiment_info`, `topics_info`, `intents_info`).
 *
 * @since 0.1.0
 * @category response
 */
export const FeatureInfo: typeof Api.ReadV1ResponseMetadataMetadataSummaryInfo =
  Api.ReadV1ResponseMetadataMetadataSummaryInfo

/**
 * @since 0.1.0
 * @category response
 */
export interface FeatureInfo extends Api.ReadV1ResponseMetadataMetadataSummaryInfo {}

/**
 * The `results`: `summary`, `topics`, `intents`, `sentiments`.
 *
 * @since 0.1.0
 * @category response
 */
export const Results: typeof Api.ReadV1ResponseResults = Api.ReadV1ResponseResults

/**
 * @since 0.1.0
 * @category response
 */
export interface Results extends Api.ReadV1ResponseResults {}

/**
 * The summary result (`summarize=v2`).
 *
 * @since 0.1.0
 * @category response
 */
export const Summary: typeof Api.ReadV1ResponseResultsSummary = Api.ReadV1ResponseResultsSummary

/**
 * @since 0.1.0
 * @category response
 */
export interface Summary extends Api.ReadV1ResponseResultsSummary {}

/**
 * Topic detection results (shared with speech-to-text).
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
 * A text segment and its topics.
 *
 * @since 0.1.0
 * @category response
 */
export const TopicSegment: typeof Api.SharedTopicsResultsTopicsSegmentsItems =
  Api.SharedTopicsResultsTopicsSegmentsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface TopicSegment extends Api.SharedTopicsResultsTopicsSegmentsItems {}

/**
 * One detected topic and its confidence.
 *
 * @since 0.1.0
 * @category response
 */
export const Topic: typeof Api.SharedTopicsResultsTopicsSegmentsItemsTopicsItems =
  Api.SharedTopicsResultsTopicsSegmentsItemsTopicsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Topic extends Api.SharedTopicsResultsTopicsSegmentsItemsTopicsItems {}

/**
 * Intent recognition results (shared with speech-to-text).
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
 * A text segment and its intents.
 *
 * @since 0.1.0
 * @category response
 */
export const IntentSegment: typeof Api.SharedIntentsResultsIntentsSegmentsItems =
  Api.SharedIntentsResultsIntentsSegmentsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface IntentSegment extends Api.SharedIntentsResultsIntentsSegmentsItems {}

/**
 * One detected intent and its confidence.
 *
 * @since 0.1.0
 * @category response
 */
export const Intent: typeof Api.SharedIntentsResultsIntentsSegmentsItemsIntentsItems =
  Api.SharedIntentsResultsIntentsSegmentsItemsIntentsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface Intent extends Api.SharedIntentsResultsIntentsSegmentsItemsIntentsItems {}

/**
 * Sentiment analysis results (shared with speech-to-text).
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

/**
 * A text segment and its sentiment.
 *
 * @since 0.1.0
 * @category response
 */
export const SentimentSegment: typeof Api.SharedSentimentsSegmentsItems = Api.SharedSentimentsSegmentsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface SentimentSegment extends Api.SharedSentimentsSegmentsItems {}

/**
 * The average sentiment of the whole text.
 *
 * @since 0.1.0
 * @category response
 */
export const SentimentAverage: typeof Api.SharedSentimentsAverage = Api.SharedSentimentsAverage

/**
 * @since 0.1.0
 * @category response
 */
export interface SentimentAverage extends Api.SharedSentimentsAverage {}
