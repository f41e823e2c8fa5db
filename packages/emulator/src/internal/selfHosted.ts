/**
 * Self-hosted distribution credentials (`selfHosted.v1.distributionCredentials.*`), per project, in memory.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { SelfHostedV1 } from "@effect-deepgram/schema"
import type { Route } from "./api.js"
import { notFound, ok, route } from "./api.js"
import { withProject } from "./manage.js"
import type { DistributionCredentials, Project } from "./manageState.js"
import { newId, ownerMemberId } from "./manageState.js"

type Encoded<S extends { readonly Encoded: unknown }> = S["Encoded"]

const json = (project: Project, credentials: DistributionCredentials): Encoded<typeof SelfHostedV1.GetResponse> => ({
  member: {
    member_id: credentials.member_id,
    email: project.members.get(credentials.member_id)?.email ?? ""
  },
  distribution_credentials: {
    distribution_credentials_id: credentials.distribution_credentials_id,
    provider: credentials.provider,
    ...(credentials.comment !== undefined ? { comment: credentials.comment } : {}),
    scopes: [...credentials.scopes],
    created: credentials.created
  }
})

/** @internal */
export const selfHostedRoutes: ReadonlyArray<Route> = [
  route("selfHosted.v1.distributionCredentials.list", (request) =>
    withProject(request, (project) =>
      ok({
        distribution_credentials: [...project.credentials.values()].map((credentials) => json(project, credentials))
      } satisfies Encoded<typeof SelfHostedV1.ListResponse>))),

  route<
    { readonly scopes?: ReadonlyArray<string>; readonly provider?: string },
    { readonly comment?: string }
  >("selfHosted.v1.distributionCredentials.create", (request) =>
    withProject(request, (project) =>
      Effect.map(Clock.currentTimeMillis, (at) => {
        const credentials: DistributionCredentials = {
          distribution_credentials_id: newId(),
          provider: request.query.provider ?? "quay",
          comment: request.body.comment,
          scopes: [...(request.query.scopes ?? ["self-hosted:products"])],
          created: new Date(at).toISOString(),
          member_id: ownerMemberId
        }
        project.credentials.set(credentials.distribution_credentials_id, credentials)
        return ok(json(project, credentials) satisfies Encoded<typeof SelfHostedV1.CreateResponse>)
      }))),

  route("selfHosted.v1.distributionCredentials.get", (request) =>
    withProject(request, (project) => {
      const id = request.params["distribution_credentials_id"]!
      const credentials = project.credentials.get(id)
      return credentials === undefined
        ? notFound(request.context, `Distribution credentials not found: ${id}.`)
        : ok(json(project, credentials))
    })),

  route("selfHosted.v1.distributionCredentials.delete", (request) =>
    withProject(request, (project) => {
      const id = request.params["distribution_credentials_id"]!
      const credentials = project.credentials.get(id)
      if (credentials === undefined) return notFound(request.context, `Distribution credentials not found: ${id}.`)
      project.credentials.delete(id)
      return ok(json(project, credentials))
    }))
]
