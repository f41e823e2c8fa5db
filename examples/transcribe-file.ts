/**
 * `npm run demo`: transcribes the bundled spacewalk sample.
 *
 * With DEEPGRAM_API_KEY (or DEEPGRAM_ACCESS_TOKEN / DEEPGRAM_TOKEN, or
 * DEEPGRAM_BASE_URL for a self-hosted server) it talks to Deepgram; without,
 * it starts the bundled emulator in-process so that it works offline.
 * Pass another file as the first argument to transcribe it instead.
 */
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { DeepgramConfig, DeepgramHttp, Listen, NodeDeepgram } from "@effect-deepgram/node"
import { Config, Console, Effect, Layer, Option } from "effect"
import { fileURLToPath } from "node:url"

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url))
const file = process.argv[2] ?? `${fixtures}spacewalk.wav`

const program = Effect.gen(function*() {
  const listen = yield* Listen.Listen
  const config = yield* DeepgramConfig.DeepgramConfig
  const [result, response] = yield* DeepgramHttp.withResponse(
    listen.transcribeFile(file, { model: "nova-3", smart_format: true })
  )
  const alternative = result.results.channels[0]?.alternatives?.[0]
  yield* Console.log(`endpoint:   ${config.endpoints.rest} (${config.deployment})`)
  yield* Console.log(`file:       ${file}`)
  yield* Console.log(`duration:   ${result.metadata.duration.toFixed(2)} s, ${result.metadata.channels} channel(s)`)
  yield* Console.log(`request id: ${response.requestId ?? result.metadata.request_id}`)
  yield* Console.log(`words:      ${alternative?.words?.length ?? 0}, confidence ${alternative?.confidence?.toFixed(2) ?? "-"}`)
  yield* Console.log(`\n${alternative?.transcript || "(no speech)"}`)
})

/** Deepgram when the environment names credentials or a server, else the in-process emulator. */
const Live = Effect.gen(function*() {
  const env = yield* Config.all([
    Config.option(Config.string("DEEPGRAM_API_KEY")),
    Config.option(Config.string("DEEPGRAM_ACCESS_TOKEN")),
    Config.option(Config.string("DEEPGRAM_TOKEN")),
    Config.option(Config.string("DEEPGRAM_BASE_URL")),
    Config.option(Config.string("DEEPGRAM_HOST"))
  ])
  if (env.some(Option.isSome)) return NodeDeepgram.DeepgramLive
  yield* Console.log("No DEEPGRAM_API_KEY set: using the bundled emulator.\n")
  return Layer.unwrapEffect(
    Effect.map(DeepgramEmulator.DeepgramEmulator, (emulator) => NodeDeepgram.layer({ baseUrl: emulator.url, emulator: true, apiKey: "emulator-demo-key" }))
  ).pipe(Layer.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures })))
}).pipe(Layer.unwrapEffect)

program.pipe(
  Effect.provide(Live),
  Effect.catchAll((error) => Console.error(`Transcription failed: ${error.message}`).pipe(Effect.zipRight(Effect.sync(() => {
    process.exitCode = 1
  })))),
  Effect.runPromise
)
