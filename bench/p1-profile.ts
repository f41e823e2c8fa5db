// Diagnostic, not part of `npm run bench`: a loop of `listen.transcribe` calls
// to profile (node --cpu-prof), against the P1 loopback server in another process.
// Usage: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/p1-profile.ts [requests]
import { Listen } from "@effect-deepgram/node"
import { Effect } from "effect"
import { performance } from "node:perf_hooks"
import { noise } from "./lib/fixtures.js"
import { oursRuntime } from "./lib/ours.js"
import { servePeer } from "./lib/util.js"

const requests = Number(process.argv[2] ?? 10000)
const body = new Uint8Array(noise(1024))
const peer = await servePeer("http")
const runtime = oursRuntime(peer.url)
const run = (n: number) =>
  runtime.runPromise(Effect.gen(function*() {
    const listen = yield* Listen.Listen
    for (let i = 0; i < n; i++) yield* listen.transcribe(body, { model: "nova-3" })
  }))
await run(1000)
const start = performance.now()
const usage = process.cpuUsage()
await run(requests)
const used = process.cpuUsage(usage)
console.log(
  `${((performance.now() - start) * 1000 / requests).toFixed(0)} µs/req wall, ${((used.user + used.system) / requests).toFixed(0)} µs/req CPU`
)
peer.stop()
process.exit(0)
