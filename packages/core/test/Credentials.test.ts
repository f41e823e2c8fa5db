import { assert, describe, it } from "@effect/vitest"
import { inspect } from "node:util"
import { Effect, Option, Redacted } from "effect"
import { Credentials } from "../src/index.js"

const reveal = (option: Option.Option<Redacted.Redacted<string>>) => Option.getOrUndefined(Option.map(option, Redacted.value))

describe("Credentials", () => {
  it("an API key is sent as Token, an access token as Bearer, nothing without credentials", () => {
    assert.strictEqual(reveal(Credentials.authorization(Credentials.apiKey("k1"))), "Token k1")
    assert.strictEqual(reveal(Credentials.authorization(Credentials.accessToken("t1"))), "Bearer t1")
    assert.isTrue(Option.isNone(Credentials.authorization(Credentials.none)))
  })

  it("redacted and plain secrets give the same credentials; a redacted one is kept as given", () => {
    const secret = Redacted.make("k2")
    const fromRedacted = Credentials.apiKey(secret)
    assert.strictEqual(fromRedacted._tag === "ApiKey" && fromRedacted.key, secret)
    assert.strictEqual(reveal(Credentials.authorization(fromRedacted)), "Token k2")
    const plain = Credentials.accessToken("t2")
    assert.isTrue(plain._tag === "AccessToken" && Redacted.isRedacted(plain.token))
    assert.strictEqual(reveal(Credentials.authorization(Credentials.accessToken(Redacted.make("t2")))), "Bearer t2")
  })

  it("the Sec-WebSocket-Protocol pair: token/key, bearer/jwt, none without credentials", () => {
    const protocols = (credentials: Credentials.Credentials) => Credentials.websocketProtocols(credentials).map(Redacted.value)
    assert.deepStrictEqual(protocols(Credentials.apiKey("k3")), ["token", "k3"])
    assert.deepStrictEqual(protocols(Credentials.accessToken("t3")), ["bearer", "t3"])
    assert.deepStrictEqual(protocols(Credentials.none), [])
  })

  it("the scheme, safe to log", () => {
    assert.strictEqual(Credentials.scheme(Credentials.apiKey("k")), "Token")
    assert.strictEqual(Credentials.scheme(Credentials.accessToken("t")), "Bearer")
    assert.strictEqual(Credentials.scheme(Credentials.none), "none")
  })

  it.effect("a provided token resolves to an access token (Bearer); other credentials resolve to themselves", () =>
    Effect.gen(function*() {
      const provided = Credentials.provided(Effect.succeed(Redacted.make("fresh-jwt")))
      assert.strictEqual(Credentials.scheme(provided), "Bearer")
      const resolved = yield* Credentials.resolve(provided)
      assert.strictEqual(resolved._tag, "AccessToken")
      assert.strictEqual(reveal(Credentials.authorization(resolved)), "Bearer fresh-jwt")
      for (const credentials of [Credentials.apiKey("k"), Credentials.accessToken("t"), Credentials.none]) {
        assert.strictEqual(yield* Credentials.resolve(credentials), credentials)
      }
    }))

  it("unresolved provided credentials put nothing on the wire: no header, no subprotocol", () => {
    // A provided token is fetched per request or connection (`resolve`); its effect is never sent as a value.
    const provided = Credentials.provided(Effect.succeed(Redacted.make("fresh-jwt")))
    assert.isTrue(Option.isNone(Credentials.authorization(provided)))
    assert.deepStrictEqual(Credentials.websocketProtocols(provided), [])
    assert.deepStrictEqual(Credentials.websocketProtocols(Credentials.none), [])
  })

  it("secrets never show in string forms", () => {
    for (const credentials of [Credentials.apiKey("s3cr3t-key"), Credentials.accessToken("s3cr3t-key")]) {
      assert.notInclude(String(credentials), "s3cr3t-key")
      assert.notInclude(JSON.stringify(credentials), "s3cr3t-key")
      assert.notInclude(inspect(credentials, { depth: 10 }), "s3cr3t-key")
      assert.notInclude(String(Credentials.authorization(credentials)), "s3cr3t-key")
      assert.notInclude(JSON.stringify(Credentials.websocketProtocols(credentials)), "s3cr3t-key")
    }
  })
})
