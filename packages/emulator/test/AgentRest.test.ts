/**
 * Self-hosted distribution credentials and the voice agent's REST operations (think models, agent
 * configurations, agent variables) over loopback HTTP.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DeepgramEmulator } from "../src/index.js"
import { call, decoded, failure } from "./rest.js"

const params = { project_id: DeepgramEmulator.defaultProjectId }

describe("self-hosted distribution credentials", () => {
  it.scopedLive("create (scopes and provider from the query), list, get, delete", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const created = decoded(
        "selfHosted.v1.distributionCredentials.create",
        yield* call(url, "selfHosted.v1.distributionCredentials.create", {
          params,
          query: { scopes: ["self-hosted:product:api", "self-hosted:product:engine"], provider: "quay" },
          body: { comment: "k8s cluster" }
        })
      )
      const credentials = created.distribution_credentials
      assert.deepStrictEqual(credentials.scopes, ["self-hosted:product:api", "self-hosted:product:engine"])
      assert.strictEqual(credentials.provider, "quay")
      assert.strictEqual(credentials.comment, "k8s cluster")
      assert.strictEqual(created.member.email, "owner@emulator.deepgram.local")

      const defaults = decoded(
        "selfHosted.v1.distributionCredentials.create",
        yield* call(url, "selfHosted.v1.distributionCredentials.create", { params, body: {} })
      )
      assert.deepStrictEqual(defaults.distribution_credentials.scopes, ["self-hosted:products"])

      const listed = decoded(
        "selfHosted.v1.distributionCredentials.list",
        yield* call(url, "selfHosted.v1.distributionCredentials.list", { params })
      )
      assert.deepStrictEqual(
        listed.distribution_credentials.map((item: { distribution_credentials: { distribution_credentials_id: string } }) =>
          item.distribution_credentials.distribution_credentials_id
        ),
        [credentials.distribution_credentials_id, defaults.distribution_credentials.distribution_credentials_id]
      )
      const idParams = { ...params, distribution_credentials_id: credentials.distribution_credentials_id }
      const got = decoded(
        "selfHosted.v1.distributionCredentials.get",
        yield* call(url, "selfHosted.v1.distributionCredentials.get", { params: idParams })
      )
      assert.deepStrictEqual(got, created)
      const deleted = decoded(
        "selfHosted.v1.distributionCredentials.delete",
        yield* call(url, "selfHosted.v1.distributionCredentials.delete", { params: idParams })
      )
      assert.deepStrictEqual(deleted, created)
      failure(yield* call(url, "selfHosted.v1.distributionCredentials.get", { params: idParams }), 404, "NOT_FOUND")

      assert.strictEqual(
        failure(
          yield* call(url, "selfHosted.v1.distributionCredentials.create", {
            params,
            query: { provider: "dockerhub" },
            body: {}
          }),
          400
        ),
        "Invalid query parameter 'provider': expected \"quay\", got 'dockerhub'."
      )
      assert.include(
        failure(
          yield* call(url, "selfHosted.v1.distributionCredentials.create", {
            params,
            query: { scopes: ["everything"] },
            body: {}
          }),
          400
        ),
        "Invalid query parameter 'scopes[0]': expected one of self-hosted:products"
      )
    }))
})

describe("agent REST", () => {
  it.scopedLive("think models", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const models = decoded(
        "agent.v1.settings.think.models.list",
        yield* call(url, "agent.v1.settings.think.models.list")
      )
      const ids = models.models.map((model: { id: string }) => model.id)
      assert.include(ids, "gpt-4o-mini")
      assert.include(ids, "claude-sonnet-4-20250514")
      failure(yield* call(url, "agent.v1.settings.think.models.list", { query: { provider: "x" } }), 400)
      // Public: no credentials needed (the official SDK sends none).
      decoded("agent.v1.settings.think.models.list", yield* call(url, "agent.v1.settings.think.models.list", { authorization: "" }))
    }))

  it.scopedLive("configurations: create from a JSON string, list, get, update metadata, delete", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const config = { agent: { think: { provider: { type: "open_ai", model: "gpt-4o-mini" } } } }
      const created = decoded(
        "voiceAgent.configurations.create",
        yield* call(url, "voiceAgent.configurations.create", {
          params,
          body: { config: JSON.stringify(config), metadata: { team: "support" } }
        })
      )
      assert.deepStrictEqual(created.config, config)
      assert.deepStrictEqual(created.metadata, { team: "support" })
      const agentParams = { ...params, agent_id: created.agent_id }

      const listed = decoded("voiceAgent.configurations.list", yield* call(url, "voiceAgent.configurations.list", { params }))
      assert.deepStrictEqual(listed.agents.map((agent: { agent_id: string }) => agent.agent_id), [created.agent_id])

      const updated = decoded(
        "voiceAgent.configurations.update",
        yield* call(url, "voiceAgent.configurations.update", { params: agentParams, body: { metadata: { team: "sales" } } })
      )
      assert.deepStrictEqual(updated.metadata, { team: "sales" })
      const got = decoded("voiceAgent.configurations.get", yield* call(url, "voiceAgent.configurations.get", { params: agentParams }))
      assert.deepStrictEqual(got, updated)
      assert.deepStrictEqual(got.config, config)

      decoded("voiceAgent.configurations.delete", yield* call(url, "voiceAgent.configurations.delete", { params: agentParams }))
      failure(yield* call(url, "voiceAgent.configurations.get", { params: agentParams }), 404, "NOT_FOUND")
      failure(yield* call(url, "voiceAgent.configurations.delete", { params: agentParams }), 404, "NOT_FOUND")

      assert.strictEqual(
        failure(yield* call(url, "voiceAgent.configurations.create", { params, body: { config: "{not json" } }), 400),
        "Invalid field 'config': expected a JSON object (as a string)."
      )
      assert.include(
        failure(yield* call(url, "voiceAgent.configurations.create", { params, body: { config } }), 400),
        "Invalid field 'config': expected a string, got {\"agent\":"
      )
    }))

  it.scopedLive("variables: create, list, get, update, delete; keys are unique", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const created = decoded(
        "voiceAgent.variables.create",
        yield* call(url, "voiceAgent.variables.create", { params, body: { key: "customer_name", value: "Ada" } })
      )
      assert.strictEqual(created.key, "customer_name")
      assert.strictEqual(created.value, "Ada")
      const variableParams = { ...params, variable_id: created.variable_id }
      assert.strictEqual(
        failure(yield* call(url, "voiceAgent.variables.create", { params, body: { key: "customer_name", value: 1 } }), 400),
        "A variable named 'customer_name' already exists in this project."
      )
      failure(yield* call(url, "voiceAgent.variables.create", { params, body: { key: "has space", value: 1 } }), 400)

      const updated = decoded(
        "voiceAgent.variables.update",
        yield* call(url, "voiceAgent.variables.update", { params: variableParams, body: { value: { first: "Ada" } } })
      )
      assert.deepStrictEqual(updated.value, { first: "Ada" })
      const listed = decoded("voiceAgent.variables.list", yield* call(url, "voiceAgent.variables.list", { params }))
      assert.deepStrictEqual(listed.variables, [updated])
      const got = decoded("voiceAgent.variables.get", yield* call(url, "voiceAgent.variables.get", { params: variableParams }))
      assert.deepStrictEqual(got, updated)
      assert.strictEqual(
        failure(yield* call(url, "voiceAgent.variables.update", { params: variableParams, body: {} }), 400),
        "Missing required field 'value'."
      )

      decoded("voiceAgent.variables.delete", yield* call(url, "voiceAgent.variables.delete", { params: variableParams }))
      failure(yield* call(url, "voiceAgent.variables.get", { params: variableParams }), 404, "NOT_FOUND")
      failure(
        yield* call(url, "voiceAgent.variables.list", { params: { project_id: "elsewhere" } }),
        404,
        "NOT_FOUND"
      )
    }))
})
