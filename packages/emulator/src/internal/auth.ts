/**
 * Credentials as Deepgram accepts them: `Authorization: Token <key>` (API key) or `Authorization: Bearer <jwt>`
 * (access token), or on WebSockets the `Sec-WebSocket-Protocol` pair (`token`/`bearer`, value).
 *
 * The credential value never leaves this module: only its scheme is recorded.
 *
 * @internal
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto"
import type { AuthScheme } from "../Journal.js"

/** @internal */
export type AuthMode = "none" | "any" | "keys"

/** @internal */
export interface Credential {
  readonly scheme: AuthScheme
  /** The scheme as the client spelled it (`Token`, `bearer`, ...), for the redacted journal. */
  readonly spelledScheme: string | undefined
  readonly value: string | undefined
}

const none: Credential = { scheme: "none", spelledScheme: undefined, value: undefined }

/**
 * Reads an `Authorization` header value.
 *
 * @internal
 */
export const fromAuthorization = (header: string | undefined): Credential => {
  const trimmed = header?.trim() ?? ""
  if (trimmed === "") return none
  // The scheme, then (after any whitespace) the value, if there is one.
  const gap = trimmed.search(/\s/)
  const spelled = gap === -1 ? trimmed : trimmed.slice(0, gap)
  const lower = spelled.toLowerCase()
  return {
    scheme: lower === "token" ? "token" : lower === "bearer" ? "bearer" : "other",
    spelledScheme: spelled,
    value: gap === -1 ? undefined : trimmed.slice(gap).trim()
  }
}

/**
 * Reads the `Sec-WebSocket-Protocol` values (`["token", KEY]` or `["bearer", JWT]`).
 *
 * @internal
 */
export const fromSubprotocols = (protocols: ReadonlyArray<string>): Credential => {
  for (let i = 0; i + 1 < protocols.length; i++) {
    const name = protocols[i]!.toLowerCase()
    if (name === "token" || name === "bearer") {
      return { scheme: name, spelledScheme: protocols[i], value: protocols[i + 1] }
    }
  }
  return none
}

/**
 * The `Authorization` header value reduced to its scheme, for the journal.
 *
 * @internal
 */
export const redactAuthorization = (header: string): string => {
  const credential = fromAuthorization(header)
  return credential.spelledScheme ?? "[redacted]"
}

/**
 * A `Sec-WebSocket-Protocol` header with the value after `token` / `bearer` redacted.
 *
 * @internal
 */
export const redactSubprotocols = (header: string): string => {
  const parts = header.split(",").map((part) => part.trim())
  return parts.map((part, i) => {
    const previous = parts[i - 1]?.toLowerCase()
    return previous === "token" || previous === "bearer" ? "[redacted]" : part
  }).join(", ")
}

const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const tokenShape = /^\S+$/

const base64url = (data: string | Buffer): string => Buffer.from(data).toString("base64url")

/** @internal */
export interface Grant {
  readonly access_token: string
  readonly expires_in: number
}

/** @internal */
export interface Authenticator {
  readonly mode: AuthMode
  /** Whether the credential is accepted at `now` (epoch millis). */
  readonly check: (credential: Credential, now: number) => boolean
  /**
   * Mints an access token (HS256 JWT signed with a per-emulator secret); `subject` (an opaque key id, see
   * `keyId`) records which API key it was granted to.
   */
  readonly mint: (ttlSeconds: number, now: number, subject?: string) => Grant
  /** The `subject` of an access token minted here (whether or not it has expired). */
  readonly subjectOf: (jwt: string) => string | undefined
  /** An opaque, stable identifier of an API key (never the key itself). */
  readonly keyId: (key: string) => string
  /** Accepts an API key in `keys` mode, until `expiresAt` (epoch millis) when given. */
  readonly addKey: (key: string, expiresAt?: number) => void
  /** Stops accepting an API key (a key deleted through the management API). */
  readonly removeKey: (key: string) => void
}

const digest = (value: string): Buffer => createHash("sha256").update(value).digest()

/** @internal */
export const makeAuthenticator = (mode: AuthMode, keys: Iterable<string>): Authenticator => {
  const secret = randomBytes(32)
  const keyDigests: Array<{ readonly digest: Buffer; readonly expiresAt: number | undefined }> = []
  const addKey = (key: string, expiresAt?: number) => {
    keyDigests.push({ digest: digest(key), expiresAt })
  }
  for (const key of keys) addKey(key)

  const sign = (input: string) => createHmac("sha256", secret).update(input).digest("base64url")

  /** The claims of a JWT minted here, `undefined` for any other. */
  const claimsOf = (jwt: string): { readonly exp?: unknown; readonly sub?: unknown } | undefined => {
    const [header, payload, signature] = jwt.split(".")
    if (header === undefined || payload === undefined || signature === undefined) return undefined
    const expected = Buffer.from(sign(`${header}.${payload}`))
    const actual = Buffer.from(signature)
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
      return claims !== null && typeof claims === "object" ? claims : {}
    } catch {
      return {}
    }
  }

  /** Whether a JWT was minted here and is still valid, minted here and expired, or not minted here. */
  const minted = (jwt: string, now: number): "valid" | "expired" | "foreign" => {
    const claims = claimsOf(jwt)
    if (claims === undefined) return "foreign"
    return typeof claims.exp === "number" && claims.exp * 1000 > now ? "valid" : "expired"
  }

  const knownKey = (key: string, now: number): boolean => {
    const candidate = digest(key)
    return keyDigests.some((known) =>
      timingSafeEqual(known.digest, candidate) && (known.expiresAt === undefined || known.expiresAt > now)
    )
  }

  const removeKey = (key: string) => {
    const candidate = digest(key)
    const index = keyDigests.findIndex((known) => timingSafeEqual(known.digest, candidate))
    if (index >= 0) keyDigests.splice(index, 1)
  }

  return {
    mode,
    addKey,
    removeKey,
    keyId: (key) => digest(`key-id:${key}`).toString("hex").slice(0, 32),
    subjectOf: (jwt) => {
      const sub = claimsOf(jwt)?.sub
      return typeof sub === "string" ? sub : undefined
    },
    mint: (ttlSeconds, now, subject) => {
      const iat = Math.floor(now / 1000)
      const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))
      const payload = base64url(JSON.stringify({
        iss: "deepgram-emulator",
        ...(subject !== undefined ? { sub: subject } : {}),
        scope: "usage:write",
        jti: randomUUID(),
        iat,
        // At least `ttlSeconds` from now (`iat` is rounded down).
        exp: Math.ceil((now + ttlSeconds * 1000) / 1000)
      }))
      return { access_token: `${header}.${payload}.${sign(`${header}.${payload}`)}`, expires_in: ttlSeconds }
    },
    check: (credential, now) => {
      if (mode === "none") return true
      const value = credential.value
      if (value === undefined) return false
      switch (credential.scheme) {
        case "token":
          return mode === "any" ? tokenShape.test(value) : knownKey(value, now)
        case "bearer": {
          if (!jwtShape.test(value)) return false
          const status = minted(value, now)
          return status === "valid" || (mode === "any" && status === "foreign")
        }
        default:
          return false
      }
    }
  }
}
