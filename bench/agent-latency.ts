// Agent function-call latency: a loopback /v1/agent/converse server sends FunctionCallRequests one at a time and
// times each until its FunctionCallResponse arrives. The same round trip with a raw ws client that parses the
// request and answers at once is the floor; the difference of the medians is what the SDK adds (decoding the
// message, decoding the arguments with the tool's Schema, running the Effect handler, encoding and sending).
import { bundleClient } from "./lib/bundle.js"
import type { Bench } from "./lib/result.js"
import { socketServer } from "./lib/servers.js"
import { fixed, median, rotate, runChild } from "./lib/util.js"

const WARMUP = 500
const CALLS = 3000
const ROUNDS = 3

type Contender = "ws" | "ours"

const labels: Record<Contender, string> = {
  ws: "raw ws (JSON.parse, answer at once)",
  ours: "effect-deepgram agent.converse with Agent.tool (Schema-decoded arguments, Effect handler)"
}

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/** Sends CALLS + WARMUP requests one after the other; resolves with the timed round trips (µs). */
const agentPeer = async () => {
  let done: (samples: ReadonlyArray<number>) => void = () => {}
  const server = await socketServer((ws) => {
    const samples: Array<number> = []
    let sent = 0n
    let index = 0
    const next = () => {
      index++
      const request = {
        type: "FunctionCallRequest",
        functions: [{ id: `call_${index}`, name: "get_weather", arguments: JSON.stringify({ city: "Paris" }), client_side: true }]
      }
      sent = process.hrtime.bigint()
      ws.send(JSON.stringify(request))
    }
    ws.send(JSON.stringify({ type: "Welcome", request_id: "bench" }))
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) return
      const message = JSON.parse(data.toString("utf8")) as { readonly type?: string; readonly id?: string }
      if (message.type === "Settings") {
        ws.send(JSON.stringify({ type: "SettingsApplied" }))
        next()
      } else if (message.type === "FunctionCallResponse") {
        const elapsed = Number(process.hrtime.bigint() - sent) / 1000
        if (message.id !== `call_${index}`) throw new Error(`answer ${message.id} for call_${index}`)
        if (index > WARMUP) samples.push(elapsed)
        if (index < WARMUP + CALLS) next()
        else {
          ws.close(1000)
          done(samples)
        }
      }
    })
  })
  return {
    ...server,
    measure: (run: () => Promise<unknown>) =>
      new Promise<ReadonlyArray<number>>((resolve, reject) => {
        done = resolve
        run().catch(reject)
      })
  }
}

export const agentLatency: Bench = {
  id: "agent",
  title: "Agent: function call latency (FunctionCallRequest → FunctionCallResponse)",
  run: async () => {
    const client = await bundleClient("agent-latency-client.ts")
    const peer = await agentPeer()
    const order: ReadonlyArray<Contender> = ["ws", "ours"]
    let runs: Record<Contender, Array<ReadonlyArray<number>>>
    try {
      runs = await rotate(order, ROUNDS, (name) => peer.measure(() => runChild(client, [name, peer.url])))
    } finally {
      await peer.close()
    }
    const all = (name: Contender) => runs[name].flat().sort((a, b) => a - b)
    const rows = order.map((name) => {
      const sorted = all(name)
      return [
        labels[name],
        fixed(median(sorted), 0),
        fixed(percentile(sorted, 0.9), 0),
        fixed(percentile(sorted, 0.99), 0),
        runs[name].map((samples) => fixed(median(samples), 0)).join(", ")
      ]
    })
    const added = median(all("ours")) - median(all("ws"))
    return {
      id: "agent",
      title: agentLatency.title,
      setup:
        `A ws server on 127.0.0.1 sends ${CALLS} FunctionCallRequests (after ${WARMUP} for warm-up), one at a time, and ` +
        `times each until its FunctionCallResponse arrives (process.hrtime, in the server process). The client answers ` +
        `with a trivial handler (an echo). Each client runs in its own process (plain node, bundled with esbuild); ` +
        `${ROUNDS} rounds in rotating order. The SDK's added latency is the difference of the medians.`,
      table: {
        columns: ["client", "median µs", "p90 µs", "p99 µs", "round medians (µs)"],
        rows
      },
      targets: [
        {
          name: "SDK's added latency < 1 ms (median)",
          pass: added < 1000,
          detail: `${fixed(added, 0)} µs (${fixed(median(all("ours")), 0)} − ${fixed(median(all("ws")), 0)} µs)`
        }
      ],
      notes: [],
      data: { warmup: WARMUP, calls: CALLS, rounds: ROUNDS, medians: runs.ours.map(median), floor: runs.ws.map(median) }
    }
  }
}
