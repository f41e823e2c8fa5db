/**
 * Hand-written helpers for WebSocket server messages: the `Unknown` and `Invalid` fallback variants and text
 * decoders.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type { ChannelSpec } from "./catalog.js"
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

/**
 * Any JSON object, kept as is (no copy).
 *
 * @since 0.1.0
 * @category models
 */
export interface RawObject {
  readonly [key: string]: unknown
}

const isObject = (u: unknown): u is RawObject => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * The decoded form of a server message whose `type` is a known one but which does not match that type's schema
 * (a field missing or of another type), or whose `type` is not a string. It reaches the application as an event
 * instead of ending the stream; a strict consumer can turn it into a failure with {@link isInvalid}.
 *
 * @since 0.1.0
 * @category models
 */
export interface InvalidMessage {
  readonly type: "Invalid"
  /** The `type` the message carries, when it is a string (a known message type). */
  readonly messageType: string | undefined
  /** The message exactly as received (all keys kept). */
  readonly raw: RawObject
  /** What does not match, e.g. `event: Expected string, actual 1` (the first issue, at most 200 characters). */
  readonly issue: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export interface InvalidMessageSchema extends Schema.Schema<InvalidMessage, RawObject> {}

const ISSUE_LENGTH = 200

/** The first issue of a failed decode, as `path: message`, capped, with the count of the others. */
export const shortIssue = (issue: ParseResult.ParseIssue): string => {
  const issues = ParseResult.ArrayFormatter.formatIssueSync(issue)
  const first = issues[0]
  if (first === undefined) return "does not match its schema"
  const path = first.path.map(String).join(".")
  const text = `${path.length > 0 ? `${path}: ` : ""}${first.message.replace(/\s+/g, " ")}`
  const capped = text.length <= ISSUE_LENGTH ? text : `${text.slice(0, ISSUE_LENGTH)}…`
  return issues.length > 1 ? `${capped} (and ${issues.length - 1} more)` : capped
}

/**
 * Builds the `Invalid` variant of a channel's server message union, the last member: it accepts any JSON object
 * that the other members reject, i.e. one whose `type` is modelled (the modelled member failed) or is not a
 * string, and decodes it to `{ type: "Invalid", messageType, raw, issue }`, the issue being the one the modelled
 * member reports. Encoding gives the raw object back.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidMessage = (channel: string, spec: ChannelSpec): InvalidMessageSchema => {
  const members = new Map<string, Schema.Schema.Any>()
  for (const message of Object.values(spec.server)) {
    if (!message.binary && message.type !== undefined) members.set(message.type, message.schema)
  }
  const decoders = new Map<string, (u: unknown) => Either.Either<unknown, ParseResult.ParseIssue>>()
  const issueOf = (raw: RawObject): string => {
    const type = raw.type
    if (typeof type !== "string") return "type: Expected string"
    const member = members.get(type)
    if (member === undefined) return `type: ${JSON.stringify(type)} is not a modelled message type`
    let decode = decoders.get(type)
    if (decode === undefined) {
      decode = ParseResult.decodeUnknownEither(member as Schema.Schema<unknown, unknown>)
      decoders.set(type, decode)
    }
    const result = decode(raw)
    return Either.isLeft(result) ? shortIssue(result.left) : "does not match its schema"
  }
  const From = Schema.declare(
    (u: unknown): u is RawObject => isObject(u) && (typeof u.type !== "string" || members.has(u.type)),
    { identifier: `${channel}.InvalidRaw`, message: () => `not an object with a modelled ${channel} message type` }
  )
  const To = Schema.Struct({
    type: Schema.Literal("Invalid"),
    messageType: Schema.UndefinedOr(Schema.String),
    raw: Schema.declare(isObject, { identifier: "RawObject" }),
    issue: Schema.String
  })
  return Schema.transform(From, To, {
    strict: true,
    decode: (raw) => ({
      type: "Invalid" as const,
      messageType: typeof raw.type === "string" ? raw.type : undefined,
      raw,
      issue: issueOf(raw)
    }),
    encode: (message) => message.raw
  }).annotations({ identifier: `${channel}.Invalid` })
}

/**
 * True for the `Invalid` variant of any channel's server messages (a known message type that failed its schema).
 *
 * @since 0.1.0
 * @category guards
 */
export const isInvalid = (u: unknown): u is InvalidMessage =>
  isObject(u) && u.type === "Invalid" && isObject(u.raw) && typeof u.issue === "string"

/**
 * True for the `Unknown` variant of any channel's server messages (a message type this version does not model).
 *
 * @since 0.1.0
 * @category guards
 */
export const isUnknown = (u: unknown): u is UnknownMessage => isObject(u) && u.type === "Unknown" && isObject(u.raw)

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
  const invalid = (raw: RawObject): A =>
    ({ type: "Invalid", messageType: undefined, raw, issue: "type: Expected string" }) as unknown as A
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
    if (!isObject(json)) {
      return Either.left(
        new MessageDecodeError({
          channel,
          excerpt: excerpt(text),
          reason: "SchemaMismatch",
          detail: `expected a JSON object, got ${json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`}`,
          cause: undefined
        })
      )
    }
    if (json.type !== undefined && typeof json.type !== "string") {
      // Effect's union parser throws on some such values ({"type":{"toString":1}}); the schema's `Invalid`
      // member would take it anyway.
      return Either.right(invalid(json))
    }
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
