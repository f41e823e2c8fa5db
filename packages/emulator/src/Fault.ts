/**
 * Faults the emulator can inject into its answers.
 *
 * Faults are queued on the running emulator (`DeepgramEmulator.injectFault`) and each request consumes at
 * most one of them, in order. A fault may be restricted to one path, in which case requests to other paths
 * leave it in the queue.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"

/**
 * A fault to inject into one request.
 *
 * - `Status`: answer with `status` and a Deepgram-shaped error body (or `body`), plus `Retry-After` when set.
 * - `Latency`: wait for `duration`, then handle the request normally.
 * - `Drop`: read the request, then destroy the connection without answering.
 * - `MalformedBody`: answer `status` (200 by default) with a body that is not JSON.
 * - `TruncatedJson`: handle the request, then send only the first half of the JSON body.
 * - `SchemaViolation`: handle the request, then send JSON of the right shape whose leaf values have the wrong
 *   types (strings become numbers and numbers become strings).
 * - `SocketClose`: accept a WebSocket handshake, then close the socket with `code` and `reason` once `after`
 *   server messages have been sent.
 * - `SocketDrop`: accept a WebSocket handshake, then destroy the TCP connection without a close frame once `after`
 *   server messages have been sent (the client sees 1006).
 * - `SocketMalformed`: accept a WebSocket handshake and, once `after` server messages have been sent, send a text
 *   frame that is not JSON (`text`); the session then goes on normally.
 *
 * The three socket faults are only consumed by WebSocket handshakes; the others by any request (on a
 * handshake, `Status` refuses the upgrade, `Latency` delays it and `Drop` destroys the connection unanswered).
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = Data.TaggedEnum<{
  Status: {
    readonly status: number
    readonly retryAfter: number | undefined
    readonly body: unknown
  }
  Latency: {
    readonly duration: Duration.Duration
  }
  Drop: {}
  MalformedBody: {
    readonly status: number
    readonly body: string
  }
  TruncatedJson: {}
  SchemaViolation: {}
  SocketClose: {
    readonly code: number
    readonly reason: string
    readonly after: number
  }
  SocketDrop: {
    readonly after: number
  }
  SocketMalformed: {
    readonly after: number
    readonly text: string
  }
}>

const Fault = Data.taggedEnum<Fault>()

/**
 * Answer with an HTTP status. Without `body`, the body is Deepgram's legacy error shape
 * (`{ err_code, err_msg, request_id }`) with a code that matches the status.
 *
 * @example
 * ```ts
 * import { Fault } from "@effect-deepgram/emulator"
 *
 * // a 429 telling the client to come back in 2 seconds
 * const tooMany = Fault.status(429, { retryAfter: 2 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const status = (
  status: number,
  options?: {
    /** Seconds, sent as the `Retry-After` header. */
    readonly retryAfter?: number | undefined
    /** A JSON body that replaces the default Deepgram-shaped error body. */
    readonly body?: unknown
  }
): Fault => Fault.Status({ status, retryAfter: options?.retryAfter, body: options?.body })

/**
 * Delay the answer, then handle the request normally.
 *
 * @since 0.1.0
 * @category constructors
 */
export const latency = (duration: Duration.DurationInput): Fault =>
  Fault.Latency({ duration: Duration.decode(duration) })

/**
 * Destroy the connection without answering (the client sees a transport error).
 *
 * @since 0.1.0
 * @category constructors
 */
export const drop: Fault = Fault.Drop()

/**
 * Answer with a body that is not JSON, labelled `application/json`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformedBody = (options?: {
  readonly status?: number | undefined
  readonly body?: string | undefined
}): Fault =>
  Fault.MalformedBody({
    status: options?.status ?? 200,
    body: options?.body ?? "<html><body><h1>502 Bad Gateway</h1></body></html>"
  })

/**
 * Send only the first half of the JSON body the request would have received.
 *
 * @since 0.1.0
 * @category constructors
 */
export const truncatedJson: Fault = Fault.TruncatedJson()

/**
 * Send JSON that violates the response schema: every string leaf becomes a number and every number leaf a
 * string.
 *
 * @since 0.1.0
 * @category constructors
 */
export const schemaViolation: Fault = Fault.SchemaViolation()

const count = (after: number | undefined): number =>
  after === undefined || !Number.isFinite(after) ? 0 : Math.max(0, Math.floor(after))

/**
 * Accept a WebSocket handshake, then close the socket with `code` (and `reason`) once `after` server messages
 * have been sent (default 0: right after the upgrade). `1005` closes without a status code (an empty close
 * frame) and `1006` destroys the connection without a close frame, since neither may be sent on the wire.
 * The reason is cut to the 123 bytes a close frame allows.
 *
 * @example
 * ```ts
 * import { Fault } from "@effect-deepgram/emulator"
 *
 * // the third server message never arrives: the socket closes with 1011 instead
 * const internalError = Fault.socketClose(1011, { reason: "NET-0000: internal error", after: 2 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const socketClose = (
  code: number,
  options?: {
    readonly reason?: string | undefined
    /** Server messages to send before closing (default 0). */
    readonly after?: number | undefined
  }
): Fault => Fault.SocketClose({ code, reason: options?.reason ?? "", after: count(options?.after) })

/**
 * Accept a WebSocket handshake, then destroy the TCP connection without a close frame once `after` server
 * messages have been sent (default 0). The client sees an abnormal closure (1006).
 *
 * @since 0.1.0
 * @category constructors
 */
export const socketDrop = (options?: {
  /** Server messages to send before dropping the connection (default 0). */
  readonly after?: number | undefined
}): Fault => Fault.SocketDrop({ after: count(options?.after) })

/**
 * Accept a WebSocket handshake and, once `after` server messages have been sent (default 0), send a text frame
 * that is not JSON; the session then goes on normally.
 *
 * @since 0.1.0
 * @category constructors
 */
export const socketMalformed = (options?: {
  /** Server messages to send before the malformed frame (default 0). */
  readonly after?: number | undefined
  /** The frame's text (default a truncated JSON object). */
  readonly text?: string | undefined
}): Fault =>
  Fault.SocketMalformed({
    after: count(options?.after),
    text: options?.text ?? "{\"type\":\"Results\",\"channel_index\":[0,"
  })

/**
 * Whether a fault only applies to WebSocket sessions (`SocketClose`, `SocketDrop`, `SocketMalformed`).
 *
 * @since 0.1.0
 * @category guards
 */
export const isSocketFault = (
  fault: Fault
): fault is Extract<Fault, { readonly _tag: "SocketClose" | "SocketDrop" | "SocketMalformed" }> =>
  fault._tag === "SocketClose" || fault._tag === "SocketDrop" || fault._tag === "SocketMalformed"

/**
 * Pattern matching on a fault.
 *
 * @since 0.1.0
 * @category pattern matching
 */
export const match = Fault.$match

/**
 * Refines a fault to one of its cases.
 *
 * @since 0.1.0
 * @category guards
 */
export const is = Fault.$is
