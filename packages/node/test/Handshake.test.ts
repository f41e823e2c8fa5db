// The Node dialer's handshake mapping (NodeDialer.ts) against a scripted peer on loopback: a refusal without
// Deepgram's headers, the upgrade request the dialer sends, and binary frames from the server.
import { Listen } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { peerSdk } from "./helpers.js"
import { scriptedPeer } from "./peer.js"

const raw = { encoding: "linear16", sample_rate: 16000 } as const

/** The error (or "opened") of a live session's handshake, as a short value. */
const handshake = (url: string) =>
  Effect.scoped(Effect.flatMap(Listen.Listen, (listen) => listen.liveSession(raw))).pipe(
    Effect.provide(peerSdk(url)),
    Effect.match({ onFailure: (error) => error, onSuccess: () => "opened" as const })
  )

describe("NodeDialer handshake", () => {
  it.scopedLive("a refusal without dg-error or dg-request-id keeps its status and leaves both unset", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {}, { refuse: { status: 503, headers: {} } })
      const error = yield* handshake(peer.url)
      assert.strictEqual(error === "opened" ? error : error._tag, "DeepgramHandshakeError")
      if (error === "opened" || error._tag !== "DeepgramHandshakeError") return
      assert.deepStrictEqual([error.status, error.dgError, error.requestId], [503, undefined, undefined])
    }))

  it.scopedLive("a refusal with only a request id carries it, and no dg-error", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {}, { refuse: { status: 400, headers: { "dg-request-id": "req-400" } } })
      const error = yield* handshake(peer.url)
      assert.strictEqual(error === "opened" ? error : error._tag, "DeepgramHandshakeError")
      if (error === "opened" || error._tag !== "DeepgramHandshakeError") return
      assert.deepStrictEqual([error.status, error.dgError, error.requestId], [400, undefined, "req-400"])
    }))

  it.scopedLive("the upgrade offers no compression (Deepgram's frames are sent as they are)", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.close(1000))
      assert.strictEqual(yield* handshake(peer.url), "opened")
      const request = peer.received.requests[0]!
      assert.isUndefined(request.headers["sec-websocket-extensions"])
      assert.strictEqual(request.headers.authorization, "Token secret-key")
    }))

  it.scopedLive("text frames arrive as messages, binary frames as bytes (a binary frame is not a message)", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(JSON.stringify({ type: "Metadata", request_id: "r", sha256: "s", created: "c", duration: 1, channels: 1 }))
        ws.send(Buffer.from([1, 2, 3]), { binary: true })
        ws.close(1000)
      })
      const events = yield* Effect.scoped(Effect.flatMap(Listen.Listen, (listen) =>
        Effect.flatMap(listen.liveSession(raw), (session) => Stream.runCollect(session.events)))).pipe(
          Effect.provide(peerSdk(peer.url)),
          Effect.match({ onFailure: (error) => [error._tag], onSuccess: (chunk) => [...chunk].map((event) => event.type) })
        )
      // A listen socket has no binary server messages: the frame is dropped, not decoded as text (which fails).
      assert.deepStrictEqual(events, ["Metadata"])
    }))
})
