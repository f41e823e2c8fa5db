/**
 * The one WebSocket layer under every Deepgram channel (listen v1, Flux,
 * speak v1/v2, agent). A `Dialer` opens raw sockets; runtime packages provide
 * one that can set headers (Node, Bun) or one that authenticates with the
 * `Sec-WebSocket-Protocol` pair (browsers).
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import type * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type { DeepgramHandshakeError, DeepgramSocketError } from "./DeepgramError.js"
import * as internal from "./internal/socket.js"

/**
 * A frame or the close of a raw socket, in arrival order.
 *
 * @since 0.1.0
 * @category models
 */
export type RawEvent =
  | { readonly _tag: "Text"; readonly data: string }
  | { readonly _tag: "Binary"; readonly data: Uint8Array }
  | { readonly _tag: "Close"; readonly code: number; readonly reason: string }

/**
 * How a socket closed: the close code (1005 for none, 1006 for a drop) and
 * reason.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloseEvent {
  readonly code: number
  readonly reason: string
}

/**
 * An open WebSocket.
 *
 * Two ways to read it: `take` / `takeBatch` give tagged events; `pull` and
 * `closeEvent` are the allocation-light form the SDK's channels use (frames
 * as they arrived, text as `string`, binary as `Uint8Array`).
 *
 * @since 0.1.0
 * @category models
 */
export interface RawSocket {
  /** The subprotocol the server chose. */
  readonly protocol: string
  /** Headers of the upgrade response where the runtime exposes them (`dg-request-id`). */
  readonly responseHeaders: Readonly<Record<string, string>>
  /** Sends a text (string) or binary frame; waits while the send buffer is full. */
  readonly send: (data: string | Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  /** Sends frames in order, then waits while the send buffer is full. */
  readonly sendAll: (frames: Iterable<string | Uint8Array>) => Effect.Effect<void, DeepgramSocketError>
  /** Sends a frame now, without waiting for the send buffer; returns the error if it could not be sent. */
  readonly trySend: (data: string | Uint8Array) => DeepgramSocketError | undefined
  /** Whether the runtime's send buffer is above its high-water mark. */
  readonly congested: () => boolean
  /** Waits while the send buffer is above its high-water mark. */
  readonly drain: Effect.Effect<void>
  /**
   * Every frame received so far, in arrival order; waits for at least one.
   * An empty array means the socket has closed (see `closeEvent`).
   */
  readonly pull: Effect.Effect<ReadonlyArray<string | Uint8Array>>
  /** How the socket closed, once it has and every frame before the close has been pulled. */
  readonly closeEvent: () => CloseEvent | undefined
  /** The next event; after `Close` nothing follows. */
  readonly take: Effect.Effect<RawEvent>
  /** Every event received so far, at least one (waits for it); after `Close` nothing follows. */
  readonly takeBatch: Effect.Effect<Chunk.Chunk<RawEvent>>
  /** A WebSocket ping frame, where the runtime can send one. */
  readonly ping: Effect.Effect<void> | undefined
  /** The same, sent at once (for timers outside a fiber). */
  readonly pingNow: (() => void) | undefined
  readonly close: (code: number, reason: string) => Effect.Effect<void>
  /** Drops the connection at once where the runtime can (Node), else closes it. */
  readonly terminate: Effect.Effect<void>
}

/**
 * What to open: the full URL (query included), headers and subprotocols.
 * Dialers that cannot set headers ignore `headers` and rely on `protocols`.
 *
 * @since 0.1.0
 * @category models
 */
export interface OpenRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly protocols: ReadonlyArray<string>
  /** How long the handshake may take, in milliseconds. */
  readonly openTimeout: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Dialer {
  /** Whether `open` sends `headers` (then credentials go in `Authorization`). */
  readonly supportsHeaders: boolean
  readonly open: (request: OpenRequest) => Effect.Effect<RawSocket, DeepgramHandshakeError, Scope.Scope>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class DeepgramDialer extends Context.Tag("@effect-deepgram/core/DeepgramDialer")<DeepgramDialer, Dialer>() {}

/**
 * The WebSocket API subset a dialer drives (browsers, Bun, undici and `ws`
 * all provide it).
 *
 * @since 0.1.0
 * @category models
 */
export type WebSocketLike = internal.WebSocketLike

/**
 * What a runtime adds to a plain WebSocket: handshake failure details, the
 * upgrade response headers, ping frames and read pausing.
 *
 * @since 0.1.0
 * @category models
 */
export type Handshake = internal.Handshake

/**
 * Builds a dialer from a function that creates a WebSocket.
 *
 * @example
 * ```ts
 * import { DeepgramSocket } from "@effect-deepgram/core"
 * import { Layer } from "effect"
 *
 * // Any WebSocket implementation with the standard API can back the SDK.
 * declare const MyWebSocket: new(url: string, protocols: Array<string>) => DeepgramSocket.WebSocketLike
 * const MyDialer = Layer.succeed(
 *   DeepgramSocket.DeepgramDialer,
 *   DeepgramSocket.makeDialer({
 *     supportsHeaders: false,
 *     create: (request) => ({
 *       socket: new MyWebSocket(request.url, [...request.protocols]),
 *       handshake: { failure: () => undefined, responseHeaders: () => ({}), ping: undefined, pause: undefined, resume: undefined }
 *     })
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDialer = (options: {
  readonly supportsHeaders: boolean
  readonly create: (request: OpenRequest) => { readonly socket: WebSocketLike; readonly handshake: Handshake }
}): Dialer => ({
  supportsHeaders: options.supportsHeaders,
  open: (request) => internal.open(redactedUrl(request.url), () => options.create(request), request.openTimeout)
})

const noHandshakeDetails: Handshake = {
  failure: () => undefined,
  responseHeaders: () => ({}),
  ping: undefined,
  pause: undefined,
  resume: undefined
}

/**
 * A dialer over the platform's `WebSocketConstructor` (browsers, Bun's global,
 * Deno): subprotocol authentication, no handshake details, no pings.
 *
 * @example
 * ```ts
 * import { DeepgramSocket } from "@effect-deepgram/core"
 * import { Socket } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * const BrowserDialer = DeepgramSocket.layerWebSocketConstructor.pipe(
 *   Layer.provide(Socket.layerWebSocketConstructorGlobal)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWebSocketConstructor: Layer.Layer<DeepgramDialer, never, Socket.WebSocketConstructor> = Layer
  .effect(
    DeepgramDialer,
    Effect.map(Socket.WebSocketConstructor, (construct) =>
      makeDialer({
        supportsHeaders: false,
        create: (request) => ({
          socket: construct(request.url, [...request.protocols]) as unknown as WebSocketLike,
          handshake: noHandshakeDetails
        })
      }))
  )

/**
 * The URL as it may appear in errors and spans: no query string, since query
 * values are user data.
 *
 * @since 0.1.0
 * @category utils
 */
export const redactedUrl = (url: string): string => {
  const index = url.indexOf("?")
  return index === -1 ? url : url.slice(0, index)
}
