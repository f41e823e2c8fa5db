import { assert, describe, it } from "@effect/vitest"
import { inspect } from "node:util"
import { ConfigProvider, Duration, Effect, Exit, Layer, Option, Redacted } from "effect"
import { Credentials, DeepgramConfig } from "../src/index.js"

const fromEnv = (env: Record<string, string>, options: DeepgramConfig.Options = {}) =>
  DeepgramConfig.DeepgramConfig.pipe(
    Effect.provide(
      DeepgramConfig.layerConfig(options).pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

// The config error; a config that was built instead fails the test with a short message (flipping it would print
// the whole service, which made each such planted bug a multi-minute timeout under mutation testing).
const failed = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<E> =>
  Effect.flatMap(Effect.either(effect), (result) =>
    result._tag === "Left" ? Effect.succeed(result.left) : Effect.dieMessage("expected a config error; the config was built"))

const header = (credentials: Credentials.Credentials) =>
  Option.getOrUndefined(Option.map(Credentials.authorization(credentials), Redacted.value))

describe("DeepgramConfig", () => {
  it.effect("hosted by default, API key from DEEPGRAM_API_KEY", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ DEEPGRAM_API_KEY: "k1" })
      assert.strictEqual(config.deployment, "hosted")
      assert.deepStrictEqual(config.endpoints, {
        rest: "https://api.deepgram.com",
        websocket: "wss://api.deepgram.com",
        agentRest: "https://agent.deepgram.com",
        agentWebsocket: "wss://agent.deepgram.com"
      })
      assert.strictEqual(header(config.credentials), "Token k1")
      // 30 s per attempt, 50 s across all attempts.
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(30)))
      assert.isTrue(config.deadline !== undefined && Duration.equals(config.deadline, Duration.seconds(50)))
      assert.strictEqual(config.retry.retries, 2)
    }))

  it.effect("a token beats a key; DEEPGRAM_ACCESS_TOKEN beats DEEPGRAM_TOKEN", () =>
    Effect.gen(function*() {
      assert.strictEqual(header((yield* fromEnv({ DEEPGRAM_API_KEY: "k", DEEPGRAM_TOKEN: "t" })).credentials), "Bearer t")
      assert.strictEqual(
        header((yield* fromEnv({ DEEPGRAM_ACCESS_TOKEN: "a", DEEPGRAM_TOKEN: "t", DEEPGRAM_API_KEY: "k" })).credentials),
        "Bearer a"
      )
    }))

  it.effect("both an API key and an access token: the token is sent (Bearer), explicitly and from the environment", () =>
    Effect.gen(function*() {
      const explicit = yield* DeepgramConfig.make({ apiKey: "k", accessToken: "t" })
      assert.strictEqual(explicit.credentials._tag, "AccessToken")
      assert.strictEqual(header(explicit.credentials), "Bearer t")
      // Redacted inputs behave the same.
      const redacted = yield* DeepgramConfig.make({ apiKey: Redacted.make("k"), accessToken: Redacted.make("t") })
      assert.strictEqual(header(redacted.credentials), "Bearer t")
      // Explicit credentials of both kinds through layerConfig, with others in the environment.
      const layered = yield* fromEnv({ DEEPGRAM_API_KEY: "env-k", DEEPGRAM_ACCESS_TOKEN: "env-t" }, { apiKey: "k", accessToken: "t" })
      assert.strictEqual(header(layered.credentials), "Bearer t")
      // Both variables set, nothing explicit.
      const env = yield* fromEnv({ DEEPGRAM_API_KEY: "env-k", DEEPGRAM_ACCESS_TOKEN: "env-t" })
      assert.strictEqual(header(env.credentials), "Bearer env-t")
      // Explicit credentials object beats both strings.
      const given = yield* DeepgramConfig.make({ apiKey: "k", accessToken: "t", credentials: Credentials.apiKey("c") })
      assert.strictEqual(header(given.credentials), "Token c")
    }))

  it.effect("an explicit key alone replaces a token from the environment, and the other way round", () =>
    Effect.gen(function*() {
      assert.strictEqual(header((yield* fromEnv({ DEEPGRAM_ACCESS_TOKEN: "env-t" }, { apiKey: "k" })).credentials), "Token k")
      assert.strictEqual(header((yield* fromEnv({ DEEPGRAM_API_KEY: "env-k" }, { accessToken: "t" })).credentials), "Bearer t")
      assert.strictEqual(
        header((yield* fromEnv({ DEEPGRAM_API_KEY: "env-k" }, { credentials: Credentials.accessToken("c") })).credentials),
        "Bearer c"
      )
      // Blank variables count as unset; values are trimmed.
      assert.strictEqual(header((yield* fromEnv({ DEEPGRAM_ACCESS_TOKEN: " ", DEEPGRAM_API_KEY: " k2 " })).credentials), "Token k2")
    }))

  it.effect("the EU record: all four endpoints on the EU hosts, however EU is chosen", () =>
    Effect.gen(function*() {
      const eu = {
        rest: "https://api.eu.deepgram.com",
        websocket: "wss://api.eu.deepgram.com",
        agentRest: "https://agent.eu.deepgram.com",
        agentWebsocket: "wss://agent.eu.deepgram.com"
      }
      const made = yield* DeepgramConfig.make({ region: "eu", apiKey: "k" })
      assert.strictEqual(made.deployment, "eu")
      assert.deepStrictEqual(made.endpoints, eu)
      const layered = yield* DeepgramConfig.DeepgramConfig.pipe(Effect.provide(DeepgramConfig.eu({ apiKey: "k" })))
      assert.strictEqual(layered.deployment, "eu")
      assert.deepStrictEqual(layered.endpoints, eu)
      const fromHost = yield* fromEnv({ DEEPGRAM_HOST: "api.eu.deepgram.com", DEEPGRAM_API_KEY: "k" })
      assert.deepStrictEqual(fromHost.endpoints, eu)
      const fromUrl = yield* fromEnv({ DEEPGRAM_BASE_URL: "https://api.eu.deepgram.com/", DEEPGRAM_API_KEY: "k" })
      assert.strictEqual(fromUrl.deployment, "eu")
      assert.deepStrictEqual(fromUrl.endpoints, eu)
      // The US host from the environment is hosted, not self-hosted.
      const us = yield* fromEnv({ DEEPGRAM_HOST: "api.deepgram.com", DEEPGRAM_API_KEY: "k" })
      assert.strictEqual(us.deployment, "hosted")
      assert.strictEqual(us.endpoints.agentWebsocket, "wss://agent.deepgram.com")
      // An explicit region beats the environment's host.
      const explicitUs = yield* fromEnv({ DEEPGRAM_HOST: "api.eu.deepgram.com", DEEPGRAM_API_KEY: "k" }, { region: "us" })
      assert.strictEqual(explicitUs.deployment, "hosted")
      assert.strictEqual(explicitUs.endpoints.rest, "https://api.deepgram.com")
      // A single overridden endpoint leaves the other three alone.
      const overridden = yield* DeepgramConfig.make({ region: "eu", apiKey: "k", endpoints: { agentRest: "https://proxy.example/agent/" } })
      assert.deepStrictEqual(overridden.endpoints, { ...eu, agentRest: "https://proxy.example/agent" })
    }))

  it.effect("explicit options beat the environment", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv(
        { DEEPGRAM_ACCESS_TOKEN: "env-token", DEEPGRAM_BASE_URL: "http://env:1" },
        { apiKey: "explicit", region: "eu", timeout: "5 seconds" }
      )
      assert.strictEqual(header(config.credentials), "Token explicit")
      assert.strictEqual(config.deployment, "eu")
      assert.strictEqual(config.endpoints.rest, "https://api.eu.deepgram.com")
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(5)))
    }))

  it.effect("DEEPGRAM_BASE_URL selects self-hosted, derives ws URLs and needs no credentials", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ DEEPGRAM_BASE_URL: "http://localhost:8080/" })
      assert.strictEqual(config.deployment, "self-hosted")
      assert.strictEqual(config.endpoints.rest, "http://localhost:8080")
      assert.strictEqual(config.endpoints.websocket, "ws://localhost:8080")
      assert.strictEqual(config.credentials._tag, "NoCredentials")
    }))

  it.effect("DEEPGRAM_HOST without a scheme; the EU host selects the EU region", () =>
    Effect.gen(function*() {
      const eu = yield* fromEnv({ DEEPGRAM_HOST: "api.eu.deepgram.com", DEEPGRAM_API_KEY: "k" })
      assert.strictEqual(eu.deployment, "eu")
      const own = yield* fromEnv({ DEEPGRAM_HOST: "dg.internal:443" })
      assert.strictEqual(own.endpoints.rest, "https://dg.internal")
      assert.strictEqual(own.endpoints.websocket, "wss://dg.internal")
    }))

  it.effect("environment values: blank counts as unset, secrets are trimmed, the scheme is case-insensitive", () =>
    Effect.gen(function*() {
      // A blank token does not hide the key; a key pasted with a newline still works.
      const key = yield* fromEnv({ DEEPGRAM_ACCESS_TOKEN: "  ", DEEPGRAM_TOKEN: "", DEEPGRAM_API_KEY: " k\n" })
      assert.strictEqual(header(key.credentials), "Token k")
      const token = yield* fromEnv({ DEEPGRAM_TOKEN: " t ", DEEPGRAM_API_KEY: "k" })
      assert.strictEqual(header(token.credentials), "Bearer t")
      const blank = yield* failed(fromEnv({ DEEPGRAM_API_KEY: " \t" }))
      assert.strictEqual(blank.reason, "MissingCredentials")
      // DEEPGRAM_BASE_URL beats DEEPGRAM_HOST; an upper-case scheme is a scheme, not a host name.
      const both = yield* fromEnv({ DEEPGRAM_BASE_URL: "HTTP://base.internal:8080", DEEPGRAM_HOST: "host.internal" })
      assert.strictEqual(both.endpoints.rest, "http://base.internal:8080")
      const blankBase = yield* fromEnv({ DEEPGRAM_BASE_URL: " ", DEEPGRAM_HOST: "host.internal" })
      assert.strictEqual(blankBase.endpoints.rest, "https://host.internal")
      // The US host selects the hosted region (with its agent endpoints), not a self-hosted base URL.
      const us = yield* fromEnv({ DEEPGRAM_HOST: "https://api.deepgram.com", DEEPGRAM_API_KEY: "k" })
      assert.strictEqual(us.deployment, "hosted")
      assert.strictEqual(us.endpoints.agentRest, "https://agent.deepgram.com")
      // A host that is not a URL is reported as one, not taken for a region.
      const bad = yield* failed(fromEnv({ DEEPGRAM_HOST: "bad host" }))
      assert.strictEqual(bad.reason, "InvalidUrl")
    }))

  it.effect("no credentials for a hosted endpoint is a config error naming the variables", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(fromEnv({}))
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* failed(fromEnv({ DEEPGRAM_API_KEY: "" }))
      assert.strictEqual(error.reason, "MissingCredentials")
      assert.include(error.message, "DEEPGRAM_API_KEY")
      assert.include(error.message, "DEEPGRAM_ACCESS_TOKEN")
    }))

  it.effect("a malformed base URL fails when the layer is built", () =>
    Effect.gen(function*() {
      const error = yield* failed(
        DeepgramConfig.DeepgramConfig.pipe(Effect.provide(DeepgramConfig.selfHosted("not a url")))
      )
      assert.strictEqual(error.reason, "InvalidUrl")
      assert.include(error.message, "not a url")
      // Matched to a short text: a flipped success would print the whole service (slow under mutation testing).
      const ftp = yield* Effect.match(DeepgramConfig.make({ baseUrl: "ftp://host" }), {
        onFailure: (error) => error.reason,
        onSuccess: () => "accepted"
      })
      assert.strictEqual(ftp, "InvalidUrl")
    }))

  it.effect("constructors for hosted, EU, self-hosted and emulator", () =>
    Effect.gen(function*() {
      const get = (layer: Layer.Layer<DeepgramConfig.DeepgramConfig, unknown>) =>
        DeepgramConfig.DeepgramConfig.pipe(Effect.provide(layer))
      assert.strictEqual((yield* get(DeepgramConfig.hosted({ apiKey: "k" }))).endpoints.rest, "https://api.deepgram.com")
      assert.strictEqual((yield* get(DeepgramConfig.eu({ apiKey: "k" }))).endpoints.websocket, "wss://api.eu.deepgram.com")
      const selfHosted = yield* get(DeepgramConfig.selfHosted("https://dg.example.com"))
      assert.strictEqual(selfHosted.endpoints.websocket, "wss://dg.example.com")
      const emulator = yield* get(DeepgramConfig.emulator("http://127.0.0.1:4000", { apiKey: "k" }))
      assert.strictEqual(emulator.deployment, "emulator")
      assert.strictEqual(emulator.endpoints.agentWebsocket, "ws://127.0.0.1:4000")
    }))

  it.effect("invalid timeout and retry options are config errors", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* failed(DeepgramConfig.make({ baseUrl: "http://x", timeout: 0 }))).reason, "InvalidOption")
      assert.strictEqual(
        (yield* failed(DeepgramConfig.make({ baseUrl: "http://x", retry: { retries: -1 } }))).reason,
        "InvalidOption"
      )
    }))

  it.effect("credentials never show in the config's string forms", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ DEEPGRAM_API_KEY: "super-secret-key" })
      assert.notInclude(String(config.credentials), "super-secret-key")
      assert.notInclude(JSON.stringify(config), "super-secret-key")
      assert.notInclude(inspect(config, { depth: 10 }), "super-secret-key")
    }))
})
