/**
 * @since 0.1.0
 */

/**
 * Many transcriptions at once: bounded concurrency, shared 429 backoff, a resumable manifest.
 *
 * @since 0.1.0
 */
export * as Batch from "./Batch.js"

/**
 * WebVTT and SRT captions from prerecorded and live transcriptions.
 *
 * @since 0.1.0
 */
export * as Captions from "./Captions.js"

/**
 * How requests are authenticated: API key, access token or none.
 *
 * @since 0.1.0
 */
export * as Credentials from "./Credentials.js"

/**
 * All of the SDK's services in one Layer.
 *
 * @since 0.1.0
 */
export * as Deepgram from "./Deepgram.js"

/**
 * Endpoints, credentials, timeout and retry policy.
 *
 * @since 0.1.0
 */
export * as DeepgramConfig from "./DeepgramConfig.js"

/**
 * The errors of the SDK.
 *
 * @since 0.1.0
 */
export * as DeepgramError from "./DeepgramError.js"

/**
 * How a runtime uploads a file from disk.
 *
 * @since 0.1.0
 */
export * as DeepgramFiles from "./DeepgramFiles.js"

/**
 * The HTTP layer under every REST operation.
 *
 * @since 0.1.0
 */
export * as DeepgramHttp from "./DeepgramHttp.js"

/**
 * The WebSocket layer under every channel.
 *
 * @since 0.1.0
 */
export * as DeepgramSocket from "./DeepgramSocket.js"

/**
 * Speech-to-text.
 *
 * @since 0.1.0
 */
export * as Listen from "./Listen.js"

/**
 * The retry policy and Schedule.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * The voice agent: think models, stored configurations and variables.
 *
 * @since 0.1.0
 */
export * as Agent from "./Agent.js"

/**
 * Short-lived access tokens (`/v1/auth/grant`).
 *
 * @since 0.1.0
 */
export * as Auth from "./Auth.js"

/**
 * Project management: projects, keys, members, scopes, invites, usage, requests, billing, models.
 *
 * @since 0.1.0
 */
export * as Manage from "./Manage.js"

/**
 * The typed operation layer every REST call goes through.
 *
 * @since 0.1.0
 */
export * as Operation from "./Operation.js"

/**
 * Any path of the API with the SDK's auth, retry, timeout and spans.
 *
 * @since 0.1.0
 */
export * as Passthrough from "./Passthrough.js"

/**
 * Text intelligence (`/v1/read`).
 *
 * @since 0.1.0
 */
export * as Read from "./Read.js"

/**
 * Self-hosted distribution credentials.
 *
 * @since 0.1.0
 */
export * as SelfHosted from "./SelfHosted.js"

/**
 * Text-to-speech.
 *
 * @since 0.1.0
 */
export * as Speak from "./Speak.js"

/**
 * Short-lived access tokens that refresh themselves.
 *
 * @since 0.1.0
 */
export * as TokenProvider from "./TokenProvider.js"
