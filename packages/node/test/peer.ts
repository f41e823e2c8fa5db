// A scripted WebSocket peer on loopback for socket-layer tests: each test
// decides what the server does, and reads what the client sent.
import { Effect } from "effect"
import type { IncomingMessage } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocket, WebSocketServer } from "ws"

export interface Received {
  readonly text: Array<string>
  readonly binary: Array<Uint8Array>
  readonly requests: Array<IncomingMessage>
  readonly closes: Array<number>
}

export const scriptedPeer = (
  onConnection: (socket: WebSocket, request: IncomingMessage, received: Received) => void,
  options: { readonly refuse?: { status: number; headers: Record<string, string> } } = {}
) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly received: Received }>((resume) => {
      const received: Received = { text: [], binary: [], requests: [], closes: [] }
      const server = createServer()
      const wss = new WebSocketServer({ noServer: true })
      server.on("upgrade", (request, socket, head) => {
        received.requests.push(request)
        if (options.refuse !== undefined) {
          const headers = Object.entries(options.refuse.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")
          socket.end(`HTTP/1.1 ${options.refuse.status} Refused\r\n${headers}content-length: 0\r\n\r\n`)
          return
        }
        wss.handleUpgrade(request, socket, head, (ws) => {
          ws.on("message", (data, isBinary) => {
            if (isBinary) received.binary.push(new Uint8Array(data as Buffer))
            else received.text.push(String(data))
          })
          ws.on("close", (code) => received.closes.push(code))
          onConnection(ws, request, received)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed(Object.assign({ url: `http://127.0.0.1:${port}`, received }, { server, wss })))
      })
    }),
    (peer) =>
      Effect.async<void>((resume) => {
        const { server, wss } = peer as unknown as { server: ReturnType<typeof createServer>; wss: WebSocketServer }
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resume(Effect.void))
        server.closeAllConnections()
      })
  )

export const waitFor = (predicate: () => boolean, timeoutMs = 5000) =>
  Effect.gen(function*() {
    const start = Date.now()
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) return yield* Effect.dieMessage("waitFor: timed out")
      yield* Effect.sleep(10)
    }
  })

export { WebSocket }
