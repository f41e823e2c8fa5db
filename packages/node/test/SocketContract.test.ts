// Socket-layer contracts that a planted bug could otherwise break silently:
// the upgrade's headers, close codes that are not a clean end, send
// backpressure against a peer that stops reading, and messages without a type.
import { DeepgramConfig, Listen } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Stream } from "effect"
import { peerSdk, resultsFrame } from "./helpers.js"
import { scriptedPeer, waitFor, type WebSocket } from "./peer.js"

const raw = { encoding: "linear16", sample_rate: 16000 } as const

/** A live session that sends nothing: every event until the server closes. */
const collect = (options: Listen.LiveOptions, connect: Listen.ConnectOptions = {}) =>
  Effect.scoped(
    Effect.flatMap(Listen.Listen, (listen) =>
      Effect.flatMap(listen.liveSession(options, connect), (session) => Stream.runCollect(session.events)))
  )

describe("socket contracts (Node, ws)", () => {
  it.scopedLive("the upgrade carries user-agent and x-deepgram-session-id", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.close(1000))
      yield* collect(raw).pipe(Effect.provide(peerSdk(peer.url, { sessionId: "session-7" })))
      yield* collect(raw).pipe(Effect.provide(peerSdk(peer.url, { userAgent: "my-app/2.0" })))
      const [withSession, withAgent] = peer.received.requests
      assert.strictEqual(withSession!.headers["user-agent"], `effect-deepgram/${DeepgramConfig.version}`)
      assert.strictEqual(withSession!.headers["x-deepgram-session-id"], "session-7")
      assert.strictEqual(withAgent!.headers["user-agent"], "my-app/2.0")
      assert.isUndefined(withAgent!.headers["x-deepgram-session-id"])
      // Per-call headers are added; they do not replace the credentials.
      yield* collect(raw, { headers: { "x-extra": "1" } }).pipe(Effect.provide(peerSdk(peer.url, { sessionId: "session-8" })))
      const extra = peer.received.requests[2]!
      assert.strictEqual(extra.headers["x-extra"], "1")
      assert.strictEqual(extra.headers["x-deepgram-session-id"], "session-8")
      assert.strictEqual(extra.headers.authorization, "Token secret-key")
    }))

  it.scopedLive("an access token goes in the upgrade as Bearer, even with an API key set", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.close(1000))
      yield* collect(raw).pipe(Effect.provide(peerSdk(peer.url, { apiKey: "secret-key", accessToken: "jwt-token" })))
      assert.strictEqual(peer.received.requests[0]!.headers.authorization, "Bearer jwt-token")
    }))

  it.scopedLive("a close without status (1005) before CloseStream is an error, not a clean end", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(resultsFrame("so far"))
        // No code: the client sees 1005. The client never sent CloseStream (its audio never ends).
        ws.close()
      })
      const seen: Array<string> = []
      const error = yield* Effect.scoped(Effect.flatMap(Listen.Listen, (listen) =>
        Effect.flatMap(listen.liveSession(raw), (session) =>
          session.events.pipe(
            Listen.finalTranscripts,
            Stream.runForEach((text) => Effect.sync(() => seen.push(text)))
          )))).pipe(Effect.provide(peerSdk(peer.url)), Effect.flip)
      assert.deepStrictEqual(seen, ["so far"])
      assert.strictEqual(error._tag, "DeepgramSocketError")
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Closed")
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.code, 1005)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.requestId, "req-1")
    }))

  it.scopedLive("after CloseStream, a close without status (1005) is a clean end, an error code still an error", () =>
    Effect.gen(function*() {
      for (const code of [undefined, 1011, 1008]) {
        const peer = yield* scriptedPeer((ws) =>
          ws.on("message", (data, binary) => {
            if (binary || !String(data).includes("CloseStream")) return
            ws.send(resultsFrame("last"))
            if (code === undefined) ws.close()
            else ws.close(code, "NET-0000: failed while flushing")
          })
        )
        const exit = yield* Effect.scoped(Effect.flatMap(Listen.Listen, (listen) =>
          Effect.flatMap(listen.liveSession(raw), (session) =>
            Effect.zipRight(session.closeStream, Stream.runCollect(session.events))))).pipe(
            Effect.provide(peerSdk(peer.url)),
            Effect.exit
          )
        if (code === undefined) {
          assert.isTrue(exit._tag === "Success", "1005 after CloseStream")
          if (exit._tag === "Success") assert.deepStrictEqual(Chunk.toReadonlyArray(exit.value).map((e) => e.type), ["Results"])
        } else {
          const error = yield* Effect.flip(exit)
          assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Closed", `code ${code}`)
          assert.strictEqual(error._tag === "DeepgramSocketError" && error.code, code)
        }
      }
    }))

  it.scopedLive("close codes: 1000 is a clean end; 1001, 1011, 4000 and 1006 are errors", () =>
    Effect.gen(function*() {
      for (const code of [1000, 1001, 1011, 4000]) {
        const peer = yield* scriptedPeer((ws) => {
          ws.send(resultsFrame(`before ${code}`))
          ws.close(code, code === 1000 ? "" : "NET-0000: gone")
        })
        const exit = yield* collect(raw).pipe(Effect.provide(peerSdk(peer.url)), Effect.exit)
        if (code === 1000) {
          assert.isTrue(exit._tag === "Success", `code ${code}`)
          if (exit._tag === "Success") assert.deepStrictEqual(Chunk.toReadonlyArray(exit.value).map((e) => e.type), ["Results"])
        } else {
          const error = yield* Effect.flip(exit)
          assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Closed", `code ${code}`)
          assert.strictEqual(error._tag === "DeepgramSocketError" && error.code, code)
          assert.strictEqual(error._tag === "DeepgramSocketError" && error.errCode, "NET-0000")
        }
      }
    }))

  it.scopedLive("messages without a type arrive as Unknown, keeping every field", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(JSON.stringify({ note: "no type here", n: 1 }))
        ws.send(JSON.stringify({ type: "Results" }).replace("Results", "Futuristic"))
        ws.close(1000)
      })
      const events = Chunk.toReadonlyArray(yield* collect(raw).pipe(Effect.provide(peerSdk(peer.url))))
      assert.deepStrictEqual(events.map((e) => e.type), ["Unknown", "Unknown"])
      const [typeless, futuristic] = events
      assert.deepStrictEqual(typeless!.type === "Unknown" && typeless!.raw, { note: "no type here", n: 1 })
      assert.deepStrictEqual(futuristic!.type === "Unknown" && futuristic!.raw, { type: "Futuristic" })
    }))

  it.scopedLive("send backpressure: audio is pulled only as fast as a slow peer reads it", () =>
    Effect.gen(function*() {
      const CHUNK = 64 * 1024
      const TOTAL_CHUNKS = 1024 // 64 MiB
      let bytesReceived = 0
      let reading: WebSocket | undefined
      const peer = yield* scriptedPeer((ws) => {
        // Stop reading from the TCP connection: the kernel buffers fill, then the client's send buffer.
        ws.pause()
        reading = ws
        ws.on("message", (data, binary) => {
          if (binary) bytesReceived += (data as Buffer).byteLength
          else if (String(data).includes("CloseStream")) ws.close(1000)
        })
      })
      let pulled = 0
      // One item per pull (Stream.range alone would produce it all in one chunk).
      const audio = Stream.range(1, TOTAL_CHUNKS, 1).pipe(
        Stream.map((i) => {
          pulled++
          const chunk = new Uint8Array(CHUNK)
          chunk[0] = i % 256
          return chunk
        })
      )
      const fiber = yield* Effect.flatMap(Listen.Listen, (listen) => listen.live(audio, raw).pipe(Stream.runDrain)).pipe(
        Effect.provide(peerSdk(peer.url)),
        Effect.fork
      )
      yield* waitFor(() => reading !== undefined)
      // Wait until the client stops pulling audio (its buffers are full), at most 10 s.
      let last = -1
      for (let i = 0; i < 100 && pulled !== last; i++) {
        last = pulled
        yield* Effect.sleep("300 millis")
      }
      const pulledWhilePaused = pulled
      assert.isBelow(pulledWhilePaused * CHUNK, 24 * 1024 * 1024, `pulled ${pulledWhilePaused} chunks of 64 KiB while the peer read nothing`)
      assert.isAbove(pulledWhilePaused, 0)
      // The peer reads again: everything arrives and the session ends cleanly.
      reading!.resume()
      yield* Fiber.join(fiber)
      assert.strictEqual(pulled, TOTAL_CHUNKS)
      yield* waitFor(() => bytesReceived === TOTAL_CHUNKS * CHUNK)
    }), 60_000)
})
