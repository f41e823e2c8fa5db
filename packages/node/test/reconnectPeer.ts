// A loopback /v1/listen peer whose transcript is a function of the audio
// itself, so that a stream cut into many connections must give the same
// words and times as one connection. Raw linear16 at 16 kHz mono: every
// 100 ms window (3,200 bytes) is one word, `w<first sample>`; every 5 windows
// the peer sends a final Results covering them (times relative to its
// connection); on CloseStream, the rest as a final, then Metadata and close
// 1000. `plan` says, per connection, after how many Results the peer drops
// (1006) or closes with 1011; connections beyond the plan run clean.
import { Effect } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"

export const WINDOW = 3200
const PHRASE = 5

export type Cut = { readonly after: number; readonly how: "drop" | "close" }

/** Audio of `windows` words: window i is filled with the sample value i. */
export const wordAudio = (windows: number): Array<Uint8Array> =>
  Array.from({ length: windows }, (_, i) => {
    const chunk = new Uint8Array(WINDOW)
    const view = new DataView(chunk.buffer)
    for (let s = 0; s < WINDOW; s += 2) view.setInt16(s, i, true)
    return chunk
  })

export const contentPeer = (plan: ReadonlyArray<Cut>) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly connections: () => number; readonly bytes: () => number }>((resume) => {
      let connections = 0
      let totalBytes = 0
      const server = createServer()
      const wss = new WebSocketServer({ server, perMessageDeflate: false })
      wss.on("connection", (ws) => {
        const cut = plan[connections++]
        let buffered = new Uint8Array(0)
        let windowsDone = 0
        let sent = 0
        let words: Array<{ word: string; start: number; end: number }> = []
        let phraseStart = 0
        const results = (final: boolean) => {
          const start = phraseStart
          const end = windowsDone / 10
          const message = {
            type: "Results",
            channel_index: [0, 1],
            duration: Math.round((end - start) * 1e6) / 1e6,
            start,
            is_final: final,
            speech_final: final,
            channel: {
              alternatives: [{
                transcript: words.map((w) => w.word).join(" "),
                confidence: 1,
                words: words.map((w) => ({ ...w, confidence: 1 }))
              }]
            },
            metadata: { request_id: `c${connections}`, model_info: { name: "n", version: "v", arch: "a" }, model_uuid: "u" }
          }
          words = []
          phraseStart = end
          ws.send(JSON.stringify(message))
          sent++
          if (cut !== undefined && sent >= cut.after) {
            if (cut.how === "drop") ws.terminate()
            else ws.close(1011, "NET-0000: internal error")
          }
        }
        ws.on("message", (data: Buffer, isBinary) => {
          if (ws.readyState !== ws.OPEN) return
          if (isBinary) {
            totalBytes += data.length
            const joined = new Uint8Array(buffered.length + data.length)
            joined.set(buffered)
            joined.set(data, buffered.length)
            buffered = joined
            while (buffered.length >= WINDOW && ws.readyState === ws.OPEN) {
              const value = new DataView(buffered.buffer, buffered.byteOffset).getInt16(0, true)
              words.push({ word: `w${value}`, start: windowsDone / 10, end: (windowsDone + 1) / 10 })
              windowsDone++
              buffered = buffered.subarray(WINDOW)
              if (words.length === PHRASE) results(true)
            }
            return
          }
          if (String(data).includes("CloseStream")) {
            if (words.length > 0) results(true)
            if (ws.readyState !== ws.OPEN) return
            ws.send(JSON.stringify({
              type: "Metadata",
              transaction_key: "deprecated",
              request_id: `c${connections}`,
              sha256: "0",
              created: "2026-01-01T00:00:00Z",
              duration: windowsDone / 10,
              channels: 1
            }))
            ws.close(1000)
          }
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed(Object.assign(
          { url: `http://127.0.0.1:${port}`, connections: () => connections, bytes: () => totalBytes },
          { server, wss }
        )))
      })
    }),
    (peer) =>
      Effect.async<void>((resume) => {
        const { server, wss } = peer as unknown as { server: ReturnType<typeof createServer>; wss: WebSocketServer }
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resume(Effect.void))
        server.closeAllConnections()
      })
  )

/** A seeded xorshift32 generator of numbers in [0, 1): the same seed, the same sequence. */
export const xorshift = (seed: number): () => number => {
  let x = seed | 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 0x100000000
  }
}

/** A random plan of `drops` cuts, each after 1 to `maxAfter` Results, half drops and half 1011 closes. */
export const randomPlan = (drops: number, maxAfter: number, seed: number): Array<Cut> => {
  const random = xorshift(seed)
  return Array.from({ length: drops }, () => ({
    after: 1 + Math.floor(random() * maxAfter),
    how: random() < 0.5 ? "drop" : "close"
  }))
}
