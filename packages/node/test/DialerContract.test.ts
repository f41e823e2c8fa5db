// The Node dialer (NodeDialer.ts) opened directly against loopback servers: the subprotocols it offers, the
// upgrade response's headers, what a refusal or a refused connection reports, how frames arrive, and reads
// paused while the reader is behind (the server's ping goes unanswered until the reader takes its frames).
import { DeepgramSocket, NodeDialer } from "@effect-deepgram/node"
import { assert, describe, it, vi } from "@effect/vitest"
import { Deferred, Effect, Option } from "effect"
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { Duplex } from "node:stream"
import { WebSocket, WebSocketServer } from "ws"

interface Loopback {
  readonly url: string
  readonly requests: Array<IncomingMessage>
}

/** An HTTP server on loopback that answers every upgrade with `onUpgrade`; its connections close with the scope. */
const loopback = (onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void) =>
  Effect.acquireRelease(
    Effect.async<Loopback & { readonly close: (done: () => void) => void }>((resume) => {
      const requests: Array<IncomingMessage> = []
      const connections = new Set<Socket>()
      const server = createServer()
      server.on("connection", (socket) => {
        connections.add(socket)
        // A client that drops a refusal mid-body makes the server's writes fail: expected here.
        socket.on("error", () => {})
      })
      server.on("upgrade", (request, socket, head) => {
        requests.push(request)
        onUpgrade(request, socket, head)
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({
          url: `ws://127.0.0.1:${port}/v1/listen`,
          requests,
          close: (done) => {
            for (const socket of connections) socket.destroy()
            server.close(() => done())
          }
        }))
      })
    }),
    (server) => Effect.async<void>((resume) => server.close(() => resume(Effect.void)))
  )

/** A server that accepts the upgrade (adding `responseHeaders`, "Name: value" lines) and runs `onConnection`. */
const accepting = (onConnection: (ws: WebSocket) => void, responseHeaders: ReadonlyArray<string> = []) => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  wss.on("headers", (headers) => headers.push(...responseHeaders))
  return loopback((request, socket, head) => wss.handleUpgrade(request, socket, head, onConnection))
}

/** A server that answers the upgrade with `response`, raw HTTP, and leaves the connection to the client. */
const refusing = (response: string) => loopback((_request, socket) => socket.write(response))

const open = (url: string, options: { readonly protocols?: ReadonlyArray<string> } = {}) =>
  NodeDialer.make.open({
    url,
    headers: { authorization: "Token secret-key" },
    protocols: options.protocols ?? [],
    openTimeout: 1000
  })

/** Every frame until the close, and the close. */
const readAll = (socket: DeepgramSocket.RawSocket) =>
  Effect.gen(function*() {
    const frames: Array<string | Uint8Array> = []
    for (;;) {
      const batch = yield* socket.pull
      if (batch.length === 0) return { frames, close: socket.closeEvent() }
      frames.push(...batch)
    }
  })

describe("NodeDialer (ws) against loopback servers", () => {
  it.scopedLive("subprotocols are offered in Sec-WebSocket-Protocol; the server's choice is the socket's protocol", () =>
    Effect.gen(function*() {
      const server = yield* accepting((ws) => ws.close(1000))
      const socket = yield* open(server.url, { protocols: ["token", "secret-key"] })
      const request = server.requests[0]!
      assert.strictEqual(request.headers["sec-websocket-protocol"], "token,secret-key")
      assert.strictEqual(request.headers.authorization, "Token secret-key")
      // `ws`'s server picks the first protocol offered.
      assert.strictEqual(socket.protocol, "token")
    }))

  it.scopedLive("the upgrade response's headers reach responseHeaders, a repeated set-cookie joined with \", \"", () =>
    Effect.gen(function*() {
      const server = yield* accepting((ws) => ws.close(1000), [
        "dg-request-id: req-9",
        "set-cookie: a=1",
        "set-cookie: b=2",
        "x-custom: one",
        "x-custom: two"
      ])
      const socket = yield* open(server.url)
      assert.strictEqual(socket.responseHeaders["dg-request-id"], "req-9")
      // Node keeps set-cookie as an array (the dialer joins it) and joins other repeated headers itself.
      assert.strictEqual(socket.responseHeaders["set-cookie"], "a=1, b=2")
      assert.strictEqual(socket.responseHeaders["x-custom"], "one, two")
      assert.strictEqual(socket.responseHeaders.upgrade, "websocket")
    }))

  it.scopedLive("a refusal carries its status, dg-error and dg-request-id", () =>
    Effect.gen(function*() {
      const server = yield* refusing(
        "HTTP/1.1 401 Unauthorized\r\ndg-error: Invalid credentials.\r\ndg-request-id: req-401\r\ncontent-length: 0\r\n\r\n"
      )
      const error = yield* Effect.flip(open(server.url))
      assert.deepStrictEqual(
        [error.status, error.dgError, error.requestId, error.detail],
        [401, "Invalid credentials.", "req-401", "the server refused the upgrade"]
      )
    }))

  it.scopedLive("a refusal with a large body fails at once and closes the connection without reading the body", () =>
    Effect.gen(function*() {
      const closed = yield* Deferred.make<void>()
      const body = Buffer.alloc(16 * 1024 * 1024, 0x61)
      const server = yield* loopback((_request, socket) => {
        socket.on("close", () => Deferred.unsafeDone(closed, Effect.void))
        socket.write(`HTTP/1.1 503 Service Unavailable\r\ncontent-length: ${body.byteLength}\r\n\r\n`)
        socket.write(body)
      })
      const error = yield* Effect.flip(open(server.url))
      assert.strictEqual(error.status, 503)
      // The server's connection ends although most of its body was never read.
      yield* Deferred.await(closed)
    }))

  it.scopedLive("a closed port fails with the transport's cause (ECONNREFUSED), in the error and its detail", () =>
    Effect.gen(function*() {
      // A port that was just free: listen, note it, close.
      const port = yield* Effect.async<number>((resume) => {
        const probe = createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as AddressInfo
          probe.close(() => resume(Effect.succeed(port)))
        })
      })
      const error = yield* Effect.flip(open(`ws://127.0.0.1:${port}/v1/listen`))
      assert.isUndefined(error.status)
      assert.strictEqual((error.cause as NodeJS.ErrnoException | undefined)?.code, "ECONNREFUSED")
      assert.include(error.detail, "ECONNREFUSED")
    }))

  it.scopedLive("text frames arrive as strings, binary frames as bytes, a fragmented binary message as one frame", () =>
    Effect.gen(function*() {
      const server = yield* accepting((ws) => {
        ws.send("héllo")
        ws.send(Buffer.from([1, 2]), { binary: true, fin: false })
        ws.send(Buffer.from([3]), { binary: true, fin: true })
        ws.send(Buffer.from([4]), { binary: true })
        ws.close(1000, "done")
      })
      const { close, frames } = yield* readAll(yield* open(server.url))
      assert.deepStrictEqual(frames.map((frame) => typeof frame === "string" ? frame : [...frame]), [
        "héllo",
        [1, 2, 3],
        [4]
      ])
      assert.isTrue(frames.slice(1).every((frame) => frame instanceof Uint8Array))
      assert.deepStrictEqual(close, { code: 1000, reason: "done" })
    }))

  it.scopedLive("a reader that is behind pauses the socket; taking its frames resumes it, every frame in order", () =>
    Effect.gen(function*() {
      // 4000 frames of 128 bytes, then a ping: core pauses past 1024 unread frames, and a paused socket reads at
      // most the rest of its current 64 KiB chunk (~500 frames), so the ping is answered only after a resume.
      const FRAMES = 4000
      const paused = yield* Deferred.make<void>()
      const ponged = yield* Deferred.make<void>()
      // What happened, in order: the client's pauses and resumes (`ws`'s own methods, still called), the pong.
      const log: Array<"pause" | "resume" | "pong"> = []
      const { pause, resume } = WebSocket.prototype
      const pauseSpy = vi.spyOn(WebSocket.prototype, "pause").mockImplementation(function(this: WebSocket) {
        log.push("pause")
        pause.call(this)
        Deferred.unsafeDone(paused, Effect.void)
      })
      const resumeSpy = vi.spyOn(WebSocket.prototype, "resume").mockImplementation(function(this: WebSocket) {
        log.push("resume")
        resume.call(this)
      })
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          pauseSpy.mockRestore()
          resumeSpy.mockRestore()
        })
      )
      const server = yield* accepting((ws) => {
        for (let i = 0; i < FRAMES; i++) {
          const frame = Buffer.alloc(128)
          frame.writeUInt32BE(i)
          ws.send(frame, { binary: true })
        }
        ws.ping()
        ws.on("pong", () => {
          log.push("pong")
          Deferred.unsafeDone(ponged, Effect.void)
          ws.close(1000)
        })
      })
      const socket = yield* open(server.url)
      // Not reading: either the socket pauses, or (without backpressure) the client reads on and answers the ping.
      const first = yield* Effect.raceFirst(
        Effect.as(Deferred.await(paused), "paused" as const),
        Effect.as(Deferred.await(ponged), "ponged before the reader took anything" as const)
      )
      assert.strictEqual(first, "paused")
      const firstBatch = yield* socket.pull
      assert.isAbove(firstBatch.length, 1024)
      assert.isBelow(firstBatch.length, FRAMES)
      // The rest arrives only if taking frames resumed the socket.
      const rest = yield* readAll(socket).pipe(Effect.timeout("1 second"), Effect.option)
      assert.isTrue(Option.isSome(rest), "frames stopped arriving after the reader took the first batch")
      if (Option.isNone(rest)) return
      const indices = [...firstBatch, ...rest.value.frames].map((frame) =>
        typeof frame === "string" ? -1 : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).readUInt32BE(0)
      )
      assert.deepStrictEqual(indices, Array.from({ length: FRAMES }, (_, i) => i))
      // The server's ping waited for the reader: answered only after the socket resumed.
      assert.strictEqual(log[0], "pause")
      assert.isAtLeast(log.indexOf("resume"), 0)
      assert.isBelow(log.indexOf("resume"), log.indexOf("pong"))
      assert.strictEqual(rest.value.close?.code, 1000)
    }))
})
