/**
 * The typed operation layer: turns any operation of the schema package's
 * catalog (`Operations.operations`) into a typed function. Path ids are
 * positional (in path order), then the body (when the operation takes one),
 * then the query options, then per-request settings. Query and body are
 * checked against the operation's schemas before anything is sent; the
 * response is decoded with its schema (fields the SDK does not know yet are
 * kept). Product modules (`Manage`, `SelfHosted`, `Agent`, …) are built from
 * it, one line per operation.
 *
 * @since 0.1.0
 */
import type * as Operations from "@effect-deepgram/schema/Operations"
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as DeepgramHttp from "./DeepgramHttp.js"
import type { DeepgramError } from "./DeepgramError.js"
import * as internal from "./internal/operation.js"

/**
 * Any operation of the catalog.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Operations.OperationSpec<
  Operations.HttpMethod,
  Schema.Schema.Any,
  Schema.Schema.Any,
  Schema.Schema.Any | undefined,
  Schema.Schema.Any | undefined,
  ReadonlyArray<string>
>

type Strings<T extends ReadonlyArray<string>> = { readonly [K in keyof T]: string }

/**
 * The query options of an operation.
 *
 * @since 0.1.0
 * @category models
 */
export type Query<Op extends Any> = Schema.Schema.Type<Op["query"]>

/**
 * The request body of an operation (`never` when it takes none).
 *
 * @since 0.1.0
 * @category models
 */
export type Body<Op extends Any> = Op["body"] extends Schema.Schema.Any ? Schema.Schema.Type<Op["body"]> : never

/**
 * What an operation answers with (`void` when the spec declares no body).
 *
 * @since 0.1.0
 * @category models
 */
export type Response<Op extends Any> = Op["response"] extends Schema.Schema.Any ? Schema.Schema.Type<Op["response"]>
  : void

type QueryArgs<Op extends Any> = keyof Query<Op> extends never ? []
  : {} extends Query<Op> ? [query?: Query<Op>]
  : [query: Query<Op>]

type BodyArgs<Op extends Any> = Op["body"] extends Schema.Schema.Any ? [body: Body<Op>] : []

/**
 * The arguments of an operation: path ids in path order, the body, the query
 * options, then per-request settings.
 *
 * @since 0.1.0
 * @category models
 */
export type Args<Op extends Any> = [
  ...Strings<Op["pathParams"]>,
  ...BodyArgs<Op>,
  ...QueryArgs<Op>,
  requestOptions?: DeepgramHttp.RequestOptions
]

/**
 * A bound operation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call<Op extends Any> {
  (...args: Args<Op>): Effect.Effect<Response<Op>, DeepgramError>
}

/**
 * Which base URL an operation goes to: the main REST endpoint or the agent
 * one (only `GET /v1/agent/settings/think/models` lives there).
 *
 * @since 0.1.0
 * @category models
 */
export type Endpoint = "rest" | "agentRest"

/**
 * The parts of one call, by name rather than by position.
 *
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly path?: Readonly<Record<string, string>> | undefined
  readonly query?: unknown
  /** A JSON body, checked against the operation's body schema. */
  readonly body?: unknown
  /** A body sent as it is instead (audio bytes, a stream, a file), for operations whose body is not JSON. */
  readonly rawBody?: DeepgramHttp.Body | undefined
}

/**
 * Binds an operation of the catalog to an HTTP service.
 *
 * @example
 * ```ts
 * import { DeepgramHttp, Operation } from "@effect-deepgram/core"
 * import { Operations } from "@effect-deepgram/schema"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const http = yield* DeepgramHttp.DeepgramHttp
 *   const listKeys = Operation.bind(http, Operations.operations["manage.v1.projects.keys.list"])
 *   const { api_keys } = yield* listKeys("my-project-id", { status: "active" })
 *   console.log(api_keys?.length)
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const bind: <Op extends Any>(http: DeepgramHttp.Service, spec: Op, endpoint?: Endpoint) => Call<Op> =
  internal.bind

/**
 * Runs one operation from its parts given by name.
 *
 * @example
 * ```ts
 * import { DeepgramHttp, Operation } from "@effect-deepgram/core"
 * import { Operations } from "@effect-deepgram/schema"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const http = yield* DeepgramHttp.DeepgramHttp
 *   const project = yield* Operation.call(http, Operations.operations["manage.v1.projects.get"], {
 *     path: { project_id: "my-project-id" }
 *   })
 *   console.log(project)
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const call: <Op extends Any>(
  http: DeepgramHttp.Service,
  spec: Op,
  input: Input,
  requestOptions?: DeepgramHttp.RequestOptions,
  endpoint?: Endpoint
) => Effect.Effect<Response<Op>, DeepgramError> = internal.call
