// Runs under Bun (`npm run test:bun`, part of `npm test`): the real SDK with
// Bun's fetch and WebSocket against the emulator over loopback.
import { BunDeepgram, DeepgramHttp, Listen } from "@effect-deepgram/bun"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { Cause, Effect, Exit, ManagedRuntime, Option, Stream } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const fixtures = fileURLToPath(new URL("../../../fixtures/", import.meta.url))
const spacewalk = `${fixtures}spacewalk.wav`
const transcript = readFileSync(`${fixtures}spacewalk.txt`, "utf8").trim()

const emulator = ManagedRuntime.make(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["bun-key"] }))
let url = ""
beforeAll(async () => {
  url = await emulator.runPromise(DeepgramEmulator.url)
})
afterAll(() => emulator.dispose())

const run = <A, E>(effect: Effect.Effect<A, E, Listen.Listen>, options: Parameters<typeof BunDeepgram.layer>[0] = {}) =>
  Effect.runPromiseExit(
    effect.pipe(Effect.provide(BunDeepgram.layer({ baseUrl: url, apiKey: "bun-key", retry: { baseDelay: "10 millis" }, ...options })))
  )

const journal = () => emulator.runPromise(DeepgramEmulator.journal)

describe("Bun runtime", () => {
  test("transcribes a file streamed from disk with Bun's fetch", async () => {
    const exit = await run(
      Effect.flatMap(Listen.Listen, (listen) =>
        DeepgramHttp.withResponse(listen.transcribeFile(spacewalk, { model: "nova-3", smart_format: true })))
    )
    expect(Exit.isSuccess(exit)).toBe(true)
    if (!Exit.isSuccess(exit)) return
    const [result, response] = exit.value
    expect(result.results.channels[0]?.alternatives?.[0]?.transcript).toBe(transcript)
    expect(response.requestId).toBe(result.metadata.request_id)
    const entries = await journal()
    expect(entries[entries.length - 1]!.authScheme).toBe("token")
  })

  test("transcribes bytes; a wrong key is a typed 401", async () => {
    const bytes = new Uint8Array(readFileSync(spacewalk))
    const ok = await run(Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(bytes, { punctuate: true })))
    expect(Exit.isSuccess(ok)).toBe(true)
    const bad = await run(Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(bytes)), { apiKey: "wrong" })
    // The typed failure itself, never a defect or an interruption (which would have no `error` to check).
    const failure = Exit.isFailure(bad) ? Cause.failureOption(bad.cause) : Option.none()
    expect(Option.isSome(failure) ? "Fail" : `no typed failure: ${Exit.isFailure(bad) ? Cause.pretty(bad.cause) : "success"}`)
      .toBe("Fail")
    const error = Option.getOrThrow(failure)
    expect(error._tag).toBe("DeepgramApiError")
    expect(error._tag === "DeepgramApiError" && error.status).toBe(401)
    expect(error.message).not.toContain("wrong")
    expect(String(error)).not.toContain("wrong")
  })

  test("live transcription over Bun's WebSocket with header auth", async () => {
    const audio = new Uint8Array(readFileSync(spacewalk))
    const chunks = Stream.fromIterable(
      Array.from({ length: Math.ceil(audio.byteLength / 32000) }, (_, i) => audio.subarray(i * 32000, (i + 1) * 32000))
    )
    const exit = await run(
      Effect.flatMap(Listen.Listen, (listen) =>
        listen.live(chunks, { model: "nova-3", smart_format: true }).pipe(Listen.finalTranscripts, Stream.runCollect))
    )
    expect(Exit.isSuccess(exit)).toBe(true)
    if (!Exit.isSuccess(exit)) return
    expect([...exit.value].join(" ")).toBe(transcript)
    const entries = await journal()
    const socket = entries.filter((entry) => entry.method === "GET" && entry.path === "/v1/listen").pop()
    expect(socket?.authScheme).toBe("token")
  })
})

