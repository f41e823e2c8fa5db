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
