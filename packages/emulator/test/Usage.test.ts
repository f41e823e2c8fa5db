/**
 * Usage, usage fields and breakdown, and the requests list, computed from the journal of the requests the
 * emulator served.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import WebSocket from "ws"
import { DeepgramEmulator } from "../src/index.js"
import { call, decoded, failure } from "./rest.js"
import { postAudio, request, wav } from "./utils.js"

const projectId = DeepgramEmulator.defaultProjectId
const params = { project_id: projectId }
const today = new Date().toISOString().slice(0, 10)
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

/** Three listens (two seconds of stereo, one second of mono), two reads, one failed listen. */
const traffic = (url: string) =>
  Effect.gen(function*() {
    const stereo = wav({ sampleRate: 8000, channels: 2, seconds: 2 })
    const mono = wav({ sampleRate: 8000, channels: 1, seconds: 1 })
    const ids: Array<string> = []
    const listen = (query: string, body: Uint8Array) =>
      Effect.map(postAudio(`${url}/v1/listen${query}`, body, { authorization: "Token test-key" }), (answer) => {
        ids.push(answer.headers.get("dg-request-id")!)
        return answer.status
      })
    assert.strictEqual(yield* listen("?model=nova-3&tag=a&diarize=true", stereo), 200)
    assert.strictEqual(yield* listen("?model=nova-3&tag=b", mono), 200)
    assert.strictEqual(yield* listen("?model=nova-2", mono), 200)
    assert.strictEqual(yield* listen("?punctuate=maybe", mono), 400)
    for (const text of ["Short text.", "A longer text for the read endpoint."]) {
      const read = yield* call(url, "read.v1.text.analyze", { query: { summarize: true, tag: "r" }, body: { text } })
      assert.strictEqual(read.status, 200)
      ids.push(read.headers.get("dg-request-id")!)
    }
    return ids
  })

describe("requests list", () => {
  it.scopedLive("pages through every request, newest first, with the right totals", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const ids = yield* traffic(url)
      // Management calls are not listed.
      decoded("manage.v1.projects.list", yield* call(url, "manage.v1.projects.list"))

      const pages: Array<string> = []
      for (let page = 0; page < 4; page++) {
        const answer = decoded(
          "manage.v1.projects.requests.list",
          yield* call(url, "manage.v1.projects.requests.list", { params, query: { limit: 2, page } })
        )
        assert.strictEqual(answer.page, page)
        assert.strictEqual(answer.limit, 2)
        assert.strictEqual(answer.requests.length, page < 3 ? 2 : 0)
        pages.push(...answer.requests.map((r: { request_id: string }) => r.request_id))
      }
      assert.deepStrictEqual(pages, [...ids].reverse())

      const first = decoded(
        "manage.v1.projects.requests.list",
        yield* call(url, "manage.v1.projects.requests.list", { params, query: { request_id: ids[0]! } })
      )
      const listed = first.requests[0]
      assert.strictEqual(listed.path, "/v1/listen?model=nova-3&tag=a&diarize=true")
      assert.strictEqual(listed.code, 200)
      assert.strictEqual(listed.deployment, "hosted")
      assert.strictEqual(listed.project_uuid, projectId)
      assert.strictEqual(listed.response.details.duration, 2)
      assert.strictEqual(listed.response.details.channels, 2)
      assert.deepStrictEqual(listed.response.details.models, ["nova-3"])
      assert.deepStrictEqual(listed.response.details.features, ["diarize"])

      const got = decoded(
        "manage.v1.projects.requests.get",
        yield* call(url, "manage.v1.projects.requests.get", { params: { ...params, request_id: ids[0]! } })
      )
      assert.deepStrictEqual(got.request, listed)
      failure(
        yield* call(url, "manage.v1.projects.requests.get", { params: { ...params, request_id: "nope" } }),
        404,
        "NOT_FOUND"
      )
    }))

  it.scopedLive("filters: endpoint, status, method, date range; limits validated", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const ids = yield* traffic(url)
      const list = (query: Record<string, string | number>) =>
        Effect.map(
          call(url, "manage.v1.projects.requests.list", { params, query: { limit: 100, ...query } }),
          (answer) =>
            decoded("manage.v1.projects.requests.list", answer).requests.map((r: { request_id: string }) => r.request_id)
        )
      assert.deepStrictEqual(yield* list({ endpoint: "read" }), [ids[5], ids[4]])
      assert.deepStrictEqual(yield* list({ status: "failed" }), [ids[3]])
      assert.strictEqual((yield* list({ status: "succeeded" })).length, 5)
      assert.strictEqual((yield* list({ method: "sync" })).length, 6)
      assert.deepStrictEqual(yield* list({ method: "streaming" }), [])
      assert.strictEqual((yield* list({ start: today, end: today })).length, 6)
      assert.strictEqual((yield* list({ start: `${today}T00:00:00Z` })).length, 6)
      assert.deepStrictEqual(yield* list({ start: tomorrow }), [])
      assert.deepStrictEqual(yield* list({ deployment: "self-hosted" }), [])

      const bad = (query: Record<string, string | number>) =>
        Effect.map(call(url, "manage.v1.projects.requests.list", { params, query }), (answer) => failure(answer, 400))
      assert.strictEqual(
        yield* bad({ limit: 0 }),
        "Invalid query parameter 'limit': expected an integer from 1 to 1000, got 0."
      )
      assert.strictEqual(yield* bad({ limit: "ten" }), "Invalid query parameter 'limit': expected a number, got 'ten'.")
      assert.strictEqual(yield* bad({ page: -1 }), "Invalid query parameter 'page': expected an integer >= 0, got -1.")
      assert.include(yield* bad({ start: "yesterday" }), "Invalid query parameter 'start': expected a date")
      assert.strictEqual(yield* bad({ start: tomorrow, end: today }), "`end` must not be before `start`.")
      assert.strictEqual(
        yield* bad({ endpoint: "transcribe" }),
        "Invalid query parameter 'endpoint': expected one of listen, read, speak, agent, got 'transcribe'."
      )
      assert.strictEqual(yield* bad({ sort: "asc" }), "Unknown query parameter 'sort'.")
    }))

  it.scopedLive("requests are attributed to the project that holds the key; live streams count as streaming", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({
        auth: "keys",
        apiKeys: ["first-key"],
        projects: [{ id: "second", name: "Second" }]
      })
      const { url } = emulator
      const created = decoded(
        "manage.v1.projects.keys.create",
        yield* call(url, "manage.v1.projects.keys.create", {
          params: { project_id: "second" },
          body: { comment: "second's key", scopes: ["member"] },
          authorization: "Token first-key"
        })
      )
      const audio = wav({ sampleRate: 8000, channels: 1, seconds: 1 })
      assert.strictEqual((yield* postAudio(`${url}/v1/listen`, audio, { authorization: "Token first-key" })).status, 200)
      assert.strictEqual((yield* postAudio(`${url}/v1/listen`, audio, { authorization: `Token ${created.key}` })).status, 200)
      const count = (projectId: string) =>
        Effect.map(
          call(url, "manage.v1.projects.requests.list", { params: { project_id: projectId }, authorization: "Token first-key" }),
          (answer) => decoded("manage.v1.projects.requests.list", answer).requests.length
        )
      assert.strictEqual(yield* count(DeepgramEmulator.defaultProjectId), 1)
      assert.strictEqual(yield* count("second"), 1)

      // A live stream (WebSocket) is a streaming request.
      const ws = new WebSocket(`${emulator.wsUrl}/v1/listen?model=nova-3`, ["token", "first-key"])
      yield* Effect.async<void>((resume) => {
        ws.onopen = () => {
          ws.send(new Uint8Array(3200))
          ws.send(JSON.stringify({ type: "CloseStream" }))
        }
        ws.onclose = () => resume(Effect.void)
      })
      yield* emulator.journal
      const streaming = decoded(
        "manage.v1.projects.requests.list",
        yield* call(url, "manage.v1.projects.requests.list", {
          params: { project_id: DeepgramEmulator.defaultProjectId },
          query: { method: "streaming" },
          authorization: "Token first-key"
        })
      )
      assert.strictEqual(streaming.requests.length, 1)
      assert.strictEqual(streaming.requests[0].response.details.streams, 1)
    }))
})

describe("usage", () => {
  it.scopedLive("usage, breakdown and fields add up what the journal holds", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      yield* traffic(url)

      const usage = decoded(
        "manage.v1.projects.usage.get",
        yield* call(url, "manage.v1.projects.usage.get", { params, query: { start: today, end: today } }),
        true
      )
      assert.strictEqual(usage.start, today)
      assert.strictEqual(usage.end, today)
      assert.deepStrictEqual(usage.resolution, { units: "day", amount: 1 })
      // Deepgram also answers totals per day (not in the spec): kept for clients that read them.
      const raw = (yield* call(url, "manage.v1.projects.usage.get", { params })).json as {
        results: Array<{ hours: number; total_hours: number; requests: number }>
      }
      assert.strictEqual(raw.results.length, 1)
      assert.strictEqual(raw.results[0]!.requests, 5)
      assert.closeTo(raw.results[0]!.hours, 4 / 3600, 1e-6)
      assert.closeTo(raw.results[0]!.total_hours, 6 / 3600, 1e-6)

      const breakdown = (query: Record<string, string | boolean>) =>
        Effect.map(
          call(url, "manage.v1.projects.usage.breakdown.get", { params, query }),
          (answer) => decoded("manage.v1.projects.usage.breakdown.get", answer)
        )
      const total = yield* breakdown({})
      assert.strictEqual(total.results.length, 1)
      assert.strictEqual(total.results[0].requests, 5)
      assert.closeTo(total.results[0].hours, 4 / 3600, 1e-6)
      assert.strictEqual(total.results[0].tts_characters, 0)
      assert.strictEqual(total.results[0].tokens_in, Math.ceil(11 / 4) + Math.ceil(36 / 4))

      const byEndpoint = yield* breakdown({ grouping: "endpoint" })
      assert.deepStrictEqual(
        byEndpoint.results.map((r: { grouping: { endpoint: string }; requests: number }) => [r.grouping.endpoint, r.requests]),
        [["listen", 3], ["read", 2]]
      )
      const byModel = yield* breakdown({ grouping: "models", endpoint: "listen" })
      assert.deepStrictEqual(
        byModel.results.map((r: { grouping: { models: Array<string> }; requests: number }) => [r.grouping.models, r.requests]),
        [[["nova-3"], 2], [["nova-2"], 1]]
      )
      const nova3 = yield* breakdown({ model: "nova-3" })
      assert.closeTo(nova3.results[0].hours, 3 / 3600, 1e-6)
      const diarized = yield* breakdown({ diarize: true })
      assert.strictEqual(diarized.results[0].requests, 1)
      const notDiarized = yield* breakdown({ diarize: false })
      assert.strictEqual(notDiarized.results[0].requests, 4)
      const tagged = yield* breakdown({ tag: "b" })
      assert.strictEqual(tagged.results[0].requests, 1)
      const empty = yield* breakdown({ start: tomorrow })
      assert.strictEqual(empty.results[0].requests, 0)

      const fields = decoded(
        "manage.v1.projects.usage.fields.list",
        yield* call(url, "manage.v1.projects.usage.fields.list", { params })
      )
      assert.deepStrictEqual(fields.tags, ["a", "b", "r"])
      assert.deepStrictEqual(fields.models.map((m: { name: string }) => m.name), ["nova-3", "nova-2", "read"])
      assert.deepStrictEqual(fields.processing_methods, ["sync"])
      assert.include(fields.features, "diarize")

      assert.strictEqual(
        failure(yield* call(url, "manage.v1.projects.usage.get", { params, query: { diarize: "often" } }), 400),
        "Invalid query parameter 'diarize': expected a boolean (true or false), got 'often'."
      )
      assert.strictEqual(
        failure(yield* call(url, "manage.v1.projects.usage.breakdown.get", { params, query: { grouping: "day" } }), 400),
        "Invalid query parameter 'grouping': expected one of accessor, endpoint, feature_set, models, method, tags, deployment, got 'day'."
      )
    }))

  it.scopedLive("text to speech counts its characters", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const text = "Hello from the emulator."
      const spoken = yield* request(`${url}/v1/speak?model=aura-2-thalia-en&encoding=linear16&container=wav`, {
        method: "POST",
        headers: { authorization: "Token x", "content-type": "application/json" },
        body: JSON.stringify({ text })
      })
      assert.strictEqual(spoken.status, 200)
      const breakdown = decoded(
        "manage.v1.projects.usage.breakdown.get",
        yield* call(url, "manage.v1.projects.usage.breakdown.get", { params, query: { endpoint: "speak" } })
      )
      assert.strictEqual(breakdown.results[0].tts_characters, text.length)
      assert.strictEqual(breakdown.results[0].requests, 1)
      const listed = decoded(
        "manage.v1.projects.requests.list",
        yield* call(url, "manage.v1.projects.requests.list", { params, query: { endpoint: "speak" } })
      )
      assert.deepStrictEqual(listed.requests[0].response.details.models, ["aura-2-thalia-en"])
      assert.strictEqual(listed.requests[0].response.details.characters, text.length)
    }))

  it.scopedLive("a project without traffic has empty usage", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make({ projects: [{ id: "quiet", name: "Quiet" }] })
      yield* request(`${url}/v1/projects`, { headers: { authorization: "Token x" } })
      const breakdown = decoded(
        "manage.v1.projects.usage.breakdown.get",
        yield* call(url, "manage.v1.projects.usage.breakdown.get", { params: { project_id: "quiet" } })
      )
      assert.strictEqual(breakdown.results[0].requests, 0)
      assert.strictEqual(breakdown.start, today)
    }))
})
