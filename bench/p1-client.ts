// P1 client (child process, one contender per process): warm-up, then
// sequential small prerecorded requests, timed.
// Usage: node --import tsx bench/p1-client.ts ours|fetch|official <baseUrl> <requests> <warmup>
//
// Each contender gets its own process on purpose: none shares a JIT, heap or
// connection pool with another, and each runs on the transport a user of that
// client alone would get (ours: undici 7 with a private Agent; raw fetch and
// @deepgram/sdk: Node's built-in fetch, whose dispatcher our import leaves
// alone, packages/node/test/Globals.test.ts).
import { performance } from "node:perf_hooks"
import { noise } from "./lib/fixtures.js"
import { API_KEY } from "./lib/key.js"

const [mode = "", baseUrl = "", requestsArg = "2000", warmupArg = "200"] = process.argv.slice(2)
const requests = Number(requestsArg)
const warmup = Number(warmupArg)

/** A 1 KiB body. */
const body = new Uint8Array(noise(1024))
const EXPECTED = "houston we have liftoff"

const check = (transcript: string | undefined) => {
  if (transcript !== EXPECTED) throw new Error(`unexpected transcript: ${transcript}`)
}

const ours = async (): Promise<(n: number) => Promise<void>> => {
  const { Listen } = await import("@effect-deepgram/node")
  const { Effect } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  // One Effect program per batch: the requests run sequentially inside it.
  return (n) =>
    runtime.runPromise(Effect.gen(function*() {
      const listen = yield* Listen.Listen
      for (let i = 0; i < n; i++) {
        const result = yield* listen.transcribe(body, { model: "nova-3" })
        check(result.results.channels[0]?.alternatives?.[0]?.transcript)
      }
    }))
}

const rawFetch = async (): Promise<(n: number) => Promise<void>> => {
  const url = `${baseUrl}/v1/listen?model=nova-3`
  return async (n) => {
    for (let i = 0; i < n; i++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Token ${API_KEY}`, "content-type": "application/octet-stream" },
        body
      })
      if (response.status !== 200) throw new Error(`status ${response.status}`)
      const json = await response.json() as { results: { channels: Array<{ alternatives: Array<{ transcript: string }> }> } }
      check(json.results.channels[0]?.alternatives[0]?.transcript)
    }
  }
}

const official = async (): Promise<(n: number) => Promise<void>> => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async (n) => {
    for (let i = 0; i < n; i++) {
      const result = await client.listen.v1.media.transcribeFile(body, { model: "nova-3" })
      if (!("results" in result)) throw new Error("no results")
      check(result.results.channels[0]?.alternatives?.[0]?.transcript)
    }
  }
}

const main = async () => {
  const make = mode === "ours" ? ours : mode === "fetch" ? rawFetch : mode === "official" ? official : undefined
  if (make === undefined) throw new Error(`unknown contender ${mode}`)
  const run = await make()
  await run(warmup)
  const start = performance.now()
  const usage = process.cpuUsage()
  await run(requests)
  const used = process.cpuUsage(usage)
  const ms = performance.now() - start
  const cpuMs = (used.user + used.system) / 1000
  process.stdout.write(`${JSON.stringify({ mode, requests, warmup, bodyBytes: body.length, ms, cpuMs })}\n`)
  // Sockets kept alive by pooled clients must not hold the process open.
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
