// internal
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Scope from "effect/Scope"
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
  readonly failure: () =>
    | { readonly status?: number; readonly dgError?: string | undefined; readonly requestId?: string | undefined }
    | undefined
  /** Headers of the accepted upgrade response, where known. */
  readonly responseHeaders: () => Readonly<Record<string, string>>
  readonly ping: (() => void) | undefined
  /** Stops reading from the network (real backpressure), where supported. */
  readonly pause: (() => void) | undefined
  readonly resume: (() => void) | undefined
  /** Drops the connection without a closing handshake, where supported. */
  readonly terminate?: (() => void) | undefined
  /** The transport error that failed the connection (ECONNREFUSED…), where known. */
  readonly error?: (() => unknown) | undefined
  /**
   * Delivers every received frame (text as `string`, binary as bytes) to
   * `onFrame`, in arrival order, in place of `onmessage`: for runtimes with a
   * cheaper path than the standard event (Node's `ws` "message" event, which
   * builds no MessageEvent).
   */
  readonly receive?: ((onFrame: (data: string | Uint8Array) => void) => void) | undefined
}

const OPEN = 1
const HIGH_WATER_MARK = 1024 * 1024
const INBOX_HIGH = 1024

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

const noFrames: ReadonlyArray<string | Uint8Array> = []

/**
 * The reading side of a socket opened by {@link open}, for the SDK's own
 * channels: frames are taken without an Effect, and a reader waits with one
 * plain callback.
 *
 * @internal
 */
export interface FastReader {
  /** Every frame received so far (an empty array when there is none). */
  readonly take: () => ReadonlyArray<string | Uint8Array>
  /** Calls `wake` once a frame or the close is there (at once if one already is); one waiter at a time. */
  readonly onReady: (wake: () => void) => void
}

/** @internal */
export const fastReader: unique symbol = Symbol.for("@effect-deepgram/core/internal/socket/FastReader")

/** The fast reader of a socket opened by {@link open}; `undefined` for a socket from another dialer. */
export const fastReaderOf = (socket: DeepgramSocket.RawSocket): FastReader | undefined =>
  (socket as { readonly [fastReader]?: FastReader })[fastReader]

/**
 * Wraps an opening WebSocket. Frames are kept in one array, in arrival order
 * (text and binary alike), and handed to the reader a batch at a time; the
 * reader waits on a single callback, so a frame costs no fiber hand-off of
 * its own. The socket is closed when the scope closes.
 *
 * @internal
 */
export const open = (
  url: string,
  create: () => { readonly socket: WebSocketLike; readonly handshake: Handshake },
  openTimeout: number
): Effect.Effect<DeepgramSocket.RawSocket, DeepgramHandshakeError, Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
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

    // The inbox: frames in arrival order, then the close.
    let frames: Array<string | Uint8Array> = []
    let closeEvent: DeepgramSocket.CloseEvent | undefined
    let waiter: (() => void) | undefined
    let paused = false
    let closed = false
    let isOpen = false
    // The handshake: settled once, by the open, a failure or the timeout.
    let handshakeResult: Effect.Effect<void, DeepgramHandshakeError> | undefined
    let onHandshake: ((result: Effect.Effect<void, DeepgramHandshakeError>) => void) | undefined
    let handshakeTimer: ReturnType<typeof setTimeout> | undefined
    const settle = (result: Effect.Effect<void, DeepgramHandshakeError>) => {
      if (handshakeResult !== undefined) return
      handshakeResult = result
      if (handshakeTimer !== undefined) clearTimeout(handshakeTimer)
      const resume = onHandshake
      onHandshake = undefined
      resume?.(result)
    }

    const wake = () => {
      if (waiter !== undefined) {
        const resume = waiter
        waiter = undefined
        resume()
      }
    }

    // Browsers default to Blobs; `ws` (Node) delivers Buffers, already Uint8Arrays: no copy into an ArrayBuffer.
    if (socket.binaryType === "blob") socket.binaryType = "arraybuffer"
    const handshakeError = (detail: string) => {
      const failure = handshake.failure()
      const cause = handshake.error?.()
      const because = cause instanceof Error && cause.message !== "" ? ` (${cause.message})` : ""
      return new DeepgramHandshakeError({
        url,
        status: failure?.status,
        dgError: failure?.dgError,
        requestId: failure?.requestId,
        detail: failure?.status === undefined ? detail + because : "the server refused the upgrade",
        ...(cause === undefined ? {} : { cause })
      })
    }
    socket.onopen = () => {
      isOpen = true
      settle(Effect.void)
    }
    socket.onerror = () => {
      if (!isOpen) settle(Effect.fail(handshakeError("the connection failed")))
    }
    const onFrame = (frame: string | Uint8Array) => {
      frames.push(frame)
      if (!paused && frames.length > INBOX_HIGH && handshake.pause !== undefined) {
        paused = true
        handshake.pause()
      }
      wake()
    }
    if (handshake.receive !== undefined) handshake.receive(onFrame)
    else {
      socket.onmessage = (event) => {
        const data = event.data
        if (typeof data === "string") onFrame(data)
        else {
          const bytes = toBytes(data)
          if (bytes !== undefined) onFrame(bytes)
        }
      }
    }
    socket.onclose = (event) => {
      closed = true
      if (!isOpen) settle(Effect.fail(handshakeError(`the connection closed before it opened (code ${event.code})`)))
      closeEvent = { code: event.code, reason: event.reason }
      wake()
    }

    // Closes the socket with the scope (one plain finalizer: no fiber state captured).
    yield* Scope.addFinalizer(
      scope,
      Effect.sync(() => {
        waiter = undefined
        if (handshakeTimer !== undefined) clearTimeout(handshakeTimer)
        if (!closed) {
          try {
            socket.close(1000, "")
          } catch {
            // closing a socket that is still connecting may throw in some runtimes
          }
        }
      })
    )

    // The handshake, with its deadline on a plain timer (no race of fibers).
    yield* Effect.async<void, DeepgramHandshakeError>((resume) => {
      if (handshakeResult !== undefined) return resume(handshakeResult)
      onHandshake = resume
      handshakeTimer = setTimeout(() => {
        handshakeTimer = undefined
        settle(Effect.fail(handshakeError(`the handshake did not complete within ${openTimeout} ms`)))
      }, openTimeout)
      return Effect.sync(() => {
        onHandshake = undefined
        if (handshakeTimer !== undefined) clearTimeout(handshakeTimer)
      })
    })

    const sendError = (detail: string) =>
      new DeepgramSocketError({
        reason: "Send",
        url,
        code: closeEvent?.code,
        closeReason: closeEvent?.reason,
        errCode: undefined,
        requestId: undefined,
        detail
      })

    const congested = () => socket.bufferedAmount > HIGH_WATER_MARK && socket.readyState === OPEN
    // Backpressure on the way out: wait while the runtime's send buffer is full (rare: polled).
    const drain: Effect.Effect<void> = Effect.suspend(() =>
      congested() ? Effect.sleep(1).pipe(Effect.repeat({ until: () => !congested() })) : Effect.void
    )

    const trySend = (data: string | Uint8Array): DeepgramSocketError | undefined => {
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
        const error = trySend(data)
        return error === undefined ? drain : Effect.fail(error)
      })

    const sendAll = (items: Iterable<string | Uint8Array>): Effect.Effect<void, DeepgramSocketError> =>
      Effect.suspend(() => {
        for (const frame of items) {
          const error = trySend(frame)
          if (error !== undefined) return Effect.fail(error)
        }
        return drain
      })

    const takeAll = (): ReadonlyArray<string | Uint8Array> => {
      if (frames.length === 0) return noFrames
      const out = frames
      frames = []
      if (paused && handshake.resume !== undefined) {
        paused = false
        handshake.resume()
      }
      return out
    }
    // No canceler: an interrupted reader leaves a stale `waiter`, which is harmless to call
    // and is dropped with the socket; a canceler would cost an interrupt handler per wait.
    const onReady = (wake: () => void): void => {
      if (frames.length > 0 || closeEvent !== undefined) wake()
      else waiter = wake
    }
    const takeNow = Effect.sync(takeAll)
    const waitThenTake = Effect.async<ReadonlyArray<string | Uint8Array>>((resume) => {
      onReady(() => resume(Effect.succeed(takeAll())))
    })
    const pull: Effect.Effect<ReadonlyArray<string | Uint8Array>> = Effect.suspend(() =>
      frames.length > 0 || closeEvent !== undefined ? takeNow : waitThenTake
    )

    // The event form, for callers that want one tagged value at a time.
    let pending: Array<DeepgramSocket.RawEvent> = []
    let closeDelivered = false
    const tagged = (frame: string | Uint8Array): DeepgramSocket.RawEvent =>
      typeof frame === "string" ? { _tag: "Text", data: frame } : { _tag: "Binary", data: frame }
    const takeBatch: Effect.Effect<Chunk.Chunk<DeepgramSocket.RawEvent>> = Effect.suspend(() => {
      if (pending.length > 0) {
        const out = pending
        pending = []
        return Effect.succeed(Chunk.unsafeFromArray(out))
      }
      if (closeDelivered) return Effect.never
      return Effect.map(pull, (batch) => {
        if (batch.length > 0) return Chunk.unsafeFromArray(batch.map(tagged))
        closeDelivered = true
        return Chunk.of<DeepgramSocket.RawEvent>({ _tag: "Close", code: closeEvent!.code, reason: closeEvent!.reason })
      })
    })
    const take: Effect.Effect<DeepgramSocket.RawEvent> = Effect.map(takeBatch, (batch) => {
      const [first, ...rest] = Chunk.toReadonlyArray(batch)
      if (rest.length > 0) pending = rest.concat(pending)
      return first!
    })

    const reader: FastReader = { take: takeAll, onReady }
    return {
      [fastReader]: reader,
      protocol: socket.protocol,
      responseHeaders: handshake.responseHeaders(),
      send,
      sendAll,
      trySend,
      congested,
      drain,
      pull,
      closeEvent: () => (frames.length === 0 ? closeEvent : undefined),
      take,
      takeBatch,
      ping: handshake.ping === undefined
        ? undefined
        : Effect.sync(() => {
          if (socket.readyState === OPEN) handshake.ping?.()
        }),
      pingNow: handshake.ping === undefined
        ? undefined
        : () => {
          if (socket.readyState === OPEN) handshake.ping?.()
        },
      close: (code: number, reason: string) =>
        Effect.sync(() => {
          if (!closed && socket.readyState === OPEN) socket.close(code, reason)
        }),
      terminate: Effect.sync(() => {
        if (closed) return
        if (handshake.terminate !== undefined) handshake.terminate()
        else if (socket.readyState === OPEN) socket.close(1000, "")
      })
    } satisfies DeepgramSocket.RawSocket & { readonly [fastReader]: FastReader }
  })
