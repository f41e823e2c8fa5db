/**
 * Effect Schema models of every Deepgram REST operation and WebSocket message.
 *
 * @since 0.1.0
 */

/**
 * The three REST error body shapes and `normalize`.
 *
 * @since 0.1.0
 */
export * as ErrorResponse from "./ErrorResponse.js"

/**
 * Speech-to-text v1: pre-recorded and live.
 *
 * @since 0.1.0
 */
export * as ListenV1 from "./ListenV1.js"

/**
 * The error raised when a WebSocket text frame cannot be decoded.
 *
 * @since 0.1.0
 */
export * as MessageDecodeError from "./MessageDecodeError.js"
