/**
 * A fast path for decoding WebSocket server messages and REST response bodies (`ResponseDecoder.ts`): a
 * validator compiled from a schema's own AST.
 *
 * `Schema.decodeUnknown` walks the AST generically for every message (a struct parser that collects issues,
 * sorts outputs and rebuilds every object and array). For the hot messages (ListenV1 `Results`, ListenV2
 * `TurnInfo`, ...) this module compiles, once, a plain validator for the subset of the AST that the message
 * schemas use: string/number/boolean keywords, literals, unions of those, refinements (e.g. `Schema.Int`),
 * structs without index signatures, records with string keys, `Schema.optional` fields, arrays, and unions
 * of objects that ParseResult tries in their declared order (no member keyed on a literal).
 *
 * Tie to the schema: the validator is derived at runtime from the very `Schema` value that the slow path
 * decodes (the generated `src/internal/asyncapi.ts` schemas, with scripts/patches.ts applied), so it cannot
 * drift from the spec. Anything outside the subset (transformations, declarations, `Schema.suspend`, index
 * signatures, parse-option or decoding-fallback annotations, unions whose members could both accept a value
 * and produce different outputs, ...) makes `compile` give up for that message type, which then always goes
 * through the schema decode.
 *
 * Contract (checked by test/FastDecode.test.ts against the schema decode on generated inputs): for an input
 * produced by `JSON.parse`, the validator either returns `Miss` (the caller falls back to the full schema
 * decode, which produces the exact error) or returns a value deep-equal to what the schema decode returns:
 *
 * - checks are the schema's own (`typeof` tests, `===` literals, the refinement's `filter`), required keys
 *   are read even when absent (as the non-exact struct parser does), absent optional keys are skipped;
 * - excess properties are handled like the schema does. Server data (every generated server message) carries
 *   the `onExcessProperty: "preserve"` parse option: unknown keys are kept, so an object is returned as is (no
 *   copy) when none of its fields changed, otherwise a copy with every key. Without that option (the default,
 *   "ignore") an object is returned as is only when it has no key besides the modelled ones and none of its
 *   fields changed; otherwise a copy with the modelled keys is built. Arrays are returned as is when no element
 *   changed. So the result has exactly the schema's keys and values; only key order may differ and the objects
 *   are the parsed ones rather than fresh copies (nobody else holds them). Any other parse option (e.g. the
 *   `onExcessProperty: "error"` of `Exact`) leaves the node to the schema.
 *
 * One deliberate difference: an own `"__proto__"` key of a frame (a hostile frame) stays an own data property
 * here, whereas the schema, preserving unknown keys by assignment, turns it into the prototype of its output.
 * Neither touches `Object.prototype`; keeping it as data is the safer of the two, and checking every frame for
 * the key would cost about a quarter of a `JSON.parse`.
 *
 * Not part of the public API (`./internal/*` is not exported).
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/**
 * What a fast validator returns when the schema decode has to run.
 *
 * @since 0.1.0
 * @category symbols
 */
export const Miss: unique symbol = Symbol.for("@effect-deepgram/schema/FastDecode/Miss")

/**
 * @since 0.1.0
 * @category symbols
 */
export type Miss = typeof Miss

type Check = (u: unknown) => unknown

// The kinds of JavaScript value a node can accept, to prove that union members are mutually exclusive.
const STRING = 1
const NUMBER = 2
const BOOLEAN = 4
const NULL = 8
const UNDEFINED = 16
const ARRAY = 32
const OBJECT = 64
const OTHER = 128
const ANY = 255

// Primitive checks a struct loop performs inline instead of calling a closure.
const CALL = 0
const IS_STRING = 1
const IS_NUMBER = 2
const IS_BOOLEAN = 3

interface Node {
  readonly check: Check
  /** Bit set of the value kinds the node may accept. */
  readonly kinds: number
  /** The output is always the input itself (no copy, no transformation). */
  readonly identity: boolean
  /** A primitive check the struct loop can inline, equivalent to `check` on any value but `undefined`, or `CALL`. */
  readonly prim: number
}

const kindOf = (u: unknown): number => {
  switch (typeof u) {
    case "string":
      return STRING
    case "number":
      return NUMBER
    case "boolean":
      return BOOLEAN
    case "undefined":
      return UNDEFINED
    case "object":
      return u === null ? NULL : Array.isArray(u) ? ARRAY : OBJECT
    default:
      return OTHER
  }
}

const isString: Check = (u) => typeof u === "string" ? u : Miss
const isNumber: Check = (u) => typeof u === "number" ? u : Miss
const isBoolean: Check = (u) => typeof u === "boolean" ? u : Miss
const isUndefined: Check = (u) => u === undefined ? u : Miss
const isAnything: Check = (u) => u

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

// Annotations that change how ParseResult runs a node (see `goMemo` in effect/ParseResult), other than the
// `onExcessProperty: "preserve"` of server data, which the struct validator implements.
const changesParsing = (ast: AST.AST): boolean => {
  const options = ast.annotations[AST.ParseOptionsAnnotationId] as AST.ParseOptions | undefined
  return (options !== undefined && !isPreserve(options)) ||
    ast.annotations[AST.DecodingFallbackAnnotationId] !== undefined
}

const isPreserve = (options: AST.ParseOptions): boolean => {
  const keys = Object.keys(options)
  return keys.length === 1 && options.onExcessProperty === "preserve"
}

// True below a node annotated with `onExcessProperty: "preserve"` (the annotation applies to the whole subtree).
const preserves = (ast: AST.AST, preserve: boolean): boolean =>
  preserve || ast.annotations[AST.ParseOptionsAnnotationId] !== undefined

const compileNode = (ast: AST.AST, inherited: boolean): Node | undefined => {
  if (changesParsing(ast)) return undefined
  const preserve = preserves(ast, inherited)
  switch (ast._tag) {
    case "StringKeyword":
      return { check: isString, kinds: STRING, identity: true, prim: IS_STRING }
    case "NumberKeyword":
      return { check: isNumber, kinds: NUMBER, identity: true, prim: IS_NUMBER }
    case "BooleanKeyword":
      return { check: isBoolean, kinds: BOOLEAN, identity: true, prim: IS_BOOLEAN }
    case "UndefinedKeyword":
      return { check: isUndefined, kinds: UNDEFINED, identity: true, prim: CALL }
    case "UnknownKeyword":
    case "AnyKeyword":
      return { check: isAnything, kinds: ANY, identity: true, prim: CALL }
    case "Literal": {
      const literal = ast.literal
      if (typeof literal === "bigint") return undefined
      return { check: (u) => u === literal ? u : Miss, kinds: kindOf(literal), identity: true, prim: CALL }
    }
    case "Refinement":
      return compileRefinement(ast, preserve)
    case "Union":
      return compileUnion(ast, preserve)
    case "TupleType":
      return compileTuple(ast, preserve)
    case "TypeLiteral":
      return compileStruct(ast, preserve)
    default:
      // Declaration, Transformation, Suspend, Enums, TemplateLiteral, ...: not covered, use the schema.
      return undefined
  }
}

const compileRefinement = (ast: AST.Refinement, preserve: boolean): Node | undefined => {
  const from = compileNode(ast.from, preserve)
  if (from === undefined) return undefined
  const check = from.check
  const filter = ast.filter
  return {
    check: (u) => {
      const a = check(u)
      return a !== Miss && Option.isNone(filter(a, AST.defaultParseOption, ast)) ? a : Miss
    },
    kinds: from.kinds,
    identity: from.identity,
    prim: CALL
  }
}

const compileUnion = (ast: AST.Union, preserve: boolean): Node | undefined => {
  const members: Array<Node> = []
  for (const type of ast.types) {
    const member = compileNode(type, preserve)
    if (member === undefined) return undefined
    members.push(member)
  }
  let kinds = 0
  let disjoint = true
  for (const member of members) {
    if ((kinds & member.kinds) !== 0) disjoint = false
    kinds |= member.kinds
  }
  const identity = members.every((member) => member.identity)
  // ParseResult tries the members in its own order (literal-keyed members first) and keeps the first success.
  // The order does not matter when every member returns its input unchanged, or when at most one member can
  // accept a given value (their value kinds are disjoint). When no member requires a literal, ParseResult's
  // order is the declared one, which the checks below follow. Otherwise, leave the union to the schema.
  if (!identity && !disjoint && !ast.types.every((type) => hasRequiredLiteral(type) === false)) return undefined
  const checks = members.map((member) => member.check)
  const n = checks.length
  // `Schema.optional(X)` is `X | undefined`: keep X's inline check for present values.
  const defined = members.filter((member) => member.kinds !== UNDEFINED)
  const prim = defined.length === 1 && defined[0]!.prim !== CALL && n === 2 ? defined[0]!.prim : CALL
  const check: Check = n === 2
    ? ((first, second) => (u: unknown) => {
      const a = first(u)
      return a !== Miss ? a : second(u)
    })(checks[0]!, checks[1]!)
    : (u) => {
      for (let i = 0; i < n; i++) {
        const a = checks[i]!(u)
        if (a !== Miss) return a
      }
      return Miss
    }
  return { check, kinds, identity, prim }
}

const compileTuple = (ast: AST.TupleType, preserve: boolean): Node | undefined => {
  if (ast.rest.length > 1 || ast.elements.some((element) => element.isOptional)) return undefined
  const elements: Array<Check> = []
  for (const element of ast.elements) {
    const node = compileNode(element.type, preserve)
    if (node === undefined) return undefined
    elements.push(node.check)
  }
  let rest: Check | undefined
  if (ast.rest.length === 1) {
    const node = compileNode(ast.rest[0]!.type, preserve)
    if (node === undefined) return undefined
    rest = node.check
  }
  const fixed = elements.length
  const check: Check = (u) => {
    if (!Array.isArray(u)) return Miss
    const len = u.length
    if (len < fixed || (rest === undefined && len > fixed)) return Miss
    let out: Array<unknown> | undefined
    for (let i = 0; i < len; i++) {
      const v = u[i]
      const a = i < fixed ? elements[i]!(v) : rest!(v)
      if (a === Miss) return Miss
      if (out !== undefined) out.push(a)
      else if (a !== v) {
        out = u.slice(0, i)
        out.push(a)
      }
    }
    return out === undefined ? u : out
  }
  return { check, kinds: ARRAY, identity: false, prim: CALL }
}

interface Field {
  readonly name: string
  readonly isOptional: boolean
  /** Inline check for a present (non-undefined) value, or `CALL`. */
  readonly prim: number
  readonly check: Check
}

const SKIP: unique symbol = Symbol("skip")

/** The keys of `o` that the struct does not declare, with their values. */
const excess = (o: Record<string, unknown>, names: ReadonlySet<string>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(o)) if (!names.has(key)) out[key] = o[key]
  return out
}

// `Schema.Record({ key: Schema.String, value })`: every own key is checked against `value`.
const compileRecord = (ast: AST.TypeLiteral, preserve: boolean): Node | undefined => {
  const [signature] = ast.indexSignatures
  if (ast.indexSignatures.length !== 1 || ast.propertySignatures.length > 0 || signature === undefined) return undefined
  if (signature.parameter._tag !== "StringKeyword" || changesParsing(signature.parameter)) return undefined
  const node = compileNode(signature.type, preserve)
  if (node === undefined) return undefined
  const value = node.check
  const check: Check = (u) => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return Miss
    const o = u as Record<string, unknown>
    let out: Record<string, unknown> | undefined
    const keys = Object.keys(o)
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const v = o[key]
      const a = value(v)
      if (a === Miss) return Miss
      if (out !== undefined) out[key] = a
      else if (a !== v) {
        out = {}
        for (let j = 0; j < i; j++) out[keys[j]!] = o[keys[j]!]
        out[key] = a
      }
    }
    return out === undefined ? o : out
  }
  return { check, kinds: OBJECT, identity: false, prim: CALL }
}

const compileStruct = (ast: AST.TypeLiteral, preserve: boolean): Node | undefined => {
  if (ast.indexSignatures.length > 0) return compileRecord(ast, preserve)
  if (ast.propertySignatures.length === 0) {
    // `Schema.Struct({})` accepts any value but null and undefined, as is.
    return {
      check: (u) => u === null || u === undefined ? Miss : u,
      kinds: ANY & ~NULL & ~UNDEFINED,
      identity: true,
      prim: CALL
    }
  }
  const fields: Array<Field> = []
  for (const ps of ast.propertySignatures) {
    const name = ps.name
    // Inherited names would be read from the prototype; keep those structs on the schema path.
    if (typeof name !== "string" || name in Object.prototype) return undefined
    const node = compileNode(ps.type, preserve)
    if (node === undefined) return undefined
    fields.push({ name, isOptional: ps.isOptional, prim: node.prim, check: node.check })
  }
  const n = fields.length
  const names = new Set(fields.map((field) => field.name))
  // Outputs of the current call, used only to build a copy; a struct node is never re-entered while it runs
  // (that would take a recursive schema, i.e. `Schema.suspend`, which is not compiled).
  const outputs: Array<unknown> = new Array(n)
  const check: Check = (u) => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return Miss
    const o = u as Record<string, unknown>
    let same = true
    let present = 0
    for (let i = 0; i < n; i++) {
      const field = fields[i]!
      const v = o[field.name]
      let a: unknown
      if (v === undefined) {
        if (hasOwn(o, field.name)) {
          present++
        } else if (field.isOptional) {
          outputs[i] = SKIP
          continue
        } else {
          // A missing required key: ParseResult decodes `undefined`; the output then gets the key.
          same = false
        }
        a = field.check(v)
      } else {
        present++
        switch (field.prim) {
          case IS_STRING:
            a = typeof v === "string" ? v : Miss
            break
          case IS_NUMBER:
            a = typeof v === "number" ? v : Miss
            break
          case IS_BOOLEAN:
            a = typeof v === "boolean" ? v : Miss
            break
          default:
            a = field.check(v)
        }
      }
      if (a === Miss) return Miss
      if (a !== v) same = false
      outputs[i] = a
    }
    if (same && (preserve || present === Object.keys(o).length)) return o
    // With `preserve`, the excess keys are kept (ParseResult puts them first, in input order).
    const out: Record<string, unknown> = preserve ? excess(o, names) : {}
    for (let i = 0; i < n; i++) {
      const a = outputs[i]
      if (a !== SKIP) out[fields[i]!.name] = a
      outputs[i] = undefined
    }
    return out
  }
  return { check, kinds: OBJECT, identity: false, prim: CALL }
}

/**
 * Compiles the fast validator of one schema, or `undefined` when the schema uses something it does not cover.
 * With `preserve`, the validator agrees with a decode called with `onExcessProperty: "preserve"` (the parse
 * option REST responses are decoded with); without it, with a decode without parse options.
 *
 * @since 0.1.0
 * @category constructors
 */
export const compile = (ast: AST.AST, preserve = false): ((u: unknown) => unknown) | undefined =>
  compileNode(ast, preserve)?.check

// ParseResult's union puts members with required literal properties first (by bucket), then the others.
const hasRequiredLiteral = (ast: AST.AST): boolean | undefined => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.encodedAST(ps.type)))
    case "TupleType":
      return ast.elements.some((element) => !element.isOptional && AST.isLiteral(AST.encodedAST(element.type)))
    case "Refinement":
      return hasRequiredLiteral(ast.from)
    case "Transformation":
      return hasRequiredLiteral(ast.from)
    case "Declaration":
      return AST.getSurrogateAnnotation(ast).pipe(Option.match({
        onNone: () => false,
        onSome: hasRequiredLiteral
      }))
    case "Suspend":
      return undefined
    default:
      return false
  }
}

// The `type` literal a member requires (on its encoded side), if it is a struct.
const typeLiteral = (ast: AST.AST): AST.LiteralValue | undefined => {
  switch (ast._tag) {
    case "TypeLiteral": {
      const ps = ast.propertySignatures.find((ps) => ps.name === "type")
      return ps !== undefined && !ps.isOptional && AST.isLiteral(ps.type) ? ps.type.literal : undefined
    }
    case "Refinement":
    case "Transformation":
      return typeLiteral(ast.from)
    default:
      return undefined
  }
}

/**
 * The fast path of a server message union: the validators of the message types it can take over.
 *
 * @since 0.1.0
 * @category models
 */
export interface FastPath {
  /** The message types with a fast validator. */
  readonly types: ReadonlyArray<string>
  /** Returns the decoded message, or `Miss` when the schema decode must run. */
  readonly decode: (json: unknown) => unknown
}

/**
 * Builds the fast path of a union of messages discriminated on `type`. A type gets a validator when exactly one
 * member requires that `type` literal, that member compiles, and every other member either requires another
 * `type` literal (so it rejects the message) or has no required literal at all (ParseResult tries those after
 * the literal-keyed members, so the matching member's result wins whenever it succeeds). Returns `undefined`
 * when no type qualifies.
 *
 * @since 0.1.0
 * @category constructors
 */
export const compileMessageUnion = (ast: AST.AST): FastPath | undefined => {
  if (!AST.isUnion(ast) || changesParsing(ast)) return undefined
  const members = ast.types
  const literals = members.map(typeLiteral)
  const validators = new Map<string, (u: unknown) => unknown>()
  members.forEach((member, i) => {
    const type = literals[i]
    if (typeof type !== "string" || literals.filter((other) => other === type).length !== 1) return
    const othersReject = members.every((other, j) =>
      j === i || (literals[j] !== undefined && literals[j] !== type) || hasRequiredLiteral(other) === false
    )
    if (!othersReject) return
    const check = compile(member)
    if (check !== undefined) validators.set(type, check)
  })
  if (validators.size === 0) return undefined
  return {
    types: Array.from(validators.keys()),
    decode: (json) => {
      if (typeof json !== "object" || json === null) return Miss
      const type = (json as { readonly type?: unknown }).type
      if (typeof type !== "string") return Miss
      const check = validators.get(type)
      return check === undefined ? Miss : check(json)
    }
  }
}
