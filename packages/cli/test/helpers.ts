// Shared by the CLI package's tests. The SDK against an in-process emulator comes from
// @effect-deepgram/testing (the layer users get); what is left here is the CLI's own: paths and generated audio.
import type { DeepgramEmulator } from "@effect-deepgram/emulator"
import { DeepgramTest } from "@effect-deepgram/testing"
import { fileURLToPath } from "node:url"

export const root = fileURLToPath(new URL("../../../", import.meta.url))
export const fixtures = `${root}fixtures/`
export const spacewalk = `${fixtures}spacewalk.wav`

/** The SDK against an emulator that knows the bundled fixture's transcript (`DeepgramTest.layer`). */
export const testLayer = (options: DeepgramEmulator.Options = {}) => DeepgramTest.layer({ transcriptsDir: fixtures, ...options })

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
