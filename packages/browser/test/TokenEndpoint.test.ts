// BrowserDeepgram.layerTokenEndpoint: the page gets short-lived tokens from the
// application's own endpoint and sends them as `Bearer`; it never holds a key.
import { BrowserDeepgram, Listen } from "@effect-deepgram/browser"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"

const wav = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../fixtures/spacewalk.wav", import.meta.url))))

/** A token endpoint on loopback that answers `grant` and records how it was asked. */
const tokenEndpoint = (grant: { readonly access_token: string; readonly expires_in: number }) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly methods: Array<string>; readonly close: () => void }>((resume) => {
      const methods: Array<string> = []
      const server = createServer((request, response) => {
        methods.push(request.method ?? "")
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify(grant))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}/token`, methods, close: () => server.close() }))
      })
    }),
    (endpoint) => Effect.sync(endpoint.close)
  )

layer(DeepgramEmulator.layer({ auth: "keys", apiKeys: ["server-side-key"] }), { excludeTestServices: true })(
  "BrowserDeepgram.layerTokenEndpoint",
  (it) => {
    it.effect("sends the endpoint's token as Bearer, fetched once and asked with the given method", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        const grant = yield* emulator.mintAccessToken({ ttlSeconds: 600 })
        const endpoint = yield* tokenEndpoint({ access_token: grant.access_token, expires_in: 600 })
        const url = yield* DeepgramEmulator.url
        yield* emulator.clearJournal
        const sdk = BrowserDeepgram.layerTokenEndpoint(endpoint.url, { baseUrl: url, method: "POST" })
        const transcribe = Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(new Blob([wav], { type: "audio/wav" })))
        yield* Effect.provide(Effect.zipRight(transcribe, transcribe), sdk)
        const journal = yield* emulator.journal
        assert.deepStrictEqual(journal.map((entry) => [entry.status, entry.authScheme]), [[200, "bearer"], [200, "bearer"]])
        assert.deepStrictEqual(endpoint.methods, ["POST"])
      }).pipe(Effect.scoped))

    it.effect("a token the endpoint hands out that Deepgram refuses is Deepgram's 401, not a key fallback", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        const endpoint = yield* tokenEndpoint({ access_token: "a.b.c", expires_in: 600 })
        const url = yield* DeepgramEmulator.url
        const error = yield* Effect.flip(Effect.provide(
          Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(new Blob([wav], { type: "audio/wav" }))),
          BrowserDeepgram.layerTokenEndpoint(endpoint.url, { baseUrl: url, retry: { retries: 0 } })
        ))
        assert.strictEqual(error._tag === "DeepgramApiError" ? error.status : error._tag, 401)
        assert.deepStrictEqual(endpoint.methods, ["GET"])
        assert.strictEqual((yield* emulator.journal).at(-1)?.authScheme, "bearer")
      }).pipe(Effect.scoped))
  }
)
