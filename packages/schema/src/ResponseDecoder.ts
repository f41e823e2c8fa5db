/**
 * Decoding of REST response bodies, forward-compatibly and fast.
 *
 * A response body is decoded with `onExcessProperty: "preserve"`: fields Deepgram added after this SDK was built
 * are kept, and open enums take values they do not list. A decoder built here first tries a validator compiled,
 * once per schema, from the schema's own AST (the one that WebSocket messages use, `internal/fastDecode.ts`);
 * a body it does not accept (invalid, or outside what the validator covers) goes through the full Schema decode,
 * which gives the same result or the exact error. Valid bodies, the common case, skip the generic schema walk: for
 * a `ListenV1Response` that is ~30 µs of CPU per response less.
 *
 * The result equals the Schema decode's (checked by test/ResponseDecoder.test.ts on every REST response schema),
 * except that objects are the parsed ones rather than fresh copies, and that an own `"__proto__"` key of a hostile
 * body stays an own data property (the schema decode turns it into the prototype of its output).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as FastDecode from "./internal/fastDecode.js"

/**
 * Decodes a parsed JSON body: the value, or the Schema decode's error.
 *
 * @since 0.1.0
 * @category models
 */
export type ResponseDecoder<A> = (json: unknown) => Either.Either<A, ParseResult.ParseError>

const preserve = { onExcessProperty: "preserve" } as const

const decoders = new WeakMap<Schema.Schema.Any, ResponseDecoder<unknown>>()

/**
 * The decoder of a response schema, built once per schema (later calls return the same function).
 *
 * @example
 * ```ts
 * import { ListenV1, ResponseDecoder } from "@effect-deepgram/schema"
 * import { Either } from "effect"
 *
 * const decode = ResponseDecoder.make(ListenV1.AcceptedResponse)
 * const result = decode(JSON.parse('{"request_id":"r-1","added_later":true}'))
 * if (Either.isRight(result)) console.log(result.right.request_id) // r-1 (and added_later is kept)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A, I>(schema: Schema.Schema<A, I, never>): ResponseDecoder<A> => {
  const cached = decoders.get(schema)
  if (cached !== undefined) return cached as ResponseDecoder<A>
  const slow = Schema.decodeUnknownEither(schema)
  const fast = FastDecode.compile(schema.ast, true)
  const decoder: ResponseDecoder<A> = fast === undefined
    ? (json) => slow(json, preserve)
    : (json) => {
      const value = fast(json)
      return value === FastDecode.Miss ? slow(json, preserve) : Either.right(value as A)
    }
  decoders.set(schema, decoder as ResponseDecoder<unknown>)
  return decoder
}
