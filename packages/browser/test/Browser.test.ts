import { BrowserDeepgram, Listen } from "@effect-deepgram/browser"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { assert, layer } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Stream } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { WebSocket } from "ws"

const fixtures = fileURLToPath(new URL("../../../fixtures/", import.meta.url))
const wav = new Uint8Array(readFileSync(`${fixtures}spacewalk.wav`))
const transcript = readFileSync(`${fixtures}spacewalk.txt`, "utf8").trim()

const browserLayer = (options: BrowserDeepgram.Options) =>
  Effect.flatMap(DeepgramEmulator.url, (url) =>
    Effect.succeed(BrowserDeepgram.layer({ baseUrl: url, retry: { baseDelay: "10 millis" }, ...options })))

const withSdk = <A, E>(options: BrowserDeepgram.Options, effect: Effect.Effect<A, E, Listen.Listen>) =>
  Effect.flatMap(browserLayer(options), (sdk) => Effect.provide(effect, sdk))

/** `layerConfig` with these variables as the environment. */
const withEnv = <A, E>(
  env: Record<string, string>,
  options: BrowserDeepgram.Options,
  effect: Effect.Effect<A, E, Listen.Listen>
) =>
  Effect.provide(
    effect,
    BrowserDeepgram.layerConfig({ retry: { baseDelay: "10 millis" }, ...options }).pipe(
      Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
    )
  )

/**
 * Builds the SDK and succeeds with a short text: a test that expects the build to be refused then fails with that
 * text (flipping the service itself would make the failure print a large object graph, slowly).
 */
const built = Effect.as(Listen.Listen, "the SDK layer was built")

const transcribeBlob = Effect.flatMap(
  Listen.Listen,
  (listen) => listen.transcribe(new Blob([wav], { type: "audio/wav" }), { smart_format: true })
)

/** Runs `effect` in a runtime without `globalThis.WebSocket` (as Node 20 is; Node 22+ and Bun have one). */
const withoutGlobalWebSocket = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, "WebSocket")
      Reflect.deleteProperty(globalThis, "WebSocket")
      return descriptor
    }),
    () => effect,
    (descriptor) =>
      Effect.sync(() => {
        if (descriptor !== undefined) Object.defineProperty(globalThis, "WebSocket", descriptor)
      })
  )

layer(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["server-side-key"] }), {
  excludeTestServices: true
})("browser layer (fetch + WebSocket API) against the emulator", (it) => {
  it.effect("refuses a raw API key unless allowed by name", () =>
    Effect.gen(function*() {
      const error = yield* withSdk({ apiKey: "server-side-key" }, built).pipe(Effect.flip)
      assert.strictEqual(error._tag, "DeepgramConfigError")
      assert.include(error.message, "access token")
      assert.notInclude(error.message, "server-side-key")
      const allowed = yield* withSdk({ apiKey: "server-side-key", dangerouslyAllowApiKey: true }, Listen.Listen)
      assert.isDefined(allowed)
    }))

  it.effect("layerConfig refuses a raw API key from DEEPGRAM_API_KEY exactly as layer does", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const env = { DEEPGRAM_API_KEY: "server-side-key", DEEPGRAM_BASE_URL: emulator.url }
      const fromLayer = yield* withSdk({ apiKey: "server-side-key" }, built).pipe(Effect.flip)
      const fromEnv = yield* withEnv(env, {}, built).pipe(Effect.flip)
      assert.strictEqual(fromEnv._tag, "DeepgramConfigError")
      assert.strictEqual(fromEnv.reason, "InvalidOption")
      assert.strictEqual(fromEnv.message, fromLayer.message)
      assert.notInclude(fromEnv.message, "server-side-key")
      assert.notInclude(String(fromEnv), "server-side-key")
      // An explicit key given to layerConfig is refused too, even with a token in the environment.
      const explicit = yield* withEnv({ DEEPGRAM_BASE_URL: emulator.url }, { apiKey: "server-side-key" }, built).pipe(Effect.flip)
      assert.strictEqual(explicit.message, fromLayer.message)
      // Nothing reached the server.
      yield* emulator.clearJournal
      const refusedUpload = yield* withEnv(env, {}, transcribeBlob).pipe(Effect.flip)
      assert.strictEqual(refusedUpload._tag, "DeepgramConfigError")
      assert.deepStrictEqual(yield* emulator.journal, [])
      // Allowed by name, the key from the environment is used (as `Token`).
      const allowed = yield* withEnv(env, { dangerouslyAllowApiKey: true }, transcribeBlob)
      assert.strictEqual(allowed.results.channels[0]?.alternatives?.[0]?.transcript, transcript)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "token")
      assert.isTrue(entry!.authenticated)
    }))

  it.effect("layerConfig takes an access token from the environment, even with DEEPGRAM_API_KEY set", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken({ ttlSeconds: 60 })
      yield* emulator.clearJournal
      const env = { DEEPGRAM_API_KEY: "server-side-key", DEEPGRAM_ACCESS_TOKEN: token.access_token, DEEPGRAM_BASE_URL: emulator.url }
      const result = yield* withEnv(env, {}, transcribeBlob)
      assert.strictEqual(result.results.channels[0]?.alternatives?.[0]?.transcript, transcript)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "bearer")
      // `layer` with both: the token is used and the key is not refused.
      yield* emulator.clearJournal
      yield* withSdk({ apiKey: "server-side-key", accessToken: token.access_token }, transcribeBlob)
      assert.strictEqual((yield* emulator.journal)[0]!.authScheme, "bearer")
    }))

  it.effect("uploads a Blob with a short-lived access token and sends no trace headers", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken({ ttlSeconds: 60 })
      yield* emulator.clearJournal
      const result = yield* withSdk(
        { accessToken: token.access_token },
        Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(new Blob([wav], { type: "audio/wav" }), { smart_format: true }))
      )
      assert.strictEqual(result.results.channels[0]?.alternatives?.[0]?.transcript, transcript)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "bearer")
      assert.isUndefined(entry!.headers.traceparent)
      assert.isUndefined(entry!.headers.b3)
    }))

  it.effect("an expired token gets Deepgram's 401", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken({ ttlSeconds: 1 })
      yield* Effect.sleep("2100 millis")
      const error = yield* withSdk(
        { accessToken: token.access_token, retry: { retries: 0 } },
        Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(new Blob([wav])))
      ).pipe(Effect.flip)
      assert.strictEqual(error._tag === "DeepgramApiError" && error.status, 401)
    }))

  it.effect("live over the WebSocket API authenticates with the bearer subprotocol", () =>
    Effect.gen(function*() {
      // Node 20 has no global WebSocket; stand one in with the same API, as a browser has.
      const previous = globalThis.WebSocket
      globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket
      yield* Effect.addFinalizer(() => Effect.sync(() => (globalThis.WebSocket = previous)))
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken({ ttlSeconds: 60 })
      yield* emulator.clearJournal
      const chunks = Stream.fromIterable(
        Array.from({ length: Math.ceil(wav.byteLength / 32000) }, (_, i) => wav.subarray(i * 32000, (i + 1) * 32000))
      )
      const finals = yield* withSdk(
        { accessToken: token.access_token },
        Effect.flatMap(Listen.Listen, (listen) =>
          listen.live(chunks, { smart_format: true }).pipe(Listen.finalTranscripts, Stream.runCollect))
      )
      assert.strictEqual([...finals].join(" "), transcript)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.authScheme, "bearer")
      assert.isUndefined(entry!.headers.authorization)
    }).pipe(Effect.scoped))

  it.effect("a runtime without WebSocket gets a typed error that says so", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken({ ttlSeconds: 60 })
      const error = yield* withSdk(
        { accessToken: token.access_token },
        Effect.flatMap(Listen.Listen, (listen) =>
          listen.live(Stream.make(wav), { smart_format: true }).pipe(Stream.runDrain))
      ).pipe(Effect.flip)
      assert.strictEqual(error._tag, "DeepgramHandshakeError")
      assert.include(error.message, "this runtime has no WebSocket")
    }).pipe(withoutGlobalWebSocket))
})
