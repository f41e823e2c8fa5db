/**
 * The errors of the Deepgram SDK: one tagged union, each member carrying what a
 * caller needs to act on it. None of them ever holds a credential.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"
import { formatDuration } from "./internal/duration.js"

const notRetried = (error: { readonly notRetried?: string | undefined }) =>
  error.notRetried === undefined ? "" : `; not retried: ${error.notRetried}`

const where = (error: { readonly operation?: string | undefined; readonly method: string; readonly url: string }) =>
  error.operation === undefined ? `${error.method} ${error.url}` : `${error.operation}: ${error.method} ${error.url}`

/**
 * The configuration cannot be used: missing credentials for a hosted endpoint,
 * a malformed URL, a bad option. Raised when a Layer is built, before any
 * request is sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramConfigError extends Data.TaggedError("DeepgramConfigError")<{
  readonly reason: "MissingCredentials" | "InvalidUrl" | "InvalidOption"
  readonly detail: string
}> {
  override get message(): string {
    return `${this.reason}: ${this.detail}`
  }
}

/**
 * The request was refused on the client side before anything was sent:
 * invalid option values (the field is named), an unreadable file, an audio
 * stream that failed, or a feature the runtime does not offer.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramInputError extends Data.TaggedError("DeepgramInputError")<{
  readonly reason: "InvalidOptions" | "File" | "AudioStream" | "Unsupported"
  readonly detail: string
  readonly path?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.path === undefined ? `${this.reason}: ${this.detail}` : `${this.reason}: ${this.path}: ${this.detail}`
  }
}

/**
 * Deepgram answered with a status of 400 or more. Carries the decoded error
 * body (`err_code`, `err_msg`, `category`), the request id (from the body or
 * the `dg-request-id` header) and any `Retry-After` delay.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramApiError extends Data.TaggedError("DeepgramApiError")<{
  readonly status: number
  /** The operation that failed, e.g. `manage.v1.projects.keys.create`. */
  readonly operation?: string | undefined
  readonly method: string
  readonly url: string
  readonly requestId: string | undefined
  readonly errCode: string | undefined
  readonly errMsg: string | undefined
  readonly category: string | undefined
  readonly retryAfter: Duration.Duration | undefined
  readonly excerpt: string
  /** Why this otherwise retryable failure was not retried (e.g. an audio stream that cannot be replayed). */
  readonly notRetried?: string | undefined
}> {
  override get message(): string {
    // Deepgram's 400s repeat the code in the message ("Bad Request" / "Bad Request: failed to …"): say it once.
    const code = this.errCode !== undefined && this.errMsg?.startsWith(this.errCode) === true ? undefined : this.errCode
    const what = [code, this.errMsg].filter(Predicate.isNotUndefined).join(": ") || this.excerpt
    const id = this.requestId === undefined ? "" : ` (request id ${this.requestId})`
    return `${where(this)} failed with status ${this.status}: ${what}${id}${notRetried(this)}`
  }
}

/**
 * A response arrived but its body is not what the spec describes: not JSON,
 * truncated, or violating the schema. Carries the status, request id, a short
 * excerpt of the body and the schema issue.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramDecodeError extends Data.TaggedError("DeepgramDecodeError")<{
  readonly status: number
  /** The operation that failed, e.g. `manage.v1.projects.keys.create`. */
  readonly operation?: string | undefined
  readonly method: string
  readonly url: string
  readonly requestId: string | undefined
  readonly excerpt: string
  readonly issue: string
  readonly cause?: unknown
}> {
  override get message(): string {
    const id = this.requestId === undefined ? "" : ` (request id ${this.requestId})`
    return `${where(this)} returned an undecodable body with status ${this.status}${id}: ${this.issue}; body starts with ${
      JSON.stringify(this.excerpt)
    }`
  }
}

/**
 * No complete answer arrived within the request's timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramTimeoutError extends Data.TaggedError("DeepgramTimeoutError")<{
  /** The operation that timed out, e.g. `listen.v1.media.transcribe`. */
  readonly operation?: string | undefined
  readonly method: string
  readonly url: string
  /** The limit that was reached: one attempt's `timeout`, or the `deadline` across all attempts. */
  readonly timeout: Duration.Duration
  /** `attempt`: one attempt saw no progress for `timeout`; `deadline`: all attempts together took too long. */
  readonly kind?: "attempt" | "deadline" | undefined
  /** Attempts made, the last one included. */
  readonly attempts?: number | undefined
  /** Time since the first attempt started. */
  readonly elapsed?: Duration.Duration | undefined
  /** Why this otherwise retryable failure was not retried (e.g. an audio stream that cannot be replayed). */
  readonly notRetried?: string | undefined
}> {
  override get message(): string {
    const attempts = this.attempts === undefined ? "" : this.attempts === 1 ? "1 attempt" : `${this.attempts} attempts`
    const elapsed = this.elapsed === undefined ? "" : `${formatDuration(this.elapsed)} in total`
    const detail = [attempts, elapsed].filter((part) => part !== "").join(", ")
    const what = this.kind === "deadline"
      ? `missed its deadline of ${formatDuration(this.timeout)}`
      : `timed out after ${formatDuration(this.timeout)} without progress`
    return `${where(this)} ${what}${detail === "" ? "" : ` (${detail})`}${notRetried(this)}`
  }
}

/**
 * The connection failed: refused, reset, dropped before or while the response
 * was read.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramTransportError extends Data.TaggedError("DeepgramTransportError")<{
  /** The operation that failed, e.g. `manage.v1.projects.keys.create`. */
  readonly operation?: string | undefined
  readonly method: string
  readonly url: string
  readonly detail: string
  readonly cause?: unknown
  /** Why this otherwise retryable failure was not retried (e.g. an audio stream that cannot be replayed). */
  readonly notRetried?: string | undefined
}> {
  override get message(): string {
    return `${where(this)} failed in transport: ${this.detail}${notRetried(this)}`
  }
}

/**
 * A WebSocket handshake was refused: the HTTP status, Deepgram's `dg-error`
 * header and `dg-request-id` where the runtime exposes them (Node does;
 * browsers only report that the connection failed).
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramHandshakeError extends Data.TaggedError("DeepgramHandshakeError")<{
  readonly url: string
  readonly status: number | undefined
  readonly dgError: string | undefined
  readonly requestId: string | undefined
  readonly detail: string
  readonly cause?: unknown
}> {
  override get message(): string {
    const status = this.status === undefined ? "" : ` with status ${this.status}`
    const dgError = this.dgError === undefined ? "" : `: ${this.dgError}`
    const id = this.requestId === undefined ? "" : ` (request id ${this.requestId})`
    return `WebSocket handshake to ${this.url} failed${status}${dgError}${id}: ${this.detail}`
  }
}

/**
 * A WebSocket session ended badly: closed by the server with an error code
 * (1008, 1011, 4xxx; `errCode` is the parsed `NET-0001`-style code), dropped
 * without a close frame (1006), a send to a closed socket, a server that did
 * not close after the end of input, a server message that is not JSON or
 * violates its schema (with an excerpt), a close while input remained unsent
 * (`Incomplete`, with the audio sent and not sent), or reconnections
 * exhausted (`Reconnect`). Everything received before it has been delivered.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeepgramSocketError extends Data.TaggedError("DeepgramSocketError")<{
  readonly reason: "Closed" | "Dropped" | "Send" | "Decode" | "OpenTimeout" | "CloseTimeout" | "Incomplete" | "Reconnect"
  readonly url: string
  readonly code: number | undefined
  readonly closeReason: string | undefined
  readonly errCode: string | undefined
  readonly requestId: string | undefined
  readonly detail: string
  readonly cause?: unknown
  /**
   * For a stream that ended before all its input was sent (`Incomplete`, or
   * any close while input remained): the audio bytes sent, and those read
   * from the input but not sent (the rest of the input was not read).
   */
  readonly audio?: { readonly sentBytes: number; readonly unsentBytes: number } | undefined
  /** For `Reconnect`: how many reconnections were attempted before giving up. */
  readonly attempts?: number | undefined
}> {
  override get message(): string {
    const code = this.code === undefined ? "" : ` (close ${this.code}${this.closeReason ? `: ${this.closeReason}` : ""})`
    const id = this.requestId === undefined ? "" : ` (request id ${this.requestId})`
    return `WebSocket ${this.url}: ${this.reason}: ${this.detail}${code}${id}`
  }
}

/**
 * Every error an operation of the SDK can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type DeepgramError =
  | DeepgramConfigError
  | DeepgramInputError
  | DeepgramApiError
  | DeepgramDecodeError
  | DeepgramTimeoutError
  | DeepgramTransportError
  | DeepgramHandshakeError
  | DeepgramSocketError

/**
 * Whether an error is worth retrying: 408, 429 and 5xx answers, timeouts and
 * transport failures, unless the request cannot be sent again (`notRetried`:
 * its audio stream was already consumed).
 *
 * @example
 * ```ts
 * import { DeepgramError } from "@effect-deepgram/core"
 * import { Duration } from "effect"
 *
 * DeepgramError.isRetryable(new DeepgramError.DeepgramTimeoutError({ method: "POST", url: "/v1/listen", timeout: Duration.seconds(1) }))
 * // true
 * ```
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryable = (error: DeepgramError): boolean => {
  if ("notRetried" in error && error.notRetried !== undefined) return false
  switch (error._tag) {
    case "DeepgramApiError":
      return error.status === 408 || error.status === 429 || (error.status >= 500 && error.status !== 501 && error.status !== 505)
    case "DeepgramTimeoutError":
    case "DeepgramTransportError":
      return true
    default:
      return false
  }
}
