/**
 * The error raised when a WebSocket text frame cannot be decoded into a channel's server message.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Predicate from "effect/Predicate"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@effect-deepgram/schema/MessageDecodeError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * A server text frame that is not JSON (`InvalidJson`) or not a JSON object (`SchemaMismatch`: an array, a
 * number, ...). Every JSON object decodes: an unknown `type` to the channel's `Unknown` variant, a known `type`
 * that fails its schema to its `Invalid` variant.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ListenV1 } from "@effect-deepgram/schema"
 *
 * const program = ListenV1.decodeServerMessage("{\"type\":\"Results\"}").pipe(
 *   Effect.catchTag("MessageDecodeError", (error) => Effect.logWarning(error.message))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class MessageDecodeError extends Data.TaggedError("MessageDecodeError")<{
  /** The channel path, e.g. `/v1/listen`. */
  readonly channel: string
  /** The first 200 characters of the frame. */
  readonly excerpt: string
  readonly reason: "InvalidJson" | "SchemaMismatch"
  /** The JSON syntax error, or what the frame is instead of an object. */
  readonly detail: string
  /** The `SyntaxError`, if any. */
  readonly cause: unknown
}> {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `Cannot decode a ${this.channel} server message (${this.reason}): ${this.detail}\n  frame: ${this.excerpt}`
  }
}

/**
 * @since 0.1.0
 * @category guards
 */
export const isMessageDecodeError = (u: unknown): u is MessageDecodeError => Predicate.hasProperty(u, TypeId)
