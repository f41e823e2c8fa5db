// Every REST operation of the spec, through the SDK's public API, against the emulator over loopback.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Agent, Auth, DeepgramHttp, Listen, Manage, Passthrough, Read, SelfHosted, Speak } from "@effect-deepgram/node"
import { Operations } from "@effect-deepgram/schema"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { emulatorLayer, sdkFor } from "./helpers.js"

const project = DeepgramEmulator.defaultProjectId
const sdk = sdkFor()

const run = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, sdk)

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(run(effect))

const riffHeader = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(0, 4))

layer(emulatorLayer(), { excludeTestServices: true })("the REST API through the SDK", (it) => {
  it.effect("Speak streams WAV audio with its metadata", () =>
    run(Effect.gen(function*() {
      const speak = yield* Speak.Speak
      const response = yield* speak.generate("Hello from Effect. This is a test.", {
        model: "aura-2-thalia-en",
        encoding: "linear16",
        container: "wav",
        sample_rate: 24000
      })
      assert.strictEqual(response.metadata.characters, "Hello from Effect. This is a test.".length)
      assert.isString(response.metadata.requestId)
      assert.strictEqual(response.metadata.model, "aura-2-thalia-en")
      assert.match(response.metadata.contentType ?? "", /audio\/(wav|x-wav)/)
      const chunks = yield* Stream.runCollect(response.stream)
      assert.isAbove(chunks.length, 1, "the audio arrives in several chunks, not one buffer")
      const bytes = Buffer.concat(Chunk.toArray(chunks))
      assert.strictEqual(riffHeader(bytes), "RIFF")
      // 16-bit mono at 24 kHz: at least a second of audio for a sentence this long.
      assert.isAbove(bytes.byteLength, 24000 * 2)
    })))

  it.effect("Speak v1 audio() is a plain byte stream; v2 needs a model", () =>
    run(Effect.gen(function*() {
      const speak = yield* Speak.Speak
      const bytes = yield* speak.audio("Short.", { encoding: "mulaw", container: "none", sample_rate: 8000 }).pipe(
        Stream.runFold(0, (n, chunk) => n + chunk.byteLength)
      )
      assert.isAbove(bytes, 1000)
      const v2 = yield* speak.audioV2("Flux voice.", { model: "flux-alexis-en", encoding: "linear16", container: "wav" })
        .pipe(Stream.runCollect)
      assert.strictEqual(riffHeader(Buffer.concat(Chunk.toArray(v2))), "RIFF")
    })))

  it.effect("Speak writes a playable WAV file", () =>
    run(Effect.gen(function*() {
      const speak = yield* Speak.Speak
      const path = join(mkdtempSync(join(tmpdir(), "dg-speak-")), "hello.wav")
      const metadata = yield* speak.toFile(path, "Hello file.", { encoding: "linear16", container: "wav" })
      const bytes = readFileSync(path)
      assert.strictEqual(riffHeader(bytes), "RIFF")
      assert.strictEqual(bytes.readUInt32LE(4), bytes.byteLength - 8, "the RIFF size matches the file")
      assert.strictEqual(metadata.characters, "Hello file.".length)
    })))

  it.effect("Speak refuses text over the limit, empty text and unknown options before sending", () =>
    Effect.gen(function*() {
      const before = (yield* DeepgramEmulator.journal).length
      const tooLong = yield* failure(Effect.flatMap(Speak.Speak, (s) => s.generate("a".repeat(2001))))
      assert.strictEqual(tooLong._tag, "DeepgramInputError")
      assert.match(tooLong.message, /2001 characters; one request takes at most 2000/)
      const empty = yield* failure(Effect.flatMap(Speak.Speak, (s) => s.generate("  ")))
      assert.match(empty.message, /text must be non-empty/)
      const unknown = yield* failure(
        Effect.flatMap(Speak.Speak, (s) => s.generate("Hi", { voice: "x" } as unknown as Speak.Options))
      )
      assert.match(unknown.message, /speak\.v1\.audio\.generate options: voice: is not a known option/)
      assert.strictEqual((yield* DeepgramEmulator.journal).length, before, "nothing was sent")
    }))

  it.effect("Speak with a callback answers with the request id only", () =>
    run(Effect.gen(function*() {
      const speak = yield* Speak.Speak
      const accepted = yield* speak.generate("Call me back.", { callback: "http://127.0.0.1:9/none" })
      assert.isString(accepted.request_id)
    })))

  it.effect("Read analyses text deterministically, and a bare string is text", () =>
    run(Effect.gen(function*() {
      const read = yield* Read.Read
      const text = "The launch went wonderfully. Everyone was thrilled. The rocket reached orbit and the crew is safe."
      const first = yield* read.analyze({ text }, { summarize: true, topics: true, sentiment: true, intents: true, language: "en" })
      const second = yield* read.analyze(text, { summarize: true, topics: true, sentiment: true, intents: true, language: "en" })
      assert.deepStrictEqual(first.results, second.results)
      assert.isString(first.results.summary?.results?.summary?.text)
      assert.isDefined(first.results.sentiments?.average)
      assert.isAbove(first.results.topics?.results?.topics?.segments?.length ?? 0, 0)
      assert.isString(first.metadata.metadata?.request_id)
    })))

  it.effect("Read refuses an unknown option with a short message naming it", () =>
    Effect.gen(function*() {
      const error = yield* failure(
        Effect.flatMap(Read.Read, (read) => read.analyze("Hello.", { summarise: true } as unknown as Read.Options))
      )
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.match(error.message, /read\.v1\.text\.analyze options: summarise: is not a known option/)
      assert.isBelow(error.message.length, 300)
    }))

  it.effect("a mistyped option names the field and the expected type in one short line", () =>
    Effect.gen(function*() {
      const error = yield* failure(
        Effect.flatMap(Listen.Listen, (listen) =>
          listen.transcribeUrl("https://example.com/a.wav", { model: 123 } as unknown as Listen.TranscribeOptions))
      )
      assert.strictEqual(
        error.message,
        "InvalidOptions: listen.v1.media.transcribe options: model: Expected string (e.g. \"nova-3\", \"nova-3-general\"), actual 123"
      )
      const enumError = yield* failure(
        Effect.flatMap(Manage.Manage, (m) => m.keys.list(project, { status: "sleeping" } as never))
      )
      assert.match(enumError.message, /status: Expected "active" \| "expired", actual "sleeping"$/)
    }))

  it.effect("Auth grants a token that the emulator then accepts as Bearer", () =>
    Effect.gen(function*() {
      const { access_token, expires_in } = yield* run(Effect.flatMap(Auth.Auth, (auth) => auth.grant({ ttl_seconds: 60 })))
      assert.strictEqual(expires_in, 60)
      const projects = yield* Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
        Effect.provide(sdkFor({ apiKey: undefined, accessToken: access_token }))
      )
      assert.isAbove(projects.projects?.length ?? 0, 0)
      const entries = yield* DeepgramEmulator.journal
      assert.strictEqual(entries[entries.length - 1]!.authScheme, "bearer")
    }))

  it.effect("Manage: projects, keys, members, scopes and invites stay consistent", () =>
    run(Effect.gen(function*() {
      const manage = yield* Manage.Manage
      const { projects } = yield* manage.projects.list()
      assert.isTrue(projects?.some((p) => p.project_id === project))
      const got = yield* manage.projects.get(project)
      assert.strictEqual(got.project_id, project)
      yield* manage.projects.update(project, { name: "Renamed by the SDK" })
      assert.strictEqual((yield* manage.projects.get(project)).name, "Renamed by the SDK")

      const key = yield* manage.keys.create(project, { comment: "ci", scopes: ["usage:write"] })
      assert.isString(key.key)
      const keys = yield* manage.keys.list(project)
      assert.isTrue(keys.api_keys?.some((k) => k.api_key?.api_key_id === key.api_key_id))
      const one = yield* manage.keys.get(project, key.api_key_id!)
      assert.strictEqual(one.item?.member?.api_key?.comment, "ci")
      yield* manage.keys.delete(project, key.api_key_id!)
      const after = yield* manage.keys.list(project)
      assert.isFalse(after.api_keys?.some((k) => k.api_key?.api_key_id === key.api_key_id))

      const invite = "new.person@example.com"
      yield* manage.invites.create(project, { email: invite, scope: "member" })
      assert.isTrue((yield* manage.invites.list(project)).invites?.some((i) => i.email === invite))
      yield* manage.invites.delete(project, invite)
      assert.isFalse((yield* manage.invites.list(project)).invites?.some((i) => i.email === invite))

      const { members } = yield* manage.members.list(project)
      assert.isAbove(members?.length ?? 0, 0)
      const member = members!.find((m) => !(m.scopes ?? []).includes("owner")) ?? members![members!.length - 1]!
      yield* manage.scopes.update(project, member.member_id!, { scope: "admin" })
      const scopes = yield* manage.scopes.list(project, member.member_id!)
      assert.include(scopes.scopes ?? [], "admin")
      yield* manage.members.delete(project, member.member_id!)
      assert.isFalse((yield* manage.members.list(project)).members?.some((m) => m.member_id === member.member_id))
    })))

  it.effect("Manage: a missing id is a typed 404, an empty id never leaves the process", () =>
    Effect.gen(function*() {
      const notFound = yield* failure(Effect.flatMap(Manage.Manage, (m) => m.keys.get(project, "no-such-key")))
      assert.strictEqual(notFound._tag, "DeepgramApiError")
      if (notFound._tag === "DeepgramApiError") assert.strictEqual(notFound.status, 404)
      const empty = yield* failure(Effect.flatMap(Manage.Manage, (m) => m.keys.get(project, "")))
      assert.strictEqual(empty._tag, "DeepgramInputError")
      assert.match(empty.message, /manage\.v1\.projects\.keys\.get: key_id must be a non-empty string/)
    }))

  it.effect("Manage: models, usage, balances, billing and purchases answer schema-valid bodies", () =>
    run(Effect.gen(function*() {
      const manage = yield* Manage.Manage
      const models = yield* manage.models.list()
      const modelId = models.stt?.[0]?.uuid ?? models.tts?.[0]?.uuid
      assert.isString(modelId)
      assert.isDefined(yield* manage.models.get(modelId!))
      assert.isDefined(yield* manage.models.listForProject(project, { include_outdated: true }))
      assert.isDefined(yield* manage.models.getForProject(project, modelId!))
      assert.isDefined(yield* manage.usage.get(project, { start: "2020-01-01" }))
      assert.isDefined(yield* manage.usage.fields(project))
      assert.isDefined(yield* manage.usage.breakdown(project, { grouping: "models" }))
      const { balances } = yield* manage.balances.list(project)
      const balanceId = balances?.[0]?.balance_id
      if (balanceId !== undefined) assert.isDefined(yield* manage.balances.get(project, balanceId))
      assert.isDefined(yield* manage.billing.breakdown(project))
      assert.isDefined(yield* manage.billing.fields(project))
      assert.isDefined(yield* manage.purchases.list(project, { limit: 5 }))
    })))

  it.effect("Manage: the request log follows its pages as a Stream, fetched lazily", () =>
    run(Effect.gen(function*() {
      const read = yield* Read.Read
      // 23 served requests in the journal → 3 pages of 10.
      yield* Effect.forEach(Array.from({ length: 23 }, (_, i) => `Request number ${i}.`), (text) => read.analyze(text), {
        discard: true
      })
      const manage = yield* Manage.Manage
      const all = yield* manage.requests.listAll(project, { limit: 10 }).pipe(Stream.runCollect)
      assert.isAtLeast(all.length, 23)
      assert.strictEqual(new Set(Chunk.toArray(all).map((r) => r.request_id)).size, all.length, "no request twice")
      const before = (yield* DeepgramEmulator.journal).length
      const firstFive = yield* manage.requests.listAll(project, { limit: 10 }).pipe(Stream.take(5), Stream.runCollect)
      assert.strictEqual(firstFive.length, 5)
      assert.strictEqual((yield* DeepgramEmulator.journal).length, before + 1, "one page was enough")
      const one = yield* manage.requests.get(project, all.pipe(Chunk.unsafeGet(0)).request_id!)
      assert.isDefined(one)
    })))

  it.effect("SelfHosted: distribution credentials are created, listed, read and deleted", () =>
    run(Effect.gen(function*() {
      const selfHosted = yield* SelfHosted.SelfHosted
      const created = yield* selfHosted.credentials.create(project, { comment: "cluster" }, { provider: "quay" })
      const id = created.distribution_credentials?.distribution_credentials_id
      assert.isString(id)
      const listed = yield* selfHosted.credentials.list(project)
      assert.isTrue(
        listed.distribution_credentials?.some((c) => c.distribution_credentials?.distribution_credentials_id === id)
      )
      assert.isDefined(yield* selfHosted.credentials.get(project, id!))
      yield* selfHosted.credentials.delete(project, id!)
      const gone = yield* Effect.flip(selfHosted.credentials.get(project, id!))
      assert.strictEqual(gone._tag, "DeepgramApiError")
    })))

  it.effect("Agent REST: think models on the agent endpoint, configurations and variables", () =>
    run(Effect.gen(function*() {
      const agent = yield* Agent.Agent
      const { models } = yield* agent.thinkModels()
      assert.isAbove(models?.length ?? 0, 0)
      const config = yield* agent.configurations.create(project, {
        config: JSON.stringify({ agent: { think: { provider: { type: "open_ai", model: "gpt-4o-mini" } } } })
      })
      const agentId = config.agent_id
      assert.isString(agentId)
      assert.isTrue((yield* agent.configurations.list(project)).agents?.some((a) => a.agent_id === agentId))
      assert.strictEqual((yield* agent.configurations.get(project, agentId!)).agent_id, agentId)
      yield* agent.configurations.update(project, agentId!, { metadata: { team: "sdk" } })
      yield* agent.configurations.delete(project, agentId!)

      const variable = yield* agent.variables.create(project, { key: "DG_GREETING", value: "Hello" })
      const variableId = variable.variable_id
      assert.isString(variableId)
      assert.isTrue((yield* agent.variables.list(project)).variables?.some((v) => v.variable_id === variableId))
      yield* agent.variables.update(project, variableId!, { value: "Hi" })
      assert.strictEqual((yield* agent.variables.get(project, variableId!)).value, "Hi")
      yield* agent.variables.delete(project, variableId!)
    })))

  it.effect("Passthrough calls any path with the SDK's credentials and errors", () =>
    run(Effect.gen(function*() {
      const projects = yield* Passthrough.json("GET", "/v1/projects", {
        schema: Operations.operations["manage.v1.projects.list"].response
      })
      assert.isTrue(projects.projects?.some((p) => p.project_id === project))
      const missing = yield* Effect.flip(Passthrough.json("GET", "/v1/not-a-thing"))
      assert.strictEqual(missing._tag, "DeepgramApiError")
      if (missing._tag === "DeepgramApiError") assert.strictEqual(missing.status, 404)
      const audio = yield* Passthrough.stream("POST", "/v1/speak?encoding=linear16&container=wav", {
        body: { text: "Raw." },
        accept: "audio/*"
      })
      assert.strictEqual(audio.info.status, 200)
      const bytes = yield* Stream.runCollect(audio.stream)
      assert.strictEqual(riffHeader(Buffer.concat(Chunk.toArray(bytes))), "RIFF")
      const bad = yield* Effect.flip(Passthrough.json("GET", "v1/projects"))
      assert.strictEqual(bad._tag, "DeepgramInputError")
    })))

  it.effect("transformClient wraps the HTTP client under every REST call", () =>
    Effect.gen(function*() {
      let seen = 0
      const Wrapped = sdkFor({
        transformClient: (client) =>
          client.pipe(
            HttpClient.mapRequest(HttpClientRequest.setHeader("x-team", "speech")),
            HttpClient.tapRequest(() => Effect.sync(() => seen++))
          )
      })
      yield* Effect.flatMap(Manage.Manage, (m) => m.projects.get(project)).pipe(Effect.provide(Wrapped))
      const entries = yield* DeepgramEmulator.journal
      assert.strictEqual(entries[entries.length - 1]!.headers["x-team"], "speech")
      assert.strictEqual(seen, 1)
    }))

  it.effect("withResponse gives the request id and headers of any operation", () =>
    run(Effect.gen(function*() {
      const manage = yield* Manage.Manage
      const [body, response] = yield* DeepgramHttp.withResponse(manage.projects.get(project))
      assert.strictEqual(body.project_id, project)
      assert.strictEqual(response.status, 200)
      assert.isString(response.requestId)
    })))
})

// A body that is not what the operation promises (an HTML error page from a proxy, say).
layer(emulatorLayer(), { excludeTestServices: true })("REST bodies that are not what the spec promises", (it) => {
  const serve = (status: number, contentType: string, body: string) =>
    Effect.acquireRelease(
      Effect.async<{ url: string; close: () => void }>((resume) => {
        const server = createServer((_req, res) => {
          res.writeHead(status, { "content-type": contentType })
          res.end(body)
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            close: () => server.close()
          })))
      }),
      (server) => Effect.sync(server.close)
    )

  const page = `<!doctype html><html><head><title>502 Bad Gateway</title></head><body>${"<p>nginx</p>".repeat(500)}</body></html>`

  it.scoped("an HTML page instead of JSON is a decode error with a short excerpt", () =>
    Effect.gen(function*() {
      const server = yield* serve(200, "text/html", page)
      const error = yield* Effect.flip(
        Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
          Effect.provide(sdkFor({ baseUrl: server.url, retry: { retries: 0 } }))
        )
      )
      assert.strictEqual(error._tag, "DeepgramDecodeError")
      assert.isBelow(error.message.length, 600)
      assert.include(error.message, "HTML page: 502 Bad Gateway")
    }))

  it.scoped("an HTML error page is an API error whose message stays short", () =>
    Effect.gen(function*() {
      const server = yield* serve(502, "text/html", page)
      const error = yield* Effect.flip(
        Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
          Effect.provide(sdkFor({ baseUrl: server.url, retry: { retries: 0 } }))
        )
      )
      assert.strictEqual(error._tag, "DeepgramApiError")
      assert.isBelow(error.message.length, 600)
    }))

})

/**
 * Where each operation of the spec lives in the public API. Typed as a total
 * record over the catalog's names, so an operation added to the spec without
 * a public home fails the type-check.
 */
export const publicApi: Record<Operations.OperationName, string> = {
  "agent.v1.settings.think.models.list": "Agent.thinkModels",
  "voiceAgent.configurations.list": "Agent.configurations.list",
  "voiceAgent.configurations.create": "Agent.configurations.create",
  "voiceAgent.configurations.get": "Agent.configurations.get",
  "voiceAgent.configurations.update": "Agent.configurations.update",
  "voiceAgent.configurations.delete": "Agent.configurations.delete",
  "voiceAgent.variables.list": "Agent.variables.list",
  "voiceAgent.variables.create": "Agent.variables.create",
  "voiceAgent.variables.get": "Agent.variables.get",
  "voiceAgent.variables.delete": "Agent.variables.delete",
  "voiceAgent.variables.update": "Agent.variables.update",
  "listen.v1.media.transcribe": "Listen.transcribe / transcribeUrl / transcribeFile",
  "speak.v1.audio.generate": "Speak.generate / audio / toFile",
  "speak.v2.audio.generate": "Speak.generateV2 / audioV2",
  "read.v1.text.analyze": "Read.analyze",
  "auth.v1.tokens.grant": "Auth.grant",
  "manage.v1.projects.list": "Manage.projects.list",
  "manage.v1.projects.get": "Manage.projects.get",
  "manage.v1.projects.delete": "Manage.projects.delete",
  "manage.v1.projects.update": "Manage.projects.update",
  "manage.v1.projects.leave": "Manage.projects.leave",
  "manage.v1.projects.models.list": "Manage.models.listForProject",
  "manage.v1.projects.models.get": "Manage.models.getForProject",
  "manage.v1.models.list": "Manage.models.list",
  "manage.v1.models.get": "Manage.models.get",
  "manage.v1.projects.keys.list": "Manage.keys.list",
  "manage.v1.projects.keys.create": "Manage.keys.create",
  "manage.v1.projects.keys.get": "Manage.keys.get",
  "manage.v1.projects.keys.delete": "Manage.keys.delete",
  "manage.v1.projects.members.list": "Manage.members.list",
  "manage.v1.projects.members.delete": "Manage.members.delete",
  "manage.v1.projects.members.scopes.list": "Manage.scopes.list",
  "manage.v1.projects.members.scopes.update": "Manage.scopes.update",
  "manage.v1.projects.members.invites.list": "Manage.invites.list",
  "manage.v1.projects.members.invites.create": "Manage.invites.create",
  "manage.v1.projects.members.invites.delete": "Manage.invites.delete",
  "manage.v1.projects.requests.list": "Manage.requests.list / listAll",
  "manage.v1.projects.requests.get": "Manage.requests.get",
  "manage.v1.projects.usage.get": "Manage.usage.get",
  "manage.v1.projects.usage.fields.list": "Manage.usage.fields",
  "manage.v1.projects.usage.breakdown.get": "Manage.usage.breakdown",
  "manage.v1.projects.billing.balances.list": "Manage.balances.list",
  "manage.v1.projects.billing.balances.get": "Manage.balances.get",
  "manage.v1.projects.billing.breakdown.list": "Manage.billing.breakdown",
  "manage.v1.projects.billing.fields.list": "Manage.billing.fields",
  "manage.v1.projects.billing.purchases.list": "Manage.purchases.list",
  "selfHosted.v1.distributionCredentials.list": "SelfHosted.credentials.list",
  "selfHosted.v1.distributionCredentials.create": "SelfHosted.credentials.create",
  "selfHosted.v1.distributionCredentials.get": "SelfHosted.credentials.get",
  "selfHosted.v1.distributionCredentials.delete": "SelfHosted.credentials.delete"
}
