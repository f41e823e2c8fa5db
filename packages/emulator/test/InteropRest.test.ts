/**
 * The official `@deepgram/sdk` (v5) against the emulator's REST operations: read, token grant and a
 * representative set of management calls. Every answer the SDK hands back is also decoded with the schema
 * package's response schema.
 */
import { DeepgramClient, DeepgramError } from "@deepgram/sdk"
import { Operations } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { DeepgramEmulator } from "../src/index.js"
import { postAudio, wav } from "./utils.js"

const apiKey = "interop-rest-key"
const projectId = DeepgramEmulator.defaultProjectId

const start = Effect.gen(function*() {
  const emulator = yield* DeepgramEmulator.make({ apiKeys: [apiKey] })
  const client = new DeepgramClient({ apiKey, baseUrl: emulator.url })
  return { emulator, client }
})

const valid = (name: Operations.OperationName, value: unknown) =>
  Schema.decodeUnknownSync(Operations.operations[name].response as Schema.Schema<unknown, unknown>, {
    onExcessProperty: "error"
  })(value)

const sdk = <A>(f: () => Promise<A>) => Effect.promise(f)

describe("@deepgram/sdk against the emulator's REST operations", () => {
  it.scopedLive("read.v1.text.analyze with text, summary and sentiment", () =>
    Effect.gen(function*() {
      const { client } = yield* start
      const text = "The new release is excellent and fast. The old installer was broken."
      const result = yield* sdk(() =>
        client.read.v1.text.analyze({ summarize: "v2", sentiment: true, topics: true, language: "en", body: { text } })
      )
      valid("read.v1.text.analyze", result)
      assert.strictEqual(result.results.summary?.results?.summary?.text, "The new release is excellent and fast.")
      assert.deepStrictEqual(
        result.results.sentiments?.segments?.map((segment) => segment.sentiment),
        ["positive", "negative"]
      )
      assert.isTrue((result.results.topics?.results?.topics?.segments?.length ?? 0) > 0)
      assert.isString(result.metadata.metadata?.request_id)
    }))

  it.scopedLive("auth.v1.tokens.grant: TTL honoured, out-of-range TTL refused", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const grant = yield* sdk(() => client.auth.v1.tokens.grant({ ttl_seconds: 300 }))
      valid("auth.v1.tokens.grant", grant)
      assert.strictEqual(grant.expires_in, 300)
      const withToken = new DeepgramClient({ accessToken: grant.access_token, baseUrl: emulator.url })
      const projects = yield* sdk(() => withToken.manage.v1.projects.list())
      assert.strictEqual(projects.projects?.[0]?.project_id, projectId)

      const refused = yield* Effect.either(Effect.tryPromise(() => client.auth.v1.tokens.grant({ ttl_seconds: 7200 })))
      assert.isTrue(Either.isLeft(refused))
      const error = (refused as Either.Left<{ error: unknown }, unknown>).left.error
      assert.instanceOf(error, DeepgramError)
      assert.strictEqual((error as DeepgramError).statusCode, 400)
      assert.deepInclude((error as DeepgramError).body as object, {
        err_code: "Bad Request",
        err_msg: "Invalid field 'ttl_seconds': expected a number of seconds from 1 to 3600, got 7200."
      })
    }))

  it.scopedLive("projects, keys, members: list, get, create, delete", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const manage = client.manage.v1.projects
      const projects = yield* sdk(() => manage.list())
      valid("manage.v1.projects.list", projects)
      assert.deepStrictEqual(projects.projects?.map((project) => project.project_id), [projectId])
      const project = yield* sdk(() => manage.get(projectId))
      valid("manage.v1.projects.get", project)
      assert.strictEqual(project.name, "Emulator Project")

      const created = yield* sdk(() => manage.keys.create(projectId, { comment: "interop", scopes: ["member"] }))
      valid("manage.v1.projects.keys.create", created)
      assert.isString(created.key)
      const keys = yield* sdk(() => manage.keys.list(projectId))
      valid("manage.v1.projects.keys.list", keys)
      assert.include(keys.api_keys?.map((item) => item.api_key?.api_key_id) ?? [], created.api_key_id!)
      const got = yield* sdk(() => manage.keys.get(projectId, created.api_key_id!))
      valid("manage.v1.projects.keys.get", got)
      assert.strictEqual(got.item?.member?.api_key?.comment, "interop")

      // The new key is a working key for the SDK.
      const withNewKey = new DeepgramClient({ apiKey: created.key!, baseUrl: emulator.url })
      valid("manage.v1.projects.get", yield* sdk(() => withNewKey.manage.v1.projects.get(projectId)))

      valid("manage.v1.projects.keys.delete", yield* sdk(() => manage.keys.delete(projectId, created.api_key_id!)))
      const after = yield* sdk(() => manage.keys.list(projectId))
      assert.notInclude(after.api_keys?.map((item) => item.api_key?.api_key_id) ?? [], created.api_key_id!)
      const missing = yield* Effect.either(Effect.tryPromise(() => manage.keys.get(projectId, created.api_key_id!)))
      assert.isTrue(Either.isLeft(missing))
      const error = (missing as Either.Left<{ error: unknown }, unknown>).left.error as DeepgramError
      assert.strictEqual(error.statusCode, 404)

      const members = yield* sdk(() => manage.members.list(projectId))
      valid("manage.v1.projects.members.list", members)
      assert.deepStrictEqual(members.members?.map((member) => member.scopes), [["owner"]])
      const scopes = yield* sdk(() => manage.members.scopes.list(projectId, members.members![0]!.member_id!))
      valid("manage.v1.projects.members.scopes.list", scopes)
      assert.deepStrictEqual(scopes.scopes, ["owner"])
    }))

  it.scopedLive("usage and requests computed from what the SDK did", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const audio = wav({ sampleRate: 8000, channels: 1, seconds: 3 })
      for (let i = 0; i < 3; i++) {
        const answer = yield* postAudio(`${emulator.url}/v1/listen?model=nova-3`, audio, { authorization: `Token ${apiKey}` })
        assert.strictEqual(answer.status, 200)
      }
      yield* sdk(() => client.read.v1.text.analyze({ sentiment: true, body: { text: "Fine." } }))

      const manage = client.manage.v1.projects
      const page0 = yield* sdk(() => manage.requests.list(projectId, { limit: 3, page: 0 }))
      const page1 = yield* sdk(() => manage.requests.list(projectId, { limit: 3, page: 1 }))
      valid("manage.v1.projects.requests.list", page0)
      valid("manage.v1.projects.requests.list", page1)
      assert.strictEqual(page0.requests?.length, 3)
      assert.strictEqual(page1.requests?.length, 1)
      assert.strictEqual(page0.requests?.[0]?.path, "/v1/read?sentiment=true")
      assert.strictEqual(page1.requests?.[0]?.path, "/v1/listen?model=nova-3")

      const one = yield* sdk(() => manage.requests.get(projectId, page1.requests![0]!.request_id!))
      valid("manage.v1.projects.requests.get", one)
      assert.strictEqual(one.request?.request_id, page1.requests![0]!.request_id)

      const listenOnly = yield* sdk(() => manage.requests.list(projectId, { endpoint: "listen", limit: 10 }))
      assert.strictEqual(listenOnly.requests?.length, 3)

      const usage = yield* sdk(() => manage.usage.get(projectId, { endpoint: "listen" }))
      assert.deepStrictEqual(usage.resolution, { units: "day", amount: 1 })
      const breakdown = yield* sdk(() => manage.usage.breakdown.get(projectId, { grouping: "endpoint" }))
      valid("manage.v1.projects.usage.breakdown.get", breakdown)
      const listen = breakdown.results.find((result) => result.grouping.endpoint === "listen")
      assert.strictEqual(listen?.requests, 3)
      assert.closeTo(listen!.hours, 9 / 3600, 1e-6)
      const fields = yield* sdk(() => manage.usage.fields.list(projectId))
      valid("manage.v1.projects.usage.fields.list", fields)
      assert.include(fields.models?.map((model) => model.name) ?? [], "nova-3")
    }))

  it.scopedLive("self-hosted credentials, think models, agent configurations and variables", () =>
    Effect.gen(function*() {
      const { client } = yield* start
      const credentials = yield* sdk(() =>
        client.selfHosted.v1.distributionCredentials.create(projectId, {
          scopes: ["self-hosted:product:api"],
          provider: "quay",
          comment: "interop"
        })
      )
      valid("selfHosted.v1.distributionCredentials.create", credentials)
      assert.deepStrictEqual(credentials.distribution_credentials.scopes, ["self-hosted:product:api"])
      const listed = yield* sdk(() => client.selfHosted.v1.distributionCredentials.list(projectId))
      valid("selfHosted.v1.distributionCredentials.list", listed)
      assert.strictEqual(listed.distribution_credentials?.length, 1)

      const models = yield* sdk(() => client.agent.v1.settings.think.models.list())
      valid("agent.v1.settings.think.models.list", models)
      assert.isTrue(models.models.length > 0)

      const agent = yield* sdk(() =>
        client.voiceAgent.configurations.create(projectId, { config: JSON.stringify({ agent: { language: "en" } }) })
      )
      valid("voiceAgent.configurations.create", agent)
      const agents = yield* sdk(() => client.voiceAgent.configurations.list(projectId))
      assert.deepStrictEqual(agents.agents?.map((item) => item.agent_id), [agent.agent_id])

      const variable = yield* sdk(() => client.voiceAgent.variables.create(projectId, { key: "city", value: "Paris" }))
      valid("voiceAgent.variables.create", variable)
      const updated = yield* sdk(() => client.voiceAgent.variables.update(projectId, variable.variable_id, { value: "Rome" }))
      assert.strictEqual(updated.value, "Rome")
      const variables = yield* sdk(() => client.voiceAgent.variables.list(projectId))
      valid("voiceAgent.variables.list", variables)
      assert.deepStrictEqual(variables.variables?.map((item) => item.value), ["Rome"])
    }))
})
