// Diagnostic, not part of `npm run bench`: listen.transcribe over each
// candidate HttpClient transport, all in this process, against a loopback
// peer in another process; warmed up, interleaved over rounds, medians.
// Client CPU is process.cpuUsage() (all threads of this process).
// Usage: [ONLY=fetch,ours/undici,…] npx tsx bench/p1-transport.ts [requests] [rounds]
// (ONLY picks the variants and their order within a round.)
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { performance } from "node:perf_hooks"
import { oursOver } from "./lib/ours.js"
import { noise } from "./lib/fixtures.js"
import { API_KEY } from "./lib/key.js"
import { fixed, median, servePeer } from "./lib/util.js"

const body = new Uint8Array(noise(1024))
const requests = Number(process.argv[2] ?? 2000)
const rounds = Number(process.argv[3] ?? 5)

const peer = await servePeer("http")
const baseUrl = peer.url
const url = `${baseUrl}/v1/listen?model=nova-3`

/** Our SDK with the given transport under it. */
const ours = (http: Layer.Layer<HttpClient.HttpClient>) => {
  const runtime = ManagedRuntime.make(oursOver(http, baseUrl))
  return (n: number) =>
    runtime.runPromise(Effect.gen(function*() {
      const listen = yield* Listen.Listen
      for (let i = 0; i < n; i++) yield* listen.transcribe(body, { model: "nova-3" })
    }))
}

const all: Record<string, (n: number) => Promise<void>> = {
  fetch: async (n) => {
    for (let i = 0; i < n; i++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Token ${API_KEY}`, "content-type": "application/octet-stream" },
        body
      })
      await response.json()
    }
  },
  "ours/undici": ours(NodeHttpClient.layerUndici),
  "ours/undici-unmerged": ours(
    Layer.effect(HttpClient.HttpClient, Effect.map(NodeHttpClient.Dispatcher, NodeHttpClient.makeUndici)).pipe(
      Layer.provide(NodeHttpClient.dispatcherLayer)
    )
  ),
  "ours/fetch": ours(FetchHttpClient.layer),
  "ours/node-http": ours(NodeHttpClient.layer),
  "ours/layerHttpClient": ours(NodeDeepgram.layerHttpClient)
}
const variants = process.env.ONLY === undefined
  ? all
  : Object.fromEntries(process.env.ONLY.split(",").map((k) => [k, all[k]!]))

const wall: Record<string, Array<number>> = {}
const cpu: Record<string, Array<number>> = {}
for (const [name, run] of Object.entries(variants)) {
  await run(500)
  wall[name] = []
  cpu[name] = []
}
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const usage = process.cpuUsage()
    const start = performance.now()
    await run(requests)
    wall[name]!.push(((performance.now() - start) * 1000) / requests)
    const used = process.cpuUsage(usage)
    cpu[name]!.push((used.user + used.system) / requests)
  }
}
for (const name of Object.keys(variants)) {
  console.log(`${name.padEnd(24)} ${fixed(median(wall[name]!), 0)} µs/req wall  ${fixed(median(cpu[name]!), 0)} µs/req CPU`)
}
peer.stop()
process.exit(0)
