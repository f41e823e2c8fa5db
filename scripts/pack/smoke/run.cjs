// The smoke program shared by esm.mjs, cjs.cjs and bun.mjs: each entry loads the packed packages in its own
// module format (import or require) and passes them here, with the checks only that format can make.
// It loads no package itself, so what each entry proves about its format stays its own.
"use strict"
const { readFileSync } = require("node:fs")
const { join } = require("node:path")

/**
 * Starts the packed emulator in-process, transcribes the sample through `clientLayer` (the packed runtime layer),
 * checks the transcript, runs `checks` (an Effect giving the label of the success line) and prints
 * `<label>: <transcript>`; on failure prints `<name>: <message>` to stderr and sets exit code 1.
 * `argv[2]` is the fixtures directory.
 */
exports.runSmoke = ({ name, Effect, DeepgramEmulator, Listen, clientLayer, checks }) => {
  const fixtures = process.argv[2] ?? "."
  const expected = readFileSync(join(fixtures, "spacewalk.txt"), "utf8").trim()
  const program = Effect.gen(function*() {
    const url = yield* DeepgramEmulator.url
    const response = yield* Effect.gen(function*() {
      const listen = yield* Listen.Listen
      return yield* listen.transcribeFile(join(fixtures, "spacewalk.wav"), { model: "nova-3", smart_format: true })
    }).pipe(Effect.provide(clientLayer({ baseUrl: url, apiKey: "smoke-key" })))
    const transcript = response.results.channels[0]?.alternatives?.[0]?.transcript
    if (transcript !== expected) {
      return yield* Effect.fail(new Error(`unexpected transcript: ${JSON.stringify(transcript)}`))
    }
    const label = yield* checks
    console.log(`${label}: ${transcript}`)
  }).pipe(
    Effect.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures, auth: "keys", apiKeys: ["smoke-key"] }))
  )
  Effect.runPromise(program).catch((error) => {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
}
