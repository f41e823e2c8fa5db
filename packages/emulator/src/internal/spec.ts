/**
 * Request validation driven by the operation catalog of the schema package: path ids, query parameters and
 * JSON bodies are decoded with each operation's own schemas, so the emulator refuses what the spec refuses.
 *
 * Query strings carry only text: each value is first converted to what the parameter's schema accepts
 * (`true`/`false` to booleans, numerals to numbers, repeated parameters to arrays), then decoded. Unknown
 * parameters and fields are refused.
 *
 * @internal
 */
import { Operations } from "@effect-deepgram/schema"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type { Query } from "./params.js"

/** @internal */
export type OperationName = Operations.OperationName

/** @internal */
export type OperationSpec = Operations.OperationSpec

/** @internal */
export const operation = (name: OperationName): OperationSpec => Operations.operations[name]

interface Accepts {
  boolean: boolean
  number: boolean
  array: Accepts | undefined
}

const acceptsOf = (ast: SchemaAST.AST, into: Accepts = { boolean: false, number: false, array: undefined }): Accepts => {
  switch (ast._tag) {
    case "BooleanKeyword":
      into.boolean = true
      break
    case "NumberKeyword":
      into.number = true
      break
    case "Literal":
      if (typeof ast.literal === "boolean") into.boolean = true
      if (typeof ast.literal === "number") into.number = true
      break
    case "Union":
      for (const member of ast.types) acceptsOf(member, into)
      break
    case "Refinement":
      acceptsOf(ast.from, into)
      break
    case "Transformation":
      acceptsOf(ast.from, into)
      break
    case "Suspend":
      acceptsOf(ast.f(), into)
      break
    case "TupleType": {
      const element = ast.rest[0]?.type ?? ast.elements[0]?.type
      if (element !== undefined) into.array = acceptsOf(element)
      break
    }
    default:
      break
  }
  return into
}

const coerce = (value: string, accepts: Accepts): unknown => {
  if (accepts.boolean && /^(true|false)$/.test(value)) return value === "true"
  if (accepts.number && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  return value
}

const queryShapes = new WeakMap<OperationSpec, ReadonlyMap<string, Accepts>>()

const queryShape = (op: OperationSpec): ReadonlyMap<string, Accepts> => {
  let shape = queryShapes.get(op)
  if (shape === undefined) {
    const map = new Map<string, Accepts>()
    for (const signature of SchemaAST.getPropertySignatures(Schema.encodedSchema(op.query).ast)) {
      if (typeof signature.name === "string") map.set(signature.name, acceptsOf(signature.type))
    }
    shape = map
    queryShapes.set(op, shape)
  }
  return shape
}

const shortValue = (value: unknown): string => {
  const text = typeof value === "string" ? `'${value}'` : JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** What a schema expects, in a few words. */
const expected = (ast: SchemaAST.AST): string => {
  switch (ast._tag) {
    case "StringKeyword":
      return "a string"
    case "NumberKeyword":
      return "a number"
    case "BooleanKeyword":
      return "a boolean (true or false)"
    case "TupleType":
      return "a list"
    case "TypeLiteral":
      return "an object"
    case "Literal":
      return JSON.stringify(ast.literal)
    case "Refinement": {
      const description = SchemaAST.getDescriptionAnnotation(ast)
      if (description._tag === "Some") return description.value
      return expected(ast.from)
    }
    case "Transformation":
      return expected(ast.from)
    case "Suspend":
      return expected(ast.f())
    case "Union": {
      const members = ast.types.filter((t) => t._tag !== "UndefinedKeyword")
      if (members.length > 1 && members.every((t) => t._tag === "TypeLiteral")) {
        return `an object with ${members.map((t) => requiredKeys(t).join(" and ")).join(" or ")}`
      }
      const literals = ast.types.filter((t): t is SchemaAST.Literal => t._tag === "Literal")
      if (literals.length === ast.types.length && literals.length <= 10) {
        return `one of ${literals.map((t) => String(t.literal)).join(", ")}`
      }
      if (literals.length === ast.types.length) {
        return `one of ${literals.slice(0, 5).map((t) => String(t.literal)).join(", ")}, ... (${literals.length} values)`
      }
      const parts = [...new Set(ast.types.filter((t) => t._tag !== "UndefinedKeyword").map(expected))]
      return parts.join(" or ")
    }
    default:
      return "a valid value"
  }
}

/** An object's issue that is about a field's value (not a missing or unknown field). */
const matchesShape = (issue: ParseResult.ParseIssue): boolean => {
  if (issue._tag !== "Composite" || issue.ast._tag !== "TypeLiteral") return false
  const inner = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
  return inner.length > 0 &&
    inner.every((child) => child._tag === "Pointer" && child.issue._tag !== "Missing" && child.issue._tag !== "Unexpected")
}

const requiredKeys = (ast: SchemaAST.AST): ReadonlyArray<string> =>
  ast._tag === "TypeLiteral"
    ? ast.propertySignatures.filter((p) => !p.isOptional).map((p) => `\`${String(p.name)}\``)
    : []

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key, i) => typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`).join("")

/** The first issue of a parse error, as one short sentence about `what` (`query parameter`, `field`). */
const describeIssue = (issue: ParseResult.ParseIssue, what: string, path: ReadonlyArray<PropertyKey> = []): string => {
  switch (issue._tag) {
    case "Pointer":
      return describeIssue(issue.issue, what, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])])
    case "Unexpected":
      return `Unknown ${what} '${pathText(path)}'.`
    case "Missing":
      return `Missing required ${what} '${pathText(path)}'.`
    case "Composite": {
      const issues: ReadonlyArray<ParseResult.ParseIssue> = Array.isArray(issue.issues)
        ? issue.issues
        : [issue.issues as ParseResult.ParseIssue]
      const first = issues[0]
      if (issue.ast._tag === "Union") {
        // An optional field is a union with `undefined`: report on the one member that the value resembles.
        const members = issues.filter((member) => !(member._tag === "Type" && member.ast._tag === "UndefinedKeyword"))
        if (members.length === 1 && members[0]!._tag !== "Type") return describeIssue(members[0]!, what, path)
        // A union of objects: the member whose fields are all there but one is mistyped.
        const shaped = members.filter(matchesShape)
        if (shaped.length === 1) return describeIssue(shaped[0]!, what, path)
      }
      // A union reports one issue per member: say what the whole union expects instead.
      if (issue.ast._tag === "Union" || first === undefined) {
        return path.length === 0
          ? `Expected ${expected(issue.ast)}.`
          : `Invalid ${what} '${pathText(path)}': expected ${expected(issue.ast)}, got ${shortValue(issue.actual)}.`
      }
      return describeIssue(first, what, path)
    }
    case "Refinement":
      return issue.kind === "From"
        ? describeIssue(issue.issue, what, path)
        : `Invalid ${what} '${pathText(path)}': expected ${expected(issue.ast)}, got ${shortValue(issue.actual)}.`
    case "Transformation":
      return describeIssue(issue.issue, what, path)
    default:
      return path.length === 0
        ? `Expected ${expected(issue.ast)}, got ${shortValue(issue.actual)}.`
        : `Invalid ${what} '${pathText(path)}': expected ${expected(issue.ast)}, got ${shortValue(issue.actual)}.`
  }
}

const strict = { onExcessProperty: "error", errors: "first" } as const

/**
 * Decodes the query string with the operation's query schema (unknown parameters refused).
 *
 * @internal
 */
export const decodeQuery = (op: OperationSpec, query: Query): Either.Either<Record<string, unknown>, string> => {
  const shape = queryShape(op)
  const input: Record<string, unknown> = {}
  for (const [name, values] of Object.entries(query)) {
    const accepts = shape.get(name)
    if (accepts === undefined) return Either.left(`Unknown query parameter '${name}'.`)
    input[name] = accepts.array !== undefined
      ? values.map((value) => coerce(value, accepts.array!))
      : coerce(values[values.length - 1]!, accepts)
  }
  return Schema.decodeUnknownEither(op.query as Schema.Schema<Record<string, unknown>, unknown>, strict)(input).pipe(
    Either.mapLeft((error) => describeIssue(error.issue, "query parameter"))
  )
}

/**
 * Decodes a JSON body with the operation's body schema (unknown fields refused). An empty body is `{}`.
 *
 * @internal
 */
export const decodeBody = (op: OperationSpec, text: string): Either.Either<unknown, string> => {
  if (op.body === undefined) return Either.right(undefined)
  let json: unknown
  if (text.trim() === "") {
    json = {}
  } else {
    try {
      json = JSON.parse(text)
    } catch {
      return Either.left("The request body is not valid JSON.")
    }
  }
  return Schema.decodeUnknownEither(op.body as Schema.Schema<unknown, unknown>, strict)(json).pipe(
    Either.mapLeft((error) => describeIssue(error.issue, "field"))
  )
}

/** `/v1/projects/{project_id}` to a regular expression with one group per placeholder. */
const compile = (template: string): RegExp =>
  new RegExp(
    "^" + template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("([^/]+)") +
      "$"
  )

const compiled: ReadonlyArray<readonly [OperationSpec, RegExp]> = Object.values<OperationSpec>(Operations.operations)
  .map((op) => [op, compile(op.path)] as const)

/**
 * The methods the spec defines for a concrete path (for 405 answers), empty for an unknown path.
 *
 * @internal
 */
export const methodsFor = (path: string): ReadonlyArray<string> => [
  ...new Set(compiled.filter(([, regexp]) => regexp.test(path)).map(([op]) => op.method))
]

/**
 * The operation's path as an `HttpRouter` path (`/v1/projects/:project_id`).
 *
 * @internal
 */
export const routerPath = (op: OperationSpec): string => op.path.replace(/\{([^}]+)\}/g, ":$1")

/**
 * The path parameters of a concrete path, decoded.
 *
 * @internal
 */
export const pathParams = (op: OperationSpec, path: string): Record<string, string> => {
  const match = compile(op.path).exec(path)
  const out: Record<string, string> = {}
  op.pathParams.forEach((name, i) => {
    const raw = match?.[i + 1] ?? ""
    let value = raw
    try {
      value = decodeURIComponent(raw)
    } catch {
      value = raw
    }
    out[name] = value
  })
  return out
}
