/**
 * Effect Schema models of every Deepgram REST operation and WebSocket message.
 *
 * @since 0.1.0
 */

/**
 * Voice Agent v1: the `/v1/agent/converse` WebSocket and the think-model list.
 *
 * @since 0.1.0
 */
export * as AgentV1 from "./AgentV1.js"

/**
 * Temporary access tokens (`POST /v1/auth/grant`).
 *
 * @since 0.1.0
 */
export * as AuthV1 from "./AuthV1.js"

/**
 * The three REST error body shapes and `normalize`.
 *
 * @since 0.1.0
 */
export * as ErrorResponse from "./ErrorResponse.js"

/**
 * Speech-to-text v1: pre-recorded (`POST /v1/listen`) and live (`/v1/listen` WebSocket).
 *
 * @since 0.1.0
 */
export * as ListenV1 from "./ListenV1.js"

/**
 * Flux conversational speech recognition (`/v2/listen` WebSocket).
 *
 * @since 0.1.0
 */
export * as ListenV2 from "./ListenV2.js"

/**
 * Projects, keys, members, scopes, invites, requests, usage, billing and models.
 *
 * @since 0.1.0
 */
export * as Manage from "./Manage.js"

/**
 * The error raised when a WebSocket text frame cannot be decoded.
 *
 * @since 0.1.0
 */
export * as MessageDecodeError from "./MessageDecodeError.js"

/**
 * The catalog of every REST operation and WebSocket channel/message.
 *
 * @since 0.1.0
 */
export * as Operations from "./Operations.js"

/**
 * Text intelligence (`POST /v1/read`).
 *
 * @since 0.1.0
 */
export * as ReadV1 from "./ReadV1.js"

/**
 * Forward-compatible, fast decoding of REST response bodies (unknown fields kept).
 *
 * @since 0.1.0
 */
export * as ResponseDecoder from "./ResponseDecoder.js"

/**
 * Self-hosted distribution credentials.
 *
 * @since 0.1.0
 */
export * as SelfHostedV1 from "./SelfHostedV1.js"

/**
 * Text-to-speech v1: `POST /v1/speak` and the `/v1/speak` WebSocket.
 *
 * @since 0.1.0
 */
export * as SpeakV1 from "./SpeakV1.js"

/**
 * Text-to-speech v2 (Flux TTS): `POST /v2/speak` and the `/v2/speak` WebSocket.
 *
 * @since 0.1.0
 */
export * as SpeakV2 from "./SpeakV2.js"

/**
 * Voice Agent configurations and variables.
 *
 * @since 0.1.0
 */
export * as VoiceAgent from "./VoiceAgent.js"
