// Shared by the CLI package's tests: the emulator with the bundled fixture and
// scripted transcripts, and the SDK pointed at it.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import type { DeepgramConfig } from "@effect-deepgram/node"
import { NodeDeepgram } from "@effect-deepgram/node"
import { Effect, Layer } from "effect"
import { fileURLToPath } from "node:url"

export const root = fileURLToPath(new URL("../../../", import.meta.url))
export const fixtures = `${root}fixtures/`
export const spacewalk = `${fixtures}spacewalk.wav`

export const emulatorLayer = (options: DeepgramEmulator.Options = {}) =>
  DeepgramEmulator.layer({ transcriptsDir: fixtures, ...options })

/** The SDK configured for the running emulator, with fast retries. */
export const sdkFor = (options: DeepgramConfig.Options = {}) =>
  Layer.unwrapEffect(
    Effect.map(DeepgramEmulator.DeepgramEmulator, (emulator) =>
      NodeDeepgram.layer({
        baseUrl: emulator.url,
        emulator: true,
        apiKey: "test-key",
        retry: { baseDelay: "10 millis", maxDelay: "50 millis" },
        ...options
      }))
  )

/** A mono 16-bit PCM WAV of `seconds` of silence (distinct per `seed`, so each has its own SHA-256). */
export const wav = (seconds: number, seed = 0, sampleRate = 8000): Uint8Array => {
  const samples = Math.round(seconds * sampleRate)
  const buffer = Buffer.alloc(44 + samples * 2)
  buffer.write("RIFF", 0)
  buffer.writeUInt32LE(36 + samples * 2, 4)
  buffer.write("WAVE", 8)
  buffer.write("fmt ", 12)
  buffer.writeUInt32LE(16, 16)
  buffer.writeUInt16LE(1, 20)
  buffer.writeUInt16LE(1, 22)
  buffer.writeUInt32LE(sampleRate, 24)
  buffer.writeUInt32LE(sampleRate * 2, 28)
  buffer.writeUInt16LE(2, 32)
  buffer.writeUInt16LE(16, 34)
  buffer.write("data", 36)
  buffer.writeUInt32LE(samples * 2, 40)
  buffer.writeUInt32LE(seed >>> 0, 44)
  return new Uint8Array(buffer)
}
