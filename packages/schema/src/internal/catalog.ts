/**
 * Shapes of the generated operation and channel catalogs.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"

/**
 * An HTTP method used by the REST API.
 *
 * @since 0.1.0
 * @category models
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"

/**
 * One REST operation of openapi.yml.
 *
 * @since 0.1.0
 * @category models
 */
export interface OperationSpec<
  Method extends HttpMethod = HttpMethod,
  PathSchema extends Schema.Schema.Any = Schema.Schema.Any,
  Query extends Schema.Schema.Any = Schema.Schema.Any,
  Body extends Schema.Schema.Any | undefined = Schema.Schema.Any | undefined,
  Response extends Schema.Schema.Any | undefined = Schema.Schema.Any | undefined,
  PathParams extends ReadonlyArray<string> = ReadonlyArray<string>
> {
  /** Readable name derived from the tag path and operationId, e.g. `listen.v1.media.transcribe`. */
  readonly name: string
  readonly method: Method
  /** Path template with `{param}` placeholders, e.g. `/v1/projects/{project_id}/keys`. */
  readonly path: string
  readonly operationId: string
  readonly tag: string
  readonly summary: string
  /** Names of the path placeholders, in order. */
  readonly pathParams: PathParams
  /** Wire names of the query parameters. */
  readonly queryParams: ReadonlyArray<string>
  readonly pathSchema: PathSchema
  readonly query: Query
  /** Request body schema (`undefined` when the operation takes none). */
  readonly body: Body
  readonly bodyContentType: string | undefined
  readonly successStatus: number
  /** Success response body schema. */
  readonly response: Response
  readonly responseContentType: string | undefined
  /** Error response schemas by status code. */
  readonly errors: { readonly [status: string]: Schema.Schema.Any | undefined }
}

/**
 * One WebSocket message of asyncapi.yml.
 *
 * @since 0.1.0
 * @category models
 */
export interface MessageSpec<S extends Schema.Schema.Any = Schema.Schema.Any> {
  /** The spec's message name, e.g. `ListenV1Results`. */
  readonly name: string
  /** The `type` discriminator of a JSON message (`undefined` for binary frames). */
  readonly type: string | undefined
  /** `true` for binary frames (audio), `false` for JSON text frames. */
  readonly binary: boolean
  readonly schema: S
}

/**
 * One WebSocket channel of asyncapi.yml.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelSpec<
  Query extends Schema.Schema.Any = Schema.Schema.Any,
  Server extends { readonly [name: string]: MessageSpec } = { readonly [name: string]: MessageSpec },
  Client extends { readonly [name: string]: MessageSpec } = { readonly [name: string]: MessageSpec }
> {
  /** Readable name, e.g. `listen.v1` or `agent.v1.converse`. */
  readonly name: string
  readonly path: string
  readonly query: Query
  readonly queryParams: ReadonlyArray<string>
  /** Messages the server sends. */
  readonly server: Server
  /** Messages the client sends. */
  readonly client: Client
}
