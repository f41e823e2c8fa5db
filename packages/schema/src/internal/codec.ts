/**
 * Hand-written building blocks shared by the generated schemas (`openapi.ts`, `asyncapi.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A free-form string that keeps literal autocompletion when unioned with literals
 * (`"nova-3" | (string & {})` instead of collapsing to `string`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const OpenString: Schema.Schema<string & {}, string> = Schema.String as unknown as Schema.Schema<
  string & {},
  string
>

/**
 * A scalar that can be written into a query string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const QueryScalar = /* @__PURE__ */ Schema.Union(Schema.String, Schema.Number, Schema.Boolean)

/**
 * Any value that can be written into a query string: a scalar or a list of scalars (repeated keys).
 * Used for query parameters that the specs leave untyped ("Any type").
 *
 * @since 0.1.0
 * @category schemas
 */
export const QueryValue = /* @__PURE__ */ Schema.Union(QueryScalar, /* @__PURE__ */ Schema.Array(QueryScalar))

/**
 * A query flag the specs spell as the strings `"true"` / `"false"`; a boolean is accepted too.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BooleanFlag = /* @__PURE__ */ Schema.Union(Schema.Boolean, /* @__PURE__ */ Schema.Literal("true", "false"))

/**
 * A free-form JSON object (the specs' `type: object` with no declared properties); every key is kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JsonObject = /* @__PURE__ */ Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The same schema, rejecting excess object keys (in the whole subtree). Object unions without a discriminator
 * list every member `Exact` first, then leniently, so the member that describes the input best wins.
 *
 * @since 0.1.0
 * @category combinators
 */
export const Exact = <A, I, R>(schema: Schema.Schema<A, I, R>): Schema.Schema<A, I, R> =>
  schema.annotations({ parseOptions: { onExcessProperty: "error" } })

/**
 * Any JSON value, but present: a required property the spec leaves untyped. (A bare `Schema.Unknown` would also
 * accept a missing key, since a missing key reads as `undefined`.)
 *
 * @since 0.1.0
 * @category schemas
 */
export const AnyValue = /* @__PURE__ */ Schema.Unknown.pipe(
  /* @__PURE__ */ Schema.filter((u) => u !== undefined, { message: () => "is missing" })
).annotations({ identifier: "AnyValue" })

/**
 * The same object schema, requiring at least one of `keys` to be present. Used for the lenient members of an
 * ambiguous object union whose properties are all optional (otherwise they would match any object).
 *
 * @since 0.1.0
 * @category combinators
 */
export const WithAnyKey = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  keys: ReadonlyArray<string>
): Schema.Schema<A, I, R> =>
  schema.pipe(
    Schema.filter((value) => keys.some((key) => (value as Record<string, unknown>)[key] !== undefined), {
      message: () => `expected at least one of ${keys.join(", ")}`
    })
  )

/**
 * The parse options of server data (responses, server messages): fields the schema does not declare are kept
 * in the decoded value (and written back on encode) instead of being dropped. Set as the `parseOptions`
 * annotation of every generated server-side struct; it applies to the whole subtree.
 *
 * @since 0.1.0
 * @category annotations
 */
export const PreserveUnknownFields: { readonly onExcessProperty: "preserve" } = { onExcessProperty: "preserve" }
