/**
 * `npm run demo:flux`: Flux (`/v2/listen`) turn-taking on the spacewalk
 * sample, streamed in real time as raw linear16 (the WAV header stripped):
 * prints each turn as it starts, updates and ends, and tightens the
 * end-of-turn threshold mid-stream with `Configure`. Deepgram with a key,
 * else the bundled emulator. `--fast` streams as fast as possible.
 */
import { Listen } from "@effect-deepgram/node"
import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { Console, Effect, Schedule, Stream } from "effect"
import { DeepgramOrEmulator, fixtures, runMain } from "./runtime.js"

const realTime = !process.argv.includes("--fast")
const SAMPLE_RATE = 44_100
const CHUNK = (SAMPLE_RATE * 2) / 10 // 100 ms of 16-bit mono

/** The PCM samples of a WAV file: the bytes of its `data` chunk. */
const pcmOf = (wav: Uint8Array): Uint8Array => {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength)
  let offset = 12
  while (offset + 8 <= wav.byteLength) {
    const id = String.fromCharCode(...wav.subarray(offset, offset + 4))
    const size = view.getUint32(offset + 4, true)
    if (id === "data") return wav.subarray(offset + 8, offset + 8 + size)
    offset += 8 + size + (size % 2)
  }
  return new Uint8Array(0)
}

const program = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const listen = yield* Listen.Listen
  const pcm = pcmOf(yield* fs.readFile(`${fixtures}spacewalk.wav`))
  const chunks = Array.from({ length: Math.ceil(pcm.byteLength / CHUNK) }, (_, i) => pcm.subarray(i * CHUNK, (i + 1) * CHUNK))

  yield* Effect.scoped(Effect.gen(function*() {
    const session = yield* listen.fluxSession({
      model: "flux-general-en",
      encoding: "linear16",
      sample_rate: SAMPLE_RATE,
      eot_threshold: 0.7
    })
    const send = Stream.fromIterable(chunks).pipe(
      realTime ? Stream.schedule(Schedule.spaced("100 millis")) : (s) => s,
      Stream.zipWithIndex,
      Stream.runForEach(([chunk, index]) =>
        index === 50
          ? Effect.zipRight(session.configure({ thresholds: { eot_threshold: 0.8 } }), session.send(chunk))
          : session.send(chunk)
      ),
      Effect.zipRight(session.closeStream)
    )
    const print = session.events.pipe(Stream.runForEach((event) => {
      switch (event.type) {
        case "Connected":
          return Console.log(`connected, request ${event.request_id}`)
        case "TurnInfo":
          return event.event === "Update"
            ? Effect.void
            : Console.log(`turn ${event.turn_index} ${event.event.padEnd(14)} ${event.transcript}`)
        case "ConfigureSuccess":
          return Console.log(`configured: ${JSON.stringify(event.thresholds ?? {})}`)
        case "ConfigureFailure":
          return Console.log("configure failed")
        default:
          return Effect.void
      }
    }))
    yield* Effect.all([send, print], { concurrency: 2, discard: true })
  }))
})

runMain(program.pipe(Effect.provide(DeepgramOrEmulator), Effect.provide(NodeFileSystem.layer)))
