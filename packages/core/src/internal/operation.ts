// internal
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type DeepgramError, DeepgramInputError } from "../DeepgramError.js"
import type * as DeepgramHttp from "../DeepgramHttp.js"
import type * as Operation from "../Operation.js"
import { invalidInput } from "./issues.js"

type Encoder = (input: unknown) => Either.Either<unknown, DeepgramError>

const encoders = new WeakMap<Schema.Schema.Any, Encoder>()

const strict = { onExcessProperty: "error" } as const

/** A strict encoder per schema (unknown fields refused), built once; synchronous (no effect per call). */
const strictEncoder = (schema: Schema.Schema.Any, what: string): Encoder => {
  const cached = encoders.get(schema)
  if (cached !== undefined) return cached
  const encode = Schema.encodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
  const encoder: Encoder = (input) => Either.mapLeft(encode(input, strict), (error) => invalidInput(what, error))
  encoders.set(schema, encoder)
  return encoder
}

const fillPath = (
  spec: Operation.Any,
  values: Readonly<Record<string, string>> | undefined
): Either.Either<string, DeepgramInputError> => {
  let path = spec.path
  for (const name of spec.pathParams) {
    const value = values?.[name]
    if (typeof value !== "string" || value === "") {
      return Either.left(
        new DeepgramInputError({
          reason: "InvalidOptions",
          detail: `${spec.name}: ${name} must be a non-empty string, got ${value === "" ? "\"\"" : typeof value}`
        })
      )
    }
    path = path.replace(`{${name}}`, encodeURIComponent(value))
  }
  return Either.right(path)
}

const encodeQuery = (spec: Operation.Any, input: Operation.Input): Either.Either<unknown, DeepgramError> =>
  spec.queryParams.length === 0 && input.query === undefined
    ? Either.right(undefined)
    : strictEncoder(spec.query, `${spec.name} options`)(input.query ?? {})

const encodeBody = (spec: Operation.Any, input: Operation.Input): Either.Either<DeepgramHttp.Body | undefined, DeepgramError> =>
  input.rawBody !== undefined
    ? Either.right(input.rawBody)
    : spec.body === undefined
    ? Either.right(undefined)
    : Either.map(strictEncoder(spec.body, `${spec.name} body`)(input.body ?? {}), (value) => ({ _tag: "Json", value }))

/** The request of one call, or the input error: path, options and body checked and encoded synchronously. */
const requestOf = (
  spec: Operation.Any,
  input: Operation.Input,
  requestOptions: DeepgramHttp.RequestOptions | undefined,
  endpoint: Operation.Endpoint
): Either.Either<DeepgramHttp.RequestBase, DeepgramError> =>
  Either.flatMap(fillPath(spec, input.path), (path) =>
    Either.flatMap(encodeQuery(spec, input), (query) =>
      Either.map(encodeBody(spec, input), (body): DeepgramHttp.RequestBase => ({
        operation: spec.name,
        method: spec.method,
        endpoint,
        path,
        query: query as Record<string, unknown> | undefined,
        body,
        options: requestOptions
      }))))

// internal
export const call = <Op extends Operation.Any>(
  http: DeepgramHttp.Service,
  spec: Op,
  input: Operation.Input,
  requestOptions?: DeepgramHttp.RequestOptions,
  endpoint: Operation.Endpoint = "rest"
): Effect.Effect<Operation.Response<Op>, DeepgramError> =>
  Effect.suspend(() => {
    const request = requestOf(spec, input, requestOptions, endpoint)
    if (Either.isLeft(request)) return Effect.fail(request.left)
    if (spec.response === undefined) {
      return Effect.asVoid(http.requestBytes(request.right)) as Effect.Effect<Operation.Response<Op>, DeepgramError>
    }
    return http.request({
      ...request.right,
      response: spec.response as Schema.Schema<unknown, unknown>
    }) as Effect.Effect<Operation.Response<Op>, DeepgramError>
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
