/**
 * Project management: projects, API keys, members and their scopes,
 * invitations, usage, the request log, balances, billing, purchases and
 * models. Every operation is one line over the typed operation layer: path
 * ids first (in path order), then the body, then the query options, then
 * per-request settings. Paged lists are also offered as a `Stream` that
 * follows the pages.
 *
 * @example
 * ```ts
 * import { Manage } from "@effect-deepgram/core"
 * import { DeepgramLive } from "@effect-deepgram/node"
 * import { Effect, Stream } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const manage = yield* Manage.Manage
 *   const { projects } = yield* manage.projects.list()
 *   const projectId = projects?.[0]?.project_id ?? "no-project"
 *   const key = yield* manage.keys.create(projectId, { comment: "ci", scopes: ["usage:write"] })
 *   console.log("created key", key.api_key_id)
 *   const recent = yield* manage.requests.listAll(projectId, { limit: 100 }).pipe(Stream.take(500), Stream.runCollect)
 *   console.log(recent.length, "requests")
 * })
 *
 * program.pipe(Effect.provide(DeepgramLive), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import { operations } from "@effect-deepgram/schema/Operations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import { DeepgramHttp, type RequestOptions } from "./DeepgramHttp.js"
import type { DeepgramError } from "./DeepgramError.js"
import * as Operation from "./Operation.js"
import { pages } from "./internal/paginate.js"

type Call<K extends keyof typeof operations> = Operation.Call<(typeof operations)[K]>

/**
 * Options of the request log, without the page number.
 *
 * @since 0.1.0
 * @category models
 */
export type RequestsQuery = Omit<Operation.Query<(typeof operations)["manage.v1.projects.requests.list"]>, "page">

/**
 * One entry of the request log.
 *
 * @since 0.1.0
 * @category models
 */
export type RequestLogEntry = NonNullable<
  Operation.Response<(typeof operations)["manage.v1.projects.requests.list"]>["requests"]
>[number]

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly projects: {
    readonly list: Call<"manage.v1.projects.list">
    readonly get: Call<"manage.v1.projects.get">
    readonly update: Call<"manage.v1.projects.update">
    readonly delete: Call<"manage.v1.projects.delete">
    /** Removes the authenticated account from the project. */
    readonly leave: Call<"manage.v1.projects.leave">
  }
  readonly keys: {
    readonly list: Call<"manage.v1.projects.keys.list">
    /** Creates a key; its secret is in the answer and never again. */
    readonly create: Call<"manage.v1.projects.keys.create">
    readonly get: Call<"manage.v1.projects.keys.get">
    readonly delete: Call<"manage.v1.projects.keys.delete">
  }
  readonly members: {
    readonly list: Call<"manage.v1.projects.members.list">
    readonly delete: Call<"manage.v1.projects.members.delete">
  }
  readonly scopes: {
    readonly list: Call<"manage.v1.projects.members.scopes.list">
    readonly update: Call<"manage.v1.projects.members.scopes.update">
  }
  readonly invites: {
    readonly list: Call<"manage.v1.projects.members.invites.list">
    readonly create: Call<"manage.v1.projects.members.invites.create">
    readonly delete: Call<"manage.v1.projects.members.invites.delete">
  }
  readonly usage: {
    readonly get: Call<"manage.v1.projects.usage.get">
    readonly fields: Call<"manage.v1.projects.usage.fields.list">
    readonly breakdown: Call<"manage.v1.projects.usage.breakdown.get">
  }
  readonly requests: {
    /** One page of the request log. */
    readonly list: Call<"manage.v1.projects.requests.list">
    readonly get: Call<"manage.v1.projects.requests.get">
    /** The whole request log as a stream; pages are fetched as the stream is pulled. */
    readonly listAll: (
      projectId: string,
      query?: RequestsQuery,
      requestOptions?: RequestOptions
    ) => Stream.Stream<RequestLogEntry, DeepgramError>
  }
  readonly balances: {
    readonly list: Call<"manage.v1.projects.billing.balances.list">
    readonly get: Call<"manage.v1.projects.billing.balances.get">
  }
  readonly billing: {
    readonly breakdown: Call<"manage.v1.projects.billing.breakdown.list">
    readonly fields: Call<"manage.v1.projects.billing.fields.list">
  }
  readonly purchases: {
    readonly list: Call<"manage.v1.projects.billing.purchases.list">
  }
  readonly models: {
    /** Every public model. */
    readonly list: Call<"manage.v1.models.list">
    readonly get: Call<"manage.v1.models.get">
    /** The models a project can use. */
    readonly listForProject: Call<"manage.v1.projects.models.list">
    readonly getForProject: Call<"manage.v1.projects.models.get">
  }
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Manage extends Context.Tag("@effect-deepgram/core/Manage")<Manage, Service>() {}

/**
 * Builds the service over the HTTP layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, DeepgramHttp> = Effect.map(DeepgramHttp, (http): Service => {
  const op = <K extends keyof typeof operations>(name: K): Call<K> => Operation.bind(http, operations[name])
  const listRequests = op("manage.v1.projects.requests.list")
  return {
    projects: {
      list: op("manage.v1.projects.list"),
      get: op("manage.v1.projects.get"),
      update: op("manage.v1.projects.update"),
      delete: op("manage.v1.projects.delete"),
      leave: op("manage.v1.projects.leave")
    },
    keys: {
      list: op("manage.v1.projects.keys.list"),
      create: op("manage.v1.projects.keys.create"),
      get: op("manage.v1.projects.keys.get"),
      delete: op("manage.v1.projects.keys.delete")
    },
    members: {
      list: op("manage.v1.projects.members.list"),
      delete: op("manage.v1.projects.members.delete")
    },
    scopes: {
      list: op("manage.v1.projects.members.scopes.list"),
      update: op("manage.v1.projects.members.scopes.update")
    },
    invites: {
      list: op("manage.v1.projects.members.invites.list"),
      create: op("manage.v1.projects.members.invites.create"),
      delete: op("manage.v1.projects.members.invites.delete")
    },
    usage: {
      get: op("manage.v1.projects.usage.get"),
      fields: op("manage.v1.projects.usage.fields.list"),
      breakdown: op("manage.v1.projects.usage.breakdown.get")
    },
    requests: {
      list: listRequests,
      get: op("manage.v1.projects.requests.get"),
      listAll: (projectId, query, requestOptions) =>
        pages({
          first: 0,
          limit: query?.limit,
          fetch: (page) => listRequests(projectId, { ...query, page }, requestOptions),
          items: (response) => response.requests,
          limitOf: (response) => response.limit
        })
    },
    balances: {
      list: op("manage.v1.projects.billing.balances.list"),
      get: op("manage.v1.projects.billing.balances.get")
    },
    billing: {
      breakdown: op("manage.v1.projects.billing.breakdown.list"),
      fields: op("manage.v1.projects.billing.fields.list")
    },
    purchases: {
      list: op("manage.v1.projects.billing.purchases.list")
    },
    models: {
      list: op("manage.v1.models.list"),
      get: op("manage.v1.models.get"),
      listForProject: op("manage.v1.projects.models.list"),
      getForProject: op("manage.v1.projects.models.get")
    }
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Manage, never, DeepgramHttp> = Layer.effect(Manage, make)
