/**
 * The management commands (`projects`, `keys`, `members`, `usage`, `requests`, `models`, `billing`), one
 * subcommand per operation of the schema catalog, and `api METHOD PATH`.
 *
 * @internal
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { HttpMethod } from "@effect/platform/HttpMethod"
import type { Operation } from "@effect-deepgram/core"
import { operations } from "@effect-deepgram/schema/Operations"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Connection from "./connection.js"
import { UsageError } from "./errors.js"
import * as Flags from "./flags.js"
import * as Globals from "./globals.js"
import { print, status, table } from "./output.js"
import * as Sdk from "./sdk.js"

type OperationName = keyof typeof operations

interface Entry {
  readonly group: string
  readonly name: string
  readonly operation: OperationName
  readonly description: string
}

const entries: ReadonlyArray<Entry> = [
  { group: "projects", name: "list", operation: "manage.v1.projects.list", description: "List your projects" },
  { group: "projects", name: "show", operation: "manage.v1.projects.get", description: "Show a project" },
  { group: "projects", name: "update", operation: "manage.v1.projects.update", description: "Rename a project or change its settings" },
  { group: "projects", name: "delete", operation: "manage.v1.projects.delete", description: "Delete a project" },
  { group: "projects", name: "leave", operation: "manage.v1.projects.leave", description: "Leave a project" },
  { group: "keys", name: "list", operation: "manage.v1.projects.keys.list", description: "List the API keys of a project" },
  { group: "keys", name: "show", operation: "manage.v1.projects.keys.get", description: "Show an API key" },
  { group: "keys", name: "create", operation: "manage.v1.projects.keys.create", description: "Create an API key" },
  { group: "keys", name: "delete", operation: "manage.v1.projects.keys.delete", description: "Delete an API key" },
  { group: "members", name: "list", operation: "manage.v1.projects.members.list", description: "List the members of a project" },
  { group: "members", name: "delete", operation: "manage.v1.projects.members.delete", description: "Remove a member" },
  { group: "members", name: "scopes", operation: "manage.v1.projects.members.scopes.list", description: "List a member's scopes" },
  { group: "members", name: "set-scope", operation: "manage.v1.projects.members.scopes.update", description: "Change a member's scope" },
  { group: "members", name: "invites", operation: "manage.v1.projects.members.invites.list", description: "List the invitations" },
  { group: "members", name: "invite", operation: "manage.v1.projects.members.invites.create", description: "Invite someone" },
  { group: "members", name: "uninvite", operation: "manage.v1.projects.members.invites.delete", description: "Delete an invitation" },
  { group: "usage", name: "show", operation: "manage.v1.projects.usage.get", description: "Usage summary" },
  { group: "usage", name: "fields", operation: "manage.v1.projects.usage.fields.list", description: "Usage fields" },
  { group: "usage", name: "breakdown", operation: "manage.v1.projects.usage.breakdown.get", description: "Usage breakdown" },
  { group: "requests", name: "list", operation: "manage.v1.projects.requests.list", description: "The request log" },
  { group: "requests", name: "show", operation: "manage.v1.projects.requests.get", description: "One request of the log" },
  { group: "models", name: "list", operation: "manage.v1.models.list", description: "The public models" },
  { group: "models", name: "show", operation: "manage.v1.models.get", description: "A public model" },
  { group: "billing", name: "balances", operation: "manage.v1.projects.billing.balances.list", description: "Balances" },
  { group: "billing", name: "balance", operation: "manage.v1.projects.billing.balances.get", description: "One balance" },
  { group: "billing", name: "breakdown", operation: "manage.v1.projects.billing.breakdown.list", description: "Billing breakdown" },
  { group: "billing", name: "fields", operation: "manage.v1.projects.billing.fields.list", description: "Billing fields" },
  { group: "billing", name: "purchases", operation: "manage.v1.projects.billing.purchases.list", description: "Purchases" }
]

const groups: Record<string, string> = {
  projects: "Projects: list, show, update, delete, leave",
  keys: "API keys: list, show, create, delete",
  members: "Members, their scopes and invitations",
  usage: "Usage: show, fields, breakdown",
  requests: "The request log: list, show",
  models: "Models: list, show",
  billing: "Balances, billing breakdown, purchases"
}

const destructive = (spec: Operation.Any) => spec.method === "DELETE"

/** Prints a response: a table of its list in text mode, JSON otherwise. @internal */
export const show = (globals: Globals.Globals, value: unknown): Effect.Effect<void> =>
  Effect.flatMap(Globals.json(globals), (json) => showAs(json, value))

const showAs = (json: boolean, value: unknown): Effect.Effect<void> => {
  if (json || typeof value !== "object" || value === null) return print(JSON.stringify(value))
  const lists = Object.entries(value).filter(([, v]) => Array.isArray(v) && v.every((item) => typeof item === "object" && item !== null))
  if (lists.length === 1) {
    const items = lists[0]![1] as ReadonlyArray<Record<string, unknown>>
    const columns = [...new Set(items.flatMap((item) => Object.keys(item).filter((k) => ["string", "number", "boolean"].includes(typeof item[k]))))].slice(0, 6)
    if (items.length > 0 && columns.length > 0) {
      return print(table(columns.map((c) => c.toUpperCase()), items.map((item) => columns.map((c) => item[c] === undefined ? "" : String(item[c])))))
    }
  }
  return print(JSON.stringify(value, null, 2))
}

/** The project: `--project`, else `$DEEPGRAM_PROJECT_ID`, else the first of `GET /v1/projects`. */
const projectId = (flag: Option.Option<string>) =>
  Option.match(Option.orElse(flag, () => Option.fromNullable(process.env["DEEPGRAM_PROJECT_ID"])), {
    onSome: Effect.succeed,
    onNone: () =>
      Effect.gen(function*() {
        const { DeepgramHttp, Operation } = yield* Sdk.core
        const http = yield* DeepgramHttp.DeepgramHttp
        const list = yield* Operation.call(http, operations["manage.v1.projects.list"], {})
        const first = list.projects?.[0]?.project_id
        if (first === undefined) return yield* new UsageError({ message: "no project: pass --project ID (or DEEPGRAM_PROJECT_ID)" })
        yield* status(`Project ${first} (${list.projects?.[0]?.name ?? "unnamed"}); choose another with --project`)
        return first
      })
  })

const subcommand = (entry: Entry) => {
  const spec = operations[entry.operation] as Operation.Any
  const ids = spec.pathParams.filter((param) => param !== "project_id")
  const usesProject = spec.pathParams.includes("project_id")
  const querySchema = spec.query as Schema.Schema.AnyNoContext
  const bodySchema = spec.body as Schema.Schema.AnyNoContext | undefined
  return Command.make(entry.name, {
    ids: Args.all(ids.map((id) => Args.text({ name: id.toUpperCase() }))),
    project: Options.text("project").pipe(Options.optional, Options.withDescription("project id (default: DEEPGRAM_PROJECT_ID, else your first project)")),
    yes: Options.boolean("yes").pipe(Options.withAlias("y"), Options.withDescription("confirm a destructive action")),
    dryRun: Options.boolean("dry-run").pipe(Options.withDescription("print the request instead of sending it")),
    query: Flags.options(querySchema),
    body: bodySchema === undefined ? Flags.options(Schema.Struct({})) : Flags.options(bodySchema)
  }, (args) =>
    Effect.gen(function*() {
      const globals = yield* Globals.root
      const query = yield* Flags.decode(querySchema, args.query, `${entry.group} ${entry.name}`)
      const body = bodySchema === undefined ? undefined : yield* Flags.decode(bodySchema, args.body, `${entry.group} ${entry.name}`)
      if (destructive(spec) && !args.yes && !args.dryRun) {
        return yield* new UsageError({ message: `${entry.group} ${entry.name} is destructive: pass --yes to do it, or --dry-run to see the request` })
      }
      const program = Effect.gen(function*() {
        const project = usesProject ? yield* projectId(args.project) : undefined
        const path: Record<string, string> = { ...(project === undefined ? {} : { project_id: project }) }
        ids.forEach((id, i) => (path[id] = args.ids[i]!))
        if (args.dryRun) {
          const url = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ""))
          return yield* print(JSON.stringify({ dryRun: true, method: spec.method, path: url, query, ...(body === undefined ? {} : { body }) }))
        }
        const { DeepgramHttp, Operation } = yield* Sdk.core
        const http = yield* DeepgramHttp.DeepgramHttp
        const result = yield* Operation.call(http, spec, { path, query, ...(body === undefined ? {} : { body }) })
        yield* show(globals, result)
      })
      yield* Effect.provide(program, Connection.layer(globals))
    })).pipe(Command.withDescription(`${entry.description} (${spec.method} ${spec.path})${destructive(spec) ? "; needs --yes" : ""}`))
}

/** @internal */
export const commands = () =>
  Object.entries(groups).map(([group, description]) =>
    Command.make(group).pipe(
      Command.withDescription(description),
      Command.withSubcommands(entries.filter((e) => e.group === group).map(subcommand) as [ReturnType<typeof subcommand>, ...Array<ReturnType<typeof subcommand>>])
    )
  )

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const

/** `deepgram api METHOD PATH [--data JSON]`: any path with the SDK's auth, retry and errors. @internal */
export const api = () =>
  Command.make("api", {
    method: Args.choice(methods.map((m) => [m, m] as const)).pipe(Args.withDescription("HTTP method")),
    path: Args.text({ name: "PATH" }).pipe(Args.withDescription("e.g. /v1/projects")),
    data: Options.text("data").pipe(Options.withAlias("d"), Options.optional, Options.withDescription("a JSON body")),
    yes: Options.boolean("yes").pipe(Options.withAlias("y"), Options.withDescription("confirm a DELETE")),
    dryRun: Options.boolean("dry-run").pipe(Options.withDescription("print the request instead of sending it"))
  }, (args) =>
    Effect.gen(function*() {
      const globals = yield* Globals.root
      if (!args.path.startsWith("/")) return yield* new UsageError({ message: `PATH: expected a path starting with /, got "${args.path}"` })
      const body = Option.isNone(args.data) ? undefined : yield* Effect.try({
        try: () => JSON.parse(args.data.pipe(Option.getOrElse(() => ""))) as unknown,
        catch: (error) => new UsageError({ message: `--data: not JSON: ${(error as Error).message}` })
      })
      if (args.method === "DELETE" && !args.yes && !args.dryRun) {
        return yield* new UsageError({ message: "DELETE is destructive: pass --yes to send it, or --dry-run to see it" })
      }
      if (args.dryRun) return yield* print(JSON.stringify({ dryRun: true, method: args.method, path: args.path, ...(body === undefined ? {} : { body }) }))
      const { Passthrough } = yield* Sdk.core
      const result = yield* Effect.provide(
        Passthrough.json(args.method as HttpMethod, args.path, body === undefined ? {} : { body }),
        Connection.layer(globals)
      )
      yield* show(globals, result)
    })).pipe(Command.withDescription("Call any API path with the SDK's credentials, retries and errors (DELETE needs --yes)"))
