/**
 * Query-parameter validation for the REST endpoints, following the types in the OpenAPI spec.
 *
 * @internal
 */
import * as Either from "effect/Either"

/** @internal */
export type Query = Readonly<Record<string, ReadonlyArray<string>>>

type Kind =
  | { readonly _tag: "boolean" }
  | { readonly _tag: "number"; readonly min?: number; readonly integer?: boolean }
  | { readonly _tag: "string" }
  | { readonly _tag: "url" }
  | { readonly _tag: "enum"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "booleanOr"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "booleanOrAny" }

const boolean: Kind = { _tag: "boolean" }
const string: Kind = { _tag: "string" }
const number = (options: { readonly min?: number; readonly integer?: boolean } = {}): Kind => ({
  _tag: "number",
  ...options
})
const oneOf = (...values: ReadonlyArray<string>): Kind => ({ _tag: "enum", values })

/**
 * Every query parameter of `POST /v1/listen` in the spec, plus `sample_rate` and `channels` (accepted by
 * Deepgram for raw audio).
 *
 * @internal
 */
export const listenParameters: Readonly<Record<string, Kind>> = {
  callback: { _tag: "url" },
  callback_method: oneOf("POST", "PUT"),
  extra: string,
  sentiment: boolean,
  summarize: { _tag: "booleanOr", values: ["v2"] },
  tag: string,
  topics: boolean,
  custom_topic: string,
  custom_topic_mode: oneOf("extended", "strict"),
  intents: boolean,
  custom_intent: string,
  custom_intent_mode: oneOf("extended", "strict"),
  detect_entities: boolean,
  detect_language: { _tag: "booleanOrAny" },
  diarize: boolean,
  diarize_model: oneOf("latest", "v1", "v2"),
  dictation: boolean,
  encoding: oneOf("linear16", "flac", "mulaw", "amr-nb", "amr-wb", "opus", "speex", "g729"),
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
