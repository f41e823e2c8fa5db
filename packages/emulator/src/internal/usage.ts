/**
 * Usage, the requests list and billing, computed from the emulator's own journal: every authenticated request
 * it served on `/v1/listen` (REST and live), `/v2/listen`, `/v1/speak`, `/v2/speak`, `/v1/read` and
 * `/v1/agent/converse` counts, for the project that holds the request's API key (else the first project).
 *
 * Prices are illustrative (the emulator bills no one): listen 0.0043 USD a minute, agent 0.08 USD a minute,
 * speak 0.03 USD per 1000 characters, read 0.0005 USD per 1000 characters.
 *
 * @internal
 */
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { Manage } from "@effect-deepgram/schema"
import type { Entry } from "../Journal.js"
import type { ApiRequest, Route } from "./api.js"
import { badRequest, notFound, ok, route } from "./api.js"
import { withProject } from "./manage.js"
import type { Project } from "./manageState.js"
import { projectOfAccessor } from "./manageState.js"
import type { Reply } from "./pipeline.js"

type Encoded<S extends { readonly Encoded: unknown }> = S["Encoded"]

type Endpoint = "listen" | "speak" | "read" | "agent"
type Method = "sync" | "async" | "streaming"

/**
 * One billable request, as management sees it.
 *
 * @internal
 */
export interface Usage {
  readonly entry: Entry
  readonly projectId: string | undefined
  readonly endpoint: Endpoint
  readonly method: Method
  readonly model: string
  readonly tags: ReadonlyArray<string>
  /** Query parameters that were set (not `false`). */
  readonly features: ReadonlyArray<string>
  readonly seconds: number
  readonly channels: number
  readonly characters: number
  readonly succeeded: boolean
  readonly dollars: number
}

const endpointOf = (path: string): Endpoint | undefined => {
  switch (path) {
    case "/v1/listen":
    case "/v2/listen":
      return "listen"
    case "/v1/speak":
    case "/v2/speak":
      return "speak"
    case "/v1/read":
      return "read"
    case "/v1/agent/converse":
      return "agent"
    default:
      return undefined
  }
}

const defaultModel = (path: string): string => {
  switch (path) {
    case "/v2/listen":
      return "flux-general-en"
    case "/v1/speak":
      return "aura-asteria-en"
    case "/v2/speak":
      return "aura-2-thalia-en"
    case "/v1/read":
      return "read"
    case "/v1/agent/converse":
      return "agent"
    default:
      return "base"
  }
}

/** Parameters that describe the request rather than a feature it used. */
const notFeatures = new Set([
  "model",
  "tag",
  "callback",
  "callback_method",
  "encoding",
  "sample_rate",
  "channels",
  "container",
  "bit_rate",
  "version",
  "extra",
  "language",
  "mip_opt_out"
])

const lastOf = (query: Entry["query"], name: string): string | undefined => {
  const values = query[name]
  return values === undefined ? undefined : values[values.length - 1]
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

/** @internal */
export const usageOf = (state: ApiRequest["context"]["state"], entry: Entry): Usage | undefined => {
  const endpoint = endpointOf(entry.path)
  if (endpoint === undefined || !entry.authenticated || entry.status === undefined) return undefined
  if (entry.method !== "POST" && entry.socket === undefined) return undefined
  const streaming = entry.socket !== undefined
  const method: Method = streaming ? "streaming" : entry.query["callback"] !== undefined ? "async" : "sync"
  const succeeded = entry.status < 300
  const seconds = succeeded ? entry.audio?.duration ?? 0 : 0
  const channels = entry.audio?.channels ?? 1
  const characters = succeeded ? entry.characters ?? 0 : 0
  const dollars = endpoint === "listen"
    ? seconds / 60 * 0.0043
    : endpoint === "agent"
    ? seconds / 60 * 0.08
    : endpoint === "speak"
    ? characters / 1000 * 0.03
    : characters / 1000 * 0.0005
  return {
    entry,
    projectId: projectOfAccessor(state.manage, entry.accessor)?.project_id,
    endpoint,
    method,
    model: lastOf(entry.query, "model") ?? defaultModel(entry.path),
    tags: entry.query["tag"] ?? [],
    features: Object.entries(entry.query)
      .filter(([name, values]) => !notFeatures.has(name) && values.some((value) => value.toLowerCase() !== "false"))
      .map(([name]) => name)
      .sort(),
    seconds,
    channels,
    characters,
    succeeded,
    dollars
  }
}

const usagesOf = (request: ApiRequest<unknown, unknown>, project: Project): Effect.Effect<ReadonlyArray<Usage>> =>
  Effect.map(Ref.get(request.context.state.journal), (journal) =>
    Chunk.toReadonlyArray(journal).flatMap((entry) => {
      const usage = usageOf(request.context.state, entry)
      return usage !== undefined && usage.projectId === project.project_id ? [usage] : []
    }))

// Date ranges ---------------------------------------------------------------------------------------------------

const dateFormats = "a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM:SS+HH:MM)"

const parseDate = (value: string, endOfDay: boolean): number | undefined => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = Date.parse(`${value}T00:00:00Z`)
    return Number.isNaN(day) ? undefined : endOfDay ? day + 86_400_000 - 1 : day
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return undefined
  const parsed = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`)
  return Number.isNaN(parsed) ? undefined : parsed
}

interface Range {
  readonly start: number | undefined
  readonly end: number | undefined
}

const rangeOf = (
  query: { readonly start?: string | undefined; readonly end?: string | undefined }
): Range | string => {
  const start = query.start === undefined ? undefined : parseDate(query.start, false)
  if (query.start !== undefined && start === undefined) {
    return `Invalid query parameter 'start': expected ${dateFormats}, got '${query.start}'.`
  }
  const end = query.end === undefined ? undefined : parseDate(query.end, true)
  if (query.end !== undefined && end === undefined) {
    return `Invalid query parameter 'end': expected ${dateFormats}, got '${query.end}'.`
  }
  if (start !== undefined && end !== undefined && end < start) return "`end` must not be before `start`."
  return { start, end }
}

const inRange = (range: Range) => (usage: Usage): boolean => {
  const at = usage.entry.timestamp.getTime()
  return (range.start === undefined || at >= range.start) && (range.end === undefined || at <= range.end)
}

const day = (millis: number): string => new Date(millis).toISOString().slice(0, 10)

/** The range as reported: the bounds asked for, else the first request's day and today. */
const reportedRange = (range: Range, usages: ReadonlyArray<Usage>, now: number) => {
  const first = usages.reduce((min, usage) => Math.min(min, usage.entry.timestamp.getTime()), now)
  return { start: day(range.start ?? first), end: day(range.end ?? now) }
}

/**
 * Runs `handle` with the project, its usage in the query's date range, and the reported range.
 */
const withUsage = (
  request: ApiRequest<{ readonly start?: string; readonly end?: string }, unknown>,
  handle: (
    project: Project,
    usages: ReadonlyArray<Usage>,
    reported: { readonly start: string; readonly end: string }
  ) => Reply
): Effect.Effect<Reply> =>
  withProject(request, (project) =>
    Effect.gen(function*() {
      const range = rangeOf(request.query)
      if (typeof range === "string") return badRequest(request.context, range)
      const all = yield* usagesOf(request, project)
      const usages = all.filter(inRange(range))
      const now = yield* Clock.currentTimeMillis
      return handle(project, usages, reportedRange(range, usages, now))
    }))

// Filters -------------------------------------------------------------------------------------------------------

const usageFilterNames = new Set(["start", "end", "grouping", "accessor", "deployment", "endpoint", "method", "model", "tag"])

/**
 * The usage filters: `accessor`, `deployment`, `endpoint`, `method`, `model`, `tag`, and the feature flags
 * (`diarize=true` keeps requests that used it, `=false` drops them; true flags are OR-ed, false ones AND-ed).
 */
const usageFilter = (query: Readonly<Record<string, unknown>>) => (usage: Usage): boolean => {
  if (query["accessor"] !== undefined && usage.entry.accessor !== query["accessor"]) return false
  if (query["deployment"] !== undefined && query["deployment"] !== "hosted") return false
  if (query["endpoint"] !== undefined && usage.endpoint !== query["endpoint"]) return false
  if (query["method"] !== undefined && usage.method !== query["method"]) return false
  if (query["model"] !== undefined && usage.model !== query["model"]) return false
  if (query["tag"] !== undefined && !usage.tags.includes(query["tag"] as string)) return false
  const flags = Object.entries(query).filter(([name, value]) => !usageFilterNames.has(name) && typeof value === "boolean")
  const used = (name: string) => usage.entry.query[name]?.some((value) => value.toLowerCase() !== "false") === true
  if (flags.some(([name, value]) => value === false && used(name))) return false
  const wanted = flags.filter(([, value]) => value === true)
  return wanted.length === 0 || wanted.some(([name]) => used(name))
}

// Totals --------------------------------------------------------------------------------------------------------

interface Totals {
  hours: number
  total_hours: number
  agent_hours: number
  tokens_in: number
  tokens_out: number
  tts_characters: number
  requests: number
}

const totals = (usages: ReadonlyArray<Usage>): Totals => {
  const out: Totals = {
    hours: 0,
    total_hours: 0,
    agent_hours: 0,
    tokens_in: 0,
    tokens_out: 0,
    tts_characters: 0,
    requests: 0
  }
  for (const usage of usages) {
    if (!usage.succeeded) continue
    out.requests += 1
    if (usage.endpoint === "listen") {
      out.hours += usage.seconds / 3600
      out.total_hours += usage.seconds * usage.channels / 3600
    } else if (usage.endpoint === "agent") {
      out.agent_hours += usage.seconds / 3600
    } else if (usage.endpoint === "speak") {
      out.tts_characters += usage.characters
    } else {
      out.tokens_in += Math.ceil(usage.characters / 4)
      out.tokens_out += usage.succeeded ? Math.ceil(usage.characters / 40) : 0
    }
  }
  out.hours = round(out.hours, 6)
  out.total_hours = round(out.total_hours, 6)
  out.agent_hours = round(out.agent_hours, 6)
  return out
}

const groupBy = <K>(usages: ReadonlyArray<Usage>, key: (usage: Usage) => K) => {
  const groups = new Map<string, { key: K; usages: Array<Usage> }>()
  for (const usage of usages) {
    const k = key(usage)
    const id = JSON.stringify(k)
    const group = groups.get(id)
    if (group === undefined) groups.set(id, { key: k, usages: [usage] })
    else group.usages.push(usage)
  }
  return [...groups.values()]
}

const lineItem = (usage: Usage): string => `${usage.endpoint}::${usage.method}`

const lineItems: Readonly<Record<string, string>> = {
  "listen::sync": "Speech-to-text, pre-recorded",
  "listen::async": "Speech-to-text, pre-recorded with callback",
  "listen::streaming": "Speech-to-text, streaming",
  "speak::sync": "Text-to-speech",
  "speak::async": "Text-to-speech with callback",
  "speak::streaming": "Text-to-speech, streaming",
  "read::sync": "Text intelligence",
  "read::async": "Text intelligence with callback",
  "agent::streaming": "Voice agent"
}

// Requests ------------------------------------------------------------------------------------------------------

const requestJson = (usage: Usage): Encoded<typeof Manage.ProjectRequest> => {
  const { entry } = usage
  const search = new URLSearchParams()
  for (const [name, values] of Object.entries(entry.query)) for (const value of values) search.append(name, value)
  const query = search.toString()
  const callback = lastOf(entry.query, "callback")
  const completed = new Date(entry.timestamp.getTime() + entry.durationMillis).toISOString()
  return {
    request_id: entry.requestId,
    ...(usage.projectId !== undefined ? { project_uuid: usage.projectId } : {}),
    created: entry.timestamp.toISOString(),
    path: query === "" ? entry.path : `${entry.path}?${query}`,
    ...(entry.accessor !== undefined ? { api_key_id: entry.accessor } : {}),
    response: {
      code: entry.status,
      completed,
      details: {
        usd: round(usage.dollars, 6),
        duration: usage.seconds,
        total_audio: usage.seconds * usage.channels,
        channels: usage.channels,
        streams: usage.method === "streaming" ? 1 : 0,
        method: usage.method,
        models: [usage.model],
        tags: [...usage.tags],
        features: [...usage.features],
        ...(usage.characters > 0 ? { characters: usage.characters } : {})
      }
    },
    code: entry.status ?? 0,
    deployment: "hosted",
    ...(callback !== undefined ? { callback } : {})
  }
}

interface RequestsQuery {
  readonly start?: string
  readonly end?: string
  readonly limit?: number
  readonly page?: number
  readonly accessor?: string
  readonly request_id?: string
  readonly deployment?: string
  readonly endpoint?: Endpoint
  readonly method?: Method
  readonly status?: "succeeded" | "failed"
}

// Routes --------------------------------------------------------------------------------------------------------

/** @internal */
export const usageRoutes: ReadonlyArray<Route> = [
  route<RequestsQuery>("manage.v1.projects.requests.list", (request) => {
    const { query } = request
    const limit = query.limit ?? 10
    const page = query.page ?? 0
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return badRequest(request.context, `Invalid query parameter 'limit': expected an integer from 1 to 1000, got ${limit}.`)
    }
    if (!Number.isInteger(page) || page < 0) {
      return badRequest(request.context, `Invalid query parameter 'page': expected an integer >= 0, got ${page}.`)
    }
    return withUsage(request, (_project, usages) => {
      const matching = usages
        .filter((usage) =>
          (query.accessor === undefined || usage.entry.accessor === query.accessor) &&
          (query.request_id === undefined || usage.entry.requestId === query.request_id) &&
          (query.deployment === undefined || query.deployment === "hosted") &&
          (query.endpoint === undefined || usage.endpoint === query.endpoint) &&
          (query.method === undefined || usage.method === query.method) &&
          (query.status === undefined || (query.status === "succeeded") === usage.succeeded)
        )
        .reverse()
      return ok({
        page,
        limit,
        requests: matching.slice(page * limit, page * limit + limit).map(requestJson)
      } satisfies Encoded<typeof Manage.ListRequestsResponse>)
    })
  }),

  route("manage.v1.projects.requests.get", (request) =>
    withProject(request, (project) =>
      Effect.map(usagesOf(request, project), (usages) => {
        const usage = usages.find((usage) => usage.entry.requestId === request.params["request_id"])
        return usage === undefined
          ? notFound(request.context, `Request not found: ${request.params["request_id"]}.`)
          : ok({ request: requestJson(usage) } satisfies Encoded<typeof Manage.GetRequestResponse>)
      }))),

  route<Record<string, unknown> & { readonly start?: string; readonly end?: string }>(
    "manage.v1.projects.usage.get",
    (request) =>
      withUsage(request, (_project, usages, reported) => {
        const kept = usages.filter((usage) => usage.succeeded).filter(usageFilter(request.query))
        const byDay = groupBy(kept, (usage) => day(usage.entry.timestamp.getTime()))
        return ok({
          start: reported.start,
          end: reported.end,
          resolution: { units: "day", amount: 1 },
          // Not in the spec, but what Deepgram answers: the totals per day.
          results: byDay.map(({ key, usages }) => {
            const sum = totals(usages)
            return { start: key, end: key, hours: sum.hours, total_hours: sum.total_hours, requests: sum.requests }
          })
        })
      })
  ),

  route<{ readonly start?: string; readonly end?: string }>("manage.v1.projects.usage.fields.list", (request) =>
    withUsage(request, (_project, all) => {
      const usages = all.filter((usage) => usage.succeeded)
      const models = groupBy(usages, (usage) => usage.model)
      return ok({
        tags: [...new Set(usages.flatMap((usage) => usage.tags))].sort(),
        models: models.map(({ key, usages }) => ({
          name: key,
          language: lastOf(usages[0]!.entry.query, "language") ?? "en",
          version: "2025-01-01.0",
          model_id: `${key}`
        })),
        processing_methods: [...new Set(usages.map((usage) => usage.method))].sort(),
        features: [...new Set(usages.flatMap((usage) => usage.features))].sort()
      } satisfies Encoded<typeof Manage.UsageFieldsResponse>)
    })),

  route<Record<string, unknown> & { readonly start?: string; readonly end?: string; readonly grouping?: string }>(
    "manage.v1.projects.usage.breakdown.get",
    (request) =>
      withUsage(request, (_project, usages, reported) => {
        const kept = usages.filter((usage) => usage.succeeded).filter(usageFilter(request.query))
        const grouping = request.query.grouping
        const keyOf = (usage: Usage): unknown => {
          switch (grouping) {
            case "accessor":
              return usage.entry.accessor ?? null
            case "endpoint":
              return usage.endpoint
            case "feature_set":
              return usage.features.join(",")
            case "models":
              return usage.model
            case "method":
              return usage.method
            case "tags":
              return usage.tags
            case "deployment":
              return "hosted"
            default:
              return null
          }
        }
        const groups = grouping === undefined ? [{ key: null, usages: kept }] : groupBy(kept, keyOf)
        return ok({
          start: reported.start,
          end: reported.end,
          resolution: { units: "day", amount: 1 },
          results: groups.map(({ key, usages }) => ({
            ...totals(usages),
            grouping: {
              start: reported.start,
              end: reported.end,
              accessor: grouping === "accessor" ? key as string | null : null,
              endpoint: grouping === "endpoint" ? key as string : null,
              feature_set: grouping === "feature_set" ? key as string : null,
              models: grouping === "models" ? [key as string] : [],
              method: grouping === "method" ? key as string : null,
              tags: grouping === "tags" ? [...key as ReadonlyArray<string>] : null,
              deployment: grouping === "deployment" ? "hosted" : null
            }
          }))
        } satisfies Encoded<typeof Manage.UsageBreakdownResponse>)
      })
  ),

  // Billing

  route("manage.v1.projects.billing.balances.list", (request) =>
    withProject(request, (project) =>
      Effect.map(usagesOf(request, project), (usages) => ({
        status: 200,
        json: {
          balances: [...project.balances.values()].map((balance) => balanceJson(balance, usages))
        } satisfies Encoded<typeof Manage.ListBalancesResponse>
      })))),

  route("manage.v1.projects.billing.balances.get", (request) =>
    withProject(request, (project) =>
      Effect.map(usagesOf(request, project), (usages) => {
        const balance = project.balances.get(request.params["balance_id"]!)
        return balance === undefined
          ? notFound(request.context, `Balance not found: ${request.params["balance_id"]}.`)
          : ok(balanceJson(balance, usages))
      }))),

  route<{
    readonly start?: string
    readonly end?: string
    readonly accessor?: string
    readonly deployment?: string
    readonly tag?: string
    readonly line_item?: string
    readonly grouping?: ReadonlyArray<"accessor" | "deployment" | "line_item" | "tags">
  }>("manage.v1.projects.billing.breakdown.list", (request) =>
    withUsage(request, (_project, usages, reported) => {
      const { query } = request
      const grouping = new Set(query.grouping ?? [])
      const kept = usages.filter((usage) =>
        (query.accessor === undefined || usage.entry.accessor === query.accessor) &&
        (query.deployment === undefined || query.deployment === "hosted") &&
        (query.tag === undefined || usage.tags.includes(query.tag)) &&
        (query.line_item === undefined || lineItem(usage) === query.line_item)
      )
      const groups = groupBy(kept, (usage) => ({
        accessor: grouping.has("accessor") ? usage.entry.accessor ?? null : null,
        deployment: grouping.has("deployment") ? "hosted" : null,
        line_item: grouping.has("line_item") ? lineItem(usage) : null,
        tags: grouping.has("tags") ? [...usage.tags] : null
      }))
      const results = grouping.size === 0
        ? [{ key: { accessor: null, deployment: null, line_item: null, tags: null }, usages: kept }]
        : groups
      return ok({
        start: reported.start,
        end: reported.end,
        resolution: { units: "day", amount: 1 },
        results: results.map(({ key, usages }) => ({
          dollars: round(usages.reduce((sum, usage) => sum + usage.dollars, 0), 6),
          grouping: { start: reported.start, end: reported.end, ...key }
        }))
      } satisfies Encoded<typeof Manage.BillingBreakdownResponse>)
    })),

  route<{ readonly start?: string; readonly end?: string }>("manage.v1.projects.billing.fields.list", (request) =>
    withUsage(request, (_project, usages) => {
      const items = [...new Set(usages.map(lineItem))].sort()
      return ok({
        accessors: [...new Set(usages.flatMap((usage) => usage.entry.accessor ?? []))].sort(),
        deployments: ["hosted"],
        tags: [...new Set(usages.flatMap((usage) => usage.tags))].sort(),
        line_items: Object.fromEntries(items.map((item) => [item, lineItems[item] ?? item]))
      } satisfies Encoded<typeof Manage.BillingFieldsResponse>)
    })),

  route<{ readonly limit?: number }>("manage.v1.projects.billing.purchases.list", (request) =>
    withProject(request, (project) => {
      const limit = request.query.limit ?? 10
      if (!Number.isInteger(limit) || limit < 1) {
        return badRequest(request.context, `Invalid query parameter 'limit': expected an integer >= 1, got ${limit}.`)
      }
      return ok({
        orders: project.purchases.slice(0, limit).map((purchase) => ({ ...purchase }))
      } satisfies Encoded<typeof Manage.ListPurchasesResponse>)
    }))
]

const balanceJson = (
  balance: { readonly balance_id: string; readonly amount: number; readonly units: string; readonly purchase_order_id: string },
  usages: ReadonlyArray<Usage>
): Encoded<typeof Manage.Balance> => ({
  balance_id: balance.balance_id,
  amount: round(Math.max(0, balance.amount - usages.reduce((sum, usage) => sum + usage.dollars, 0)), 6),
  units: balance.units,
  purchase_order_id: balance.purchase_order_id
})
