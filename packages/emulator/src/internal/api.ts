/**
 * Endpoints for the operations of the catalog: each one validates its path ids, query and JSON body with the
 * operation's schemas before its handler runs, and answers Deepgram's error shapes.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { errorBody } from "./errors.js"
import type { Endpoint, Reply, RequestContext } from "./pipeline.js"
import { reply } from "./pipeline.js"
import type { OperationName, OperationSpec } from "./spec.js"
import { decodeBody, decodeQuery, operation, pathParams } from "./spec.js"

/**
 * A request that passed validation.
 *
 * @internal
 */
export interface ApiRequest<Q = Record<string, unknown>, B = unknown> {
  readonly context: RequestContext
  readonly op: OperationSpec
  readonly params: Readonly<Record<string, string>>
  readonly query: Q
  readonly body: B
}

/** @internal */
export const badRequest = (context: RequestContext, message: string): Reply =>
  reply(400, errorBody("Bad Request", message, context.requestId))

/** @internal */
export const notFound = (context: RequestContext, message: string): Reply =>
  reply(404, errorBody("NOT_FOUND", message, context.requestId))

/** @internal */
export const forbidden = (context: RequestContext, message: string): Reply =>
  reply(403, errorBody("FORBIDDEN", message, context.requestId))

/** @internal */
export const ok = (json: unknown): Reply => reply(200, json)

/** @internal */
export interface Route {
  readonly op: OperationSpec
  readonly endpoint: Endpoint
}

/**
 * A route for a catalog operation. The handler sees the decoded query and body (typed by the caller).
 *
 * @internal
 */
export const route = <Q = Record<string, unknown>, B = unknown>(
  name: OperationName,
  handle: (request: ApiRequest<Q, B>) => Effect.Effect<Reply> | Reply,
  options: { readonly authenticate?: boolean } = {}
): Route => {
  const op = operation(name)
  return {
    op,
    endpoint: {
      body: op.body === undefined ? "none" : "json",
      authenticate: options.authenticate ?? true,
      handle: (context) =>
        Effect.suspend(() => {
          const params = pathParams(op, context.path)
          for (const name of op.pathParams) {
            if ((params[name] ?? "").trim() === "") {
              return Effect.succeed(notFound(context, `Missing path parameter '${name}'.`))
            }
          }
          const query = decodeQuery(op, context.query)
          if (Either.isLeft(query)) return Effect.succeed(badRequest(context, query.left))
          const body = context.body._tag === "Json" ? decodeBody(op, context.body.text) : decodeBody(op, "")
          if (Either.isLeft(body)) return Effect.succeed(badRequest(context, body.left))
          const result = handle({
            context,
            op,
            params,
            query: query.right as Q,
            body: body.right as B
          })
          return Effect.isEffect(result) ? result : Effect.succeed(result)
        })
    }
  }
}
