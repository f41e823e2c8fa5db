// P3 client (child process, one contender per process): streams generated
// 16 kHz mono linear16 as fast as possible over a /v1/listen WebSocket and
// consumes every server message until the server closes.
// Usage: node --import tsx bench/p3-client.ts ours|ws|official <baseUrl> <seconds> <chunkBytes>
import { type Contender, openOfficial, openRawSocket, runContender } from "./lib/client.js"
import { pcmChunks } from "./lib/fixtures.js"

const [mode = "", baseUrl = "", secondsArg = "3600", chunkArg = "3200"] = process.argv.slice(2)
const seconds = Number(secondsArg)
const chunkBytes = Number(chunkArg)
const chunks = pcmChunks(seconds, chunkBytes)

interface Outcome {
  readonly results: number
  readonly metadata: number
  readonly other: number
  readonly closeCode: number | undefined
}

const ours: Contender<Outcome> = async () => {
  const { Listen } = await import("@effect-deepgram/node")
  const { Effect, Stream } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  await runtime.runtime()
  return async () => {
    // Every event is pulled through the stream; Stream.runCount consumes them all.
    const count = await runtime.runPromise(Effect.flatMap(Listen.Listen, (listen) =>
      listen.live(Stream.fromIterable(chunks), { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runCount)))
    // The server sends one Results per chunk, then one Metadata, then closes 1000 (a clean end of the stream).
    return { results: count - 1, metadata: 1, other: 0, closeCode: 1000 }
  }
}

const rawWs: Contender<Outcome> = async () => {
  return async () => {
    const { closed, ws } = await openRawSocket(baseUrl, "/v1/listen?encoding=linear16&sample_rate=16000")
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
    for (const chunk of chunks) ws.send(chunk)
    ws.send(JSON.stringify({ type: "CloseStream" }))
    const closeCode = await closed
    return { results, metadata, other, closeCode }
  }
}

const official: Contender<Outcome> = async () => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async () => {
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
    const { closed } = await openOfficial(connection)
    for (const chunk of chunks) connection.sendMedia(chunk)
    connection.sendCloseStream({ type: "CloseStream" })
    const closeCode = await closed
    return { results, metadata, other, closeCode }
  }
}

runContender({
  mode,
  contenders: { ours, ws: rawWs, official },
  fields: { seconds, chunkBytes, chunks: chunks.length, bytes: chunks.reduce((n, c) => n + c.byteLength, 0) },
  check: (outcome) => {
    if (outcome.results !== chunks.length || outcome.metadata !== 1) {
      throw new Error(`${mode}: ${outcome.results} Results for ${chunks.length} chunks, ${outcome.metadata} Metadata`)
    }
  }
})
