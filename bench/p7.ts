// P7: text-to-speech over REST. Time to the first audio byte and to the last
// for a long text, ours vs raw fetch vs @deepgram/sdk, and peak memory for a
// short and a 16× longer audio body (streamed clients stay flat).
import { once } from "node:events"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import type { Bench } from "./lib/result.js"
import { fixed, median, MiB, ratio, runChild } from "./lib/util.js"

const REQUESTS = 8
const WARMUP = 2
const ROUNDS = 3
/** Audio per request: 4 MiB (about 87 s of 24 kHz linear16) and 64 MiB. */
const SIZES = [4 * MiB, 64 * MiB] as const
/** The emulated synthesis delay before the first byte. */
const FIRST_BYTE_DELAY_MS = 20
const CHUNK = 32 * 1024

type Contender = "ours" | "fetch" | "official"

interface Timing {
  readonly firstByteMs: number
  readonly totalMs: number
  readonly bytes: number
}

interface ChildResult {
  readonly mode: Contender
  readonly timings: ReadonlyArray<Timing>
  readonly peakRssMiB: number
}

const labels: Record<Contender, string> = {
  fetch: "raw fetch (Node global fetch, body reader)",
  ours: "effect-deepgram (speak.generate → stream)",
  official: "@deepgram/sdk 5.13.0 (speak.v1.audio.generate → stream())"
}

/** `POST /v1/speak`: after a short "synthesis" delay, `size` bytes of audio in 32 KiB chunks, honouring backpressure. */
const speakPeer = async (size: number) => {
  const chunk = Buffer.alloc(CHUNK, 1)
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume()
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/speak")) {
        res.writeHead(404, { "content-type": "application/json" }).end("{}")
        return
      }
      setTimeout(() => {
        res.writeHead(200, {
          "content-type": "audio/wav",
          "dg-request-id": "bench",
          "dg-model-name": "aura-2-thalia-en",
          "dg-char-count": "1990"
        })
        let sent = 0
        const pump = () => {
          while (sent < size) {
            const n = Math.min(CHUNK, size - sent)
            sent += n
            if (!res.write(n === CHUNK ? chunk : chunk.subarray(0, n))) {
              res.once("drain", pump)
              return
            }
          }
          res.end()
        }
        pump()
      }, FIRST_BYTE_DELAY_MS)
    })
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, "close")
    }
  }
}

export const p7: Bench = {
  id: "p7",
  title: "P7: text-to-speech REST, first byte and total",
  run: async () => {
    const order: ReadonlyArray<Contender> = ["fetch", "ours", "official"]
    const firstByte: Record<Contender, Array<number>> = { ours: [], fetch: [], official: [] }
    const total: Record<Contender, Array<number>> = { ours: [], fetch: [], official: [] }
    const peak: Record<Contender, Record<number, Array<number>>> = { ours: {}, fetch: {}, official: {} }
    for (const size of SIZES) {
      const peer = await speakPeer(size)
      try {
        for (let round = 0; round < ROUNDS; round++) {
          for (let i = 0; i < order.length; i++) {
            const name = order[(i + round) % order.length]!
            const child = await runChild<ChildResult>("p7-client.ts", [name, peer.url, String(REQUESTS), String(WARMUP)])
            if (child.timings.some((t) => t.bytes !== size)) throw new Error(`${name} received a short body`)
            ;(peak[name][size] ??= []).push(child.peakRssMiB)
            // Latency is compared on the short body; the long one is for memory.
            if (size === SIZES[0]) {
              firstByte[name].push(median(child.timings.map((t) => t.firstByteMs)))
              total[name].push(median(child.timings.map((t) => t.totalMs)))
            }
          }
        }
      } finally {
        await peer.close()
      }
    }
    const fb = (name: Contender) => median(firstByte[name])
    const tt = (name: Contender) => median(total[name])
    const pk = (name: Contender, size: number) => median(peak[name][size] ?? [])
    const rows = order.map((name) => [
      labels[name],
      fixed(fb(name), 2),
      ratio(fb(name) / fb("fetch")),
      fixed(tt(name), 1),
      ratio(tt(name) / tt("fetch")),
      fixed(pk(name, SIZES[0]), 0),
      fixed(pk(name, SIZES[1]), 0)
    ])
    const firstByteRatio = fb("ours") / fb("fetch")
    const growth = pk("ours", SIZES[1]) - pk("ours", SIZES[0])
    return {
      id: "p7",
      title: p7.title,
      setup:
        `POST /v1/speak with a 1,990-character text against a node:http server on 127.0.0.1 that waits ${FIRST_BYTE_DELAY_MS} ms, ` +
        `then streams ${SIZES[0] / MiB} MiB (or ${SIZES[1] / MiB} MiB) of audio in 32 KiB chunks with backpressure. Each contender runs in its own ` +
        `child process (node --import tsx): ${WARMUP} warm-up requests, then ${REQUESTS} timed, sequential; ${ROUNDS} rounds in rotating order, ` +
        `medians reported. Every client reads the body as a stream and counts bytes (none keeps the audio). Peak RSS is the child's maxRSS.`,
      table: {
        columns: [
          "client",
          "first byte ms",
          "vs fetch",
          `total ms (${SIZES[0] / MiB} MiB)`,
          "vs fetch",
          `peak RSS MiB (${SIZES[0] / MiB} MiB body)`,
          `peak RSS MiB (${SIZES[1] / MiB} MiB body)`
        ],
        rows
      },
      targets: [
        { name: "first byte ≤ 1.1× raw fetch", pass: firstByteRatio <= 1.1, detail: `${firstByteRatio.toFixed(2)}×` },
        {
          name: "streamed: peak memory independent of the audio length",
          pass: growth < 16,
          detail: `${fixed(pk("ours", SIZES[0]), 0)} MiB for ${SIZES[0] / MiB} MiB of audio, ${fixed(pk("ours", SIZES[1]), 0)} MiB for ${
            SIZES[1] / MiB
          } MiB (+${fixed(growth, 0)} MiB)`
        }
      ],
      notes: [],
      data: { firstByte, total, peak }
    }
  }
}
