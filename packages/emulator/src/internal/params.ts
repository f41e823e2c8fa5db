/**
 * Query-parameter validation for the REST endpoints and the WebSocket channels, following the types in the
 * OpenAPI and AsyncAPI specs.
 *
 * @internal
 */
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import * as ListenV2 from "@effect-deepgram/schema/ListenV2"
import * as Either from "effect/Either"
import * as SchemaAST from "effect/SchemaAST"

/** @internal */
export type Query = Readonly<Record<string, ReadonlyArray<string>>>

type Kind =
  | { readonly _tag: "boolean" }
  | { readonly _tag: "number"; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  | { readonly _tag: "string" }
  | { readonly _tag: "url" }
  | { readonly _tag: "enum"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "booleanOr"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "booleanOrAny" }
  | { readonly _tag: "booleanOrInteger" }
  | { readonly _tag: "nonEmpty" }

const boolean: Kind = { _tag: "boolean" }
const string: Kind = { _tag: "string" }
const number = (options: { readonly min?: number; readonly max?: number; readonly integer?: boolean } = {}): Kind => ({
  _tag: "number",
  ...options
})
const oneOf = (...values: ReadonlyArray<string>): Kind => ({ _tag: "enum", values })

/** The string literals a schema accepts (through unions, refinements and transformations). */
export const literals = (ast: SchemaAST.AST): ReadonlyArray<string> => {
  switch (ast._tag) {
    case "Literal":
      return typeof ast.literal === "string" ? [ast.literal] : []
    case "Union":
      return ast.types.flatMap(literals)
    case "Refinement":
      return literals(ast.from)
    case "Transformation":
      return literals(ast.to)
    default:
      return []
  }
}

/** The values the spec allows for a parameter: the string literals of its schema in the schema package. */
const specEnum = (options: { readonly ast: SchemaAST.AST }, name: string): Kind => {
  const property = SchemaAST.getPropertySignatures(options.ast).find((signature) => signature.name === name)
  return oneOf(...(property === undefined ? [] : literals(property.type)))
}

/**
 * Every query parameter of `POST /v1/listen` in the spec, plus `sample_rate` and `channels` (accepted by
 * Deepgram for raw audio).
 *
 * @internal
 */
export const listenParameters: Readonly<Record<string, Kind>> = {
  callback: { _tag: "url" },
  callback_method: specEnum(ListenV1.TranscribeOptions, "callback_method"),
  extra: string,
  sentiment: boolean,
  summarize: { _tag: "booleanOr", values: ["v2"] },
  tag: string,
  topics: boolean,
  custom_topic: string,
  custom_topic_mode: specEnum(ListenV1.TranscribeOptions, "custom_topic_mode"),
  intents: boolean,
  custom_intent: string,
  custom_intent_mode: specEnum(ListenV1.TranscribeOptions, "custom_intent_mode"),
  detect_entities: boolean,
  detect_language: { _tag: "booleanOrAny" },
  diarize: boolean,
  diarize_model: specEnum(ListenV1.TranscribeOptions, "diarize_model"),
  dictation: boolean,
  encoding: specEnum(ListenV1.TranscribeOptions, "encoding"),
  filler_words: boolean,
  keyterm: string,
  keywords: string,
  language: string,
  measurements: boolean,
  model: string,
  multichannel: boolean,
  numerals: boolean,
  paragraphs: boolean,
  profanity_filter: boolean,
  punctuate: boolean,
  redact: string,
  replace: string,
  search: string,
  smart_format: boolean,
  utterances: boolean,
  utt_split: number({ min: 0 }),
  version: string,
  mip_opt_out: boolean,
  sample_rate: number({ min: 1, integer: true }),
  channels: number({ min: 1, integer: true })
}

/**
 * Every query parameter of the `/v1/listen` WebSocket in the AsyncAPI spec (plus `filler_words`).
 *
 * @internal
 */
export const liveListenParameters: Readonly<Record<string, Kind>> = {
  callback: { _tag: "url" },
  callback_method: specEnum(ListenV1.LiveOptions, "callback_method"),
  channels: number({ min: 1, integer: true }),
  detect_entities: boolean,
  diarize: boolean,
  diarize_model: specEnum(ListenV1.LiveOptions, "diarize_model"),
  dictation: boolean,
  encoding: specEnum(ListenV1.LiveOptions, "encoding"),
  endpointing: { _tag: "booleanOrInteger" },
  extra: string,
  filler_words: boolean,
  interim_results: boolean,
  keyterm: string,
  keywords: string,
  language: string,
  mip_opt_out: boolean,
  model: string,
  multichannel: boolean,
  numerals: boolean,
  profanity_filter: boolean,
  punctuate: boolean,
  redact: { _tag: "booleanOr", values: ["pci", "numbers", "aggressive_numbers", "ssn"] },
  replace: string,
  sample_rate: number({ min: 1, integer: true }),
  search: string,
  smart_format: boolean,
  tag: string,
  utterance_end_ms: number({ min: 0, integer: true }),
  vad_events: boolean,
  version: string
}

/**
 * Every query parameter of the `/v2/listen` (Flux) WebSocket, with Deepgram's documented ranges.
 *
 * @internal
 */
export const fluxParameters: Readonly<Record<string, Kind>> = {
  model: string,
  encoding: specEnum(ListenV2.LiveOptions, "encoding"),
  sample_rate: number({ min: 1, integer: true }),
  eager_eot_threshold: number({ min: 0.3, max: 0.9 }),
  eot_threshold: number({ min: 0.5, max: 0.9 }),
  eot_timeout_ms: number({ min: 500, max: 10_000, integer: true }),
  keyterm: { _tag: "nonEmpty" },
  language_hint: { _tag: "nonEmpty" },
  profanity_filter: boolean,
  numerals: boolean,
  redact: specEnum(ListenV2.LiveOptions, "redact"),
  mip_opt_out: boolean,
  tag: string
}

const invalid = (name: string, value: string, expected: string) =>
  Either.left(`Invalid query parameter '${name}': '${value}' is not ${expected}.`)

const checkValue = (name: string, kind: Kind, value: string): Either.Either<void, string> => {
  switch (kind._tag) {
    case "boolean":
      return /^(true|false)$/i.test(value) ? Either.void : invalid(name, value, "a boolean (true or false)")
    case "number": {
      const n = Number(value)
      if (value.trim() === "" || !Number.isFinite(n)) return invalid(name, value, "a number")
      if (kind.integer === true && !Number.isInteger(n)) return invalid(name, value, "an integer")
      if (kind.min !== undefined && n < kind.min) return invalid(name, value, `a number >= ${kind.min}`)
      if (kind.max !== undefined && n > kind.max) return invalid(name, value, `a number <= ${kind.max}`)
      return Either.void
    }
    case "string":
      return Either.void
    case "url": {
      if (!URL.canParse(value)) return invalid(name, value, "a valid URL")
      const protocol = new URL(value).protocol
      return protocol === "http:" || protocol === "https:" ? Either.void : invalid(name, value, "an http(s) URL")
    }
    case "enum":
      return kind.values.includes(value) ? Either.void : invalid(name, value, `one of ${kind.values.join(", ")}`)
    case "booleanOr":
      return /^(true|false)$/i.test(value) || kind.values.includes(value)
        ? Either.void
        : invalid(name, value, `a boolean or one of ${kind.values.join(", ")}`)
    case "booleanOrAny":
      return value.trim() === "" ? invalid(name, value, "a boolean or a language code") : Either.void
    case "booleanOrInteger":
      return /^(true|false)$/i.test(value) || /^\d+$/.test(value)
        ? Either.void
        : invalid(name, value, "a boolean or a number of milliseconds")
    case "nonEmpty":
      return value.trim() === "" ? invalid(name, value, "a non-empty string") : Either.void
  }
}

/**
 * Checks every known parameter of `query` against `table`; unknown parameters are ignored, as Deepgram does.
 * Returns the error message of the first invalid value.
 *
 * @internal
 */
export const validate = (table: Readonly<Record<string, Kind>>, query: Query): Either.Either<void, string> => {
  for (const [name, values] of Object.entries(query)) {
    const kind = table[name]
    if (kind === undefined) continue
    for (const value of values) {
      const result = checkValue(name, kind, value)
      if (Either.isLeft(result)) return result
    }
  }
  return Either.void
}

/**
 * The last value of a parameter.
 *
 * @internal
 */
export const last = (query: Query, name: string): string | undefined => {
  const values = query[name]
  return values === undefined ? undefined : values[values.length - 1]
}

/**
 * A boolean parameter (already validated), `false` when absent.
 *
 * @internal
 */
export const flag = (query: Query, name: string): boolean => last(query, name)?.toLowerCase() === "true"

/**
 * All values of a repeatable parameter.
 *
 * @internal
 */
export const all = (query: Query, name: string): ReadonlyArray<string> => query[name] ?? []
