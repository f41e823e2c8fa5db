/**
 * The catalog of every REST operation (openapi.yml) and every WebSocket channel and message (asyncapi.yml), with
 * their schemas. Used by the coverage test, by docs and by anything that wants to walk the whole API.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import * as Async from "./internal/asyncapi.js"
import type * as Catalog from "./internal/catalog.js"
import * as Api from "./internal/openapi.js"

/**
 * An HTTP method.
 *
 * @since 0.1.0
 * @category models
 */
export type HttpMethod = Catalog.HttpMethod

/**
 * One REST operation: method, path template, path/query parameter names and schemas, body and response schemas.
 *
 * @since 0.1.0
 * @category models
 */
export type OperationSpec<
  Method extends HttpMethod = HttpMethod,
  PathSchema extends Schema.Schema.Any = Schema.Schema.Any,
  Query extends Schema.Schema.Any = Schema.Schema.Any,
  Body extends Schema.Schema.Any | undefined = Schema.Schema.Any | undefined,
  Response extends Schema.Schema.Any | undefined = Schema.Schema.Any | undefined,
  PathParams extends ReadonlyArray<string> = ReadonlyArray<string>
> = Catalog.OperationSpec<Method, PathSchema, Query, Body, Response, PathParams>

/**
 * One WebSocket message: spec name, `type` discriminator (JSON frames), binary flag and schema.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageSpec = Catalog.MessageSpec

/**
 * One WebSocket channel: path, query schema, server and client messages.
 *
 * @since 0.1.0
 * @category models
 */
export type ChannelSpec = Catalog.ChannelSpec

/**
 * Every REST operation, keyed by its readable name (`<tag path>.<operationId>`, e.g.
 * `listen.v1.media.transcribe`, `manage.v1.projects.keys.create`).
 *
 * @example
 * ```ts
 * import { Operations } from "@effect-deepgram/schema"
 *
 * const transcribe = Operations.operations["listen.v1.media.transcribe"]
 * console.log(transcribe.method, transcribe.path) // POST /v1/listen
 * ```
 *
 * @since 0.1.0
 * @category catalog
 */
export const operations: typeof Api.operations = Api.operations

/**
 * @since 0.1.0
 * @category catalog
 */
export type OperationName = keyof typeof operations

/**
 * Every WebSocket channel, keyed by path (`/v1/listen`, `/v2/listen`, `/v1/speak`, `/v2/speak`,
 * `/v1/agent/converse`).
 *
 * @since 0.1.0
 * @category catalog
 */
export const channels: typeof Async.channels = Async.channels

/**
 * @since 0.1.0
 * @category catalog
 */
export type ChannelPath = keyof typeof channels

/**
 * The readable names of every operation.
 *
 * @since 0.1.0
 * @category catalog
 */
export const operationNames: ReadonlyArray<OperationName> = /* @__PURE__ */ Object.keys(operations) as Array<OperationName>

/**
 * Finds the operation for a method and a path template (`/v1/projects/{project_id}/keys`).
 *
 * @since 0.1.0
 * @category catalog
 */
export const findOperation = (method: string, path: string): OperationSpec | undefined => {
  const upper = method.toUpperCase()
  return Object.values<OperationSpec>(operations).find((op) => op.method === upper && op.path === path)
}

/**
 * A WebSocket message together with its channel and direction.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelMessage extends MessageSpec {
  readonly channel: ChannelPath
  /** `server` for messages Deepgram sends, `client` for messages the application sends. */
  readonly direction: "server" | "client"
}

/**
 * Every message of every channel, flattened.
 *
 * @since 0.1.0
 * @category catalog
 */
export const messages: ReadonlyArray<ChannelMessage> = /* @__PURE__ */ (Object.keys(channels) as Array<ChannelPath>).flatMap(
  (channel) => {
    const spec: ChannelSpec = channels[channel]
    return [
      ...Object.values(spec.server).map((m): ChannelMessage => ({ ...m, channel, direction: "server" })),
      ...Object.values(spec.client).map((m): ChannelMessage => ({ ...m, channel, direction: "client" }))
    ]
  }
)
