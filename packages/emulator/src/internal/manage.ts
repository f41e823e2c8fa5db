/**
 * The management routes (`manage.v1.*`): projects, API keys, members and their scopes, invites, models,
 * balances and purchases. Usage, requests and billing breakdowns are computed from the journal (usage.ts).
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { Manage } from "@effect-deepgram/schema"
import type { ApiRequest, Route } from "./api.js"
import { badRequest, notFound, ok, route } from "./api.js"
import { stableUuid } from "./layout.js"
import type { Key, Member, Project } from "./manageState.js"
import { newSecret, ownerMemberId } from "./manageState.js"
import { modelVersion } from "./listen.js"
import type { Reply, RequestContext } from "./pipeline.js"

type Encoded<S extends { readonly Encoded: unknown }> = S["Encoded"]

/**
 * The project of the path, or the 404 to answer.
 *
 * @internal
 */
export const withProject = (
  request: ApiRequest<unknown, unknown>,
  handle: (project: Project) => Reply | Effect.Effect<Reply>
): Effect.Effect<Reply> => {
  const project = request.context.state.manage.projects.get(request.params["project_id"]!)
  if (project === undefined) {
    return Effect.succeed(notFound(request.context, `Project not found: ${request.params["project_id"]}.`))
  }
  const result = handle(project)
  return Effect.isEffect(result) ? result : Effect.succeed(result)
}

const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

const memberOf = (project: Project, memberId: string) => project.members.get(memberId)

const keyItem = (project: Project, key: Key): Encoded<typeof Manage.KeyItem> => {
  const member = memberOf(project, key.member_id)
  return {
    member: { member_id: key.member_id, email: member?.email ?? "" },
    api_key: { api_key_id: key.api_key_id, comment: key.comment, scopes: [...key.scopes], created: key.created }
  }
}

const isExpired = (key: Key, at: number): boolean =>
  key.expiration_date !== undefined && Date.parse(key.expiration_date) <= at

// Models --------------------------------------------------------------------------------------------------------

interface SttModel {
  readonly name: string
  readonly canonical: string
  readonly architecture: string
  readonly languages: ReadonlyArray<string>
  readonly streaming: boolean
  readonly outdated?: boolean
}

interface TtsModel {
  readonly name: string
  readonly canonical: string
  readonly architecture: string
  readonly language: string
  readonly accent: string
  readonly age: string
  readonly tags: ReadonlyArray<string>
}

/** Speech-to-text models: [canonical name, architecture, languages, streaming, outdated]. */
const sttModels: ReadonlyArray<SttModel> = ([
  ["nova-3", "nova-3", ["en", "en-US", "multi"], true, false],
  ["nova-3-medical", "nova-3", ["en"], true, false],
  ["nova-2", "nova-2", ["en", "es", "fr", "de"], true, false],
  ["nova-2-phonecall", "nova-2", ["en"], true, false],
  ["flux-general-en", "flux", ["en"], true, false],
  ["enhanced", "enhanced", ["en"], true, true],
  ["base", "base", ["en"], true, true],
  ["whisper-large", "whisper", ["en"], false, false]
] as const).map(([canonical, architecture, languages, streaming, outdated]) => ({
  name: canonical,
  canonical,
  architecture,
  languages,
  streaming,
  outdated
}))

/** Aura voices: [canonical name, language, accent, age, tags]. */
const ttsModels: ReadonlyArray<TtsModel> = ([
  ["aura-2-thalia-en", "en", "American", "Adult", ["feminine", "clear"]],
  ["aura-2-andromeda-en", "en", "American", "Adult", ["feminine", "casual"]],
  ["aura-2-apollo-en", "en", "American", "Adult", ["masculine", "confident"]],
  ["aura-2-celeste-es", "es", "Colombian", "Young Adult", ["feminine"]],
  ["aura-asteria-en", "en", "American", "Adult", ["feminine"]]
] as const).map(([canonical, language, accent, age, tags]) => ({
  name: canonical.split("-").at(-2)!,
  canonical,
  architecture: canonical.startsWith("aura-2-") ? "aura-2" : "aura",
  language,
  accent,
  age,
  tags
}))

const sttJson = (model: SttModel): Encoded<typeof Manage.SttModel> => ({
  name: model.name,
  canonical_name: model.canonical,
  architecture: model.architecture,
  languages: [...model.languages],
  version: modelVersion,
  uuid: stableUuid("emulator-model", model.canonical),
  batch: true,
  streaming: model.streaming,
  formatted_output: true
})

const ttsJson = (model: TtsModel): Encoded<typeof Manage.TtsModel> => ({
  name: model.name,
  canonical_name: model.canonical,
  architecture: model.architecture,
  languages: [model.language],
  version: modelVersion,
  uuid: stableUuid("emulator-model", model.canonical),
  metadata: {
    accent: model.accent,
    age: model.age,
    color: "#7c3aed",
    image: `https://static.deepgram.com/examples/avatars/${model.name}.jpg`,
    sample: `https://static.deepgram.com/examples/voices/${model.canonical}.wav`,
    tags: [...model.tags],
    use_cases: ["IVR", "Conversational AI"]
  }
})

const modelsList = (includeOutdated: boolean): Encoded<typeof Manage.ListModelsResponse> => ({
  stt: sttModels.filter((model) => includeOutdated || model.outdated !== true).map(sttJson),
  tts: ttsModels.map(ttsJson)
})

/** A model by uuid (as Deepgram) or by canonical name (a convenience of the emulator). */
const findModel = (id: string): Encoded<typeof Manage.GetModelResponse> | undefined => {
  const stt = sttModels.find((model) => model.canonical === id || stableUuid("emulator-model", model.canonical) === id)
  if (stt !== undefined) return sttJson(stt)
  const tts = ttsModels.find((model) => model.canonical === id || stableUuid("emulator-model", model.canonical) === id)
  return tts === undefined ? undefined : ttsJson(tts)
}

const modelNotFound = (context: RequestContext, id: string) => notFound(context, `Model not found: ${id}.`)

// Routes --------------------------------------------------------------------------------------------------------

/** @internal */
export const manageRoutes: ReadonlyArray<Route> = [
  route("manage.v1.projects.list", ({ context }) =>
    ok({
      projects: [...context.state.manage.projects.values()].map((project) => ({
        project_id: project.project_id,
        name: project.name
      }))
    } satisfies Encoded<typeof Manage.ListProjectsResponse>)),

  route("manage.v1.projects.get", (request) =>
    withProject(request, (project) =>
      ok({
        project_id: project.project_id,
        mip_opt_out: project.mip_opt_out,
        name: project.name
      } satisfies Encoded<typeof Manage.Project>))),

  route<unknown, { readonly name?: string }>("manage.v1.projects.update", (request) =>
    withProject(request, (project) => {
      if (request.body.name !== undefined) {
        if (request.body.name.trim() === "") return badRequest(request.context, "`name` must not be empty.")
        project.name = request.body.name
      }
      return ok({ message: "Successfully updated project info." })
    })),

  route("manage.v1.projects.delete", (request) =>
    withProject(request, (project) => {
      request.context.state.manage.projects.delete(project.project_id)
      for (const key of project.keys.values()) {
        if (key.secret !== undefined) request.context.state.auth.removeKey(key.secret)
      }
      return ok({ message: "Project deleted." })
    })),

  route("manage.v1.projects.leave", (request) =>
    withProject(request, (project) => {
      // The caller is the project's owner member: leaving removes the project from everything it can see.
      request.context.state.manage.projects.delete(project.project_id)
      return ok({ message: "Successfully removed account from project." })
    })),

  // Models

  route<{ readonly include_outdated?: boolean }>("manage.v1.models.list", ({ query }) =>
    ok(modelsList(query.include_outdated === true))),

  route("manage.v1.models.get", ({ context, params }) => {
    const model = findModel(params["model_id"]!)
    return model === undefined ? modelNotFound(context, params["model_id"]!) : ok(model)
  }),

  route<{ readonly include_outdated?: boolean }>("manage.v1.projects.models.list", (request) =>
    withProject(request, () => ok(modelsList(request.query.include_outdated === true)))),

  route("manage.v1.projects.models.get", (request) =>
    withProject(request, () => {
      const model = findModel(request.params["model_id"]!)
      return model === undefined ? modelNotFound(request.context, request.params["model_id"]!) : ok(model)
    })),

  // Keys

  route<{ readonly status?: "active" | "expired" }>("manage.v1.projects.keys.list", (request) =>
    withProject(request, (project) =>
      Effect.map(Clock.currentTimeMillis, (at) =>
        ok({
          api_keys: [...project.keys.values()]
            .filter((key) =>
              request.query.status === undefined || (request.query.status === "expired") === isExpired(key, at)
            )
            .map((key) => keyItem(project, key))
        } satisfies Encoded<typeof Manage.ListKeysResponse>)))),

  route<unknown, Encoded<typeof Manage.CreateKeyRequest>>("manage.v1.projects.keys.create", (request) =>
    withProject(request, (project) =>
      Effect.gen(function*() {
        const { body, context } = request
        if (body.scopes.length === 0) return badRequest(context, "`scopes` must name at least one scope.")
        if (body.expiration_date !== undefined && body.time_to_live_in_seconds !== undefined) {
          return badRequest(context, "Give either `expiration_date` or `time_to_live_in_seconds`, not both.")
        }
        if (body.expiration_date !== undefined && Number.isNaN(Date.parse(body.expiration_date))) {
          return badRequest(context, `Invalid field 'expiration_date': expected a date, got '${body.expiration_date}'.`)
        }
        if (body.time_to_live_in_seconds !== undefined && body.time_to_live_in_seconds <= 0) {
          return badRequest(context, "`time_to_live_in_seconds` must be a positive number of seconds.")
        }
        const at = yield* Clock.currentTimeMillis
        const expiration = body.expiration_date !== undefined
          ? new Date(body.expiration_date).toISOString()
          : body.time_to_live_in_seconds !== undefined
          ? new Date(at + body.time_to_live_in_seconds * 1000).toISOString()
          : undefined
        const secret = newSecret()
        const api_key_id = context.state.manage.keyIdOf(secret)
        const key: Key = {
          api_key_id,
          comment: body.comment,
          scopes: [...body.scopes],
          tags: [...(body.tags ?? [])],
          expiration_date: expiration,
          created: new Date(at).toISOString(),
          member_id: ownerMemberId,
          secret
        }
        project.keys.set(api_key_id, key)
        context.state.auth.addKey(secret, expiration === undefined ? undefined : Date.parse(expiration))
        return ok({
          api_key_id,
          key: secret,
          comment: key.comment,
          scopes: [...key.scopes],
          tags: [...key.tags],
          ...(expiration !== undefined ? { expiration_date: expiration } : {})
        } satisfies Encoded<typeof Manage.CreateKeyResponse>)
      }))),

  route("manage.v1.projects.keys.get", (request) =>
    withProject(request, (project) => {
      const key = project.keys.get(request.params["key_id"]!)
      if (key === undefined) return notFound(request.context, `API key not found: ${request.params["key_id"]}.`)
      const member = memberOf(project, key.member_id)
      return ok({
        item: {
          member: {
            member_id: key.member_id,
            email: member?.email ?? "",
            ...(member?.first_name !== undefined ? { first_name: member.first_name } : {}),
            ...(member?.last_name !== undefined ? { last_name: member.last_name } : {}),
            api_key: {
              api_key_id: key.api_key_id,
              comment: key.comment,
              scopes: [...key.scopes],
              tags: [...key.tags],
              ...(key.expiration_date !== undefined ? { expiration_date: key.expiration_date } : {}),
              created: key.created
            }
          }
        }
      } satisfies Encoded<typeof Manage.GetKeyResponse>)
    })),

  route("manage.v1.projects.keys.delete", (request) =>
    withProject(request, (project) => {
      const key = project.keys.get(request.params["key_id"]!)
      if (key === undefined) return notFound(request.context, `API key not found: ${request.params["key_id"]}.`)
      project.keys.delete(key.api_key_id)
      if (key.secret !== undefined) request.context.state.auth.removeKey(key.secret)
      return ok({ message: "API key deleted." })
    })),

  // Members, scopes, invites

  route("manage.v1.projects.members.list", (request) =>
    withProject(request, (project) =>
      ok({
        members: [...project.members.values()].map((member) => memberJson(member))
      } satisfies Encoded<typeof Manage.ListMembersResponse>))),

  route("manage.v1.projects.members.delete", (request) =>
    withProject(request, (project) => {
      const member = project.members.get(request.params["member_id"]!)
      if (member === undefined) return notFound(request.context, `Member not found: ${request.params["member_id"]}.`)
      project.members.delete(member.member_id)
      return ok({ message: "Member removed from project." })
    })),

  route("manage.v1.projects.members.scopes.list", (request) =>
    withProject(request, (project) => {
      const member = project.members.get(request.params["member_id"]!)
      if (member === undefined) return notFound(request.context, `Member not found: ${request.params["member_id"]}.`)
      return ok({ scopes: [...member.scopes] })
    })),

  route<unknown, { readonly scope: string }>("manage.v1.projects.members.scopes.update", (request) =>
    withProject(request, (project) => {
      const member = project.members.get(request.params["member_id"]!)
      if (member === undefined) return notFound(request.context, `Member not found: ${request.params["member_id"]}.`)
      if (request.body.scope.trim() === "") return badRequest(request.context, "`scope` must not be empty.")
      member.scopes = [request.body.scope]
      return ok({ message: "Successfully updated member scopes." })
    })),

  route("manage.v1.projects.members.invites.list", (request) =>
    withProject(request, (project) => ok({ invites: [...project.invites.values()].map((invite) => ({ ...invite })) }))),

  route<unknown, { readonly email: string; readonly scope: string }>(
    "manage.v1.projects.members.invites.create",
    (request) =>
      withProject(request, (project) => {
        const { email, scope } = request.body
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
          return badRequest(request.context, `Invalid field 'email': expected an e-mail address, got '${email}'.`)
        }
        if ([...project.members.values()].some((member) => member.email === email)) {
          return badRequest(request.context, `${email} is already a member of this project.`)
        }
        project.invites.set(email, { email, scope })
        return ok({ message: "Invite sent." })
      })
  ),

  route("manage.v1.projects.members.invites.delete", (request) =>
    withProject(request, (project) => {
      const email = request.params["email"]!
      if (!project.invites.delete(email)) return notFound(request.context, `Invite not found: ${email}.`)
      return ok({ message: "Invite deleted." })
    }))
]

const memberJson = (member: Member): Encoded<typeof Manage.Member> => ({
  member_id: member.member_id,
  scopes: [...member.scopes],
  email: member.email,
  ...(member.first_name !== undefined ? { first_name: member.first_name } : {}),
  ...(member.last_name !== undefined ? { last_name: member.last_name } : {})
})

/** @internal */
export const timestamp = now
