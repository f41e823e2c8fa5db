// Diagnostic, not part of `npm run bench`: the P3 session peeled layer by
// layer (run by bench/p3-breakdown.ts, bundled, one process per variant).
//   rawsocket  NodeDialer.make.open (the SDK's socket adapter): send every chunk
//              with raw.send, take every event with raw.take, JSON.parse only
//   session    listen.liveSession: Effect.forEach(chunks, session.send), then
//              closeStream; session.events consumed with Stream.runCount
//   decode     ListenV1.decodeServerMessage over the same number of Results
//              frames, no I/O (what schema decoding adds per session)
// Usage: node bench/.data/bundles/p3-breakdown-client.mjs <variant> <baseUrl> <seconds> <chunkBytes>
import { Listen, NodeDialer } from "@effect-deepgram/node"
import { ListenV1 } from "@effect-deepgram/schema"
import { Effect, Fiber, Stream } from "effect"
import { performance } from "node:perf_hooks"
import { pcmChunks, smallResultsText } from "../lib/fixtures.js"
import { API_KEY } from "../lib/key.js"
import { oursRuntime } from "../lib/ours.js"

const [variant = "", baseUrl = "", secondsArg = "3600", chunkArg = "3200"] = process.argv.slice(2)
const chunks = pcmChunks(Number(secondsArg), Number(chunkArg))
const runtime = oursRuntime(baseUrl)

const rawsocket = Effect.scoped(Effect.gen(function*() {
  const raw = yield* NodeDialer.make.open({
    url: `${baseUrl.replace(/^http/, "ws")}/v1/listen?encoding=linear16&sample_rate=16000`,
    headers: { authorization: `Token ${API_KEY}` },
    protocols: [],
    openTimeout: 10_000
  })
  let results = 0
  const reader = yield* Effect.fork(Effect.gen(function*() {
    while (true) {
      const event = yield* raw.take
      if (event._tag === "Close") return
      if (event._tag === "Text" && (JSON.parse(event.data) as { type: string }).type === "Results") results++
    }
  }))
  for (const chunk of chunks) yield* raw.send(chunk)
  yield* raw.send(JSON.stringify({ type: "CloseStream" }))
  yield* Fiber.join(reader)
  return results
}))

const session = Effect.scoped(Effect.gen(function*() {
  const listen = yield* Listen.Listen
  const live = yield* listen.liveSession({ encoding: "linear16", sample_rate: 16000 })
  const counter = yield* Effect.fork(Stream.runCount(live.events))
  yield* Effect.forEach(chunks, live.send, { discard: true })
  yield* live.closeStream
  return (yield* Fiber.join(counter)) - 1
}))

const decode = Effect.gen(function*() {
  let results = 0
  for (let i = 0; i < chunks.length; i++) {
    const message = yield* ListenV1.decodeServerMessage(smallResultsText)
    if (message.type === "Results") results++
  }
  return results
}).pipe(Effect.orDie)

const main = async () => {
  const program = variant === "rawsocket" ? rawsocket : variant === "session" ? session : variant === "decode" ? decode : undefined
  if (program === undefined) throw new Error(`unknown variant ${variant}`)
  await runtime.runtime()
  const start = performance.now()
  const usage = process.cpuUsage()
  const results = await runtime.runPromise(program)
  const used = process.cpuUsage(usage)
  const ms = performance.now() - start
  if (results !== chunks.length) throw new Error(`${variant}: ${results} Results for ${chunks.length} chunks`)
  process.stdout.write(`${JSON.stringify({ mode: variant, ms, cpuMs: (used.user + used.system) / 1000, chunks: chunks.length })}\n`)
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
