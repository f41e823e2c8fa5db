// internal
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type DeepgramError, DeepgramInputError } from "../DeepgramError.js"
import type * as DeepgramHttp from "../DeepgramHttp.js"
import type * as Operation from "../Operation.js"
import { invalidInput } from "./issues.js"

const encoders = new WeakMap<Schema.Schema.Any, (input: unknown) => Effect.Effect<unknown, DeepgramError>>()

/** A strict encoder per schema (unknown fields refused), built once. */
const strictEncoder = (schema: Schema.Schema.Any, what: string) => {
  const cached = encoders.get(schema)
  if (cached !== undefined) return cached
  const encode = Schema.encodeUnknown(schema as Schema.Schema<unknown, unknown>)
  const encoder = (input: unknown) =>
    Effect.mapError(encode(input, { onExcessProperty: "error" }), (error) => invalidInput(what, error))
  encoders.set(schema, encoder)
  return encoder
}

const fillPath = (
  spec: Operation.Any,
  values: Readonly<Record<string, string>> | undefined
): Effect.Effect<string, DeepgramInputError> => {
  let path = spec.path
  for (const name of spec.pathParams) {
    const value = values?.[name]
    if (typeof value !== "string" || value === "") {
      return Effect.fail(
        new DeepgramInputError({
          reason: "InvalidOptions",
          detail: `${spec.name}: ${name} must be a non-empty string, got ${value === "" ? "\"\"" : typeof value}`
        })
      )
    }
    path = path.replace(`{${name}}`, encodeURIComponent(value))
  }
  return Effect.succeed(path)
}

// internal
export const call = <Op extends Operation.Any>(
  http: DeepgramHttp.Service,
  spec: Op,
  input: Operation.Input,
  requestOptions?: DeepgramHttp.RequestOptions,
  endpoint: Operation.Endpoint = "rest"
): Effect.Effect<Operation.Response<Op>, DeepgramError> =>
  Effect.gen(function*() {
    const path = yield* fillPath(spec, input.path)
    const query = spec.queryParams.length === 0 && input.query === undefined
      ? undefined
      : (yield* strictEncoder(spec.query, `${spec.name} options`)(input.query ?? {})) as Record<string, unknown>
    const body: DeepgramHttp.Body | undefined = input.rawBody !== undefined
      ? input.rawBody
      : spec.body === undefined
      ? undefined
      : { _tag: "Json", value: yield* strictEncoder(spec.body, `${spec.name} body`)(input.body ?? {}) }
    const request: DeepgramHttp.RequestBase = {
      operation: spec.name,
      method: spec.method,
      endpoint,
      path,
      query,
      body,
      options: requestOptions
    }
    if (spec.response === undefined) {
      return (yield* Effect.asVoid(http.requestBytes(request))) as Operation.Response<Op>
    }
    return (yield* http.request({ ...request, response: spec.response as Schema.Schema<unknown, unknown> })) as Operation.Response<
      Op
    >
  })

// internal
export const bind = <Op extends Operation.Any>(
  http: DeepgramHttp.Service,
  spec: Op,
  endpoint: Operation.Endpoint = "rest"
): Operation.Call<Op> => {
  const pathCount = spec.pathParams.length
  const hasBody = spec.body !== undefined
  const hasQuery = spec.queryParams.length > 0
  return ((...args: ReadonlyArray<unknown>) => {
    const path: Record<string, string> = {}
    for (let i = 0; i < pathCount; i++) path[spec.pathParams[i]!] = args[i] as string
    let next = pathCount
    const body = hasBody ? args[next++] : undefined
    const query = hasQuery ? args[next++] : undefined
    const requestOptions = args[next] as DeepgramHttp.RequestOptions | undefined
    return call(http, spec, { path, query, body }, requestOptions, endpoint)
  }) as Operation.Call<Op>
}
