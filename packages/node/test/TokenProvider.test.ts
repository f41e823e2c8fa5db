// The token provider against the emulator's /v1/auth/grant, with the Effect clock under test control.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Auth, Credentials, Manage, TokenProvider } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Effect, Layer, Redacted, TestClock, TestContext } from "effect"
import { emulatorLayer, sdkFor } from "./helpers.js"

/** A provider whose tokens come from the real SDK's grant call, counting the grants. */
const countingProvider = (ttlSeconds: number) =>
  Effect.gen(function*() {
    const auth = yield* Auth.Auth
    let grants = 0
    const provider = yield* TokenProvider.make(
      Effect.zipLeft(auth.grant({ ttl_seconds: ttlSeconds }, { retry: false }), Effect.sync(() => grants++))
    )
    return { provider, grants: () => grants }
  })

/** The body runs with the SDK and the test clock (the emulator keeps the real one). */
const underTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(Effect.provide(sdkFor()), Effect.provide(TestContext.TestContext))

layer(emulatorLayer(), { excludeTestServices: true })("TokenProvider", (it) => {
  it.effect("serves the cached token and refreshes it shortly before it expires", () =>
    underTestClock(Effect.gen(function*() {
      const { grants, provider } = yield* countingProvider(60)
      const first = yield* provider.current
      assert.strictEqual(first.expiresIn, 60)
      assert.strictEqual(Redacted.value((yield* provider.current).accessToken), Redacted.value(first.accessToken))
      yield* TestClock.adjust("45 seconds")
      const later = yield* provider.current
      assert.strictEqual(grants(), 1, "still fresh 45 s into a 60 s token")
      assert.strictEqual(later.expiresIn, 15)
      yield* TestClock.adjust("6 seconds")
      const refreshed = yield* provider.current
      assert.strictEqual(grants(), 2, "replaced within 10 s of expiry")
      assert.notStrictEqual(Redacted.value(refreshed.accessToken), Redacted.value(first.accessToken))
      assert.strictEqual(refreshed.expiresIn, 60)
    })))

  it.effect("concurrent callers share one refresh", () =>
    underTestClock(Effect.gen(function*() {
      const { grants, provider } = yield* countingProvider(30)
      const tokens = yield* Effect.all(Array.from({ length: 20 }, () => provider.token), { concurrency: "unbounded" })
      assert.strictEqual(grants(), 1)
      assert.strictEqual(new Set(tokens.map(Redacted.value)).size, 1)
      yield* TestClock.adjust("25 seconds")
      yield* Effect.all(Array.from({ length: 20 }, () => provider.token), { concurrency: "unbounded" })
      assert.strictEqual(grants(), 2)
    })))

  it.effect("a failed refresh keeps the unexpired token, then fails once it has expired, then recovers", () =>
    underTestClock(Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const { grants, provider } = yield* countingProvider(60)
      const first = yield* provider.token
      yield* TestClock.adjust("55 seconds")
      yield* emulator.injectFault(Fault.status(503), { times: 1 })
      const stillValid = yield* provider.token
      assert.strictEqual(Redacted.value(stillValid), Redacted.value(first), "the refresh failed; the old token has 5 s left")
      yield* TestClock.adjust("10 seconds")
      yield* emulator.injectFault(Fault.status(503), { times: 1 })
      const error = yield* Effect.flip(provider.token)
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag === "DeepgramApiError") assert.strictEqual(error.status, 503)
      const recovered = yield* provider.token
      assert.notStrictEqual(Redacted.value(recovered), Redacted.value(first))
      assert.strictEqual(grants(), 2)
    })))

  it.effect("invalidate forgets the token", () =>
    underTestClock(Effect.gen(function*() {
      const { grants, provider } = yield* countingProvider(60)
      yield* provider.token
      yield* provider.invalidate
      yield* provider.token
      assert.strictEqual(grants(), 2)
    })))

  it.effect("the SDK authenticates with the provider's tokens (Bearer), never the key", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      // The app's own wiring: the provider's tokens become the SDK's credentials.
      const WithTokens = Layer.unwrapEffect(
        Effect.map(TokenProvider.TokenProvider, (provider) =>
          sdkFor({ apiKey: undefined, credentials: Credentials.provided(provider.token) }))
      ).pipe(Layer.provide(TokenProvider.layerGrant({ ttlSeconds: 120 })), Layer.provide(sdkFor()))
      const { projects } = yield* Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(Effect.provide(WithTokens))
      assert.isAbove(projects?.length ?? 0, 0)
      const entries = yield* DeepgramEmulator.journal
      assert.deepStrictEqual(entries.map((e) => [e.path, e.authScheme]), [
        ["/v1/auth/grant", "token"],
        ["/v1/projects", "bearer"]
      ])
    }))
})
