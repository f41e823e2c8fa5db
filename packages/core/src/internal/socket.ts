// internal
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import { DeepgramHandshakeError, DeepgramSocketError } from "../DeepgramError.js"
import type * as DeepgramSocket from "../DeepgramSocket.js"

/**
 * The part of the WebSocket API (browsers, Bun, undici, `ws`) this module
 * uses.
 *
 * @internal
 */
export interface WebSocketLike {
  binaryType: string
  readonly readyState: number
  readonly bufferedAmount: number
  readonly protocol: string
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { readonly data: unknown }) => void) | null
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
  send(data: string | Uint8Array): void
  close(code?: number, reason?: string): void
}

// internal
export interface Handshake {
  /** Status, `dg-error` and `dg-request-id` of a refused upgrade, where known. */
  readonly failure: () => { readonly status?: number; readonly dgError?: string; readonly requestId?: string } | undefined
  /** Headers of the accepted upgrade response, where known. */
  readonly responseHeaders: () => Readonly<Record<string, string>>
  readonly ping: (() => void) | undefined
  /** Stops reading from the network (real backpressure), where supported. */
  readonly pause: (() => void) | undefined
  readonly resume: (() => void) | undefined
  /** Drops the connection without a closing handshake, where supported. */
  readonly terminate?: (() => void) | undefined
}

const OPEN = 1
const HIGH_WATER_MARK = 1024 * 1024
const INBOX_HIGH = 1024
const INBOX_LOW = 256

const toBytes = (data: unknown): Uint8Array | undefined => {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) {
    const parts = data as Array<Uint8Array>
    const total = parts.reduce((n, part) => n + part.byteLength, 0)
    const joined = new Uint8Array(total)
    let offset = 0
    for (const part of parts) {
      joined.set(part, offset)
      offset += part.byteLength
    }
    return joined
  }
  return undefined
}

/**
 * Wraps an opening WebSocket. Frames are queued synchronously as they arrive,
 * so text and binary frames keep their order; the socket is closed when the
 * scope closes.
 *
 * @internal
 */
export const open = (
  url: string,
  create: () => { readonly socket: WebSocketLike; readonly handshake: Handshake },
  openTimeout: number
): Effect.Effect<DeepgramSocket.RawSocket, DeepgramHandshakeError, Scope.Scope> =>
  Effect.gen(function*() {
    const inbox = yield* Queue.unbounded<DeepgramSocket.RawEvent>()
    const opened = yield* Deferred.make<void, DeepgramHandshakeError>()
    const { handshake, socket } = yield* Effect.try({
      try: create,
      catch: (cause) =>
        new DeepgramHandshakeError({
          url,
          status: undefined,
          dgError: undefined,
          requestId: undefined,
          detail: typeof globalThis.WebSocket === "undefined" &&
              (cause instanceof TypeError || cause instanceof ReferenceError) && cause.message.includes("WebSocket")
            ? "this runtime has no WebSocket (globalThis.WebSocket is undefined): use a runtime package's layer, or provide a DeepgramDialer"
            : `the WebSocket could not be created: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause
        })
    })
    let paused = false
    const queued = () => Option.getOrElse(inbox.unsafeSize(), () => 0)
    let closed = false
    socket.binaryType = "arraybuffer"
    const handshakeError = (detail: string) => {
      const failure = handshake.failure()
      return new DeepgramHandshakeError({
        url,
        status: failure?.status,
        dgError: failure?.dgError,
        requestId: failure?.requestId,
        detail: failure?.status === undefined ? detail : "the server refused the upgrade"
      })
    }
    socket.onopen = () => {
      Deferred.unsafeDone(opened, Effect.void)
    }
    socket.onerror = () => {
      Deferred.unsafeDone(opened, Effect.fail(handshakeError("the connection failed")))
    }
    socket.onmessage = (event) => {
      const data = event.data
      if (typeof data === "string") inbox.unsafeOffer({ _tag: "Text", data })
      else {
        const bytes = toBytes(data)
        if (bytes !== undefined) inbox.unsafeOffer({ _tag: "Binary", data: bytes })
      }
      if (!paused && handshake.pause !== undefined && queued() > INBOX_HIGH) {
        paused = true
        handshake.pause()
      }
    }
    socket.onclose = (event) => {
      closed = true
      Deferred.unsafeDone(
        opened,
        Effect.fail(handshakeError(`the connection closed before it opened (code ${event.code})`))
      )
      inbox.unsafeOffer({ _tag: "Close", code: event.code, reason: event.reason })
    }

    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        if (!closed) {
          try {
            socket.close(1000, "")
          } catch {
            // closing a socket that is still connecting may throw in some runtimes
          }
        }
      })
    )

    yield* Deferred.await(opened).pipe(
      Effect.timeoutFail({
        duration: openTimeout,
        onTimeout: () => handshakeError(`the handshake did not complete within ${openTimeout} ms`)
      })
    )

    const sendError = (detail: string) =>
      new DeepgramSocketError({
        reason: "Send",
        url,
        code: undefined,
        closeReason: undefined,
        errCode: undefined,
        requestId: undefined,
        detail
      })

    // Backpressure on the way out: wait while the runtime's send buffer is full.
    const drained = Effect.suspend(() =>
      socket.bufferedAmount <= HIGH_WATER_MARK
        ? Effect.void
        : Effect.sleep(1).pipe(
          Effect.repeat({ until: () => socket.bufferedAmount <= HIGH_WATER_MARK || socket.readyState !== OPEN })
        )
    )

    const sendNow = (data: string | Uint8Array): DeepgramSocketError | undefined => {
      if (socket.readyState !== OPEN) return sendError("the socket is not open")
      try {
        socket.send(data)
        return undefined
      } catch (cause) {
        return sendError(cause instanceof Error ? cause.message : "send failed")
      }
    }

    const send = (data: string | Uint8Array): Effect.Effect<void, DeepgramSocketError> =>
      Effect.suspend(() => {
        const error = sendNow(data)
        return error === undefined ? drained : Effect.fail(error)
      })

    const sendAll = (frames: Iterable<string | Uint8Array>): Effect.Effect<void, DeepgramSocketError> =>
      Effect.suspend(() => {
        for (const frame of frames) {
          const error = sendNow(frame)
          if (error !== undefined) return Effect.fail(error)
        }
        return drained
      })

    const resumeIfDrained = () => {
      if (paused && handshake.resume !== undefined && queued() < INBOX_LOW) {
        paused = false
        handshake.resume()
      }
    }

    const take = Effect.map(Queue.take(inbox), (event) => {
      resumeIfDrained()
      return event
    })

    const takeBatch = Effect.map(Queue.takeBetween(inbox, 1, INBOX_HIGH), (events) => {
      resumeIfDrained()
      return events
    })

    return {
      protocol: socket.protocol,
      responseHeaders: handshake.responseHeaders(),
      send,
      sendAll,
      take,
      takeBatch,
      ping: handshake.ping === undefined
        ? undefined
        : Effect.sync(() => {
          if (socket.readyState === OPEN) handshake.ping?.()
        }),
      close: (code: number, reason: string) =>
        Effect.sync(() => {
          if (!closed && socket.readyState === OPEN) socket.close(code, reason)
        }),
      terminate: Effect.sync(() => {
        if (closed) return
        if (handshake.terminate !== undefined) handshake.terminate()
        else if (socket.readyState === OPEN) socket.close(1000, "")
      })
    } satisfies DeepgramSocket.RawSocket
  })
