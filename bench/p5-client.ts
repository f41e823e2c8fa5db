// P5 client (child process, one contender per process): N concurrent live
// sessions, each sending a 3,200-byte chunk every 100 ms (real-time 16 kHz
// linear16) for the given seconds, then CloseStream; the server answers one
// Results per chunk. Every chunk carries its scheduled send time (the server
// measures lateness); every Results carries the server's send time (the
// client measures Results latency where its consumer sees the event).
// Usage: node bench/.data/bundles/p5-client.mjs ours|ws|official <baseUrl> <sessions> <seconds>
import { once } from "node:events"
import { performance } from "node:perf_hooks"
import { setFlagsFromString, writeHeapSnapshot } from "node:v8"
import { runInNewContext } from "node:vm"
import { startAllocProfile } from "./lib/allocProfile.js"
import { API_KEY } from "./lib/key.js"

const [mode = "", baseUrl = "", sessionsArg = "100", secondsArg = "20"] = process.argv.slice(2)
const sessions = Number(sessionsArg)
const seconds = Number(secondsArg)
const CHUNK_BYTES = 3200
const PERIOD_MS = 100
const chunksPerSession = Math.round((seconds * 1000) / PERIOD_MS)

const now = () => performance.timeOrigin + performance.now()

/** A chunk stamped with its scheduled send time (epoch ms, float64 LE in the first 8 bytes). */
const stamped = (scheduled: number): Uint8Array => {
  const chunk = new Uint8Array(CHUNK_BYTES)
  new DataView(chunk.buffer).setFloat64(0, scheduled, true)
  return chunk
}

interface Tally {
  results: number
  metadata: number
}

const latencies: Array<number> = []
const onResults = (tally: Tally, start: number) => {
  tally.results++
  latencies.push(now() - start)
}

/**
 * The audio source of one session: a JS timer (like a microphone callback)
 * that produces chunk k at `t0 + k × 100 ms`, drift-free.
 */
const source = (t0: number, emit: (chunk: Uint8Array) => void, end: () => void) => {
  let k = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const next = () => {
    if (k === chunksPerSession) {
      timer = undefined
      end()
      return
    }
    const scheduled = t0 + k * PERIOD_MS
    k++
    emit(stamped(scheduled))
    timer = setTimeout(next, Math.max(0, t0 + k * PERIOD_MS - now()))
  }
  timer = setTimeout(next, Math.max(0, t0 - now()))
  return () => {
    if (timer !== undefined) clearTimeout(timer)
  }
}

type Runner = (t0: number, tally: Tally) => Promise<void>

const ours = async (): Promise<Runner> => {
  const { Listen } = await import("@effect-deepgram/node")
  const { Effect, Stream } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  await runtime.runtime()
  const listen = await runtime.runPromise(Listen.Listen)
  return (t0, tally) => {
    // The microphone-like source enters the SDK as a push stream.
    const audio = Stream.asyncPush<Uint8Array>((emit) =>
      Effect.acquireRelease(
        Effect.sync(() => source(t0, (chunk) => emit.single(chunk), () => emit.end())),
        (stop) => Effect.sync(stop)
      )
    )
    return runtime.runPromise(
      // The other clients have no handshake deadline; ours gets a long one (a loaded machine is slow to accept).
      listen.live(audio, { encoding: "linear16", sample_rate: 16000 }, { openTimeout: "120 seconds" }).pipe(
        Stream.runForEach((event) =>
          Effect.sync(() => {
            if (event.type === "Results") onResults(tally, event.start)
            else if (event.type === "Metadata") tally.metadata++
          })
        )
      )
    )
  }
}

const rawWs = async (): Promise<Runner> => {
  const { WebSocket } = await import("ws")
  return async (t0, tally) => {
    const url = `${baseUrl.replace(/^http/, "ws")}/v1/listen?encoding=linear16&sample_rate=16000`
    const ws = new WebSocket(url, { headers: { authorization: `Token ${API_KEY}` }, perMessageDeflate: false })
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) return
      const message = JSON.parse(data.toString("utf8")) as { readonly type?: string; readonly start?: number }
      if (message.type === "Results") onResults(tally, message.start!)
      else if (message.type === "Metadata") tally.metadata++
    })
    const closed = once(ws, "close")
    await once(ws, "open")
    source(t0, (chunk) => ws.send(chunk), () => ws.send(JSON.stringify({ type: "CloseStream" })))
    await closed
  }
}

const official = async (): Promise<Runner> => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async (t0, tally) => {
    const connection = await client.listen.v1.connect({
      model: "nova-3",
      encoding: "linear16",
      sample_rate: 16000,
      reconnectAttempts: 0
    })
    connection.on("message", (message) => {
      if (message.type === "Results") onResults(tally, message.start)
      else if (message.type === "Metadata") tally.metadata++
    })
    const closed = new Promise<void>((resolve) => connection.on("close", () => resolve()))
    connection.connect()
    await connection.waitForOpen()
    source(t0, (chunk) => connection.sendMedia(chunk), () => connection.sendCloseStream({ type: "CloseStream" }))
    await closed
  }
}

// A full collection before each memory reading, so that the heap is the live heap.
setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as (() => void) | undefined

const memory = () => {
  gc?.()
  gc?.()
  const usage = process.memoryUsage()
  return { rss: usage.rss, heap: usage.heapUsed }
}

const percentile = (values: Array<number>, p: number) => {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const main = async () => {
  const make = mode === "ours" ? ours : mode === "ws" ? rawWs : mode === "official" ? official : undefined
  if (make === undefined) throw new Error(`unknown contender ${mode}`)
  const run = await make()
  const base = memory()
  // Every session connects during a lead time (the same for every contender), then its audio
  // starts; the sessions' schedules are spread over one period.
  const start = now() + 1000 + 4 * sessions
  const tallies: Array<Tally> = Array.from({ length: sessions }, () => ({ results: 0, metadata: 0 }))
  const usage = process.cpuUsage()
  let mid: { rss: number; heap: number } | undefined
  const midTimer = setTimeout(() => {
    mid = memory()
    if (process.env.P5_SNAPSHOT !== undefined) writeHeapSnapshot(process.env.P5_SNAPSHOT)
  }, start - now() + (seconds * 1000) / 2)
  // Diagnostics: P5_ALLOC=<file> records an allocation profile of the run (collected objects included).
  const stopAllocProfile = await startAllocProfile(16384)
  const done = Promise.all(tallies.map((tally, i) => run(start + (i * PERIOD_MS) / sessions, tally)))
  await done
  await stopAllocProfile?.()
  clearTimeout(midTimer)
  const used = process.cpuUsage(usage)
  const wallMs = now() - start
  const complete = tallies.filter((t) => t.results === chunksPerSession && t.metadata === 1).length
  const result = {
    mode,
    sessions,
    seconds,
    chunksPerSession,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    rssBase: base.rss,
    heapBase: base.heap,
    rssMid: mid?.rss ?? 0,
    heapMid: mid?.heap ?? 0,
    maxRss: process.resourceUsage().maxRSS * 1024,
    results: tallies.reduce((n, t) => n + t.results, 0),
    complete,
    resultsLatencyP50: percentile(latencies, 50),
    resultsLatencyP99: percentile(latencies, 99),
    resultsLatencyMax: percentile(latencies, 100)
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
