// internal
import * as ParseResult from "effect/ParseResult"
import { DeepgramInputError } from "../DeepgramError.js"

const MAX_ISSUES = 3
const MAX_LINE = 160

const shorten = (message: string): string => {
  if (message.startsWith("is unexpected")) return "is not a known option"
  const expected = /^Expected ([\s\S]*), actual ([\s\S]*)$/.exec(message)
  if (expected !== null) {
    const alternatives = expected[1]!.split(" | ")
    if (alternatives.length > 3) {
      const known = alternatives.filter((a) => a.startsWith("\""))
      const kinds = alternatives.filter((a) => !a.startsWith("\""))
      const sample = known.slice(0, 2).join(", ")
      const what = [known.length > 0 ? `one of ${known.length} known values (${sample}, …)` : "", ...kinds]
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
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const field = issue.path.map(String).join(".")
    return field === "" ? shorten(issue.message) : `${field}: ${shorten(issue.message)}`
  })
  if (issues.length > MAX_ISSUES) lines.push(`and ${issues.length - MAX_ISSUES} more`)
  return lines.join("; ")
}

/** The typed error for options or a body that fail their schema. */
export const invalidInput = (what: string, error: ParseResult.ParseError): DeepgramInputError =>
  new DeepgramInputError({ reason: "InvalidOptions", detail: `${what}: ${formatIssues(error)}`, cause: error })
