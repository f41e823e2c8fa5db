/**
 * The official `@deepgram/sdk` (v5) against the emulator: it must not be able to tell the difference for
 * the REST calls and WebSocket channels the emulator implements.
 */
import { DeepgramClient } from "@deepgram/sdk"
import { ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
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

  it.scopedLive("listen.v1.connect streams spacewalk.wav and receives its transcript", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const socket = yield* Effect.promise(() =>
        client.listen.v1.connect({
          model: "nova-3",
          punctuate: "true",
          interim_results: "true",
          Authorization: `Token ${apiKey}`,
          reconnectAttempts: 0
        })
      )
      const messages: Array<{ readonly type?: string }> = []
      const closed = yield* Deferred.make<number>()
      socket.on("message", (message) => messages.push(message as { readonly type?: string }))
      socket.on("close", (event) => Deferred.unsafeDone(closed, Effect.succeed(event.code)))
      socket.connect()
      yield* Effect.promise(() => socket.waitForOpen())
      const audio = fs.readFileSync(spacewalkPath)
      for (let offset = 0; offset < audio.length; offset += 8192) {
        socket.sendMedia(audio.subarray(offset, offset + 8192))
      }
      socket.sendCloseStream({ type: "CloseStream" })
      assert.strictEqual(yield* Deferred.await(closed).pipe(Effect.timeout("10 seconds")), 1000)

      const results = messages.filter((message): message is ListenV1.Results => message.type === "Results")
      assert.isTrue(results.some((result) => result.is_final === false))
      const transcript = results
        .filter((result) => result.is_final === true)
        .map((result) => result.channel.alternatives[0]!.transcript)
        .filter((text) => text !== "")
        .join(" ")
      assert.include(transcript, spacewalkTranscript)
      assert.strictEqual(messages[messages.length - 1]!.type, "Metadata")
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.path, "/v1/listen")
      assert.strictEqual(entry!.authScheme, "token")
      assert.strictEqual(entry!.socket?.audioBytes, audio.length)
    }))

  it.scopedLive("listen.v2.connect (Flux) gets turns; CloseStream ends with 1005 without a reconnect", () =>
    Effect.gen(function*() {
      const { client, emulator } = yield* start
      const socket = yield* Effect.promise(() =>
        client.listen.v2.connect({ model: "flux-general-en", Authorization: `Token ${apiKey}` })
      )
      const messages: Array<{ readonly type?: string; readonly event?: string; readonly transcript?: string }> = []
      const closed = yield* Deferred.make<number>()
      socket.on("message", (message) => messages.push(message as (typeof messages)[number]))
      socket.on("close", (event) => Deferred.unsafeDone(closed, Effect.succeed(event.code)))
      socket.connect()
      yield* Effect.promise(() => socket.waitForOpen())
      const audio = fs.readFileSync(spacewalkPath)
      for (let offset = 0; offset < audio.length; offset += 8192) {
        socket.sendMedia(audio.subarray(offset, offset + 8192))
      }
      socket.sendCloseStream({ type: "CloseStream" })
      assert.strictEqual(yield* Deferred.await(closed).pipe(Effect.timeout("10 seconds")), 1005)
      assert.strictEqual(messages[0]!.type, "Connected")
      const ends = messages.filter((message) => message.event === "EndOfTurn").map((message) => message.transcript)
      assert.strictEqual(ends.join(" "), spacewalkTranscript)
      yield* Effect.sleep("200 millis")
      // the SDK treats 1005 after CloseStream as final: one connection only
      assert.strictEqual((yield* emulator.journal).length, 1)
    }))
})
