/**
 * The official `@deepgram/sdk` (v5) against the emulator: it must not be able to tell the difference for
 * the REST calls the emulator implements.
 */
import { DeepgramClient } from "@deepgram/sdk"
import { ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import { DeepgramEmulator, Fault } from "../src/index.js"
import { fixturesDir, spacewalkPath, spacewalkTranscript } from "./utils.js"

const apiKey = "interop-test-key"

const start = Effect.gen(function*() {
  const emulator = yield* DeepgramEmulator.make({ apiKeys: [apiKey], transcriptsDir: fixturesDir })
  const client = new DeepgramClient({ apiKey, baseUrl: emulator.url })
  return { emulator, client }
})

describe("@deepgram/sdk against the emulator", () => {
  it.scopedLive("transcribeFile returns the scripted transcript", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const { data, rawResponse } = yield* Effect.promise(() =>
        client.listen.v1.media.transcribeFile(fs.createReadStream(spacewalkPath), {
          model: "nova-3",
          smart_format: true,
          utterances: true
        }).withRawResponse()
      )
      assert.isTrue("results" in data)
      const response = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)(data)
      assert.strictEqual(response.results.channels[0]!.alternatives![0]!.transcript, spacewalkTranscript)
      assert.closeTo(response.metadata.duration, 25.93, 0.01)
      assert.strictEqual(rawResponse.headers.get("dg-request-id"), response.metadata.request_id)

      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "token")
      assert.strictEqual(entry!.headers["authorization"], "Token")
      assert.deepStrictEqual(entry!.query["model"], ["nova-3"])
      assert.deepStrictEqual(entry!.query["smart_format"], ["true"])
      assert.strictEqual(entry!.bodySize, fs.statSync(spacewalkPath).size)
    }))

  it.scopedLive("transcribeFile with a Buffer, and unknown audio gives an empty transcript", () =>
    Effect.gen(function*() {
      const { client } = yield* start
      const bytes = fs.readFileSync(spacewalkPath)
      const known = yield* Effect.promise(() => client.listen.v1.media.transcribeFile(bytes, { punctuate: true }))
      const knownTranscript = "results" in known ? known.results.channels[0]!.alternatives![0]!.transcript : undefined
      assert.strictEqual(knownTranscript, spacewalkTranscript)
      const other = Buffer.from(bytes)
      other[100] = (other[100]! + 1) % 256
      const unknown = yield* Effect.promise(() => client.listen.v1.media.transcribeFile(other, {}))
      assert.isTrue("results" in unknown && unknown.results.channels[0]!.alternatives![0]!.transcript === "")
    }))

  it.scopedLive("retries a 503 and succeeds", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      yield* emulator.injectFault(Fault.status(503, { retryAfter: 0 }))
      const result = yield* Effect.promise(() =>
        client.listen.v1.media.transcribeFile(fs.readFileSync(spacewalkPath), { punctuate: true })
      )
      assert.isTrue("results" in result)
      const entries = yield* emulator.journal
      assert.deepStrictEqual(entries.map((e) => e.status), [503, 200])
    }))

  it.scopedLive("a wrong key is a 401 the SDK reports with Deepgram's body", () =>
    Effect.gen(function*() {
      const { emulator } = yield* start
      const client = new DeepgramClient({ apiKey: "wrong", baseUrl: emulator.url })
      const result = yield* Effect.either(
        Effect.tryPromise(() => client.listen.v1.media.transcribeFile(Buffer.from("x"), {}))
      )
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        type SdkError = { readonly statusCode?: number; readonly body?: unknown }
        const error = (result.left as { readonly error: SdkError }).error
        assert.strictEqual(error.statusCode, 401)
        assert.strictEqual((error.body as { err_code: string }).err_code, "INVALID_AUTH")
      }
    }))

  it.scopedLive("access tokens granted through the SDK authenticate the SDK", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const grant = yield* Effect.promise(() => client.auth.v1.tokens.grant({ ttl_seconds: 120 }))
      assert.strictEqual(grant.expires_in, 120)
      const withToken = new DeepgramClient({ accessToken: grant.access_token, baseUrl: emulator.url })
      const result = yield* Effect.promise(() =>
        withToken.listen.v1.media.transcribeFile(fs.readFileSync(spacewalkPath), {})
      )
      assert.isTrue("results" in result)
      const entries = yield* emulator.journal
      assert.strictEqual(entries[entries.length - 1]!.authScheme, "bearer")
    }))
})
