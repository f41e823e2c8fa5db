/**
 * Voice Agent v1: the `/v1/agent/converse` WebSocket (Settings, conversation events, function calls) and the
 * think-model list (`GET /v1/agent/settings/think/models`).
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
// think models (REST)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The think models an agent can use: `{ models }`.
 *
 * @since 0.1.0
 * @category think models
 */
export const ThinkModelsResponse: typeof Api.AgentThinkModelsV1Response = Api.AgentThinkModelsV1Response

/**
 * @since 0.1.0
 * @category think models
 */
export interface ThinkModelsResponse extends Api.AgentThinkModelsV1Response {}

/**
 * One think model: `id`, `name`, `provider`.
 *
 * @since 0.1.0
 * @category think models
 */
export const ThinkModel: typeof Api.AgentThinkModelsV1ResponseModelsItems = Api.AgentThinkModelsV1ResponseModelsItems

/**
 * @since 0.1.0
 * @category think models
 */
export type ThinkModel = Api.AgentThinkModelsV1ResponseModelsItems

// ---------------------------------------------------------------------------------------------------------------
// connection
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of `/v1/agent/converse` (none: everything is configured by the {@link Settings} message).
 *
 * @since 0.1.0
 * @category connection
 */
export const LiveOptions: typeof Async.AgentV1ConverseQuery = Async.AgentV1ConverseQuery

/**
 * @since 0.1.0
 * @category connection
 */
export interface LiveOptions extends Async.AgentV1ConverseQuery {}

// ---------------------------------------------------------------------------------------------------------------
// settings
// ---------------------------------------------------------------------------------------------------------------

/**
 * The first message of a session: audio formats and the agent (`listen`, `think`, `speak`, prompt, greeting) or
 * the `agent_id` of a stored configuration (`{ type: "Settings", ... }`).
 *
 * @example
 * ```ts
 * import { AgentV1 } from "@effect-deepgram/schema"
 *
 * const settings: AgentV1.Settings = {
 *   type: "Settings",
 *   audio: { input: { encoding: "linear16", sample_rate: 24000 } },
 *   agent: {
 *     listen: { provider: { type: "deepgram", model: "nova-3" } },
 *     think: { provider: { type: "open_ai", model: "gpt-4o-mini" }, prompt: "You are a helpful assistant." },
 *     speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 * @category settings
 */
export const Settings: typeof Async.AgentV1Settings = Async.AgentV1Settings

/**
 * @since 0.1.0
 * @category settings
 */
export interface Settings extends Async.AgentV1Settings {}

/**
 * Session flags (`history`).
 *
 * @since 0.1.0
 * @category settings
 */
export const SettingsFlags: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsFlags =
  Async.ChannelsAgentV1MessagesAgentV1SettingsFlags

/**
 * @since 0.1.0
 * @category settings
 */
export interface SettingsFlags extends Async.ChannelsAgentV1MessagesAgentV1SettingsFlags {}

/**
 * Audio `input` and `output` formats.
 *
 * @since 0.1.0
 * @category settings
 */
export const AudioSettings: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAudio =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAudio

/**
 * @since 0.1.0
 * @category settings
 */
export interface AudioSettings extends Async.ChannelsAgentV1MessagesAgentV1SettingsAudio {}

/**
 * Format of the audio the client sends.
 *
 * @since 0.1.0
 * @category settings
 */
export const AudioInput: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAudioInput =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAudioInput

/**
 * @since 0.1.0
 * @category settings
 */
export interface AudioInput extends Async.ChannelsAgentV1MessagesAgentV1SettingsAudioInput {}

/**
 * Format of the audio the agent sends.
 *
 * @since 0.1.0
 * @category settings
 */
export const AudioOutput: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAudioOutput =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAudioOutput

/**
 * @since 0.1.0
 * @category settings
 */
export interface AudioOutput extends Async.ChannelsAgentV1MessagesAgentV1SettingsAudioOutput {}

/**
 * The `agent` of {@link Settings}: an inline {@link Agent} or the id of a stored configuration.
 *
 * @since 0.1.0
 * @category settings
 */
export const AgentReference: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgent =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgent

/**
 * @since 0.1.0
 * @category settings
 */
export type AgentReference = Async.ChannelsAgentV1MessagesAgentV1SettingsAgent

/**
 * An inline agent: `language`, `context`, `listen`, `think`, `speak`, `greeting`.
 *
 * @since 0.1.0
 * @category settings
 */
export const Agent: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgent0 =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgent0

/**
 * @since 0.1.0
 * @category settings
 */
export interface Agent extends Async.ChannelsAgentV1MessagesAgentV1SettingsAgent0 {}

/**
 * Conversation history to start from.
 *
 * @since 0.1.0
 * @category settings
 */
export const AgentContext: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Context =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Context

/**
 * @since 0.1.0
 * @category settings
 */
export interface AgentContext extends Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Context {}

/**
 * A history entry: a chat message or a function call record.
 *
 * @since 0.1.0
 * @category settings
 */
export const ContextMessage: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ContextMessagesItems =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ContextMessagesItems

/**
 * @since 0.1.0
 * @category settings
 */
export type ContextMessage = Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ContextMessagesItems

/**
 * Speech recognition settings.
 *
 * @since 0.1.0
 * @category settings
 */
export const ListenSettings: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Listen =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Listen

/**
 * @since 0.1.0
 * @category settings
 */
export interface ListenSettings extends Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Listen {}

/**
 * The speech recognition provider (Deepgram v1 or Flux v2).
 *
 * @since 0.1.0
 * @category settings
 */
export const ListenProvider: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ListenProvider =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ListenProvider

/**
 * @since 0.1.0
 * @category settings
 */
export type ListenProvider = Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ListenProvider

/**
 * Deepgram speech-to-text v1 models (Nova).
 *
 * @since 0.1.0
 * @category settings
 */
export const DeepgramListenProviderV1: typeof Async.DeepgramListenProviderV1 = Async.DeepgramListenProviderV1

/**
 * @since 0.1.0
 * @category settings
 */
export interface DeepgramListenProviderV1 extends Async.DeepgramListenProviderV1 {}

/**
 * Deepgram Flux (v2) with end-of-turn settings.
 *
 * @since 0.1.0
 * @category settings
 */
export const DeepgramListenProviderV2: typeof Async.DeepgramListenProviderV2 = Async.DeepgramListenProviderV2

/**
 * @since 0.1.0
 * @category settings
 */
export interface DeepgramListenProviderV2 extends Async.DeepgramListenProviderV2 {}

/**
 * LLM settings: `provider`, `endpoint`, `functions`, `prompt`, `context_length`.
 *
 * @since 0.1.0
 * @category settings
 */
export const ThinkSettings: typeof Async.ThinkSettingsV1 = Async.ThinkSettingsV1

/**
 * @since 0.1.0
 * @category settings
 */
export interface ThinkSettings extends Async.ThinkSettingsV1 {}

/**
 * One {@link ThinkSettings} or a fallback list of them.
 *
 * @since 0.1.0
 * @category settings
 */
export const ThinkSettingsList: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Think =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Think

/**
 * @since 0.1.0
 * @category settings
 */
export type ThinkSettingsList = Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Think

/**
 * The LLM provider, discriminated on `type`.
 *
 * @since 0.1.0
 * @category settings
 */
export const ThinkProvider: typeof Async.ThinkSettingsV1Provider = Async.ThinkSettingsV1Provider

/**
 * @since 0.1.0
 * @category settings
 */
export type ThinkProvider = Async.ThinkSettingsV1Provider

/**
 * OpenAI (`type: "open_ai"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const OpenAiThinkProvider: typeof Async.OpenAiThinkProvider = Async.OpenAiThinkProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface OpenAiThinkProvider extends Async.OpenAiThinkProvider {}

/**
 * Anthropic (`type: "anthropic"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const AnthropicThinkProvider: typeof Async.AnthropicThinkProvider = Async.AnthropicThinkProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface AnthropicThinkProvider extends Async.AnthropicThinkProvider {}

/**
 * Google (`type: "google"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const GoogleThinkProvider: typeof Async.GoogleThinkProvider = Async.GoogleThinkProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface GoogleThinkProvider extends Async.GoogleThinkProvider {}

/**
 * Groq (`type: "groq"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const GroqThinkProvider: typeof Async.GroqThinkProvider = Async.GroqThinkProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface GroqThinkProvider extends Async.GroqThinkProvider {}

/**
 * AWS Bedrock (`type: "aws_bedrock"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const AwsBedrockThinkProvider: typeof Async.AwsBedrockThinkProvider = Async.AwsBedrockThinkProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface AwsBedrockThinkProvider extends Async.AwsBedrockThinkProvider {}

/**
 * A custom LLM endpoint: `url` and `headers`.
 *
 * @since 0.1.0
 * @category settings
 */
export const ThinkEndpoint: typeof Async.ThinkSettingsV1Endpoint = Async.ThinkSettingsV1Endpoint

/**
 * @since 0.1.0
 * @category settings
 */
export interface ThinkEndpoint extends Async.ThinkSettingsV1Endpoint {}

/**
 * A function the LLM may call: `name`, JSON Schema `parameters`, optional server-side `endpoint`.
 *
 * @since 0.1.0
 * @category settings
 */
export const FunctionDefinition: typeof Async.ThinkSettingsV1FunctionsItems = Async.ThinkSettingsV1FunctionsItems

/**
 * @since 0.1.0
 * @category settings
 */
export interface FunctionDefinition extends Async.ThinkSettingsV1FunctionsItems {}

/**
 * Text-to-speech settings: `provider` and `endpoint`.
 *
 * @since 0.1.0
 * @category settings
 */
export const SpeakSettings: typeof Async.SpeakSettingsV1 = Async.SpeakSettingsV1

/**
 * @since 0.1.0
 * @category settings
 */
export interface SpeakSettings extends Async.SpeakSettingsV1 {}

/**
 * One {@link SpeakSettings} or a fallback list of them.
 *
 * @since 0.1.0
 * @category settings
 */
export const SpeakSettingsList: typeof Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Speak =
  Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Speak

/**
 * @since 0.1.0
 * @category settings
 */
export type SpeakSettingsList = Async.ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Speak

/**
 * The TTS provider, discriminated on `type`.
 *
 * @since 0.1.0
 * @category settings
 */
export const SpeakProvider: typeof Async.SpeakSettingsV1Provider = Async.SpeakSettingsV1Provider

/**
 * @since 0.1.0
 * @category settings
 */
export type SpeakProvider = Async.SpeakSettingsV1Provider

/**
 * Deepgram Aura voices (`type: "deepgram"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const DeepgramSpeakProvider: typeof Async.DeepgramSpeakProvider = Async.DeepgramSpeakProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface DeepgramSpeakProvider extends Async.DeepgramSpeakProvider {}

/**
 * ElevenLabs (`type: "eleven_labs"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const ElevenLabsSpeakProvider: typeof Async.ElevenLabsSpeakProvider = Async.ElevenLabsSpeakProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface ElevenLabsSpeakProvider extends Async.ElevenLabsSpeakProvider {}

/**
 * Cartesia (`type: "cartesia"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const CartesiaSpeakProvider: typeof Async.CartesiaSpeakProvider = Async.CartesiaSpeakProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface CartesiaSpeakProvider extends Async.CartesiaSpeakProvider {}

/**
 * OpenAI TTS (`type: "open_ai"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const OpenAiSpeakProvider: typeof Async.OpenAiSpeakProvider = Async.OpenAiSpeakProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface OpenAiSpeakProvider extends Async.OpenAiSpeakProvider {}

/**
 * AWS Polly (`type: "aws_polly"`).
 *
 * @since 0.1.0
 * @category settings
 */
export const AwsPollySpeakProvider: typeof Async.AwsPollySpeakProvider = Async.AwsPollySpeakProvider

/**
 * @since 0.1.0
 * @category settings
 */
export interface AwsPollySpeakProvider extends Async.AwsPollySpeakProvider {}

// ---------------------------------------------------------------------------------------------------------------
// server messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Agent speech arrives as binary frames.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Audio: typeof Async.AgentV1Audio = Async.AgentV1Audio

/**
 * @since 0.1.0
 * @category server messages
 */
export type Audio = Async.AgentV1Audio

/**
 * Sent when the connection opens, with the `request_id` (`type: "Welcome"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Welcome: typeof Async.AgentV1Welcome = Async.AgentV1Welcome

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Welcome extends Async.AgentV1Welcome {}

/**
 * The {@link Settings} were accepted (`type: "SettingsApplied"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const SettingsApplied: typeof Async.AgentV1SettingsApplied = Async.AgentV1SettingsApplied

/**
 * @since 0.1.0
 * @category server messages
 */
export interface SettingsApplied extends Async.AgentV1SettingsApplied {}

/**
 * A user or assistant utterance as text (`type: "ConversationText"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ConversationText: typeof Async.AgentV1ConversationText = Async.AgentV1ConversationText

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ConversationText extends Async.AgentV1ConversationText {}

/**
 * The user started speaking; stop playing agent audio (`type: "UserStartedSpeaking"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const UserStartedSpeaking: typeof Async.AgentV1UserStartedSpeaking = Async.AgentV1UserStartedSpeaking

/**
 * @since 0.1.0
 * @category server messages
 */
export interface UserStartedSpeaking extends Async.AgentV1UserStartedSpeaking {}

/**
 * The agent is thinking (`type: "AgentThinking"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const AgentThinking: typeof Async.AgentV1AgentThinking = Async.AgentV1AgentThinking

/**
 * @since 0.1.0
 * @category server messages
 */
export interface AgentThinking extends Async.AgentV1AgentThinking {}

/**
 * The agent started speaking, with latencies (`type: "AgentStartedSpeaking"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const AgentStartedSpeaking: typeof Async.AgentV1AgentStartedSpeaking = Async.AgentV1AgentStartedSpeaking

/**
 * @since 0.1.0
 * @category server messages
 */
export interface AgentStartedSpeaking extends Async.AgentV1AgentStartedSpeaking {}

/**
 * The agent finished sending audio for this turn (`type: "AgentAudioDone"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const AgentAudioDone: typeof Async.AgentV1AgentAudioDone = Async.AgentV1AgentAudioDone

/**
 * @since 0.1.0
 * @category server messages
 */
export interface AgentAudioDone extends Async.AgentV1AgentAudioDone {}

/**
 * The LLM wants functions called; answer client-side ones with {@link SendFunctionCallResponse}
 * (`type: "FunctionCallRequest"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const FunctionCallRequest: typeof Async.AgentV1FunctionCallRequest = Async.AgentV1FunctionCallRequest

/**
 * @since 0.1.0
 * @category server messages
 */
export interface FunctionCallRequest extends Async.AgentV1FunctionCallRequest {}

/**
 * One requested call: `id`, `name`, JSON `arguments`, `client_side`.
 *
 * @since 0.1.0
 * @category server messages
 */
export const FunctionCall: typeof Async.ChannelsAgentV1MessagesAgentV1FunctionCallRequestFunctionsItems =
  Async.ChannelsAgentV1MessagesAgentV1FunctionCallRequestFunctionsItems

/**
 * @since 0.1.0
 * @category server messages
 */
export interface FunctionCall extends Async.ChannelsAgentV1MessagesAgentV1FunctionCallRequestFunctionsItems {}

/**
 * The result of a server-side function call (`type: "FunctionCallResponse"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ReceiveFunctionCallResponse: typeof Async.AgentV1ReceiveFunctionCallResponse =
  Async.AgentV1ReceiveFunctionCallResponse

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ReceiveFunctionCallResponse extends Async.AgentV1ReceiveFunctionCallResponse {}

/**
 * An {@link UpdateListen} was applied (`type: "ListenUpdated"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ListenUpdated: typeof Async.AgentV1ListenUpdated = Async.AgentV1ListenUpdated

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ListenUpdated extends Async.AgentV1ListenUpdated {}

/**
 * An {@link UpdateThink} was applied (`type: "ThinkUpdated"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ThinkUpdated: typeof Async.AgentV1ThinkUpdated = Async.AgentV1ThinkUpdated

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ThinkUpdated extends Async.AgentV1ThinkUpdated {}

/**
 * An {@link UpdateSpeak} was applied (`type: "SpeakUpdated"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const SpeakUpdated: typeof Async.AgentV1SpeakUpdated = Async.AgentV1SpeakUpdated

/**
 * @since 0.1.0
 * @category server messages
 */
export interface SpeakUpdated extends Async.AgentV1SpeakUpdated {}

/**
 * An {@link UpdatePrompt} was applied (`type: "PromptUpdated"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const PromptUpdated: typeof Async.AgentV1PromptUpdated = Async.AgentV1PromptUpdated

/**
 * @since 0.1.0
 * @category server messages
 */
export interface PromptUpdated extends Async.AgentV1PromptUpdated {}

/**
 * An injected message was refused (`type: "InjectionRefused"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const InjectionRefused: typeof Async.AgentV1InjectionRefused = Async.AgentV1InjectionRefused

/**
 * @since 0.1.0
 * @category server messages
 */
export interface InjectionRefused extends Async.AgentV1InjectionRefused {}

/**
 * Per-turn latency figures (`type: "LatencyReport"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const LatencyReport: typeof Async.AgentV1LatencyReport = Async.AgentV1LatencyReport

/**
 * @since 0.1.0
 * @category server messages
 */
export interface LatencyReport extends Async.AgentV1LatencyReport {}

/**
 * A conversation history entry: a chat message or function call records (`type: "History"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const History: typeof Async.AgentV1History = Async.AgentV1History

/**
 * @since 0.1.0
 * @category server messages
 */
export type History = Async.AgentV1History

/**
 * An error reported by the agent (`type: "Error"`, spec name `AgentV1Error`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const ErrorMessage: typeof Async.AgentV1Error = Async.AgentV1Error

/**
 * @since 0.1.0
 * @category server messages
 */
export interface ErrorMessage extends Async.AgentV1Error {}

/**
 * A non-fatal warning (`type: "Warning"`).
 *
 * @since 0.1.0
 * @category server messages
 */
export const Warning: typeof Async.AgentV1Warning = Async.AgentV1Warning

/**
 * @since 0.1.0
 * @category server messages
 */
export interface Warning extends Async.AgentV1Warning {}

/**
 * A server message whose `type` this version does not model: `{ type: "Unknown", raw }` (the raw object is kept
 * whole), so a new Deepgram message never breaks a stream.
 *
 * @since 0.1.0
 * @category server messages
 */
export const Unknown = /* @__PURE__ */ Messages.unknownMessage("AgentV1", Async.AgentV1ConverseServerMessageTypes)

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
export const Invalid = /* @__PURE__ */ Messages.invalidMessage("AgentV1", Async.AgentV1ConverseChannel)

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
 * import { AgentV1 } from "@effect-deepgram/schema"
 * import * as Either from "effect/Either"
 *
 * const result = AgentV1.decodeServerMessageEither("{\"type\":\"Error\"}")
 * if (Either.isRight(result) && AgentV1.isInvalid(result.right)) console.warn(result.right.issue)
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
 * Every JSON server message of `/v1/agent/converse`, discriminated on `type`; unknown types decode to {@link Unknown},
 * known types that fail their schema to {@link Invalid}, so any JSON object decodes.
 * Binary frames (audio) are not part of this union.
 *
 * @since 0.1.0
 * @category server messages
 */
export const ServerMessage = /* @__PURE__ */ Schema.Union(
  Welcome,
  SettingsApplied,
  ConversationText,
  UserStartedSpeaking,
  AgentThinking,
  AgentStartedSpeaking,
  AgentAudioDone,
  FunctionCallRequest,
  ReceiveFunctionCallResponse,
  ListenUpdated,
  ThinkUpdated,
  SpeakUpdated,
  PromptUpdated,
  InjectionRefused,
  LatencyReport,
  History,
  ErrorMessage,
  Warning,
  Unknown,
  Invalid
).annotations({ identifier: "AgentV1.ServerMessage" })

/**
 * @since 0.1.0
 * @category server messages
 */
export type ServerMessage = typeof ServerMessage.Type

const decodeText = /* @__PURE__ */ Messages.makeDecodeText("/v1/agent/converse", ServerMessage)

/**
 * Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with
 * a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known
 * message that fails its schema decodes to {@link Invalid}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { AgentV1 } from "@effect-deepgram/schema"
 *
 * const program = AgentV1.decodeServerMessage("{\"type\":\"Welcome\",\"request_id\":\"r-1\"}").pipe(
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
 * User audio sent as binary frames.
 *
 * @since 0.1.0
 * @category client messages
 */
export const Media: typeof Async.AgentV1Media = Async.AgentV1Media

/**
 * @since 0.1.0
 * @category client messages
 */
export type Media = Async.AgentV1Media

/**
 * Switch the speech recognition provider mid-session (`{ type: "UpdateListen", listen }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const UpdateListen: typeof Async.AgentV1UpdateListen = Async.AgentV1UpdateListen

/**
 * @since 0.1.0
 * @category client messages
 */
export interface UpdateListen extends Async.AgentV1UpdateListen {}

/**
 * Switch the LLM mid-session (`{ type: "UpdateThink", think }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const UpdateThink: typeof Async.AgentV1UpdateThink = Async.AgentV1UpdateThink

/**
 * @since 0.1.0
 * @category client messages
 */
export interface UpdateThink extends Async.AgentV1UpdateThink {}

/**
 * Switch the voice mid-session (`{ type: "UpdateSpeak", speak }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const UpdateSpeak: typeof Async.AgentV1UpdateSpeak = Async.AgentV1UpdateSpeak

/**
 * @since 0.1.0
 * @category client messages
 */
export interface UpdateSpeak extends Async.AgentV1UpdateSpeak {}

/**
 * Append to the system prompt (`{ type: "UpdatePrompt", prompt }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const UpdatePrompt: typeof Async.AgentV1UpdatePrompt = Async.AgentV1UpdatePrompt

/**
 * @since 0.1.0
 * @category client messages
 */
export interface UpdatePrompt extends Async.AgentV1UpdatePrompt {}

/**
 * Send a user message as text (`{ type: "InjectUserMessage", content }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const InjectUserMessage: typeof Async.AgentV1InjectUserMessage = Async.AgentV1InjectUserMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export interface InjectUserMessage extends Async.AgentV1InjectUserMessage {}

/**
 * Make the agent say something (`{ type: "InjectAgentMessage", message }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const InjectAgentMessage: typeof Async.AgentV1InjectAgentMessage = Async.AgentV1InjectAgentMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export interface InjectAgentMessage extends Async.AgentV1InjectAgentMessage {}

/**
 * The result of a client-side function call (`{ type: "FunctionCallResponse", id, name, content }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const SendFunctionCallResponse: typeof Async.AgentV1SendFunctionCallResponse =
  Async.AgentV1SendFunctionCallResponse

/**
 * @since 0.1.0
 * @category client messages
 */
export interface SendFunctionCallResponse extends Async.AgentV1SendFunctionCallResponse {}

/**
 * Keep an idle session open (`{ type: "KeepAlive" }`).
 *
 * @since 0.1.0
 * @category client messages
 */
export const KeepAlive: typeof Async.AgentV1KeepAlive = Async.AgentV1KeepAlive

/**
 * @since 0.1.0
 * @category client messages
 */
export interface KeepAlive extends Async.AgentV1KeepAlive {}

/**
 * Every JSON client message of `/v1/agent/converse`.
 *
 * @since 0.1.0
 * @category client messages
 */
export const ClientMessage: typeof Async.AgentV1ConverseClientMessage = Async.AgentV1ConverseClientMessage

/**
 * @since 0.1.0
 * @category client messages
 */
export type ClientMessage = Async.AgentV1ConverseClientMessage
