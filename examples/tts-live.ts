/**
 * `npm run demo:tts-live`: streams a paragraph through the speak WebSocket
 * (`/v1/speak`) as an LLM would produce it, token by token, and writes the
 * audio to a WAV file.
 *
 * The tokens go through `Speak.sentences`, which sends each complete sentence
 * followed by a `Flush`, so audio for the first sentence arrives while the
 * rest is still being "generated". With DEEPGRAM_API_KEY set it talks to
 * Deepgram; without, to the bundled emulator started in-process. The first
 * argument names the output file.
 */
import { Speak } from "@effect-deepgram/node"
import { Console, Effect, Schedule, Stream } from "effect"
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DeepgramOrEmulator, runMain } from "./runtime.js"

const out = process.argv[2] ?? join(tmpdir(), "effect-deepgram-tts-live.wav")
const sampleRate = 24000

const paragraph =
  "Effect streams make real-time speech simple. Tokens flow in as a language model writes them, " +
  "and each finished sentence is spoken while the next one is still being written. " +
  "A slow listener slows the writer down, so nothing piles up in memory. " +
  "When the text ends, the last words are flushed and the socket closes cleanly."

// An LLM-like token stream: words with small pauses between them.
const tokens = Stream.fromIterable(paragraph.match(/\S+\s*/g) ?? []).pipe(
  Stream.schedule(Schedule.spaced("20 millis"))
)

const program = Effect.gen(function*() {
  const speak = yield* Speak.Speak
  const started = Date.now()
  const audio: Array<Uint8Array> = []
  let firstAudio: number | undefined
  yield* speak.live(Speak.sentences(tokens), { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: sampleRate }).pipe(
    Stream.runForEach((event) => {
      switch (event.type) {
        case "Audio":
          firstAudio ??= Date.now() - started
          return Effect.sync(() => audio.push(event.data))
        case "Metadata":
          return Console.log(`model:        ${event.model_name} (request ${event.request_id})`)
        case "Flushed":
          return Console.log(`flushed #${event.sequence_id} at ${Date.now() - started} ms`)
        case "Warning":
          return Console.log(`warning:      ${event.code}: ${event.description}`)
        default:
          return Effect.void
      }
    })
  )
  const wav = Speak.wavFile(audio, { sampleRate })
  writeFileSync(out, wav)
  const seconds = (wav.byteLength - 44) / 2 / sampleRate
  yield* Console.log(`first audio:  ${firstAudio ?? "-"} ms after the first token`)
  yield* Console.log(`audio:        ${seconds.toFixed(2)} s in ${audio.length} chunks`)
  yield* Console.log(`wrote:        ${out}`)
})

runMain(program.pipe(Effect.provide(DeepgramOrEmulator)))
