/**
 * `npm run demo:live`: streams the spacewalk sample at real-time pace over
 * the live WebSocket (`/v1/listen`) and prints interim transcripts as they
 * change and final ones as they settle. Deepgram with a key, else the
 * bundled emulator. `--fast` streams as fast as possible.
 */
import { DeepgramConfig, Listen } from "@effect-deepgram/node"
import { NodeFileSystem } from "@effect/platform-node"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Schedule, Stream } from "effect"
import { DeepgramOrEmulator, fixtures, runMain } from "./runtime.js"

const file = `${fixtures}spacewalk.wav`
const realTime = !process.argv.includes("--fast")
// 44.1 kHz, 16-bit mono WAV: 88,200 bytes per second, sent in 100 ms chunks.
const BYTES_PER_SECOND = 88_200
const CHUNK = BYTES_PER_SECOND / 10

const program = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const listen = yield* Listen.Listen
  const config = yield* DeepgramConfig.DeepgramConfig
  yield* Console.log(`Streaming ${file} to ${config.endpoints.websocket}/v1/listen${realTime ? " in real time" : ""}…\n`)

  const audio = fs.stream(file, { chunkSize: CHUNK }).pipe(
    realTime ? Stream.schedule(Schedule.spaced("100 millis")) : (s) => s
  )

  yield* listen.live(audio, { model: "nova-3", smart_format: true, interim_results: true, vad_events: true }).pipe(
    Stream.runForEach((event) => {
      switch (event.type) {
        case "Results": {
          const text = event.channel.alternatives[0]?.transcript ?? ""
          if (text === "") return Effect.void
          const at = `${event.start.toFixed(1).padStart(5)}s`
          return event.is_final
            ? Console.log(`${at} final    ${text}`)
            : Console.log(`${at} interim  ${text}`)
        }
        case "SpeechStarted":
          return Console.log(`${event.timestamp.toFixed(1).padStart(5)}s speech started`)
        case "Metadata":
          return Console.log(`\nrequest ${event.request_id}: ${event.duration.toFixed(2)} s of audio`)
        default:
          return Effect.void
      }
    })
  )
})

runMain(program.pipe(Effect.provide(DeepgramOrEmulator), Effect.provide(NodeFileSystem.layer)))
