import { ErrorResponse } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Http from "node:http"
import { DeepgramEmulator } from "../src/index.js"
import type { Answer } from "./utils.js"
import { postAudio, request, wav } from "./utils.js"

const audio = wav({ sampleRate: 16000, channels: 1, seconds: 0.5 })
const decodeError = Schema.decodeUnknownSync(ErrorResponse.LegacyError)
const secret = "sk-emulator-secret-0123456789"
const jwtLike = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

const assertInvalidAuth = (answer: Answer) => {
  assert.strictEqual(answer.status, 401, answer.text)
  assert.deepStrictEqual(answer.json, {
    err_code: "INVALID_AUTH",
    err_msg: "Invalid credentials.",
    request_id: answer.headers.get("dg-request-id")
  })
}

const listen = (url: string, authorization?: string) =>
  postAudio(`${url}/v1/listen`, audio, authorization === undefined ? {} : { authorization })

const grant = (url: string, authorization: string, body?: unknown) =>
  request(`${url}/v1/auth/grant`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })

/** A WebSocket handshake with raw HTTP: returns the status of the answer. */
const handshake = (url: string, path: string, headers: Record<string, string>) =>
  Effect.async<number>((resume) => {
    const req = Http.request(`${url}${path}`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from("0123456789abcdef").toString("base64"),
        ...headers
      }
    })
    req.on("response", (response) => {
      response.resume()
      resume(Effect.succeed(response.statusCode ?? 0))
    })
    req.on("upgrade", (_response, socket) => {
      socket.destroy()
      resume(Effect.succeed(101))
    })
    req.on("error", (error) => resume(Effect.die(error)))
    req.end()
  })

describe("auth", () => {
  it.scopedLive("none: no credentials needed", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ auth: "none" })
      assert.strictEqual((yield* listen(emulator.url)).status, 200)
      assert.strictEqual((yield* listen(emulator.url, "Token whatever")).status, 200)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "none")
      assert.isTrue(entry!.authenticated)
    }))

  it.scopedLive("any: any well-formed Token or Bearer", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      assert.strictEqual((yield* listen(emulator.url, "Token anything")).status, 200)
      assert.strictEqual((yield* listen(emulator.url, "token lower-case-scheme")).status, 200)
      assert.strictEqual((yield* listen(emulator.url, `Bearer ${jwtLike}`)).status, 200)
      assert.strictEqual((yield* listen(emulator.url, `bearer ${jwtLike}`)).status, 200)
      assertInvalidAuth(yield* listen(emulator.url))
      assertInvalidAuth(yield* listen(emulator.url, "Token"))
      assertInvalidAuth(yield* listen(emulator.url, "Token two words"))
      assertInvalidAuth(yield* listen(emulator.url, "Bearer not-a-jwt"))
      assertInvalidAuth(yield* listen(emulator.url, "Basic dXNlcjpwYXNz"))
    }))

  it.scopedLive("keys: only the configured keys and minted access tokens", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: [Redacted.make(secret)] })
      assert.strictEqual((yield* listen(emulator.url, `Token ${secret}`)).status, 200)
      assertInvalidAuth(yield* listen(emulator.url, "Token other"))
      assertInvalidAuth(yield* listen(emulator.url, `Bearer ${jwtLike}`))

      yield* emulator.addApiKey("second-key")
      assert.strictEqual((yield* listen(emulator.url, "Token second-key")).status, 200)

      // access tokens from POST /v1/auth/grant
      const granted = yield* grant(emulator.url, `Token ${secret}`, { ttl_seconds: 60 })
      assert.strictEqual(granted.status, 200)
      const { access_token, expires_in } = granted.json as { access_token: string; expires_in: number }
      assert.strictEqual(expires_in, 60)
      assert.strictEqual((yield* listen(emulator.url, `Bearer ${access_token}`)).status, 200)
      // tampered token
      assertInvalidAuth(yield* listen(emulator.url, `Bearer ${access_token.slice(0, -2)}xx`))
      // a token cannot grant tokens; a bad key cannot either
      assert.strictEqual((yield* grant(emulator.url, `Bearer ${access_token}`)).status, 403)
      assertInvalidAuth(yield* grant(emulator.url, "Token nope"))
      const badTtl = yield* grant(emulator.url, `Token ${secret}`, { ttl_seconds: 0 })
      assert.strictEqual(badTtl.status, 400)
      assert.strictEqual(decodeError(badTtl.json).err_code, "Bad Request")
      // default TTL
      const defaultGrant = yield* grant(emulator.url, `Token ${secret}`)
      assert.strictEqual((defaultGrant.json as { expires_in: number }).expires_in, 30)
    }))

  it.scopedLive("minted tokens expire (in keys and in any mode)", () =>
    Effect.gen(function*() {
      const keys = yield* DeepgramEmulator.make({ auth: "keys", apiKeys: [] })
      const any = yield* DeepgramEmulator.make({ auth: "any" })
      const fromKeys = (yield* keys.mintAccessToken({ ttlSeconds: 1 })).access_token
      const fromAny = (yield* any.mintAccessToken({ ttlSeconds: 1 })).access_token
      assert.strictEqual((yield* listen(keys.url, `Bearer ${fromKeys}`)).status, 200)
      assert.strictEqual((yield* listen(any.url, `Bearer ${fromAny}`)).status, 200)
      yield* Effect.sleep("2100 millis")
      assertInvalidAuth(yield* listen(keys.url, `Bearer ${fromKeys}`))
      assertInvalidAuth(yield* listen(any.url, `Bearer ${fromAny}`))
      // a token from another emulator is just a well-formed JWT to this one
      assert.strictEqual((yield* listen(any.url, `Bearer ${fromKeys}`)).status, 200)
    }), 10_000)

  it.scopedLive("credentials never reach the journal", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: [secret] })
      yield* listen(emulator.url, `Token ${secret}`)
      yield* listen(emulator.url, `Token ${secret}-wrong`)
      yield* handshake(emulator.url, "/v1/listen", { "sec-websocket-protocol": `token, ${secret}` })
      // the upgraded connection (dropped by the client at once) is recorded when the server sees it end
      const entries = yield* emulator.journal.pipe(
        Effect.filterOrFail((entries) => entries.length === 3),
        Effect.retry(Schedule.spaced("20 millis")),
        Effect.timeout("5 seconds")
      )
      assert.strictEqual(entries.length, 3)
      assert.notInclude(JSON.stringify(entries), secret)
      assert.strictEqual(entries[0]!.headers["authorization"], "Token")
      assert.strictEqual(entries[0]!.authScheme, "token")
      assert.isTrue(entries[0]!.authenticated)
      assert.isFalse(entries[1]!.authenticated)
      assert.strictEqual(entries[2]!.headers["sec-websocket-protocol"], "token, [redacted]")
    }))

  it.scopedLive("WebSocket handshakes are authenticated by header or subprotocol", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ apiKeys: [secret] })
      for (const path of ["/v1/listen", "/v2/listen", "/v1/speak", "/v2/speak", "/v1/agent/converse"]) {
        assert.strictEqual(yield* handshake(emulator.url, path, {}), 401, path)
        assert.strictEqual(yield* handshake(emulator.url, path, { authorization: "Token wrong" }), 401, path)
        // accepted credentials reach the channel: all five are emulated
        const accepted = 101
        const query = path === "/v2/listen"
          ? "?model=flux-general-en"
          : path === "/v2/speak"
          ? "?model=flux-alexis-en"
          : ""
        assert.strictEqual(
          yield* handshake(emulator.url, path + query, { authorization: `Token ${secret}` }),
          accepted,
          path
        )
        assert.strictEqual(
          yield* handshake(emulator.url, path + query, { "sec-websocket-protocol": `token, ${secret}` }),
          accepted,
          path
        )
      }
    }))
})
