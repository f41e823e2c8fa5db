// P8: speak WebSocket throughput. Sentences go up a /v1/speak socket, each followed by a Flush; a loopback ws
// server answers every Flush with 5 s of 24 kHz linear16 audio in 100 ms chunks, then Flushed; on Close it closes
// 1000. Our SDK vs raw ws vs @deepgram/sdk, each client in its own process.
import { bundleClient } from "./lib/bundle.js"
import type { Bench } from "./lib/result.js"
import { socketServer } from "./lib/servers.js"
import { fixed, median, ratio, rotate, runChild, thousands } from "./lib/util.js"

const FLUSHES = 360
const CHUNK_BYTES = 4800 // 100 ms of 24 kHz 16-bit mono
const CHUNKS_PER_FLUSH = 50
const ROUNDS = 3

type Contender = "ws" | "ours" | "official"

interface ChildResult {
  readonly mode: Contender
  readonly ms: number
  readonly cpuMs: number
  readonly maxRss: number
  readonly audioBytes: number
  readonly chunks: number
  readonly flushed: number
  readonly closeCode: number | undefined
}

const labels: Record<Contender, string> = {
  ws: "raw ws (send all, count audio, JSON.parse every text frame)",
  ours: "effect-deepgram speak.live(Stream) + Stream.runForEachChunk",
  official: "@deepgram/sdk 5.13.0 speak.v1.connect + sendText/sendFlush"
}

/** The /v1/speak peer: audio for each Flush, then Flushed; Close → close 1000. */
export const speakPeer = async () => {
  const stats = { connections: 0, flushes: 0, audioBytes: 0 }
  const audio = new Uint8Array(CHUNK_BYTES).map((_, i) => (i * 7) & 0xff)
  const server = await socketServer((ws) => {
    stats.connections++
    let sequence = 0
    ws.send(JSON.stringify({ type: "Metadata", request_id: "bench", model_name: "aura-2-thalia-en", model_version: "1", model_uuid: "u" }))
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) return
      const type = (JSON.parse(data.toString("utf8")) as { readonly type?: string }).type
      if (type === "Flush") {
        stats.flushes++
        for (let i = 0; i < CHUNKS_PER_FLUSH; i++) ws.send(audio)
        stats.audioBytes += CHUNK_BYTES * CHUNKS_PER_FLUSH
        ws.send(JSON.stringify({ type: "Flushed", sequence_id: sequence++ }))
      } else if (type === "Close") {
        ws.close(1000)
      }
    })
  })
  return { ...server, stats }
}

export const p8: Bench = {
  id: "p8",
  title: "P8: speak WebSocket throughput",
  run: async () => {
    const client = await bundleClient("p8-client.ts")
    const peer = await speakPeer()
    const order: ReadonlyArray<Contender> = ["ws", "ours", "official"]
    const expected = FLUSHES * CHUNKS_PER_FLUSH * CHUNK_BYTES
    let runs: Record<Contender, Array<ChildResult>>
    try {
      runs = await rotate(order, ROUNDS, async (name) => {
        const result = await runChild<ChildResult>(client, [name, peer.url, String(FLUSHES)])
        if (result.audioBytes !== expected || result.flushed !== FLUSHES) {
          throw new Error(`${name}: received ${result.audioBytes} of ${expected} audio bytes, ${result.flushed} Flushed`)
        }
        return result
      })
    } finally {
      await peer.close()
    }
    const ms = (name: Contender) => median(runs[name].map((r) => r.ms))
    const cpu = (name: Contender) => median(runs[name].map((r) => r.cpuMs))
    const rss = (name: Contender) => median(runs[name].map((r) => r.maxRss)) / 1e6
    const mbps = (name: Contender) => expected / 1e6 / (ms(name) / 1000)
    const audioSeconds = expected / 48000
    const rows = order.map((name) => [
      labels[name],
      fixed(ms(name), 0),
      fixed(mbps(name), 1),
      `${thousands(audioSeconds / (ms(name) / 1000))}×`,
      ratio(mbps(name) / mbps("ws")),
      fixed(cpu(name), 0),
      fixed(rss(name), 0),
      runs[name].map((r) => r.ms.toFixed(0)).join(", ")
    ])
    const oursVsWs = mbps("ours") / mbps("ws")
    return {
      id: "p8",
      title: p8.title,
      setup:
        `${FLUSHES} sentences, each followed by a Flush, over /v1/speak to a ws server on 127.0.0.1 that answers each ` +
        `Flush with ${CHUNKS_PER_FLUSH} chunks of ${CHUNK_BYTES} B (5 s of 24 kHz linear16) and Flushed: ` +
        `${fixed(expected / 1e6, 1)} MB, ${thousands(audioSeconds / 60)} minutes of audio. Every client receives all of it ` +
        `(checked), sends Close after the last Flushed and waits for the close. Our SDK runs with its defaults ` +
        `(at most 2 flushes ahead of the consumer); the raw and official clients send all the text at once. Each run is ` +
        `its own child process (plain node, bundled with esbuild); ${ROUNDS} rounds in rotating order, medians reported.`,
      table: {
        columns: ["client", "wall ms", "MB/s", "audio speed", "throughput vs ws", "client CPU ms", "peak RSS MB", "rounds (ms)"],
        rows
      },
      targets: [
        { name: "ours ≥ 0.9× raw ws throughput", pass: oursVsWs >= 0.9, detail: `${oursVsWs.toFixed(2)}×` }
      ],
      notes: [
        "@deepgram/sdk hands audio frames to its message handler as Blobs; its client counts their size without " +
        "reading the bytes (reading them is an extra async step per chunk), which favours it."
      ],
      data: { flushes: FLUSHES, chunkBytes: CHUNK_BYTES, chunksPerFlush: CHUNKS_PER_FLUSH, rounds: ROUNDS, runs }
    }
  }
}
