// P3 client (child process, one contender per process): streams generated
// 16 kHz mono linear16 as fast as possible over a /v1/listen WebSocket and
// consumes every server message until the server closes.
// Usage: node --import tsx bench/p3-client.ts ours|ws|official <baseUrl> <seconds> <chunkBytes>
import { once } from "node:events"
import { performance } from "node:perf_hooks"
import { pcmChunks } from "./lib/fixtures.js"
import { API_KEY } from "./lib/key.js"

const [mode = "", baseUrl = "", secondsArg = "3600", chunkArg = "3200"] = process.argv.slice(2)
const seconds = Number(secondsArg)
const chunkBytes = Number(chunkArg)

interface Outcome {
  readonly results: number
  readonly metadata: number
  readonly other: number
  readonly closeCode: number | undefined
}

type Session = (chunks: ReadonlyArray<Uint8Array>) => Promise<Outcome>

const ours = async (): Promise<Session> => {
  const { Listen } = await import("@effect-deepgram/node")
  const { Effect, Stream } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  await runtime.runtime()
  return async (chunks) => {
    // Every event is pulled through the stream; Stream.runCount consumes them all.
    const count = await runtime.runPromise(Effect.flatMap(Listen.Listen, (listen) =>
      listen.live(Stream.fromIterable(chunks), { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runCount)))
    // The server sends one Results per chunk, then one Metadata, then closes 1000 (a clean end of the stream).
    return { results: count - 1, metadata: 1, other: 0, closeCode: 1000 }
  }
}

const rawWs = async (): Promise<Session> => {
  const { WebSocket } = await import("ws")
  return async (chunks) => {
    const url = `${baseUrl.replace(/^http/, "ws")}/v1/listen?encoding=linear16&sample_rate=16000`
    const ws = new WebSocket(url, { headers: { authorization: `Token ${API_KEY}` }, perMessageDeflate: false })
    let results = 0
    let metadata = 0
    let other = 0
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) return void other++
      const message = JSON.parse(data.toString("utf8")) as { readonly type?: string }
      if (message.type === "Results") results++
      else if (message.type === "Metadata") metadata++
      else other++
    })
    const closed = once(ws, "close") as Promise<[number, Buffer]>
    await once(ws, "open")
    for (const chunk of chunks) ws.send(chunk)
    ws.send(JSON.stringify({ type: "CloseStream" }))
    const [code] = await closed
    return { results, metadata, other, closeCode: code }
  }
}

const official = async (): Promise<Session> => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async (chunks) => {
    const connection = await client.listen.v1.connect({
      model: "nova-3",
      encoding: "linear16",
      sample_rate: 16000,
      reconnectAttempts: 0
    })
    let results = 0
    let metadata = 0
    let other = 0
    connection.on("message", (message) => {
      if (message.type === "Results") results++
      else if (message.type === "Metadata") metadata++
      else other++
    })
    const closed = new Promise<number>((resolve) => connection.on("close", (event) => resolve(event.code)))
    connection.connect()
    await connection.waitForOpen()
    for (const chunk of chunks) connection.sendMedia(chunk)
    connection.sendCloseStream({ type: "CloseStream" })
    const code = await closed
    return { results, metadata, other, closeCode: code }
  }
}

const main = async () => {
  const make = mode === "ours" ? ours : mode === "ws" ? rawWs : mode === "official" ? official : undefined
  if (make === undefined) throw new Error(`unknown contender ${mode}`)
  const chunks = pcmChunks(seconds, chunkBytes)
  const bytes = chunks.reduce((n, c) => n + c.byteLength, 0)
  const session = await make()
  const start = performance.now()
  const usage = process.cpuUsage()
  const outcome = await session(chunks)
  const used = process.cpuUsage(usage)
  const ms = performance.now() - start
  if (outcome.results !== chunks.length || outcome.metadata !== 1) {
    throw new Error(`${mode}: ${outcome.results} Results for ${chunks.length} chunks, ${outcome.metadata} Metadata`)
  }
  const result = {
    mode,
    seconds,
    chunkBytes,
    chunks: chunks.length,
    bytes,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    maxRss: process.resourceUsage().maxRSS * 1024,
    ...outcome
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
