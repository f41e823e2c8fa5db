// internal
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { DeepgramInputError } from "../DeepgramError.js"

const MAX_ISSUES = 3
const MAX_LINE = 160

const shorten = (message: string): string => {
  if (message.startsWith("is unexpected")) return "is not a known option"
  const expected = /^Expected ([\s\S]*), actual ([\s\S]*)$/.exec(message)
  if (expected !== null) {
    // "undefined" only says the option may be left out; it is noise here.
    const alternatives = expected[1]!.split(" | ").filter((a) => a !== "undefined")
    message = `Expected ${alternatives.join(" | ")}, actual ${expected[2]}`
    if (alternatives.length > 3) {
      const known = alternatives.filter((a) => a.startsWith("\""))
      const kinds = alternatives.filter((a) => !a.startsWith("\"") && a !== "undefined")
      const sample = known.slice(0, 2).join(", ")
      // An open enum (known values or any string) is a string to the user.
      const what = kinds.includes("string")
        ? `${kinds.join(" or ")}${known.length > 0 ? ` (e.g. ${sample})` : ""}`
        : [known.length > 0 ? `one of ${known.length} known values (${sample}, …)` : "", ...kinds]
          .filter((part) => part !== "")
          .join(" or ")
      message = `Expected ${what}, actual ${expected[2]}`
    }
  }
  return message.length <= MAX_LINE ? message : `${message.slice(0, MAX_LINE)}…`
}

/**
 * A parse error in a few lines: each names the field and what was expected,
 * never the whole list of allowed values.
 */
export const formatIssues = (error: ParseResult.ParseError): string => {
  try {
    return formatIssuesUnsafe(error)
  } catch {
    // A hostile value (JSON nested thousands deep, say) can overflow the formatter's recursion.
    return "the value does not fit its schema (too deeply nested to describe)"
  }
}

const formatIssuesUnsafe = (error: ParseResult.ParseError): string => {
  // A union reports one issue per member on the same field: merge them into one line per field.
  const byField = new Map<string, Array<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const field = issue.path.map(String).join(".")
    const messages = byField.get(field) ?? []
    messages.push(issue.message)
    byField.set(field, messages)
  }
  const lines = [...byField].slice(0, MAX_ISSUES).map(([field, messages]) => {
    const expected = messages.map((message) => /^Expected ([\s\S]*), actual ([\s\S]*)$/.exec(message))
    const merged = messages.length > 1 && expected.every((match) => match !== null)
      ? `Expected ${[...new Set(expected.flatMap((match) => match![1]!.split(" | ")))].join(" | ")}, actual ${expected[0]![2]}`
      : messages[0]!
    return field === "" ? shorten(merged) : `${field}: ${shorten(merged)}`
  })
  if (byField.size > MAX_ISSUES) lines.push(`and ${byField.size - MAX_ISSUES} more`)
  return lines.join("; ")
}

const TOO_DEEP = "(a value nested too deeply to show)"

/**
 * The parse error to keep as an error's `cause`: itself when it can be shown,
 * else one issue without the offending value. A ParseError renders the value it
 * failed on in its `message`, and `Cause.pretty` reads that message: a hostile
 * value (JSON nested 100,000 deep) would overflow the stack there, far from here.
 */
export const renderableCause = (error: ParseResult.ParseError): ParseResult.ParseError => {
  const issue = error.issue
  if (!nestedDeeperThan(issue.actual, MAX_SHOWN_DEPTH)) return error
  const ast = issue._tag === "Type" || issue._tag === "Composite" || issue._tag === "Refinement" ||
      issue._tag === "Transformation"
    ? issue.ast
    : Schema.Unknown.ast
  return new ParseResult.ParseError({ issue: new ParseResult.Type(ast, TOO_DEEP, "the value is nested too deeply to describe") })
}

/** Deeper than any real Deepgram body, far below what overflows a recursive formatter. */
const MAX_SHOWN_DEPTH = 256

/** Whether objects and arrays nest deeper than `limit`; iterative, so any depth is safe to ask about. */
const nestedDeeperThan = (value: unknown, limit: number): boolean => {
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  const seen = new Set<object>()
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== "object" || current === null || seen.has(current)) continue
    if (depth >= limit) return true
    seen.add(current)
    for (const key in current) {
      if (Object.prototype.hasOwnProperty.call(current, key)) {
        stack.push([(current as Record<string, unknown>)[key], depth + 1])
      }
    }
  }
  return false
}

/** The typed error for options or a body that fail their schema. */
export const invalidInput = (what: string, error: ParseResult.ParseError): DeepgramInputError =>
  new DeepgramInputError({ reason: "InvalidOptions", detail: `${what}: ${formatIssues(error)}`, cause: renderableCause(error) })
