// P5: many concurrent live sessions in one process. N sessions (250, 500,
// 1000) against a loopback ws server, each sending 3,200 bytes every 100 ms
// (real-time 16 kHz linear16) for 20 s; the server answers one Results per
// chunk. Ours vs raw ws vs @deepgram/sdk, each client bundled and run in its
// own process; the server runs in this process and measures chunk lateness.
import { once } from "node:events"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import { WebSocketServer } from "ws"
import { bundleClient } from "./lib/bundle.js"
import { liveMetadataText, smallResultsText } from "./lib/fixtures.js"
import type { Bench } from "./lib/result.js"
import { fixed, MiB, ratio, runChild, thousands } from "./lib/util.js"

const SECONDS = Number(process.env.P5_SECONDS ?? 20)
const COUNTS = (process.env.P5_SESSIONS ?? "250,500,1000").split(",").map(Number)
const CHUNKS = SECONDS * 10

type Contender = "ws" | "ours" | "official"

interface ChildResult {
  readonly mode: Contender
  readonly sessions: number
  readonly wallMs: number
  readonly cpuMs: number
  readonly rssBase: number
  readonly heapBase: number
  readonly rssMid: number
  readonly heapMid: number
  readonly maxRss: number
  readonly results: number
  readonly complete: number
  readonly resultsLatencyP50: number
  readonly resultsLatencyP99: number
  readonly resultsLatencyMax: number
}

interface Run extends ChildResult {
  readonly latenessP50: number
  readonly latenessP99: number
  readonly latenessMax: number
  readonly chunksReceived: number
}

const labels: Record<Contender, string> = {
  ws: "raw ws",
  ours: "effect-deepgram listen.live(Stream.asyncPush) + Stream.runForEach",
  official: "@deepgram/sdk listen.v1.connect + sendMedia"
}

const now = () => performance.timeOrigin + performance.now()

/** The Results text with `start` set to the server's send time (epoch ms), built without JSON.stringify. */
const startAt = smallResultsText.indexOf("\"start\":12.5")
const resultsHead = smallResultsText.slice(0, startAt)
const resultsTail = smallResultsText.slice(startAt + "\"start\":12.5".length)

const percentile = (values: Float64Array, count: number, p: number) => {
  if (count === 0) return 0
  const sorted = values.slice(0, count).sort()
  return sorted[Math.min(count - 1, Math.floor((p / 100) * count))]!
}

export const startServer = async () => {
  const stats = { chunks: 0, lateness: new Float64Array(1), count: 0 }
  const server = createServer((_req, res) => res.writeHead(426).end())
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  wss.on("connection", (ws) => {
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) {
        const arrived = now()
        const scheduled = data.readDoubleLE(0)
        if (stats.count < stats.lateness.length) stats.lateness[stats.count++] = arrived - scheduled
        stats.chunks++
        ws.send(`${resultsHead}"start":${now()}${resultsTail}`)
        return
      }
      if (data.toString("utf8").includes("\"CloseStream\"")) {
        ws.send(liveMetadataText)
        ws.close(1000)
      }
    })
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    reset: (capacity: number) => {
      stats.chunks = 0
      stats.count = 0
      stats.lateness = new Float64Array(capacity)
    },
    close: async () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      server.close()
      await once(server, "close")
    }
  }
}

const kib = (bytes: number) => bytes / 1024

export const p5: Bench = {
  id: "p5",
  title: "P5: concurrent real-time live sessions",
  run: async () => {
    const client = await bundleClient("p5-client.ts")
    const server = await startServer()
    const order: ReadonlyArray<Contender> = ["ws", "official", "ours"]
    const runs: Array<Run> = []
    try {
      for (const n of COUNTS) {
        for (const mode of order) {
          server.reset(n * CHUNKS)
          const result = await runChild<ChildResult>(client, [mode, server.url, String(n), String(SECONDS)], 600_000)
            .catch((error: unknown): ChildResult => {
              // A run that fails is recorded as such, with what the server saw; the other runs still count.
              process.stderr.write(`p5: ${mode} × ${n} failed: ${String(error).slice(0, 300)}\n`)
              return {
                mode,
                sessions: n,
                wallMs: 0,
                cpuMs: Number.NaN,
                rssBase: 0,
                heapBase: 0,
                rssMid: Number.NaN,
                heapMid: Number.NaN,
                maxRss: 0,
                results: 0,
                complete: 0,
                resultsLatencyP50: Number.NaN,
                resultsLatencyP99: Number.NaN,
                resultsLatencyMax: Number.NaN
              }
            })
          const { count, lateness } = server.stats
          runs.push({
            ...result,
            chunksReceived: server.stats.chunks,
            latenessP50: percentile(lateness, count, 50),
            latenessP99: percentile(lateness, count, 99),
            latenessMax: percentile(lateness, count, 100)
          })
          process.stderr.write(`p5: ${mode} × ${n}: p99 lateness ${fixed(runs[runs.length - 1]!.latenessP99, 0)} ms\n`)
        }
      }
    } finally {
      await server.close()
    }
    const of = (mode: Contender, n: number) => runs.find((r) => r.mode === mode && r.sessions === n)!
    const rssPer = (r: Run) => (r.rssMid - r.rssBase) / r.sessions
    const heapPer = (r: Run) => (r.heapMid - r.heapBase) / r.sessions
    const cpuPerAudioSecond = (r: Run) => r.cpuMs / (r.sessions * SECONDS)
    const rows = runs.map((r) => [
      String(r.sessions),
      labels[r.mode],
      fixed(rssPer(r) / MiB, 2),
      fixed(kib(heapPer(r)), 0),
      fixed(cpuPerAudioSecond(r), 2),
      fixed(r.latenessP99, 0),
      fixed(r.latenessMax, 0),
      fixed(r.resultsLatencyP99, 1),
      `${thousands(r.results)} / ${thousands(r.sessions * CHUNKS)}${r.complete === r.sessions ? " (all)" : ` (${r.complete} complete)`}`
    ])
    const top = Math.max(...COUNTS)
    const ours = of("ours", top)
    const official = of("official", top)
    const cpuRatio = cpuPerAudioSecond(ours) / cpuPerAudioSecond(official)
    const rssRatio = rssPer(ours) / rssPer(official)
    return {
      id: "p5",
      title: p5.title,
      setup:
        `N sessions against a ws server on 127.0.0.1 (in the orchestrating process), each sending a ${thousands(3200)}-byte chunk ` +
        `every 100 ms (real-time 16 kHz linear16) for ${SECONDS} s, then CloseStream; the server answers one Results per chunk and, ` +
        `on CloseStream, Metadata then close 1000. Sessions connect during a lead time of 1 s + 4 ms × N, then their audio starts, spread over the first 100 ms; each chunk's source is a drift-free ` +
        `JS timer (ours: Stream.asyncPush). Each client runs bundled on plain node in its own process, one run per N. ` +
        `Memory per session: (RSS or heap after a full GC at mid-run − before the first session) / N. CPU: process.cpuUsage over the ` +
        `run / seconds of audio answered. Lateness: the server's arrival time minus the chunk's scheduled send time (stamped in the ` +
        `chunk). Results latency: from the server's send to the client's consumer.`,
      table: {
        columns: [
          "N",
          "client",
          "RSS/session MB",
          "live heap/session KiB",
          "CPU ms per s of audio",
          "p99 lateness ms",
          "max lateness ms",
          "p99 Results latency ms",
          "Results received"
        ],
        rows
      },
      targets: [
        {
          name: `real time held at N=${top} (p99 chunk lateness < 100 ms, every Results received)`,
          pass: ours.latenessP99 < 100 && ours.complete === ours.sessions,
          detail: `p99 ${fixed(ours.latenessP99, 0)} ms, ${ours.complete}/${ours.sessions} sessions complete`
        },
        {
          name: `CPU per second of audio ≤ 1.5× @deepgram/sdk at N=${top}`,
          pass: cpuRatio <= 1.5,
          detail: `${fixed(cpuPerAudioSecond(ours), 2)} vs ${fixed(cpuPerAudioSecond(official), 2)} ms (${ratio(cpuRatio)})`
        },
        {
          name: `RSS per session ≤ 2× @deepgram/sdk at N=${top}`,
          pass: rssRatio <= 2,
          detail: `${fixed(rssPer(ours) / MiB, 2)} vs ${fixed(rssPer(official) / MiB, 2)} MB (${ratio(rssRatio)})`
        }
      ],
      notes: [
        "One run per contender and N (no rounds: the whole run takes minutes); the machine's other load shows in the lateness.",
        "@deepgram/sdk was pointed at the server with environment.production = ws://127.0.0.1:<port> and reconnectAttempts: 0."
      ],
      data: { seconds: SECONDS, counts: COUNTS, runs }
    }
  }
}
