/**
 * `npm run demo`: transcribes the bundled spacewalk sample.
 *
 * With DEEPGRAM_API_KEY (or DEEPGRAM_ACCESS_TOKEN / DEEPGRAM_TOKEN, or
 * DEEPGRAM_BASE_URL for a self-hosted server) it talks to Deepgram; without,
 * it starts the bundled emulator in-process so that it works offline.
 * Pass another file as the first argument to transcribe it instead.
 */
import { DeepgramConfig, DeepgramHttp, Listen } from "@effect-deepgram/node"
import { Console, Effect } from "effect"
import { DeepgramOrEmulator, fixtures, runMain } from "./runtime.js"

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

runMain(program.pipe(Effect.provide(DeepgramOrEmulator)))
