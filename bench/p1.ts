// P1: 2,000 sequential small prerecorded requests against a keep-alive
// loopback server; our SDK vs raw fetch vs @deepgram/sdk.
import type { Bench } from "./lib/result.js"
import { httpPeer } from "./lib/servers.js"
import { fixed, median, ratio, runChild, thousands } from "./lib/util.js"

const REQUESTS = 2000
const WARMUP = 200
const ROUNDS = 5

type Contender = "ours" | "fetch" | "official"

interface ChildResult {
  readonly mode: Contender
  readonly requests: number
  readonly warmup: number
  readonly bodyBytes: number
  readonly ms: number
  readonly cpuMs: number
}

const labels: Record<Contender, string> = {
  fetch: "raw fetch (Node global fetch + res.json())",
  ours: "effect-deepgram (listen.transcribe)",
  official: "@deepgram/sdk 5.13.0 (listen.v1.media.transcribeFile)"
}

export const p1: Bench = {
  id: "p1",
  title: "P1: sequential small prerecorded requests",
  run: async () => {
    const peer = await httpPeer()
    try {
      const order: ReadonlyArray<Contender> = ["fetch", "ours", "official"]
      const times: Record<Contender, Array<number>> = { ours: [], fetch: [], official: [] }
      const cpu: Record<Contender, Array<number>> = { ours: [], fetch: [], official: [] }
      let bodyBytes = 0
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate the order each round so that no contender always runs first or last.
        for (let i = 0; i < order.length; i++) {
          const name = order[(i + round) % order.length]!
          const child = await runChild<ChildResult>("p1-client.ts", [name, peer.url, String(REQUESTS), String(WARMUP)])
          times[name].push(child.ms)
          cpu[name].push(child.cpuMs)
          bodyBytes = child.bodyBytes
        }
      }
      const expected = 3 * ROUNDS * (WARMUP + REQUESTS)
      if (peer.stats.requests !== expected) throw new Error(`server saw ${peer.stats.requests} requests, expected ${expected}`)
      const med: Record<Contender, number> = { ours: median(times.ours), fetch: median(times.fetch), official: median(times.official) }
      const cpuMed: Record<Contender, number> = { ours: median(cpu.ours), fetch: median(cpu.fetch), official: median(cpu.official) }
      const rows = order.map((name) => [
        labels[name],
        fixed(med[name], 0),
        thousands((REQUESTS / med[name]) * 1000),
        fixed((med[name] * 1000) / REQUESTS, 0),
        ratio(med[name] / med.fetch),
        fixed((cpuMed[name] * 1000) / REQUESTS, 0),
        ratio(cpuMed[name] / cpuMed.fetch),
        times[name].map((t) => t.toFixed(0)).join(", ")
      ])
      const oursVsFetch = med.ours / med.fetch
      return {
        id: "p1",
        title: p1.title,
        setup:
          `${REQUESTS} sequential POST /v1/listen?model=nova-3 (${bodyBytes} B body) against a node:http keep-alive server on 127.0.0.1 (in the parent process) ` +
          `answering a fixed ListenV1Response (dg-request-id header). Each contender runs in its own child process (node --import tsx) ` +
          `(${WARMUP} warm-up requests, then ${REQUESTS} timed); ${ROUNDS} rounds in rotating order, median round reported. ` +
          `Client CPU is process.cpuUsage() over the timed batch (all threads of the client process).`,
        table: {
          columns: ["client", "total ms (median)", "req/s", "µs/req", "time vs fetch", "client CPU µs/req", "CPU vs fetch", "rounds (ms)"],
          rows
        },
        targets: [
          { name: "ours ≤ 1.10× raw fetch time", pass: oursVsFetch <= 1.1, detail: `${oursVsFetch.toFixed(2)}×` },
          {
            name: "ours faster than @deepgram/sdk",
            pass: med.ours < med.official,
            detail: `${fixed(med.ours, 0)} ms vs ${fixed(med.official, 0)} ms (official takes ${(med.official / med.ours).toFixed(2)}× as long)`
          }
        ],
        notes: [
          "Contenders run in separate processes so that none shares a JIT, heap or connection pool with another. Ours " +
          "sends through undici with a private Agent; raw fetch and @deepgram/sdk use Node's own fetch (our import no " +
          "longer changes its dispatcher, packages/node/test/Globals.test.ts)."
        ],
        data: {
          requests: REQUESTS,
          warmup: WARMUP,
          rounds: ROUNDS,
          bodyBytes,
          wallMs: times,
          cpuMs: cpu,
          medianWallMs: med,
          medianCpuMs: cpuMed,
          serverRequests: peer.stats.requests
        }
      }
    } finally {
      await peer.close()
    }
  }
}
