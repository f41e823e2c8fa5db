// Smoke program, Node ESM: the packed SDK transcribes the sample against the packed emulator, in-process.
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `node esm.mjs <fixtures dir>`.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
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
  }).pipe(Effect.provide(NodeDeepgram.layer({ baseUrl: url, apiKey: "smoke-key" })))
  const transcript = response.results.channels[0]?.alternatives?.[0]?.transcript
  if (transcript !== expected) {
    return yield* Effect.fail(new Error(`unexpected transcript: ${JSON.stringify(transcript)}`))
  }
  // Every package loads with import, from its ESM build.
  for (const name of ["schema", "core", "node", "bun", "browser", "emulator", "cli", "testing"]) {
    const loaded = import.meta.resolve(`@effect-deepgram/${name}`)
    if (!loaded.includes("/build/esm/")) {
      return yield* Effect.fail(new Error(`@effect-deepgram/${name} resolved to ${loaded}, not its ESM build`))
    }
    const module = yield* Effect.promise(() => import(`@effect-deepgram/${name}`))
    if (Object.keys(module).length === 0) {
      return yield* Effect.fail(new Error(`@effect-deepgram/${name} has no exports`))
    }
  }
  console.log(`node esm: ${transcript}`)
}).pipe(
  Effect.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["smoke-key"] }))
)

Effect.runPromise(program).catch((error) => {
  console.error(`node esm: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
