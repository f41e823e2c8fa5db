/**
 * Hand-written helpers for WebSocket server messages: the `Unknown` fallback variant and text decoders.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import { MessageDecodeError } from "../MessageDecodeError.js"
import * as FastDecode from "./fastDecode.js"

/**
 * A JSON object whose `type` (if any) is a string; every key is kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface RawMessage {
  readonly type?: string | undefined
  readonly [key: string]: unknown
}

const isRawMessage = (u: unknown): u is RawMessage =>
  typeof u === "object" && u !== null && !Array.isArray(u) &&
  ((u as { readonly type?: unknown }).type === undefined || typeof (u as { readonly type?: unknown }).type === "string")

/**
 * A JSON object whose `type` (if any) is a string, kept as is (no copy).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RawMessage: Schema.Schema<RawMessage> = /* @__PURE__ */ Schema.declare(isRawMessage, {
  identifier: "RawMessage",
  description: "a JSON object whose type, if present, is a string"
})

/**
 * The decoded form of a server message whose `type` the channel does not model.
 *
 * @since 0.1.0
 * @category models
 */
export interface UnknownMessage {
  readonly type: "Unknown"
  /** The message exactly as received (all keys kept). */
  readonly raw: RawMessage
}

/**
 * @since 0.1.0
 * @category schemas
 */
export interface UnknownMessageSchema extends Schema.Schema<UnknownMessage, RawMessage> {}

/**
 * Builds the `Unknown` variant of a channel's server message union: it accepts any JSON object whose `type` is
 * not one of `knownTypes` (or that has no `type`) and decodes it to `{ type: "Unknown", raw }`. Encoding gives the
 * raw object back. A message with a known `type` never lands here, so a malformed known message still fails.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unknownMessage = (channel: string, knownTypes: ReadonlyArray<string>): UnknownMessageSchema => {
  const known = new Set(knownTypes)
  const From = Schema.declare(
    (u: unknown): u is RawMessage => isRawMessage(u) && (u.type === undefined || !known.has(u.type)),
    {
      identifier: `${channel}.UnknownRaw`,
      message: () => `not an object with an unmodelled ${channel} message type`
    }
  )
  const To = Schema.Struct({ type: Schema.Literal("Unknown"), raw: RawMessage })
  return Schema.transform(From, To, {
    strict: true,
    decode: (raw) => ({ type: "Unknown" as const, raw }),
    encode: (message) => message.raw
  }).annotations({ identifier: `${channel}.Unknown` })
}

const EXCERPT_LENGTH = 200

/** @internal */
export const excerpt = (text: string): string =>
  text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH)}…`

/**
 * A text-frame decoder for one channel: JSON.parse + one `Schema.decodeUnknown` of the server message union.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerMessageDecoder<A> {
  readonly decode: (text: string) => Effect.Effect<A, MessageDecodeError>
  readonly decodeEither: (text: string) => Either.Either<A, MessageDecodeError>
}

/**
 * Builds the text decoder of a channel (the function behind both `decodeServerMessage` and
 * `decodeServerMessageEither`). Message types that the fast path covers (`fastDecode.ts`: a validator compiled
 * from this same schema, which returns the parsed value itself when it passes) skip the generic
 * `Schema.decodeUnknown`; a message it rejects goes through the schema decode, so every error and every decoded
 * value is the schema's. The schema decoder and the fast path are compiled on the first call, not when the module
 * loads, so that a program that never decodes this channel's messages does no work for it (and bundlers can drop
 * the decoder: the call is free of side effects).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDecodeText = <A, I>(
  channel: string,
  schema: Schema.Schema<A, I>
): (text: string) => Either.Either<A, MessageDecodeError> => {
  let compiled:
    | {
      readonly decodeUnknown: (u: unknown) => Either.Either<A, ParseResult.ParseIssue>
      readonly fastDecode: ((json: unknown) => unknown) | undefined
    }
    | undefined
  const compile = () =>
    compiled ??= {
      decodeUnknown: ParseResult.decodeUnknownEither(schema),
      fastDecode: FastDecode.compileMessageUnion(schema.ast)?.decode
    }
  return (text: string): Either.Either<A, MessageDecodeError> => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      return Either.left(
        new MessageDecodeError({
          channel,
          excerpt: excerpt(text),
          reason: "InvalidJson",
          detail: cause instanceof Error ? cause.message : String(cause),
          cause
        })
      )
    }
    const { decodeUnknown, fastDecode } = compile()
    if (fastDecode !== undefined) {
      const message = fastDecode(json)
      if (message !== FastDecode.Miss) return Either.right(message as A)
    }
    let result: Either.Either<A, ParseResult.ParseIssue>
    try {
      result = decodeUnknown(json)
    } catch (cause) {
      // Effect's union parser can throw on hostile values such as {"type":{"toString":1}}.
      return Either.left(
        new MessageDecodeError({
          channel,
          excerpt: excerpt(text),
          reason: "SchemaMismatch",
          detail: cause instanceof Error ? cause.message : "the message could not be checked against its schema",
          cause
        })
      )
    }
    return Either.isRight(result)
      ? Either.right(result.right)
      : Either.left(
        new MessageDecodeError({
          channel,
          excerpt: excerpt(text),
          reason: "SchemaMismatch",
          detail: ParseResult.TreeFormatter.formatIssueSync(result.left),
          cause: new ParseResult.ParseError({ issue: result.left })
        })
      )
  }
}
