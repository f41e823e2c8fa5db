/**
 * WebSockets on Node with `ws`: credentials in the `Authorization` header of
 * the upgrade, handshake failures with their status, `dg-error` and
 * `dg-request-id`, ping frames, and reads paused while the consumer is behind.
 *
 * @since 0.1.0
 */
import * as DeepgramSocket from "@effect-deepgram/core/DeepgramSocket"
import * as Layer from "effect/Layer"
import type { IncomingMessage } from "node:http"
import WebSocket from "ws"

// Node joins a repeated header with ", " itself, but keeps set-cookie as an array: joined the same way here.
// Every entry of `headers` is a received header, so none is undefined.
const headersOf = (message: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value!
  }
  return headers
}

// A refusal's `dg-error` or `dg-request-id` (refusals are rare: building every header costs nothing that matters).
const header = (message: IncomingMessage, name: string): string | undefined => headersOf(message)[name]

/**
 * The `ws`-based dialer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: DeepgramSocket.Dialer = DeepgramSocket.makeDialer({
  supportsHeaders: true,
  create: (request) => {
    const socket = new WebSocket(request.url, [...request.protocols], {
      headers: request.headers,
      perMessageDeflate: false,
      handshakeTimeout: request.openTimeout
    })
    let failure: { status: number; dgError: string | undefined; requestId: string | undefined } | undefined
    let responseHeaders: Record<string, string> = {}
    socket.on("upgrade", (response) => {
      responseHeaders = headersOf(response)
    })
    socket.on("unexpected-response", (_request, response) => {
      failure = {
        status: response.statusCode ?? 0,
        dgError: header(response, "dg-error"),
        requestId: header(response, "dg-request-id")
      }
      // The body is not read: terminate() aborts the upgrade request, and Node discards its response with it.
      socket.terminate()
    })
    // `ws` also emits "error" events; the socket's onerror handler reports them, with this cause (ECONNREFUSED…).
    let error: unknown
    socket.on("error", (cause) => {
      error ??= cause
    })
    return {
      socket: socket as unknown as DeepgramSocket.WebSocketLike,
      handshake: {
        failure: () => failure,
        responseHeaders: () => responseHeaders,
        ping: () => socket.ping(),
        pause: () => socket.pause(),
        resume: () => socket.resume(),
        terminate: () => socket.terminate(),
        error: () => error,
        // Frames straight from the "message" event: no MessageEvent per frame. Text arrives as a
        // Buffer and is decoded as UTF-8 (as `ws` itself does for onmessage); binary stays a Buffer:
        // binaryType keeps `ws`'s "nodebuffer" (core replaces only "blob"), so a binary message,
        // fragmented or not, is one Buffer (never an ArrayBuffer or an array of fragments).
        receive: (onFrame) => {
          socket.on("message", (data, isBinary) => {
            onFrame(isBinary ? data as Buffer : data.toString())
          })
        }
      }
    }
  }
})

/**
 * @example
 * ```ts
 * import { Deepgram } from "@effect-deepgram/core"
 * import { NodeDialer } from "@effect-deepgram/node"
 * import { Layer } from "effect"
 *
 * const WithWs = Deepgram.layer.pipe(Layer.provide(NodeDialer.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<DeepgramSocket.DeepgramDialer> = Layer.succeed(DeepgramSocket.DeepgramDialer, make)
