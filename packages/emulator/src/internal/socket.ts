/**
 * Accepted WebSocket upgrades, on top of `ws`.
 *
 * The platform's `HttpServerRequest.upgrade` hides the socket behind `Socket.Socket`, which cannot add headers to
 * the `101` answer (`dg-request-id`), pick the echoed subprotocol, close without a status code (Flux), destroy
 * the connection without a close frame (faults) or see pings (Flux keeps idle streams alive with them). The
 * emulator therefore runs its own `WebSocketServer` (`noServer`) and hands it the upgrade request once the
 * pipeline has accepted the handshake; the platform's router still sees every upgrade request first, so auth,
 * faults and the journal work as for REST requests.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import type * as Http from "node:http"
import type { Duplex } from "node:stream"
import type { RawData, WebSocket } from "ws"
import { WebSocketServer } from "ws"
import type * as Fault from "../Fault.js"
import type { SocketInfo } from "../Journal.js"

/**
 * A frame (or the end) of a client's stream.
 *
 * @internal
 */
export type Incoming =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "Binary"; readonly data: Uint8Array }
  | { readonly _tag: "Ping" }
  | { readonly _tag: "Closed" }

/** @internal */
export interface Connection {
  /** The subprotocol echoed in the `101` answer. */
  readonly protocol: string | undefined
  /** Frames as they arrive; ends with `Closed` once the TCP connection has closed. */
  readonly incoming: Queue.Dequeue<Incoming>
  /**
   * Sends one JSON message as a text frame (nothing once the server has closed the socket) and applies the
   * injected socket fault when its turn comes.
   */
  readonly send: (message: unknown) => Effect.Effect<void>
  /** Sends one binary frame (audio); nothing once the server has closed the socket. Not counted as a message. */
  readonly sendBinary: (data: Uint8Array) => Effect.Effect<void>
  /**
   * Closes with `code` and `reason`; without a code (or with 1005) sends an empty close frame, so the client sees
   * 1005; 1006 destroys the connection without a close frame.
   */
  readonly close: (code?: number, reason?: string) => Effect.Effect<void>
  /** Whether the server has closed (or dropped) the connection. */
  readonly closing: () => boolean
  /** Bytes queued for sending that the socket has not written yet (for backpressure). */
  readonly buffered: () => number
  /** Whether the connection is open (neither side has started closing it). */
  readonly open: () => boolean
  /** What happened so far, for the journal. */
  readonly info: () => SocketInfo
}

/** @internal */
export interface SocketServer {
  /**
   * Completes the upgrade of an accepted handshake: the `101` answer carries `dg-request-id`. Fails with a
   * description when `ws` refuses the handshake (the request is then still unanswered).
   */
  readonly upgrade: (
    request: Http.IncomingMessage,
    requestId: string,
    fault: Fault.Fault | undefined
  ) => Effect.Effect<Connection, string>
  /** Destroys every open connection (when the emulator stops). */
  readonly terminateAll: Effect.Effect<void>
}

/**
 * The subprotocol to echo: the credential scheme (`token` / `bearer`) when the client sent one, as Deepgram does,
 * else the first one offered.
 */
const chooseProtocol = (protocols: Set<string>): string | false => {
  for (const protocol of protocols) {
    const lower = protocol.toLowerCase()
    if (lower === "token" || lower === "bearer") return protocol
  }
  const first = protocols.values().next()
  return first.done === true ? false : first.value
}

/** Close reasons are limited to 123 bytes of UTF-8. */
const closeReason = (reason: string): string => {
  let out = reason
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1)
  return out
}

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? Buffer.concat(data)
    : data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

const attach = (ws: WebSocket, incoming: Queue.Queue<Incoming>, fault: Fault.Fault | undefined): Connection => {
  let audioBytes = 0
  let audioFrames = 0
  let received = 0
  let sent = 0
  let faultDone = fault === undefined
  let serverClose: { readonly code: number; readonly reason: string } | undefined
  let clientClose: { readonly code: number; readonly reason: string } | undefined

  ws.on("message", (data, isBinary) => {
    if (isBinary) {
      const bytes = toBytes(data)
      audioBytes += bytes.length
      audioFrames++
      Queue.unsafeOffer(incoming, { _tag: "Binary", data: bytes })
    } else {
      received++
      Queue.unsafeOffer(incoming, { _tag: "Text", text: Buffer.from(toBytes(data)).toString("utf8") })
    }
  })
  ws.on("ping", () => {
    Queue.unsafeOffer(incoming, { _tag: "Ping" })
  })
  ws.on("close", (code, reason) => {
    clientClose ??= { code, reason: reason.toString("utf8") }
    Queue.unsafeOffer(incoming, { _tag: "Closed" })
  })
  // A transport error is followed by `close`.
  ws.on("error", () => {})

  const closeNow = (code: number | undefined, reason: string): void => {
    if (serverClose !== undefined) return
    if (code === 1006) {
      serverClose = { code: 1006, reason: "" }
      ws.terminate()
      return
    }
    if (code === undefined || code === 1005) {
      serverClose = { code: 1005, reason: "" }
      ws.close()
      return
    }
    const cut = closeReason(reason)
    try {
      ws.close(code, cut)
      serverClose = { code, reason: cut }
    } catch {
      // A code that may not be sent on the wire: close without one.
      serverClose = { code: 1005, reason: "" }
      ws.close()
    }
  }

  const applyFault = (): void => {
    if (faultDone || fault === undefined || sent < faultAfter(fault)) return
    faultDone = true
    switch (fault._tag) {
      case "SocketClose":
        return closeNow(fault.code, fault.reason)
      case "SocketDrop":
        return closeNow(1006, "")
      case "SocketMalformed":
        ws.send(fault.text)
        return
      default:
        return
    }
  }
  applyFault()

  return {
    protocol: ws.protocol === "" ? undefined : ws.protocol,
    incoming,
    send: (message) =>
      Effect.sync(() => {
        if (serverClose !== undefined) return
        ws.send(JSON.stringify(message))
        sent++
        applyFault()
      }),
    sendBinary: (data) =>
      Effect.sync(() => {
        if (serverClose !== undefined) return
        ws.send(data, { binary: true })
      }),
    close: (code, reason) => Effect.sync(() => closeNow(code, reason ?? "")),
    closing: () => serverClose !== undefined,
    buffered: () => ws.bufferedAmount,
    open: () => serverClose === undefined && ws.readyState === ws.OPEN,
    info: () => {
      const closed = serverClose ?? clientClose ?? { code: 1006, reason: "" }
      return {
        protocol: ws.protocol === "" ? undefined : ws.protocol,
        audioBytes,
        audioFrames,
        messagesReceived: received,
        messagesSent: sent,
        closeCode: closed.code,
        closeReason: closed.reason,
        closedBy: serverClose !== undefined ? "server" : "client"
      }
    }
  }
}

const faultAfter = (fault: Fault.Fault): number =>
  fault._tag === "SocketClose" || fault._tag === "SocketDrop" || fault._tag === "SocketMalformed" ? fault.after : 0

/**
 * The emulator's WebSocket server, attached to its Node HTTP server for the lifetime of the scope.
 *
 * @internal
 */
export const makeSocketServer = (nodeServer: Http.Server): Effect.Effect<SocketServer, never, Scope.Scope> =>
  Effect.gen(function*() {
    // Bytes the client sent after the upgrade request, before the answer (rare, but part of the stream).
    const heads = new WeakMap<Http.IncomingMessage, Buffer>()
    const headers = new WeakMap<Http.IncomingMessage, ReadonlyArray<string>>()
    const refusals = new WeakMap<Http.IncomingMessage, (error: Error) => void>()
    const onUpgrade = (request: Http.IncomingMessage, _socket: Duplex, head: Buffer) => {
      if (head.length > 0) heads.set(request, Buffer.from(head))
    }
    const wss = yield* Effect.acquireRelease(
      Effect.sync(() => {
        nodeServer.prependListener("upgrade", onUpgrade)
        const wss = new WebSocketServer({
          noServer: true,
          perMessageDeflate: false,
          handleProtocols: chooseProtocol
        })
        wss.on("headers", (lines, request) => {
          lines.push(...(headers.get(request) ?? []))
        })
        // With a listener, `ws` leaves a refused handshake's socket to us: the pipeline answers it.
        wss.on("wsClientError", (error, _socket, request) => {
          refusals.get(request)?.(error)
        })
        return wss
      }),
      (wss) =>
        Effect.async<void>((resume) => {
          nodeServer.off("upgrade", onUpgrade)
          for (const client of wss.clients) client.terminate()
          wss.close(() => resume(Effect.void))
        })
    )
    return {
      upgrade: (request, requestId, fault) =>
        Effect.gen(function*() {
          const incoming = yield* Queue.unbounded<Incoming>()
          return yield* Effect.async<Connection, string>((resume) => {
            refusals.set(request, (error) => resume(Effect.fail(error.message)))
            headers.set(request, [`dg-request-id: ${requestId}`])
            try {
              wss.handleUpgrade(request, request.socket, heads.get(request) ?? Buffer.alloc(0), (ws) => {
                resume(Effect.succeed(attach(ws, incoming, fault)))
              })
            } catch (cause) {
              resume(Effect.fail(cause instanceof Error ? cause.message : "the upgrade failed"))
            }
          })
        }),
      terminateAll: Effect.sync(() => {
        for (const client of wss.clients) client.terminate()
      })
    }
  })
