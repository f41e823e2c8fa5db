// P8 client (child process, one contender per process): sends `flushes` sentences, each followed by a Flush, over
// a /v1/speak WebSocket, receives every audio chunk and Flushed, then sends Close and waits for the server's close.
// Usage: node bench/p8-client.ts ours|ws|official <baseUrl> <flushes>
import { type Contender, openOfficial, openRawSocket, runContender } from "./lib/client.js"

const [mode = "", baseUrl = "", flushesArg = "360"] = process.argv.slice(2)
const flushes = Number(flushesArg)
const sentence = (i: number) => `This is sentence number ${i}, synthesized into a few seconds of audio. `

interface Outcome {
  readonly audioBytes: number
  readonly chunks: number
  readonly flushed: number
  readonly closeCode: number | undefined
}

// P8_PENDING overrides maxPendingFlushes (for experiments; the benchmark runs with the default).
const pending = process.env.P8_PENDING === undefined ? {} : { maxPendingFlushes: Number(process.env.P8_PENDING) }

const ours: Contender<Outcome> = async () => {
  const { Speak } = await import("@effect-deepgram/node")
  const { Effect, Stream } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  await runtime.runtime()
  return async () => {
    const input = Stream.range(0, flushes - 1).pipe(Stream.flatMap((i) => Stream.make(sentence(i), Speak.flush)))
    // Every event is pulled through the stream and counted, a chunk of events at a time.
    const outcome = { audioBytes: 0, chunks: 0, flushed: 0 }
    await runtime.runPromise(Effect.flatMap(Speak.Speak, (speak) =>
      speak.live(input, { model: "aura-2-thalia-en", encoding: "linear16", sample_rate: 24000 }, pending).pipe(
        Stream.runForEachChunk((events) =>
          Effect.sync(() => {
            for (const event of events) {
              if (event.type === "Audio") {
                outcome.audioBytes += event.data.byteLength
                outcome.chunks++
              } else if (event.type === "Flushed") outcome.flushed++
            }
          })
        )
      )))
    // The stream ends on the server's clean close (1000).
    return { ...outcome, closeCode: 1000 }
  }
}

const rawWs: Contender<Outcome> = async () => {
  return async () => {
    const { closed, ws } = await openRawSocket(baseUrl, "/v1/speak?model=aura-2-thalia-en&encoding=linear16&sample_rate=24000")
    let audioBytes = 0
    let chunks = 0
    let flushed = 0
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) {
        audioBytes += data.length
        chunks++
        return
      }
      const message = JSON.parse(data.toString("utf8")) as { readonly type?: string }
      if (message.type === "Flushed" && ++flushed === flushes) ws.send(JSON.stringify({ type: "Close" }))
    })
    for (let i = 0; i < flushes; i++) {
      ws.send(JSON.stringify({ type: "Speak", text: sentence(i) }))
      ws.send(JSON.stringify({ type: "Flush" }))
    }
    const closeCode = await closed
    return { audioBytes, chunks, flushed, closeCode }
  }
}

const official: Contender<Outcome> = async () => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async () => {
    const connection = await client.speak.v1.connect({
      model: "aura-2-thalia-en",
      encoding: "linear16",
      sample_rate: "24000",
      reconnectAttempts: 0
    })
    let audioBytes = 0
    let chunks = 0
    let flushed = 0
    // The SDK hands binary frames over as Blobs; their size is counted without reading the bytes.
    connection.on("message", (message: unknown) => {
      if (message instanceof Blob) {
        audioBytes += message.size
        chunks++
        return
      }
      if ((message as { readonly type?: string }).type === "Flushed" && ++flushed === flushes) {
        connection.sendClose({ type: "Close" })
      }
    })
    const { closed } = await openOfficial(connection)
    for (let i = 0; i < flushes; i++) {
      connection.sendText({ type: "Speak", text: sentence(i) })
      connection.sendFlush({ type: "Flush" })
    }
    const closeCode = await closed
    return { audioBytes, chunks, flushed, closeCode }
  }
}

runContender({
  mode,
  contenders: { ours, ws: rawWs, official },
  fields: { flushes },
  check: (outcome) => {
    if (outcome.flushed !== flushes) throw new Error(`${mode}: ${outcome.flushed} Flushed for ${flushes} flushes`)
  }
})
