// DeepgramConfig.make's rules at their edges (found by mutation testing): the URLs derived from a base URL of each
// scheme, which deployments need credentials, the bounds of timeout, deadline and retries, and the defaults.
import { assert, describe, it } from "@effect/vitest"
import { ConfigError, ConfigProvider, Duration, Effect, Layer } from "effect"
import { DeepgramConfig } from "../src/index.js"

const endpointsOf = (baseUrl: string) => Effect.map(DeepgramConfig.make({ baseUrl }), (config) => config.endpoints)
// A short text either way: a test that flips an unexpected success would print the whole service when it fails.
const reasonOf = (options: DeepgramConfig.Options) =>
  Effect.match(DeepgramConfig.make(options), { onFailure: (error) => error.reason, onSuccess: () => "accepted" })

const fromEnv = (env: Record<string, string>) =>
  DeepgramConfig.DeepgramConfig.pipe(
    Effect.provide(
      DeepgramConfig.layerConfig().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("DeepgramConfig.make rules", () => {
  it.effect("a configuration provider that fails is an InvalidOption error naming the environment, with its cause", () =>
    Effect.gen(function*() {
      const failing = ConfigProvider.make({
        load: () => Effect.fail(ConfigError.InvalidData(["DEEPGRAM_API_KEY"], "the vault is sealed")),
        flattened: ConfigProvider.fromMap(new Map()).flattened
      })
      const error = yield* Effect.flip(
        DeepgramConfig.DeepgramConfig.pipe(
          Effect.provide(DeepgramConfig.layerConfig().pipe(Layer.provide(Layer.setConfigProvider(failing))))
        )
      )
      assert.strictEqual(error._tag, "DeepgramConfigError")
      assert.strictEqual(error.reason, "InvalidOption")
      assert.match(error.detail, /^environment: .*the vault is sealed/)
    }))

  it.effect("DEEPGRAM_HOST is a host unless it starts with a scheme (a scheme later in it does not count)", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ DEEPGRAM_HOST: "dg.internal/v1?next=http://x" })
      assert.deepStrictEqual([config.deployment, config.endpoints.rest], ["self-hosted", "https://dg.internal/v1?next=http://x"])
    }))

  it.effect("a base URL of any scheme gives http(s) REST and ws(s) socket URLs of the same security", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* endpointsOf("wss://dg.internal"), {
        rest: "https://dg.internal",
        websocket: "wss://dg.internal",
        agentRest: "https://dg.internal",
        agentWebsocket: "wss://dg.internal"
      })
      assert.deepStrictEqual(yield* endpointsOf("ws://dg.internal:8080/base/"), {
        rest: "http://dg.internal:8080/base",
        websocket: "ws://dg.internal:8080/base",
        agentRest: "http://dg.internal:8080/base",
        agentWebsocket: "ws://dg.internal:8080/base"
      })
      assert.deepStrictEqual(yield* endpointsOf("http://dg.internal:8080"), {
        rest: "http://dg.internal:8080",
        websocket: "ws://dg.internal:8080",
        agentRest: "http://dg.internal:8080",
        agentWebsocket: "ws://dg.internal:8080"
      })
      assert.deepStrictEqual(yield* endpointsOf("https://dg.internal"), {
        rest: "https://dg.internal",
        websocket: "wss://dg.internal",
        agentRest: "https://dg.internal",
        agentWebsocket: "wss://dg.internal"
      })
    }))

  it.effect("only http, https, ws and wss URLs are accepted, for the base and for each endpoint", () =>
    Effect.gen(function*() {
      for (const baseUrl of ["http://a", "https://a", "ws://a", "wss://a"]) {
        assert.strictEqual((yield* DeepgramConfig.make({ baseUrl })).deployment, "self-hosted", baseUrl)
      }
      for (const baseUrl of ["ftp://a", "file:///a", "mailto:a@b", "a"]) {
        assert.strictEqual(yield* reasonOf({ baseUrl }), "InvalidUrl", baseUrl)
      }
      assert.strictEqual(yield* reasonOf({ baseUrl: "http://a", endpoints: { websocket: "ftp://a" } }), "InvalidUrl")
      assert.strictEqual(yield* reasonOf({ apiKey: "k", endpoints: { rest: "nope" } }), "InvalidUrl")
      // The error names the option that holds the bad URL.
      for (const [options, field] of [
        [{ baseUrl: "ftp://a" }, "baseUrl"],
        [{ baseUrl: "nope" }, "baseUrl"],
        [{ apiKey: "k", endpoints: { rest: "ftp://a" } }, "endpoints.rest"],
        [{ apiKey: "k", endpoints: { websocket: "ftp://a" } }, "endpoints.websocket"],
        [{ apiKey: "k", endpoints: { agentRest: "ftp://a" } }, "endpoints.agentRest"],
        [{ apiKey: "k", endpoints: { agentWebsocket: "ftp://a" } }, "endpoints.agentWebsocket"]
      ] as const) {
        const detail = yield* Effect.match(DeepgramConfig.make(options), {
          onFailure: (error) => error.detail,
          onSuccess: () => "accepted"
        })
        assert.isTrue(detail.startsWith(`${field} `), `${field}: ${detail}`)
      }
      const proxied = yield* DeepgramConfig.make({ apiKey: "k", endpoints: { websocket: "ws://proxy:1/dg/" } })
      assert.deepStrictEqual(proxied.endpoints, {
        rest: "https://api.deepgram.com",
        websocket: "ws://proxy:1/dg",
        agentRest: "https://agent.deepgram.com",
        agentWebsocket: "wss://agent.deepgram.com"
      })
    }))

  it.effect("hosted and EU need credentials; self-hosted and the emulator do not", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* reasonOf({}), "MissingCredentials")
      assert.strictEqual(yield* reasonOf({ region: "us" }), "MissingCredentials")
      assert.strictEqual(yield* reasonOf({ region: "eu" }), "MissingCredentials")
      const selfHosted = yield* DeepgramConfig.make({ baseUrl: "http://a" })
      assert.deepStrictEqual([selfHosted.deployment, selfHosted.credentials._tag], ["self-hosted", "NoCredentials"])
      const emulator = yield* DeepgramConfig.make({ baseUrl: "http://a", emulator: true })
      assert.deepStrictEqual([emulator.deployment, emulator.credentials._tag], ["emulator", "NoCredentials"])
      // A base URL beats a region.
      const both = yield* DeepgramConfig.make({ baseUrl: "http://a", region: "eu" })
      assert.deepStrictEqual([both.deployment, both.endpoints.rest], ["self-hosted", "http://a"])
      assert.strictEqual((yield* DeepgramConfig.make({ baseUrl: "http://a", emulator: false })).deployment, "self-hosted")
    }))

  it.effect("timeout: positive and finite; deadline: positive, or false for none", () =>
    Effect.gen(function*() {
      const base = { baseUrl: "http://a" }
      const timeouts: ReadonlyArray<Duration.DurationInput> = [0, -1, Infinity, "0 millis", "forever" as Duration.DurationInput]
      for (const timeout of timeouts) {
        assert.strictEqual(yield* reasonOf({ ...base, timeout }), "InvalidOption", String(timeout))
      }
      const short = yield* DeepgramConfig.make({ ...base, timeout: 1 })
      assert.strictEqual(Duration.toMillis(short.timeout), 1)
      const deadlines: ReadonlyArray<Duration.DurationInput> = [0, -5, "nonsense" as Duration.DurationInput]
      for (const deadline of deadlines) {
        assert.strictEqual(yield* reasonOf({ ...base, deadline }), "InvalidOption", String(deadline))
      }
      assert.isUndefined((yield* DeepgramConfig.make({ ...base, deadline: false })).deadline)
      const minute = yield* DeepgramConfig.make({ ...base, deadline: "1 minute" })
      assert.strictEqual(minute.deadline === undefined ? undefined : Duration.toMillis(minute.deadline), 60_000)
      const tiny = yield* DeepgramConfig.make({ ...base, deadline: 1 })
      assert.strictEqual(tiny.deadline === undefined ? undefined : Duration.toMillis(tiny.deadline), 1)
      // Without a deadline option: 50 s (an infinite deadline is allowed too: no limit across attempts).
      const unset = yield* DeepgramConfig.make(base)
      assert.strictEqual(unset.deadline === undefined ? undefined : Duration.toMillis(unset.deadline), 50_000)
    }))

  it.effect("retries: a non-negative integer, merged over the default policy", () =>
    Effect.gen(function*() {
      const base = { baseUrl: "http://a" }
      for (const retries of [-1, 1.5, NaN]) {
        assert.strictEqual(yield* reasonOf({ ...base, retry: { retries } }), "InvalidOption", String(retries))
      }
      const none = yield* DeepgramConfig.make({ ...base, retry: { retries: 0 } })
      assert.strictEqual(none.retry.retries, 0)
      const some = yield* DeepgramConfig.make({ ...base, retry: { retries: 5 } })
      assert.deepStrictEqual({ ...some.retry, retries: 2 }, (yield* DeepgramConfig.make(base)).retry)
      assert.strictEqual(some.retry.retries, 5)
    }))

  it.effect("user agent, session id and the client transform are carried over", () =>
    Effect.gen(function*() {
      const plain = yield* DeepgramConfig.make({ baseUrl: "http://a" })
      assert.strictEqual(plain.userAgent, `effect-deepgram/${DeepgramConfig.version}`)
      assert.isUndefined(plain.sessionId)
      assert.isUndefined(plain.transformClient)
      const transformClient = <A>(client: A) => client
      const custom = yield* DeepgramConfig.make({ baseUrl: "http://a", userAgent: "app/1", sessionId: "s", transformClient })
      assert.deepStrictEqual([custom.userAgent, custom.sessionId], ["app/1", "s"])
      assert.strictEqual(custom.transformClient, transformClient)
    }))
})
