/**
 * Calling catalog operations over loopback HTTP, and decoding their answers with the schema package.
 */
import { ErrorResponse, Operations } from "@effect-deepgram/schema"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { Answer } from "./utils.js"
import { request } from "./utils.js"

export type Query = Readonly<Record<string, string | number | boolean | ReadonlyArray<string>>>

export const pathOf = (name: Operations.OperationName, params: Readonly<Record<string, string>> = {}): string =>
  Operations.operations[name].path.replace(/\{([^}]+)\}/g, (_, key: string) => {
    const value = params[key]
    if (value === undefined) throw new Error(`missing path parameter ${key}`)
    return encodeURIComponent(value)
  })

const search = (query: Query | undefined): string => {
  if (query === undefined) return ""
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(name, item)
    else params.append(name, String(value))
  }
  const text = params.toString()
  return text === "" ? "" : `?${text}`
}

/** Sends the operation's request; `raw` replaces the path (to test bad ids). */
export const call = (
  url: string,
  name: Operations.OperationName,
  options: {
    readonly params?: Readonly<Record<string, string>>
    readonly query?: Query
    readonly body?: unknown
    readonly authorization?: string
  } = {}
): Effect.Effect<Answer, unknown> => {
  const op = Operations.operations[name]
  return request(`${url}${pathOf(name, options.params)}${search(options.query)}`, {
    method: op.method,
    headers: {
      authorization: options.authorization ?? "Token test-key",
      ...(options.body !== undefined ? { "content-type": "application/json" } : {})
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {})
  })
}

/**
 * Asserts a 200 and decodes the body with the operation's response schema, refusing fields the spec does not
 * define (unless `lenient`).
 */
export const decoded = <Name extends Operations.OperationName>(
  name: Name,
  answer: Answer,
  lenient = false
): any => {
  assert.strictEqual(answer.status, 200, `${name}: ${answer.text}`)
  assert.strictEqual(answer.headers.get("content-type"), "application/json")
  const schema = Operations.operations[name].response as Schema.Schema<unknown, unknown>
  return Schema.decodeUnknownSync(schema, { onExcessProperty: lenient ? "ignore" : "error" })(answer.json)
}

/** Asserts a Deepgram error body with this status, and returns its message. */
export const failure = (answer: Answer, status: number, errCode?: string): string => {
  assert.strictEqual(answer.status, status, answer.text)
  const body = Schema.decodeUnknownSync(ErrorResponse.LegacyError, { onExcessProperty: "error" })(answer.json)
  assert.strictEqual(body.request_id, answer.headers.get("dg-request-id"))
  if (errCode !== undefined) assert.strictEqual(body.err_code, errCode)
  assert.isString(body.err_msg)
  assert.notInclude(body.err_msg!, "Bad Request:")
  return body.err_msg!
}
