/**
 * WebSockets on Bun: Bun's own WebSocket, which accepts headers (so
 * credentials go in `Authorization`) and sends ping frames.
 *
 * @since 0.1.0
 */
import * as DeepgramSocket from "@effect-deepgram/core/DeepgramSocket"
import * as Layer from "effect/Layer"

// Bun's WebSocket constructor takes `{ headers, protocols }` besides the standard arguments.
type BunWebSocketConstructor = new(
  url: string,
  options: { readonly headers: Record<string, string>; readonly protocols: Array<string> }
) => DeepgramSocket.WebSocketLike & { ping(): void }

/**
 * The Bun dialer. A refused handshake reports its status (Bun puts it in the
 * error message); `dg-error` and `dg-request-id` are not exposed by Bun.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: DeepgramSocket.Dialer = DeepgramSocket.makeDialer({
  supportsHeaders: true,
  create: (request) => {
    const BunWebSocket = globalThis.WebSocket as unknown as BunWebSocketConstructor
    const socket = new BunWebSocket(request.url, { headers: { ...request.headers }, protocols: [...request.protocols] })
    let status: number | undefined
    const onerror = (event: unknown) => {
      const message = typeof event === "object" && event !== null && "message" in event ? String(event.message) : ""
      const match = /status code: (\d{3})/.exec(message)
      if (match !== null) status = Number(match[1])
    }
    // Observe handshake errors without taking the handler the socket layer installs.
    ;(socket as unknown as EventTarget).addEventListener("error", onerror)
    return {
      socket,
      handshake: {
        failure: () => (status === undefined ? undefined : { status }),
        responseHeaders: () => ({}),
        ping: () => socket.ping(),
        pause: undefined,
        resume: undefined
      }
    }
  }
})

/**
 * @example
 * ```ts
 * import { Deepgram } from "@effect-deepgram/core"
 * import { BunDialer } from "@effect-deepgram/bun"
 * import { Layer } from "effect"
 *
 * const WithBunSockets = Deepgram.layer.pipe(Layer.provide(BunDialer.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<DeepgramSocket.DeepgramDialer> = Layer.succeed(DeepgramSocket.DeepgramDialer, make)
