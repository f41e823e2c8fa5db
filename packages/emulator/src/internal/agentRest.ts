/**
 * The voice agent's REST operations: the think models (`agent.v1.settings.think.models.list`), agent
 * configurations (`voiceAgent.configurations.*`) and agent variables (`voiceAgent.variables.*`), per project,
 * in memory.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { AgentV1, VoiceAgent } from "@effect-deepgram/schema"
import type { Route } from "./api.js"
import { badRequest, notFound, ok, route } from "./api.js"
import { withProject } from "./manage.js"
import type { AgentConfiguration, AgentVariable } from "./manageState.js"
import { newId } from "./manageState.js"

type Encoded<S extends { readonly Encoded: unknown }> = S["Encoded"]

const thinkModels: Encoded<typeof AgentV1.ThinkModelsResponse> = {
  models: [
    { id: "gpt-5", name: "GPT-5", provider: "open_ai" },
    { id: "gpt-5-mini", name: "GPT-5 mini", provider: "open_ai" },
    { id: "gpt-4.1", name: "GPT-4.1", provider: "open_ai" },
    { id: "gpt-4o-mini", name: "GPT-4o mini", provider: "open_ai" },
    { id: "claude-3-5-haiku-latest", name: "Claude Haiku 3.5", provider: "anthropic" },
    { id: "claude-sonnet-4-20250514", name: "Claude Sonnet 4", provider: "anthropic" },
    { id: "gemini-2.5-flash", name: "Gemini 2.5 Flash", provider: "google" },
    { id: "gemini-2.0-flash", name: "Gemini 2.0 Flash", provider: "google" },
    { id: "openai/gpt-oss-20b", name: "GPT OSS 20B", provider: "groq" }
  ]
}

const configurationJson = (agent: AgentConfiguration): Encoded<typeof VoiceAgent.Configuration> => ({
  agent_id: agent.agent_id,
  config: { ...agent.config },
  ...(agent.metadata !== undefined ? { metadata: { ...agent.metadata } } : {}),
  created_at: agent.created_at,
  updated_at: agent.updated_at
})

const variableJson = (variable: AgentVariable): Encoded<typeof VoiceAgent.Variable> => ({
  variable_id: variable.variable_id,
  key: variable.key,
  value: variable.value,
  created_at: variable.created_at,
  updated_at: variable.updated_at
})

const isoNow = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

/** @internal */
export const agentRoutes: ReadonlyArray<Route> = [
  // Public, as Deepgram serves it: the official SDK sends no credentials for it.
  route("agent.v1.settings.think.models.list", () => ok(thinkModels), { authenticate: false }),

  route("voiceAgent.configurations.list", (request) =>
    withProject(request, (project) =>
      ok({
        agents: [...project.agents.values()].map(configurationJson)
      } satisfies Encoded<typeof VoiceAgent.ListConfigurationsResponse>))),

  route<unknown, Encoded<typeof VoiceAgent.CreateConfigurationRequest>>("voiceAgent.configurations.create", (request) =>
    withProject(request, (project) =>
      Effect.gen(function*() {
        let config: unknown
        try {
          config = JSON.parse(request.body.config)
        } catch {
          return badRequest(request.context, "Invalid field 'config': expected a JSON object (as a string).")
        }
        if (config === null || typeof config !== "object" || Array.isArray(config)) {
          return badRequest(request.context, "Invalid field 'config': expected a JSON object (as a string).")
        }
        const at = yield* isoNow
        const agent: AgentConfiguration = {
          agent_id: newId(),
          config: config as Record<string, unknown>,
          metadata: request.body.metadata !== undefined ? { ...request.body.metadata } : undefined,
          created_at: at,
          updated_at: at
        }
        project.agents.set(agent.agent_id, agent)
        return ok({
          agent_id: agent.agent_id,
          config: { ...agent.config },
          ...(agent.metadata !== undefined ? { metadata: { ...agent.metadata } } : {})
        } satisfies Encoded<typeof VoiceAgent.CreateConfigurationResponse>)
      }))),

  route("voiceAgent.configurations.get", (request) =>
    withProject(request, (project) => {
      const agent = project.agents.get(request.params["agent_id"]!)
      return agent === undefined
        ? notFound(request.context, `Agent configuration not found: ${request.params["agent_id"]}.`)
        : ok(configurationJson(agent))
    })),

  route<unknown, { readonly metadata: Readonly<Record<string, string>> }>("voiceAgent.configurations.update", (request) =>
    withProject(request, (project) =>
      Effect.gen(function*() {
        const agent = project.agents.get(request.params["agent_id"]!)
        if (agent === undefined) {
          return notFound(request.context, `Agent configuration not found: ${request.params["agent_id"]}.`)
        }
        agent.metadata = { ...request.body.metadata }
        agent.updated_at = yield* isoNow
        return ok(configurationJson(agent))
      }))),

  route("voiceAgent.configurations.delete", (request) =>
    withProject(request, (project) => {
      if (!project.agents.delete(request.params["agent_id"]!)) {
        return notFound(request.context, `Agent configuration not found: ${request.params["agent_id"]}.`)
      }
      return ok({})
    })),

  route("voiceAgent.variables.list", (request) =>
    withProject(request, (project) =>
      ok({
        variables: [...project.variables.values()].map(variableJson)
      } satisfies Encoded<typeof VoiceAgent.ListVariablesResponse>))),

  route<unknown, { readonly key: string; readonly value: unknown }>("voiceAgent.variables.create", (request) =>
    withProject(request, (project) =>
      Effect.gen(function*() {
        const { key, value } = request.body
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
          return badRequest(request.context, `Invalid field 'key': expected a variable name (letters, digits, _), got '${key}'.`)
        }
        if ([...project.variables.values()].some((variable) => variable.key === key)) {
          return badRequest(request.context, `A variable named '${key}' already exists in this project.`)
        }
        const at = yield* isoNow
        const variable: AgentVariable = { variable_id: newId(), key, value, created_at: at, updated_at: at }
        project.variables.set(variable.variable_id, variable)
        return ok(variableJson(variable))
      }))),

  route("voiceAgent.variables.get", (request) =>
    withProject(request, (project) => {
      const variable = project.variables.get(request.params["variable_id"]!)
      return variable === undefined
        ? notFound(request.context, `Agent variable not found: ${request.params["variable_id"]}.`)
        : ok(variableJson(variable))
    })),

  route<unknown, { readonly value: unknown }>("voiceAgent.variables.update", (request) =>
    withProject(request, (project) =>
      Effect.gen(function*() {
        const variable = project.variables.get(request.params["variable_id"]!)
        if (variable === undefined) {
          return notFound(request.context, `Agent variable not found: ${request.params["variable_id"]}.`)
        }
        variable.value = request.body.value
        variable.updated_at = yield* isoNow
        return ok(variableJson(variable))
      }))),

  route("voiceAgent.variables.delete", (request) =>
    withProject(request, (project) => {
      if (!project.variables.delete(request.params["variable_id"]!)) {
        return notFound(request.context, `Agent variable not found: ${request.params["variable_id"]}.`)
      }
      return ok({})
    }))
]
