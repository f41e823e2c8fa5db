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

const header = (message: IncomingMessage, name: string): string | undefined => {
  const value = message.headers[name]
  return Array.isArray(value) ? value.join(", ") : value
}

const headersOf = (message: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

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
    let failure: { status: number; dgError?: string; requestId?: string } | undefined
    let responseHeaders: Record<string, string> = {}
    socket.on("upgrade", (response) => {
      responseHeaders = headersOf(response)
    })
    socket.on("unexpected-response", (_request, response) => {
      const dgError = header(response, "dg-error")
      const requestId = header(response, "dg-request-id")
      failure = {
        status: response.statusCode ?? 0,
        ...(dgError === undefined ? {} : { dgError }),
        ...(requestId === undefined ? {} : { requestId })
      }
      response.resume()
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
        // Buffer and is decoded as UTF-8 (as `ws` itself does for onmessage); binary stays a Buffer.
        receive: (onFrame) => {
          socket.on("message", (data: WebSocket.RawData, isBinary) => {
            if (!isBinary) onFrame(data.toString())
            else if (data instanceof Uint8Array) onFrame(data)
            else if (Array.isArray(data)) onFrame(Buffer.concat(data))
            else onFrame(new Uint8Array(data))
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
