// Smoke program, Bun: the packed Bun layer (Bun's fetch) transcribes the sample against the packed emulator.
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `bun bun.mjs <fixtures dir>`.
import { BunDeepgram, Listen } from "@effect-deepgram/bun"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"

const fixtures = process.argv[2] ?? "."
const expected = readFileSync(join(fixtures, "spacewalk.txt"), "utf8").trim()

const program = Effect.gen(function*() {
  const url = yield* DeepgramEmulator.url
  const response = yield* Effect.gen(function*() {
    const listen = yield* Listen.Listen
    return yield* listen.transcribeFile(join(fixtures, "spacewalk.wav"), { model: "nova-3", smart_format: true })
  }).pipe(Effect.provide(BunDeepgram.layer({ baseUrl: url, apiKey: "smoke-key" })))
  const transcript = response.results.channels[0]?.alternatives?.[0]?.transcript
  if (transcript !== expected) {
    return yield* Effect.fail(new Error(`unexpected transcript: ${JSON.stringify(transcript)}`))
  }
  if (typeof Bun === "undefined") {
    return yield* Effect.fail(new Error("not running under Bun"))
  }
  console.log(`bun ${Bun.version}: ${transcript}`)
}).pipe(
  Effect.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["smoke-key"] }))
)

Effect.runPromise(program).catch((error) => {
  console.error(`bun: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
