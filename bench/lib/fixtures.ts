// Wire fixtures shared by the benchmarks: a small prerecorded response, live
// messages and generated audio. Built here, by hand, to the ListenV1 models.
import { once } from "node:events"
import { createWriteStream } from "node:fs"
import { mkdir, rename, stat } from "node:fs/promises"
import { dirname } from "node:path"

const MODEL_UUID = "1dbdfb4d-85b2-4659-9b6b-8f4e0b0d8a22"
const REQUEST_ID = "5d2a4d26-6c2f-4c3f-9d43-bench0000001"

const words = (text: string, start: number, withPunctuation: boolean) =>
  text.split(" ").map((word, i) => ({
    word,
    start: Number((start + i * 0.32).toFixed(2)),
    end: Number((start + i * 0.32 + 0.28).toFixed(2)),
    confidence: Number((0.9 + (i % 10) / 100).toFixed(3)),
    ...(withPunctuation ? { punctuated_word: i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word } : {})
  }))

/** A small but complete `ListenV1Response` (prerecorded). */
export const transcriptionResponse = {
  metadata: {
    transaction_key: "deprecated",
    request_id: REQUEST_ID,
    sha256: "5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566",
    created: "2026-01-01T00:00:00.000Z",
    duration: 1.92,
    channels: 1,
    models: [MODEL_UUID],
    model_info: { [MODEL_UUID]: { name: "general-nova-3", version: "2025-01-01.0", arch: "nova-3" } }
  },
  results: {
    channels: [{
      alternatives: [{
        transcript: "houston we have liftoff",
        confidence: 0.97,
        words: words("houston we have liftoff", 0.08, true)
      }]
    }]
  }
}

/** The response body as served (bytes) and its request id header. */
export const transcriptionResponseBody = Buffer.from(JSON.stringify(transcriptionResponse))
export const requestId = REQUEST_ID

const resultsMessage = (transcript: string, start: number) => ({
  type: "Results",
  channel_index: [0, 1],
  duration: 1.5,
  start,
  is_final: true,
  speech_final: false,
  channel: {
    alternatives: [{
      transcript,
      confidence: 0.96,
      words: words(transcript, start, true)
    }]
  },
  metadata: {
    request_id: REQUEST_ID,
    model_info: { name: "general-nova-3", version: "2025-01-01.0", arch: "nova-3" },
    model_uuid: MODEL_UUID
  },
  from_finalize: false
})

/** A small live `Results` message (three words), answered per audio chunk in P3. */
export const smallResultsText = JSON.stringify(resultsMessage("we have liftoff", 12.5))

/** A realistic live `Results` message with ten words, decoded in P4. */
export const tenWordResultsText = JSON.stringify(
  resultsMessage("and the crew is now on its way to orbit", 301.24)
)

/** The live `Metadata` message sent after `CloseStream`. */
export const liveMetadataText = JSON.stringify({
  type: "Metadata",
  transaction_key: "deprecated",
  request_id: REQUEST_ID,
  sha256: "5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566",
  created: "2026-01-01T00:00:00.000Z",
  duration: 3600,
  channels: 1
})

/** A canonical 44-byte WAV header for 16-bit PCM. */
export const wavHeader = (dataBytes: number, sampleRate = 16000, channels = 1): Buffer => {
  const header = Buffer.alloc(44)
  const blockAlign = channels * 2
  header.write("RIFF", 0, "ascii")
  header.writeUInt32LE(Math.min(36 + dataBytes, 0xffffffff), 4)
  header.write("WAVE", 8, "ascii")
  header.write("fmt ", 12, "ascii")
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(channels, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(16, 34)
  header.write("data", 36, "ascii")
  header.writeUInt32LE(Math.min(dataBytes, 0xffffffff), 40)
  return header
}

/** Low-amplitude pseudo-random 16-bit noise (xorshift32), deterministic. */
export const noise = (bytes: number, seed = 0x9e3779b9): Buffer => {
  const out = Buffer.alloc(bytes)
  let x = seed | 0
  for (let i = 0; i + 1 < bytes; i += 2) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out.writeInt16LE((x >> 20) & 0x7ff, i)
  }
  return out
}

/**
 * Writes a WAV file of `totalBytes` (header included) in 1 MiB chunks, never
 * holding it in memory; kept between runs when its size already matches.
 */
export const ensureWavFile = async (path: string, totalBytes: number): Promise<{ readonly generated: boolean }> => {
  const existing = await stat(path).catch(() => undefined)
  if (existing !== undefined && existing.size === totalBytes) return { generated: false }
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.partial`
  const out = createWriteStream(partial)
  const block = noise(1024 * 1024)
  const header = wavHeader(totalBytes - 44)
  let written = 0
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, "drain")
    written += chunk.length
  }
  await write(header)
  while (written < totalBytes) {
    const left = totalBytes - written
    await write(left >= block.length ? block : block.subarray(0, left))
  }
  out.end()
  await once(out, "finish")
  await rename(partial, path)
  return { generated: true }
}

/** `seconds` of 16 kHz mono linear16, as chunks of `chunkBytes` (the last may be shorter). */
export const pcmChunks = (seconds: number, chunkBytes: number): Array<Uint8Array> => {
  const total = seconds * 16000 * 2
  const block = noise(chunkBytes * 16)
  const chunks: Array<Uint8Array> = []
  for (let offset = 0, i = 0; offset < total; offset += chunkBytes, i++) {
    const size = Math.min(chunkBytes, total - offset)
    const at = (i % 16) * chunkBytes
    // Every chunk is its own copy, like audio read from a device.
    const chunk = new Uint8Array(size)
    chunk.set(block.subarray(at, at + size))
    chunks.push(chunk)
  }
  return chunks
}
