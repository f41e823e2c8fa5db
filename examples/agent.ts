/**
 * `npm run demo:agent`: a conversation with the voice agent
 * (`/v1/agent/converse`) from the bundled spacewalk recording.
 *
 * The user's audio streams up, the agent's events and audio stream down. The
 * agent has one typed tool, `get_spacewalk_facts`: when it calls it, the SDK
 * decodes the arguments, runs the handler and answers the agent by itself.
 * The conversation is printed, and the agent's audio is written to a WAV
 * file (the first argument names it).
 *
 * With DEEPGRAM_API_KEY set it talks to Deepgram (the audio is sent at
 * real-time pace, followed by a little silence so that the agent hears the
 * end of the turn); without, to the bundled emulator started in-process.
 */
import { Agent, Speak } from "@effect-deepgram/node"
import { Console, Effect, Schedule, Schema, Stream } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DeepgramOrEmulator, fixtures, runMain } from "./runtime.js"

const out = process.argv[2] ?? join(tmpdir(), "effect-deepgram-agent.wav")
const hosted = ["DEEPGRAM_API_KEY", "DEEPGRAM_ACCESS_TOKEN", "DEEPGRAM_TOKEN", "DEEPGRAM_BASE_URL", "DEEPGRAM_HOST"]
  .some((name) => (process.env[name] ?? "") !== "")

/** The PCM samples of a WAV file (its `data` chunk) and their format. */
const pcmOf = (wav: Uint8Array) => {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength)
  let sampleRate = 44100
  for (let offset = 12; offset + 8 <= wav.byteLength;) {
    const id = new TextDecoder().decode(wav.subarray(offset, offset + 4))
    const size = view.getUint32(offset + 4, true)
    if (id === "fmt ") sampleRate = view.getUint32(offset + 12, true)
    if (id === "data") return { sampleRate, pcm: wav.subarray(offset + 8, offset + 8 + size) }
    offset += 8 + size + (size % 2)
  }
  return { sampleRate, pcm: wav.subarray(44) }
}

const { pcm, sampleRate } = pcmOf(new Uint8Array(readFileSync(`${fixtures}spacewalk.wav`)))
const chunkBytes = Math.round(sampleRate / 10) * 2 // 100 ms of 16-bit mono
const chunks = Array.from({ length: Math.ceil(pcm.byteLength / chunkBytes) }, (_, i) =>
  pcm.subarray(i * chunkBytes, (i + 1) * chunkBytes))
const silence = Array.from({ length: 30 }, () => new Uint8Array(chunkBytes))
const microphone = hosted
  ? Stream.fromIterable([...chunks, ...silence]).pipe(Stream.schedule(Schedule.spaced("100 millis")))
  : Stream.fromIterable(chunks)

const outputRate = 24000

const spacewalkFacts = Agent.tool({
  name: "get_spacewalk_facts",
  description: "Facts about the first all-female spacewalk",
  parameters: Schema.Struct({ topic: Schema.String }),
  handler: ({ topic }) =>
    Effect.succeed({
      topic,
      date: "2019-10-18",
      crew: ["Christina Koch", "Jessica Meir"],
      station: "International Space Station"
    })
})

const settings: Agent.Settings = {
  audio: {
    input: { encoding: "linear16", sample_rate: sampleRate },
    output: { encoding: "linear16", sample_rate: outputRate, container: "none" }
  },
  agent: {
    listen: { provider: { type: "deepgram", model: "nova-3" } },
    think: {
      provider: { type: "open_ai", model: "gpt-4o-mini" },
      prompt: "You are a space historian. When the user mentions a spacewalk, call get_spacewalk_facts and use the facts."
    },
    speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
  }
}

const program = Effect.gen(function*() {
  const agent = yield* Agent.Agent
  const audio: Array<Uint8Array> = []
  yield* agent.converse(microphone, { settings, tools: [spacewalkFacts] }).pipe(
    Stream.runForEach((event) => {
      switch (event.type) {
        case "Audio":
          return Effect.sync(() => audio.push(event.data))
        case "Welcome":
          return Console.log(`connected (request ${event.request_id})`)
        case "SettingsApplied":
          return Console.log("settings applied\n")
        case "ConversationText":
          return Console.log(`${event.role === "user" ? "user " : "agent"}: ${event.content}`)
        case "FunctionCallRequest":
          return Console.log(event.functions.map((f) => `  -> ${f.name}(${f.arguments})`).join("\n"))
        case "ToolCallCompleted":
          return Console.log(`  <- ${event.name}: ${event.content} (${event.durationMs} ms)`)
        case "ToolCallFailed":
          return Console.log(`  <- ${event.name} failed (${event.reason}): ${event.detail}`)
        case "Warning":
        case "Error":
          return Console.log(`${event.type}: ${event.code}: ${event.description}`)
        default:
          return Effect.void
      }
    })
  )
  const wav = Speak.wavFile(audio, { sampleRate: outputRate })
  writeFileSync(out, wav)
  yield* Console.log(`\nagent audio: ${((wav.byteLength - 44) / 2 / outputRate).toFixed(2)} s, written to ${out}`)
})

runMain(program.pipe(Effect.provide(DeepgramOrEmulator)))
