// P7 client (child process, one contender per process): text-to-speech over
// REST, timing the first audio byte and the whole body, streamed, never held.
// Usage: node --import tsx bench/p7-client.ts ours|fetch|official <baseUrl> <requests> <warmup>
import { performance } from "node:perf_hooks"
import { API_KEY } from "./lib/key.js"

const [mode = "", baseUrl = "", requestsArg = "10", warmupArg = "2"] = process.argv.slice(2)
const requests = Number(requestsArg)
const warmup = Number(warmupArg)

/** A long text: close to the 2,000-character limit of one request. */
export const text = ("Effect streams make real-time speech simple, and every sentence is spoken as it arrives. ".repeat(22))
  .slice(0, 1990)

interface Timing {
  readonly firstByteMs: number
  readonly totalMs: number
  readonly bytes: number
}

type Speak = () => Promise<Timing>

/** Reads a web stream to its end, counting bytes and noting the first chunk. */
const drain = async (body: ReadableStream<Uint8Array>, start: number): Promise<Timing> => {
  const reader = body.getReader()
  let first = 0
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (first === 0) first = performance.now()
    bytes += value.byteLength
  }
  return { firstByteMs: first - start, totalMs: performance.now() - start, bytes }
}

const ours = async (): Promise<Speak> => {
  const { Speak } = await import("@effect-deepgram/node")
  const { Effect, Stream } = await import("effect")
  const { oursRuntime } = await import("./lib/ours.js")
  const runtime = oursRuntime(baseUrl)
  return () =>
    runtime.runPromise(Effect.gen(function*() {
      const speak = yield* Speak.Speak
      const start = performance.now()
      const response = yield* speak.generate(text, { model: "aura-2-thalia-en", encoding: "linear16", container: "wav" })
      let first = 0
      let bytes = 0
      yield* Stream.runForEach(response.stream, (chunk) =>
        Effect.sync(() => {
          if (first === 0) first = performance.now()
          bytes += chunk.byteLength
        }))
      return { firstByteMs: first - start, totalMs: performance.now() - start, bytes }
    }))
}

const rawFetch = async (): Promise<Speak> => {
  const url = `${baseUrl}/v1/speak?model=aura-2-thalia-en&encoding=linear16&container=wav`
  const body = JSON.stringify({ text })
  return async () => {
    const start = performance.now()
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Token ${API_KEY}`, "content-type": "application/json" },
      body
    })
    if (response.status !== 200 || response.body === null) throw new Error(`status ${response.status}`)
    return drain(response.body, start)
  }
}

const official = async (): Promise<Speak> => {
  const { officialClient } = await import("./lib/official.js")
  const client = officialClient(baseUrl)
  return async () => {
    const start = performance.now()
    const audio = await client.speak.v1.audio.generate({
      text,
      model: "aura-2-thalia-en",
      encoding: "linear16",
      container: "wav"
    })
    const body = audio.stream()
    if (body === null) throw new Error("no body")
    return drain(body, start)
  }
}

const main = async () => {
  const make = mode === "ours" ? ours : mode === "fetch" ? rawFetch : mode === "official" ? official : undefined
  if (make === undefined) throw new Error(`unknown contender ${mode}`)
  const speak = await make()
  for (let i = 0; i < warmup; i++) await speak()
  const timings: Array<Timing> = []
  for (let i = 0; i < requests; i++) timings.push(await speak())
  // maxRSS is in KiB: the peak of the whole process, warm-up included.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024
  process.stdout.write(`${JSON.stringify({ mode, timings, peakRssMiB })}\n`)
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
