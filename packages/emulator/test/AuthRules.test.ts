// The emulator's credential rules (internal/auth.ts) one by one: how an Authorization header and the WebSocket
// subprotocols are read, what the journal keeps of them, and which credential each auth mode accepts and when.
// (Auth.test.ts checks the same rules end to end, over HTTP and WebSocket handshakes.)
import { assert, describe, it } from "@effect/vitest"
import * as AuthModule from "../src/internal/auth.js"

// The module is `@internal` (its declarations are stripped from the build the tests type-check against): its
// shape, as these tests use it.
interface Credential {
  readonly scheme: "token" | "bearer" | "other" | "none"
  readonly spelledScheme: string | undefined
  readonly value: string | undefined
}
interface Authenticator {
  readonly check: (credential: Credential, now: number) => boolean
  readonly mint: (ttlSeconds: number, now: number, subject?: string) => { access_token: string; expires_in: number }
  readonly subjectOf: (jwt: string) => string | undefined
  readonly keyId: (key: string) => string
  readonly addKey: (key: string, expiresAt?: number) => void
  readonly removeKey: (key: string) => void
}
const Auth = AuthModule as unknown as {
  readonly fromAuthorization: (header: string | undefined) => Credential
  readonly fromSubprotocols: (protocols: ReadonlyArray<string>) => Credential
  readonly redactAuthorization: (header: string) => string
  readonly redactSubprotocols: (header: string) => string
  readonly makeAuthenticator: (mode: "none" | "any" | "keys", keys: Iterable<string>) => Authenticator
}

const read = (header: string | undefined) => {
  const credential = Auth.fromAuthorization(header)
  return [credential.scheme, credential.spelledScheme, credential.value]
}

describe("emulator auth: reading credentials", () => {
  it("an Authorization header: scheme in any case, value trimmed, nothing when blank", () => {
    assert.deepStrictEqual(read(undefined), ["none", undefined, undefined])
    assert.deepStrictEqual(read(""), ["none", undefined, undefined])
    assert.deepStrictEqual(read("  \t"), ["none", undefined, undefined])
    assert.deepStrictEqual(read("Token k1"), ["token", "Token", "k1"])
    assert.deepStrictEqual(read("  token   k2  "), ["token", "token", "k2"])
    assert.deepStrictEqual(read("BEARER a.b.c"), ["bearer", "BEARER", "a.b.c"])
    assert.deepStrictEqual(read("Basic dXNlcg=="), ["other", "Basic", "dXNlcg=="])
    assert.deepStrictEqual(read("Token"), ["token", "Token", undefined])
    assert.deepStrictEqual(read("Token   "), ["token", "Token", undefined])
    assert.deepStrictEqual(read("Token\tk3 and more"), ["token", "Token", "k3 and more"])
    assert.deepStrictEqual(read("Token two words"), ["token", "Token", "two words"])
  })

  it("subprotocols: the value after token or bearer, in any case and position", () => {
    const sub = (protocols: ReadonlyArray<string>) => {
      const credential = Auth.fromSubprotocols(protocols)
      return [credential.scheme, credential.spelledScheme, credential.value]
    }
    assert.deepStrictEqual(sub(["token", "k"]), ["token", "token", "k"])
    assert.deepStrictEqual(sub(["Bearer", "jwt"]), ["bearer", "Bearer", "jwt"])
    assert.deepStrictEqual(sub(["other", "TOKEN", "k"]), ["token", "TOKEN", "k"])
    assert.deepStrictEqual(sub(["token"]), ["none", undefined, undefined])
    assert.deepStrictEqual(sub(["k", "token"]), ["none", undefined, undefined])
    assert.deepStrictEqual(sub(["a", "b"]), ["none", undefined, undefined])
    assert.deepStrictEqual(sub([]), ["none", undefined, undefined])
  })

  it("the journal keeps the scheme only", () => {
    assert.strictEqual(Auth.redactAuthorization("Token secret"), "Token")
    assert.strictEqual(Auth.redactAuthorization("bearer a.b.c"), "bearer")
    assert.strictEqual(Auth.redactAuthorization(" "), "[redacted]")
    assert.strictEqual(Auth.redactSubprotocols("token, secret"), "token, [redacted]")
    assert.strictEqual(Auth.redactSubprotocols("Bearer,a.b.c"), "Bearer, [redacted]")
    assert.strictEqual(Auth.redactSubprotocols("x , TOKEN , k, y"), "x, TOKEN, [redacted], y")
    assert.strictEqual(Auth.redactSubprotocols("a, b"), "a, b")
    assert.strictEqual(Auth.redactSubprotocols("token"), "token")
  })
})

const token = (value: string | undefined): Credential => ({ scheme: "token", spelledScheme: "Token", value })
const bearer = (value: string | undefined): Credential => ({ scheme: "bearer", spelledScheme: "Bearer", value })
const none: Credential = { scheme: "none", spelledScheme: undefined, value: undefined }
const other: Credential = { scheme: "other", spelledScheme: "Basic", value: "k" }

describe("emulator auth: which credentials are accepted", () => {
  it("none accepts anything, even no credential", () => {
    const auth = Auth.makeAuthenticator("none", [])
    assert.isTrue(auth.check(none, 0))
    assert.isTrue(auth.check(other, 0))
  })

  it("any: a well-formed key, or a JWT-shaped token (minted here and unexpired, or foreign)", () => {
    const auth = Auth.makeAuthenticator("any", [])
    assert.isTrue(auth.check(token("whatever"), 0))
    assert.isFalse(auth.check(token("two words"), 0))
    assert.isFalse(auth.check(token(undefined), 0))
    assert.isTrue(auth.check(bearer("aa.bb.cc"), 0))
    assert.isTrue(auth.check(bearer("aa.bb."), 0))
    assert.isFalse(auth.check(bearer("not-a-jwt"), 0))
    assert.isFalse(auth.check(bearer("aa.bb.cc.dd"), 0))
    assert.isFalse(auth.check(bearer(undefined), 0))
    assert.isFalse(auth.check(none, 0))
    assert.isFalse(auth.check(other, 0))
    const minted = auth.mint(10, 0).access_token
    assert.isTrue(auth.check(bearer(minted), 9_999))
    assert.isFalse(auth.check(bearer(minted), 10_000), "a token minted here is checked for expiry, even in any mode")
  })

  it("keys: the configured keys and the keys added since, until they expire or are removed", () => {
    const auth = Auth.makeAuthenticator("keys", ["k1", "k2"])
    assert.isTrue(auth.check(token("k1"), 0))
    assert.isTrue(auth.check(token("k2"), 0))
    assert.isFalse(auth.check(token("k3"), 0))
    assert.isFalse(auth.check(token("k"), 0))
    auth.addKey("k3", 1_000)
    assert.isTrue(auth.check(token("k3"), 999))
    assert.isFalse(auth.check(token("k3"), 1_000))
    auth.addKey("k4")
    assert.isTrue(auth.check(token("k4"), Number.MAX_SAFE_INTEGER))
    auth.removeKey("k1")
    assert.isFalse(auth.check(token("k1"), 0))
    assert.isTrue(auth.check(token("k2"), 0), "removing one key leaves the others")
    auth.removeKey("unknown")
    assert.isTrue(auth.check(token("k2"), 0))
    assert.isFalse(auth.check(other, 0))
    assert.isFalse(auth.check(bearer("aa.bb.cc"), 0), "a foreign JWT is refused in keys mode")
  })

  it("minted tokens: valid until their expiry (ttl from the mint time, rounded up), then refused", () => {
    const auth = Auth.makeAuthenticator("keys", [])
    const grant = auth.mint(30, 1_500)
    assert.strictEqual(grant.expires_in, 30)
    assert.isTrue(auth.check(bearer(grant.access_token), 31_999))
    assert.isFalse(auth.check(bearer(grant.access_token), 32_000))
    assert.isFalse(auth.check(token(grant.access_token), 0), "a token is not a key")
    // Tampered: another signature of the same length, a shorter one, or a payload from another token.
    const [header, payload, signature] = grant.access_token.split(".") as [string, string, string]
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`
    assert.isFalse(auth.check(bearer(`${header}.${payload}.${flipped}`), 0))
    assert.isFalse(auth.check(bearer(`${header}.${payload}.${signature.slice(1)}`), 0))
    const [, otherPayload] = auth.mint(3_600, 0).access_token.split(".") as [string, string]
    assert.isFalse(auth.check(bearer(`${header}.${otherPayload}.${signature}`), 0))
    // Another emulator's token is foreign here.
    const foreign = Auth.makeAuthenticator("keys", []).mint(30, 0).access_token
    assert.isFalse(auth.check(bearer(foreign), 0))
  })

  it("a minted token's subject is read back; other tokens have none", () => {
    const auth = Auth.makeAuthenticator("keys", ["k"])
    const id = auth.keyId("k")
    assert.match(id, /^[0-9a-f]{32}$/)
    assert.strictEqual(auth.keyId("k"), id)
    assert.notStrictEqual(auth.keyId("k2"), id)
    assert.strictEqual(auth.subjectOf(auth.mint(30, 0, id).access_token), id)
    assert.isUndefined(auth.subjectOf(auth.mint(30, 0).access_token))
    assert.isUndefined(auth.subjectOf(Auth.makeAuthenticator("keys", []).mint(30, 0, id).access_token))
    assert.isUndefined(auth.subjectOf("a.b"))
  })
})
