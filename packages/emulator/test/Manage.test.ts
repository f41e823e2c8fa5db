/**
 * The management operations over loopback HTTP: state per emulator, consistent across calls, every answer
 * decoded with the schema package's response schema, errors in Deepgram's shape.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Operations } from "@effect-deepgram/schema"
import { DeepgramEmulator } from "../src/index.js"
import { call, decoded, failure } from "./rest.js"
import { postAudio, wav } from "./utils.js"

const projectId = DeepgramEmulator.defaultProjectId
const key = "manage-test-key"
const auth = `Token ${key}`
const start = DeepgramEmulator.make({ apiKeys: [key] })

describe("projects", () => {
  it.scopedLive("the default project is listed, read, renamed, deleted", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const listed = decoded("manage.v1.projects.list", yield* call(url, "manage.v1.projects.list", { authorization: auth }))
      assert.deepStrictEqual(listed, { projects: [{ project_id: projectId, name: "Emulator Project" }] })

      const project = decoded(
        "manage.v1.projects.get",
        yield* call(url, "manage.v1.projects.get", { params: { project_id: projectId }, authorization: auth })
      )
      assert.deepStrictEqual(project, { project_id: projectId, mip_opt_out: false, name: "Emulator Project" })

      decoded(
        "manage.v1.projects.update",
        yield* call(url, "manage.v1.projects.update", {
          params: { project_id: projectId },
          body: { name: "Renamed" },
          authorization: auth
        })
      )
      const renamed = decoded(
        "manage.v1.projects.get",
        yield* call(url, "manage.v1.projects.get", { params: { project_id: projectId }, authorization: auth })
      )
      assert.strictEqual(renamed.name, "Renamed")

      decoded(
        "manage.v1.projects.delete",
        yield* call(url, "manage.v1.projects.delete", { params: { project_id: projectId }, authorization: auth })
      )
      const after = decoded("manage.v1.projects.list", yield* call(url, "manage.v1.projects.list", { authorization: auth }))
      assert.deepStrictEqual(after.projects, [])
      const gone = yield* call(url, "manage.v1.projects.get", { params: { project_id: projectId }, authorization: auth })
      assert.strictEqual(failure(gone, 404, "NOT_FOUND"), `Project not found: ${projectId}.`)
    }))

  it.scopedLive("seeded projects; leaving a project removes it; each emulator has its own state", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({
        defaultProject: false,
        projects: [
          { id: "p-1", name: "One", members: [{ email: "ada@example.com", scopes: ["admin"] }] },
          { name: "Two", mipOptOut: true }
        ]
      })
      const other = yield* DeepgramEmulator.make()
      const listed = decoded("manage.v1.projects.list", yield* call(emulator.url, "manage.v1.projects.list"))
      assert.deepStrictEqual(listed.projects.map((p: { name: string }) => p.name), ["One", "Two"])
      assert.strictEqual(listed.projects[0].project_id, "p-1")
      const two = decoded(
        "manage.v1.projects.get",
        yield* call(emulator.url, "manage.v1.projects.get", { params: { project_id: listed.projects[1].project_id } })
      )
      assert.isTrue(two.mip_opt_out)

      const members = decoded(
        "manage.v1.projects.members.list",
        yield* call(emulator.url, "manage.v1.projects.members.list", { params: { project_id: "p-1" } })
      )
      assert.deepStrictEqual(members.members.map((m: { email: string }) => m.email), [
        "owner@emulator.deepgram.local",
        "ada@example.com"
      ])

      decoded(
        "manage.v1.projects.leave",
        yield* call(emulator.url, "manage.v1.projects.leave", { params: { project_id: "p-1" } })
      )
      const after = decoded("manage.v1.projects.list", yield* call(emulator.url, "manage.v1.projects.list"))
      assert.deepStrictEqual(after.projects.map((p: { name: string }) => p.name), ["Two"])
      // The other emulator still has its default project.
      const untouched = decoded("manage.v1.projects.list", yield* call(other.url, "manage.v1.projects.list"))
      assert.deepStrictEqual(untouched.projects.map((p: { project_id: string }) => p.project_id), [projectId])
    }))
})

describe("keys", () => {
  it.scopedLive("a created key is listed without its secret, authenticates, and stops when deleted", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const params = { project_id: projectId }
      const initial = decoded("manage.v1.projects.keys.list", yield* call(url, "manage.v1.projects.keys.list", { params, authorization: auth }))
      assert.strictEqual(initial.api_keys.length, 1, "the configured key belongs to the default project")

      const created = decoded(
        "manage.v1.projects.keys.create",
        yield* call(url, "manage.v1.projects.keys.create", {
          params,
          body: { comment: "ci", scopes: ["usage:write"], tags: ["nightly"] },
          authorization: auth
        })
      )
      assert.strictEqual(created.comment, "ci")
      assert.deepStrictEqual(created.scopes, ["usage:write"])
      assert.deepStrictEqual(created.tags, ["nightly"])
      assert.isString(created.key)
      assert.isString(created.api_key_id)

      const listedAnswer = yield* call(url, "manage.v1.projects.keys.list", { params, authorization: auth })
      assert.notInclude(listedAnswer.text, created.key, "the secret is only shown at creation")
      const listed = decoded("manage.v1.projects.keys.list", listedAnswer)
      assert.deepStrictEqual(
        listed.api_keys.map((item: { api_key: { api_key_id: string } }) => item.api_key.api_key_id),
        [initial.api_keys[0].api_key.api_key_id, created.api_key_id]
      )

      const got = decoded(
        "manage.v1.projects.keys.get",
        yield* call(url, "manage.v1.projects.keys.get", {
          params: { ...params, key_id: created.api_key_id },
          authorization: auth
        })
      )
      assert.strictEqual(got.item.member.api_key.comment, "ci")
      assert.deepStrictEqual(got.item.member.api_key.tags, ["nightly"])
      assert.strictEqual(got.item.member.email, "owner@emulator.deepgram.local")

      // The new key works, and its requests are attributed to it.
      const withNewKey = yield* call(url, "manage.v1.projects.list", { authorization: `Token ${created.key}` })
      assert.strictEqual(withNewKey.status, 200)
      const transcribed = yield* postAudio(`${url}/v1/listen`, wav({ sampleRate: 16000, channels: 1, seconds: 1 }), {
        authorization: `Token ${created.key}`
      })
      assert.strictEqual(transcribed.status, 200)
      const requests = decoded(
        "manage.v1.projects.requests.list",
        yield* call(url, "manage.v1.projects.requests.list", {
          params,
          query: { accessor: created.api_key_id },
          authorization: auth
        })
      )
      assert.strictEqual(requests.requests.length, 1)
      assert.strictEqual(requests.requests[0].api_key_id, created.api_key_id)

      // An access token granted to the key is attributed to the key too.
      const grant = yield* call(url, "auth.v1.tokens.grant", { body: { ttl_seconds: 60 }, authorization: `Token ${created.key}` })
      const token = decoded("auth.v1.tokens.grant", grant).access_token
      const withToken = yield* postAudio(`${url}/v1/listen`, wav({ sampleRate: 16000, channels: 1, seconds: 1 }), {
        authorization: `Bearer ${token}`
      })
      assert.strictEqual(withToken.status, 200)
      const both = decoded(
        "manage.v1.projects.requests.list",
        yield* call(url, "manage.v1.projects.requests.list", {
          params,
          query: { accessor: created.api_key_id },
          authorization: auth
        })
      )
      assert.deepStrictEqual(
        both.requests.map((r: { path: string; api_key_id: string }) => [r.path, r.api_key_id]),
        [["/v1/listen", created.api_key_id], ["/v1/listen", created.api_key_id]]
      )

      decoded(
        "manage.v1.projects.keys.delete",
        yield* call(url, "manage.v1.projects.keys.delete", {
          params: { ...params, key_id: created.api_key_id },
          authorization: auth
        })
      )
      failure(yield* call(url, "manage.v1.projects.list", { authorization: `Token ${created.key}` }), 401, "INVALID_AUTH")
      const missing = yield* call(url, "manage.v1.projects.keys.get", {
        params: { ...params, key_id: created.api_key_id },
        authorization: auth
      })
      assert.strictEqual(failure(missing, 404, "NOT_FOUND"), `API key not found: ${created.api_key_id}.`)
      failure(
        yield* call(url, "manage.v1.projects.keys.delete", {
          params: { ...params, key_id: created.api_key_id },
          authorization: auth
        }),
        404
      )
    }))

  it.scopedLive("expiry: status filter, time_to_live_in_seconds, and invalid bodies", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const params = { project_id: projectId }
      const expired = decoded(
        "manage.v1.projects.keys.create",
        yield* call(url, "manage.v1.projects.keys.create", {
          params,
          body: { comment: "old", scopes: ["member"], expiration_date: "2020-01-01T00:00:00Z" },
          authorization: auth
        })
      )
      assert.strictEqual(expired.expiration_date, "2020-01-01T00:00:00.000Z")
      const ttl = decoded(
        "manage.v1.projects.keys.create",
        yield* call(url, "manage.v1.projects.keys.create", {
          params,
          body: { comment: "short", scopes: ["member"], time_to_live_in_seconds: 3600 },
          authorization: auth
        })
      )
      const expiresIn = Date.parse(ttl.expiration_date) - Date.now()
      assert.isTrue(expiresIn > 3500_000 && expiresIn <= 3600_000, `${expiresIn}`)

      // An expired key no longer authenticates; a key with time left does.
      failure(yield* call(url, "manage.v1.projects.list", { authorization: `Token ${expired.key}` }), 401, "INVALID_AUTH")
      assert.strictEqual((yield* call(url, "manage.v1.projects.list", { authorization: `Token ${ttl.key}` })).status, 200)

      const ids = (answer: unknown) =>
        decoded("manage.v1.projects.keys.list", answer as never).api_keys.map(
          (item: { api_key: { comment: string } }) => item.api_key.comment
        )
      assert.deepStrictEqual(
        ids(yield* call(url, "manage.v1.projects.keys.list", { params, query: { status: "expired" }, authorization: auth })),
        ["old"]
      )
      assert.deepStrictEqual(
        ids(yield* call(url, "manage.v1.projects.keys.list", { params, query: { status: "active" }, authorization: auth })),
        ["configured key 1", "short"]
      )

      const create = (body: unknown) => call(url, "manage.v1.projects.keys.create", { params, body, authorization: auth })
      assert.strictEqual(failure(yield* create({ comment: "x" }), 400, "Bad Request"), "Missing required field 'scopes'.")
      assert.strictEqual(
        failure(yield* create({ comment: "x", scopes: "admin" }), 400),
        "Invalid field 'scopes': expected a list, got 'admin'."
      )
      assert.strictEqual(
        failure(yield* create({ comment: "x", scopes: ["a"], color: "red" }), 400),
        "Unknown field 'color'."
      )
      assert.strictEqual(
        failure(yield* create({ comment: "x", scopes: [] }), 400),
        "`scopes` must name at least one scope."
      )
      assert.strictEqual(
        failure(yield* create({ comment: "x", scopes: ["a"], expiration_date: "2030-01-01", time_to_live_in_seconds: 5 }), 400),
        "Give either `expiration_date` or `time_to_live_in_seconds`, not both."
      )
      assert.strictEqual(
        failure(
          yield* request(`${url}/v1/projects/${projectId}/keys`, "{not json"),
          400
        ),
        "The request body is not valid JSON."
      )
      assert.strictEqual(
        failure(yield* call(url, "manage.v1.projects.keys.list", { params, query: { status: "lost" }, authorization: auth }), 400),
        "Invalid query parameter 'status': expected one of active, expired, got 'lost'."
      )
    }))
})

const request = (url: string, body: string) =>
  Effect.tryPromise(async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown }
  })

describe("members, scopes, invites", () => {
  it.scopedLive("scopes update, a deleted member is gone, invites are listed and deleted", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({
        projects: [{ id: "team", name: "Team", members: [{ email: "bob@example.com", firstName: "Bob" }] }]
      })
      const { url } = emulator
      const params = { project_id: "team" }
      const members = decoded("manage.v1.projects.members.list", yield* call(url, "manage.v1.projects.members.list", { params }))
      const bob = members.members.find((m: { email: string }) => m.email === "bob@example.com")
      assert.deepStrictEqual(bob.scopes, ["member"])
      assert.strictEqual(bob.first_name, "Bob")
      const memberParams = { ...params, member_id: bob.member_id }

      decoded(
        "manage.v1.projects.members.scopes.update",
        yield* call(url, "manage.v1.projects.members.scopes.update", { params: memberParams, body: { scope: "admin" } })
      )
      const scopes = decoded(
        "manage.v1.projects.members.scopes.list",
        yield* call(url, "manage.v1.projects.members.scopes.list", { params: memberParams })
      )
      assert.deepStrictEqual(scopes, { scopes: ["admin"] })
      assert.strictEqual(
        failure(yield* call(url, "manage.v1.projects.members.scopes.update", { params: memberParams, body: {} }), 400),
        "Missing required field 'scope'."
      )

      decoded("manage.v1.projects.members.delete", yield* call(url, "manage.v1.projects.members.delete", { params: memberParams }))
      const after = decoded("manage.v1.projects.members.list", yield* call(url, "manage.v1.projects.members.list", { params }))
      assert.notInclude(after.members.map((m: { member_id: string }) => m.member_id), bob.member_id)
      failure(yield* call(url, "manage.v1.projects.members.scopes.list", { params: memberParams }), 404, "NOT_FOUND")
      failure(yield* call(url, "manage.v1.projects.members.delete", { params: memberParams }), 404, "NOT_FOUND")

      decoded(
        "manage.v1.projects.members.invites.create",
        yield* call(url, "manage.v1.projects.members.invites.create", {
          params,
          body: { email: "carol@example.com", scope: "member" }
        })
      )
      const invites = decoded(
        "manage.v1.projects.members.invites.list",
        yield* call(url, "manage.v1.projects.members.invites.list", { params })
      )
      assert.deepStrictEqual(invites, { invites: [{ email: "carol@example.com", scope: "member" }] })
      assert.include(
        failure(
          yield* call(url, "manage.v1.projects.members.invites.create", {
            params,
            body: { email: "not-an-address", scope: "member" }
          }),
          400
        ),
        "expected an e-mail address"
      )
      decoded(
        "manage.v1.projects.members.invites.delete",
        yield* call(url, "manage.v1.projects.members.invites.delete", { params: { ...params, email: "carol@example.com" } })
      )
      const none = decoded(
        "manage.v1.projects.members.invites.list",
        yield* call(url, "manage.v1.projects.members.invites.list", { params })
      )
      assert.deepStrictEqual(none, { invites: [] })
      failure(
        yield* call(url, "manage.v1.projects.members.invites.delete", { params: { ...params, email: "carol@example.com" } }),
        404
      )
    }))
})

describe("models", () => {
  it.scopedLive("global and project models, by uuid or canonical name, outdated ones on request", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const current = decoded("manage.v1.models.list", yield* call(url, "manage.v1.models.list", { authorization: auth }))
      const all = decoded(
        "manage.v1.models.list",
        yield* call(url, "manage.v1.models.list", { query: { include_outdated: true }, authorization: auth })
      )
      assert.isTrue(all.stt.length > current.stt.length)
      assert.include(current.stt.map((m: { canonical_name: string }) => m.canonical_name), "nova-3")
      assert.include(current.tts.map((m: { canonical_name: string }) => m.canonical_name), "aura-2-thalia-en")

      const nova = current.stt.find((m: { canonical_name: string }) => m.canonical_name === "nova-3")
      const byUuid = decoded(
        "manage.v1.models.get",
        yield* call(url, "manage.v1.models.get", { params: { model_id: nova.uuid }, authorization: auth })
      )
      assert.strictEqual(byUuid.canonical_name, "nova-3")
      const projectModels = decoded(
        "manage.v1.projects.models.list",
        yield* call(url, "manage.v1.projects.models.list", { params: { project_id: projectId }, authorization: auth })
      )
      assert.deepStrictEqual(projectModels, current)
      const thalia = decoded(
        "manage.v1.projects.models.get",
        yield* call(url, "manage.v1.projects.models.get", {
          params: { project_id: projectId, model_id: "aura-2-thalia-en" },
          authorization: auth
        })
      )
      assert.strictEqual(thalia.metadata.accent, "American")
      failure(
        yield* call(url, "manage.v1.models.get", { params: { model_id: "nova-99" }, authorization: auth }),
        404,
        "NOT_FOUND"
      )
      assert.strictEqual(
        failure(yield* call(url, "manage.v1.models.list", { query: { include_outdated: "yes" }, authorization: auth }), 400),
        "Invalid query parameter 'include_outdated': expected a boolean (true or false), got 'yes'."
      )
    }))
})

describe("routing and auth", () => {
  it.scopedLive("every operation of the spec has a route", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      for (const name of Operations.operationNames) {
        const op = Operations.operations[name]
        const params = Object.fromEntries(op.pathParams.map((param) => [param, param === "project_id" ? projectId : "x"]))
        const answer = yield* call(url, name, { params, authorization: auth, ...(op.body !== undefined ? { body: {} } : {}) })
        assert.notInclude([405, 501], answer.status, `${name}: ${answer.text}`)
        assert.notInclude(answer.text, "No such endpoint", name)
      }
    }))

  it.scopedLive("unknown paths, wrong methods, missing credentials", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const get = (path: string, init?: RequestInit) =>
        Effect.tryPromise(async () => {
          const response = await fetch(`${url}${path}`, { headers: { authorization: auth }, ...init })
          const text = await response.text()
          return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown }
        })
      assert.strictEqual(failure(yield* get("/v1/projectz"), 404, "NOT_FOUND"), "No such endpoint: GET /v1/projectz.")
      const wrongMethod = yield* get("/v1/projects", { method: "PUT", headers: { authorization: auth } })
      failure(wrongMethod, 405, "METHOD_NOT_ALLOWED")
      assert.strictEqual(wrongMethod.headers.get("allow"), "GET")
      const keysMethod = yield* get(`/v1/projects/${projectId}/keys`, { method: "PATCH", headers: { authorization: auth } })
      failure(keysMethod, 405)
      assert.strictEqual(keysMethod.headers.get("allow"), "GET, POST")
      // A missing id is a 404 too.
      assert.strictEqual(
        failure(yield* get(`/v1/projects/${projectId}/keys/`, { method: "DELETE", headers: { authorization: auth } }), 404),
        `No such endpoint: DELETE /v1/projects/${projectId}/keys/.`
      )
      failure(yield* call(url, "manage.v1.projects.list", { authorization: "Token wrong" }), 401, "INVALID_AUTH")
      failure(yield* call(url, "manage.v1.projects.list", { authorization: "" }), 401, "INVALID_AUTH")
      assert.strictEqual(
        failure(yield* call(url, "manage.v1.projects.list", { query: { page: 1 }, authorization: auth }), 400),
        "Unknown query parameter 'page'."
      )
      failure(
        yield* call(url, "manage.v1.projects.keys.list", { params: { project_id: "nope" }, authorization: auth }),
        404,
        "NOT_FOUND"
      )
    }))
})

describe("billing", () => {
  it.scopedLive("balances go down with usage; purchases; billing fields and breakdown", () =>
    Effect.gen(function*() {
      const { url } = yield* start
      const params = { project_id: projectId }
      const before = decoded("manage.v1.projects.billing.balances.list", yield* call(url, "manage.v1.projects.billing.balances.list", { params, authorization: auth }))
      assert.strictEqual(before.balances.length, 1)
      assert.strictEqual(before.balances[0].amount, 200)
      assert.strictEqual(before.balances[0].units, "usd")

      // One minute of audio: 0.0043 USD at the emulator's listen rate.
      const minute = wav({ sampleRate: 8000, channels: 1, seconds: 60 })
      assert.strictEqual((yield* postAudio(`${url}/v1/listen?tag=billing`, minute, { authorization: auth })).status, 200)

      const balance = decoded(
        "manage.v1.projects.billing.balances.get",
        yield* call(url, "manage.v1.projects.billing.balances.get", {
          params: { ...params, balance_id: before.balances[0].balance_id },
          authorization: auth
        })
      )
      assert.closeTo(balance.amount, 200 - 0.0043, 1e-6)
      failure(
        yield* call(url, "manage.v1.projects.billing.balances.get", { params: { ...params, balance_id: "x" }, authorization: auth }),
        404
      )

      const purchases = decoded(
        "manage.v1.projects.billing.purchases.list",
        yield* call(url, "manage.v1.projects.billing.purchases.list", { params, query: { limit: 5 }, authorization: auth })
      )
      assert.strictEqual(purchases.orders.length, 1)
      assert.strictEqual(purchases.orders[0].order_id, before.balances[0].purchase_order_id)

      const fields = decoded(
        "manage.v1.projects.billing.fields.list",
        yield* call(url, "manage.v1.projects.billing.fields.list", { params, authorization: auth })
      )
      assert.deepStrictEqual(fields.tags, ["billing"])
      assert.deepStrictEqual(fields.deployments, ["hosted"])
      assert.deepStrictEqual(Object.keys(fields.line_items), ["listen::sync"])

      const breakdown = decoded(
        "manage.v1.projects.billing.breakdown.list",
        yield* call(url, "manage.v1.projects.billing.breakdown.list", {
          params,
          query: { grouping: ["line_item", "tags"] },
          authorization: auth
        })
      )
      assert.strictEqual(breakdown.results.length, 1)
      assert.closeTo(breakdown.results[0].dollars, 0.0043, 1e-6)
      assert.strictEqual(breakdown.results[0].grouping.line_item, "listen::sync")
      assert.deepStrictEqual(breakdown.results[0].grouping.tags, ["billing"])
      assert.isNull(breakdown.results[0].grouping.accessor)
      assert.strictEqual(
        failure(
          yield* call(url, "manage.v1.projects.billing.breakdown.list", {
            params,
            query: { grouping: ["colour"] },
            authorization: auth
          }),
          400
        ),
        "Invalid query parameter 'grouping[0]': expected one of accessor, deployment, line_item, tags, got 'colour'."
      )
    }))
})
