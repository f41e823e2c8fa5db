// The browser layers' API key guard, every case, without a server: building
// the layer is what accepts or refuses the configuration.
import { BrowserDeepgram, Credentials, DeepgramConfig } from "@effect-deepgram/browser"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Context, Effect, Layer, Option, Redacted } from "effect"

const BASE = "http://127.0.0.1:9"

const build = (layer: Layer.Layer<BrowserDeepgram.Services, unknown>) =>
  Effect.scoped(Effect.map(Layer.build(layer), (context) => Context.get(context, DeepgramConfig.DeepgramConfig)))

const withEnv = (env: Record<string, string>, options: BrowserDeepgram.Options = {}) =>
  BrowserDeepgram.layerConfig(options).pipe(
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ DEEPGRAM_BASE_URL: BASE, ...env })))))
  )

const header = (config: DeepgramConfig.Service) =>
  Option.getOrUndefined(Option.map(Credentials.authorization(config.credentials), Redacted.value))

const refused = (layer: Layer.Layer<BrowserDeepgram.Services, unknown>) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(build(layer))
    assert.isTrue(error instanceof Error && "_tag" in error && error._tag === "DeepgramConfigError", String(error))
    const configError = error as { readonly reason: string; readonly message: string }
    assert.strictEqual(configError.reason, "InvalidOption")
    assert.include(configError.message, "dangerouslyAllowApiKey")
    assert.notInclude(configError.message, "raw-key")
    return configError.message
  })

describe("browser API key guard", () => {
  it.effect("layer: a raw key is refused unless dangerouslyAllowApiKey is exactly true", () =>
    Effect.gen(function*() {
      yield* refused(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: "raw-key" }))
      yield* refused(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: "raw-key", dangerouslyAllowApiKey: false }))
      yield* refused(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: Redacted.make("raw-key") }))
      yield* refused(BrowserDeepgram.layer({ baseUrl: BASE, credentials: Credentials.apiKey("raw-key") }))
      const allowed = yield* build(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: "raw-key", dangerouslyAllowApiKey: true }))
      assert.strictEqual(header(allowed), "Token raw-key")
    }))

  it.effect("layer: access tokens and no credentials pass, allowed or not", () =>
    Effect.gen(function*() {
      for (const dangerouslyAllowApiKey of [undefined, false, true]) {
        const token = yield* build(BrowserDeepgram.layer({ baseUrl: BASE, accessToken: "jwt", dangerouslyAllowApiKey }))
        assert.strictEqual(header(token), "Bearer jwt")
        const both = yield* build(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: "raw-key", accessToken: "jwt", dangerouslyAllowApiKey }))
        assert.strictEqual(header(both), "Bearer jwt")
        const none = yield* build(BrowserDeepgram.layer({ baseUrl: BASE, dangerouslyAllowApiKey }))
        assert.strictEqual(none.credentials._tag, "NoCredentials")
      }
    }))

  it.effect("layerConfig: the same rule for a key from DEEPGRAM_API_KEY or from the options", () =>
    Effect.gen(function*() {
      const fromLayer = yield* refused(BrowserDeepgram.layer({ baseUrl: BASE, apiKey: "raw-key" }))
      assert.strictEqual(yield* refused(withEnv({ DEEPGRAM_API_KEY: "raw-key" })), fromLayer)
      assert.strictEqual(yield* refused(withEnv({ DEEPGRAM_API_KEY: "raw-key" }, { dangerouslyAllowApiKey: false })), fromLayer)
      assert.strictEqual(yield* refused(withEnv({}, { apiKey: "raw-key" })), fromLayer)
      assert.strictEqual(yield* refused(withEnv({ DEEPGRAM_ACCESS_TOKEN: "jwt" }, { apiKey: "raw-key" })), fromLayer)
      const allowed = yield* build(withEnv({ DEEPGRAM_API_KEY: "raw-key" }, { dangerouslyAllowApiKey: true }))
      assert.strictEqual(header(allowed), "Token raw-key")
    }))

  it.effect("layerConfig: access tokens and no credentials pass", () =>
    Effect.gen(function*() {
      const token = yield* build(withEnv({ DEEPGRAM_ACCESS_TOKEN: "jwt", DEEPGRAM_API_KEY: "raw-key" }))
      assert.strictEqual(header(token), "Bearer jwt")
      const explicit = yield* build(withEnv({ DEEPGRAM_API_KEY: "raw-key" }, { accessToken: "jwt" }))
      assert.strictEqual(header(explicit), "Bearer jwt")
      const none = yield* build(withEnv({}))
      assert.strictEqual(none.credentials._tag, "NoCredentials")
      assert.strictEqual(none.deployment, "self-hosted")
    }))
})
