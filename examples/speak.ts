/**
 * `npm run demo:speak`: speaks a sentence with Deepgram's text-to-speech REST
 * API (`POST /v1/speak`) and writes it to a WAV file, streamed to disk as the
 * audio arrives.
 *
 * With DEEPGRAM_API_KEY set it talks to Deepgram; without, to the bundled
 * emulator started in-process (whose voice is synthetic but real audio).
 * Usage: `npm run demo:speak -- [TEXT] [OUT.wav]`.
 */
import { Speak } from "@effect-deepgram/node"
import { Console, Effect } from "effect"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DeepgramOrEmulator, runMain } from "./runtime.js"

const text = process.argv[2] ?? "Hello from Effect. This sentence was synthesized by Deepgram and streamed to a file."
const out = process.argv[3] ?? join(tmpdir(), "effect-deepgram-speak.wav")

const program = Effect.gen(function*() {
  const speak = yield* Speak.Speak
  const started = Date.now()
  const metadata = yield* speak.toFile(out, text, {
    model: "aura-2-thalia-en",
    encoding: "linear16",
    container: "wav",
    sample_rate: 24000
  })
  yield* Console.log(`model:      ${metadata.model ?? "-"}`)
  yield* Console.log(`characters: ${metadata.characters ?? "-"}`)
  yield* Console.log(`request id: ${metadata.requestId ?? "-"}`)
  yield* Console.log(`took:       ${Date.now() - started} ms`)
  yield* Console.log(`wrote       ${out}`)
})

runMain(program.pipe(Effect.provide(DeepgramOrEmulator)))
