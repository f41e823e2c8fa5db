// Smoke program, Node CommonJS: the same as esm.mjs, through require().
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `node cjs.cjs <fixtures dir>`.
"use strict"
const { DeepgramEmulator } = require("@effect-deepgram/emulator")
const { Listen, NodeDeepgram } = require("@effect-deepgram/node")
const { Effect } = require("effect")
const { readFileSync } = require("node:fs")
const { join } = require("node:path")

const packages = ["schema", "core", "node", "bun", "browser", "emulator", "cli", "testing"]
  .map((name) => `@effect-deepgram/${name}`)
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
  // Every package loads with require(), from its CommonJS build, with the same exports as its ESM build.
  for (const name of packages) {
    const loaded = require.resolve(name)
    if (!loaded.includes("/build/cjs/")) {
      return yield* Effect.fail(new Error(`${name} resolved to ${loaded}, not its CommonJS build`))
    }
    const cjs = Object.keys(require(name)).sort().join(", ")
    const esm = Object.keys(yield* Effect.promise(() => import(name))).filter((key) => key !== "default").sort()
      .join(", ")
    if (cjs !== esm || cjs === "") {
      return yield* Effect.fail(new Error(`${name}: require() gives [${cjs}], import gives [${esm}]`))
    }
  }
  console.log(`node cjs: ${transcript}`)
}).pipe(
  Effect.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["smoke-key"] }))
)

Effect.runPromise(program).catch((error) => {
  console.error(`node cjs: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
