// P3: live streaming throughput. One hour of 16 kHz mono linear16, as fast as
// possible over a /v1/listen WebSocket to a loopback ws server that answers one
// Results per chunk; our SDK vs raw ws vs @deepgram/sdk.
import type { Bench } from "./lib/result.js"
import { wsPeer } from "./lib/servers.js"
import { bundleClient } from "./lib/bundle.js"
import { fixed, median, ratio, runChild, thousands } from "./lib/util.js"

const SECONDS = 3600
const CHUNK_BYTES = 3200
const ROUNDS = 3

type Contender = "ws" | "ours" | "official"

interface ChildResult {
  readonly mode: Contender
  readonly chunks: number
  readonly bytes: number
  readonly ms: number
  readonly cpuMs: number
  readonly cpuUserMs: number
  readonly cpuSystemMs: number
  readonly results: number
  readonly metadata: number
  readonly closeCode: number | undefined
}

const labels: Record<Contender, string> = {
  ws: "raw ws (send all, JSON.parse every message)",
  ours: "effect-deepgram listen.live(Stream.fromIterable) + Stream.runCount",
  official: "@deepgram/sdk 5.13.0 listen.v1.connect + sendMedia"
}

export const p3: Bench = {
  id: "p3",
  title: "P3: live streaming throughput",
  run: async () => {
    // Clients run on plain node from an esbuild bundle, as an application would ship them.
    const client = await bundleClient("p3-client.ts")
    const peer = await wsPeer()
    const order: ReadonlyArray<Contender> = ["ws", "ours", "official"]
    const runs: Record<Contender, Array<ChildResult>> = { ws: [], ours: [], official: [] }
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < order.length; i++) {
          const name = order[(i + round) % order.length]!
          const before = { chunks: peer.stats.chunks, closeStreams: peer.stats.closeStreams }
          const result = await runChild<ChildResult>(client, [name, peer.url, String(SECONDS), String(CHUNK_BYTES)])
          if (peer.stats.chunks - before.chunks !== result.chunks || peer.stats.closeStreams - before.closeStreams !== 1) {
            throw new Error(`${name}: the server saw ${peer.stats.chunks - before.chunks} of ${result.chunks} chunks`)
          }
          runs[name].push(result)
        }
      }
    } finally {
      await peer.close()
    }
    const first = runs.ws[0]!
    const ms = (name: Contender) => median(runs[name].map((r) => r.ms))
    const cpu = (name: Contender) => median(runs[name].map((r) => r.cpuMs))
    const mbps = (name: Contender) => first.bytes / 1e6 / (ms(name) / 1000)
    const rows = order.map((name) => [
      labels[name],
      fixed(ms(name), 0),
      fixed(mbps(name), 1),
      `${thousands(SECONDS / (ms(name) / 1000))}×`,
      ratio(mbps(name) / mbps("ws")),
      fixed(cpu(name), 0),
      ratio(cpu(name) / cpu("ws")),
      runs[name].map((r) => r.ms.toFixed(0)).join(", ")
    ])
    const oursVsWs = mbps("ours") / mbps("ws")
    return {
      id: "p3",
      title: p3.title,
      setup:
        `${SECONDS / 60} minutes of 16 kHz mono linear16 (${fixed(first.bytes / 1e6, 1)} MB) generated in memory as ` +
        `${thousands(first.chunks)} chunks of ${CHUNK_BYTES} B (100 ms), sent as fast as possible over /v1/listen to a ws server ` +
        `on 127.0.0.1 that answers one Results per chunk and, on CloseStream, Metadata then close 1000. Every client consumes ` +
        `all ${thousands(first.chunks)} Results and the Metadata (checked). Each run is its own child process (plain node, bundled with esbuild; server in the parent); ` +
        `time and client CPU (process.cpuUsage) cover connect → close; ${ROUNDS} rounds in rotating order, medians reported.`,
      table: {
        columns: ["client", "wall ms", "MB/s", "audio speed", "throughput vs ws", "client CPU ms", "CPU vs ws", "rounds (ms)"],
        rows
      },
      targets: [
        { name: "ours ≥ 0.9× raw ws throughput", pass: oursVsWs >= 0.9, detail: `${oursVsWs.toFixed(2)}×` },
        {
          name: "ours faster than @deepgram/sdk",
          pass: ms("ours") < ms("official"),
          detail: `${fixed(ms("ours"), 0)} ms vs ${fixed(ms("official"), 0)} ms`
        }
      ],
      notes: [
        "The full hour was streamed by every client (no scaling needed).",
        "@deepgram/sdk was pointed at the server with environment.production = ws://127.0.0.1:<port> and reconnectAttempts: 0."
      ],
      data: { seconds: SECONDS, chunkBytes: CHUNK_BYTES, rounds: ROUNDS, runs }
    }
  }
}
