/**
 * Command line flags generated from the schema package's option schemas: one flag per query parameter
 * (`smart_format` is `--smart-format`), validated by the same schema before anything is sent.
 *
 * @internal
 */
import * as Options from "@effect/cli/Options"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { UsageError } from "./errors.js"

/** Flag names that would clash with the CLI's own. */
const renamed: Record<string, string> = { version: "model-version", channels: "audio-channels" }

/** @internal */
export const flagName = (key: string): string => renamed[key] ?? key.replace(/_/g, "-")

const unwrap = (ast: AST.AST): AST.AST => {
  let current = ast
  while (current._tag === "Transformation" || current._tag === "Refinement") {
    current = current._tag === "Refinement" ? current.from : current.to
  }
  return current
}

const members = (ast: AST.AST): ReadonlyArray<AST.AST> =>
  ast._tag === "Union" ? ast.types.flatMap(members) : [unwrap(ast)]

/** @internal */
export interface Field {
  readonly key: string
  readonly flag: string
  /** A plain switch: the only non-literal value is a boolean. */
  readonly switch: boolean
  readonly number: boolean
  readonly boolean: boolean
  readonly array: boolean
  readonly scalar: boolean
  readonly literals: ReadonlyArray<string>
  /** Any string is accepted besides the literals. */
  readonly open: boolean
}

/** @internal */
export const fields = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<Field> => {
  const ast = unwrap(schema.ast)
  if (ast._tag !== "TypeLiteral") return []
  return ast.propertySignatures.flatMap((property) => {
    if (typeof property.name !== "string") return []
    const types = members(property.type).filter((t) => t._tag !== "UndefinedKeyword")
    const boolean = types.some((t) => t._tag === "BooleanKeyword")
    const number = types.some((t) => t._tag === "NumberKeyword")
    const array = types.some((t) => t._tag === "TupleType")
    const scalar = types.some((t) => t._tag !== "TupleType")
    const literals = types.flatMap((t) => (t._tag === "Literal" && typeof t.literal === "string" ? [t.literal] : []))
    const onlyBoolean = types.every((t) => t._tag === "BooleanKeyword" || (t._tag === "Literal" && (t.literal === "true" || t.literal === "false")))
    return [{
      key: property.name,
      flag: flagName(property.name),
      switch: boolean && onlyBoolean,
      number,
      boolean,
      array,
      scalar,
      literals: literals.filter((l) => l !== "true" && l !== "false"),
      open: types.some((t) => t._tag === "StringKeyword")
    }]
  })
}

/** @internal */
export type Values = Record<string, Option.Option<boolean> | ReadonlyArray<string> | boolean>

/**
 * The flags of several option schemas (a flag shared by two appears once).
 *
 * @internal
 */
export const options = (...schemas: ReadonlyArray<Schema.Schema.AnyNoContext>): Options.Options<Values> => {
  const all = Arr.dedupeWith(schemas.flatMap(fields), (a, b) => a.key === b.key)
  const record: Record<string, Options.Options<boolean | ReadonlyArray<string>>> = {}
  for (const field of all) {
    const choices = field.literals.length > 0 && field.literals.length <= 12
      ? ` (${field.literals.join(", ")}${field.open ? ", ..." : ""})`
      : ""
    record[field.key] = field.switch
      ? Options.boolean(field.flag).pipe(Options.withDescription(`Deepgram's ${field.key}`))
      : Options.text(field.flag).pipe(
        Options.repeated,
        Options.withDescription(`Deepgram's ${field.key}${choices}${field.array ? "; repeatable" : ""}`)
      )
  }
  return Object.keys(record).length === 0
    ? Options.map(Options.none, (): Values => ({}))
    : Options.all(record) as Options.Options<Values>
}

const coerce = (field: Field, value: string): unknown => {
  if (field.number && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  if (field.boolean && (value === "true" || value === "false")) return value === "true"
  return value
}

/**
 * The query options the flags describe, validated by `schema` (every flag that was given must belong to it).
 * A failure names the flag and what it accepts.
 *
 * @internal
 */
export const decode = <A, I>(
  schema: Schema.Schema<A, I>,
  values: Values,
  what: string
): Effect.Effect<A, UsageError> => {
  const known = new Map(fields(schema as Schema.Schema.AnyNoContext).map((field) => [field.key, field]))
  const raw: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    const given = typeof value === "boolean" ? value : Option.isOption(value) ? Option.getOrElse(value, () => false) : value.length > 0
    if (!given) continue
    const field = known.get(key)
    if (field === undefined) {
      return Effect.fail(new UsageError({ message: `--${flagName(key)} is not an option of ${what}` }))
    }
    if (typeof value === "boolean" || Option.isOption(value)) raw[key] = true
    else {
      const list = (value as ReadonlyArray<string>).map((v) => coerce(field, v))
      raw[key] = list.length === 1 && field.scalar ? list[0] : list
    }
  }
  return Schema.decodeUnknown(schema, { onExcessProperty: "error", errors: "first" })(raw).pipe(
    Effect.mapError((error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const key = issue?.path[0]
      const field = typeof key === "string" ? known.get(key) : undefined
      const accepts = field !== undefined && field.literals.length > 0 && !field.open
        ? `expected one of ${field.literals.join(", ")}, got ${JSON.stringify(raw[field.key])}`
        : issue?.message ?? "invalid value"
      return new UsageError({ message: `${field === undefined ? "invalid options" : `--${field.flag}`}: ${accepts}` })
    })
  )
}
