// Loopback peers for the benchmarks (127.0.0.1, port 0). They run in the
// orchestrator process; the clients being measured run in child processes.
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { type WebSocket, WebSocketServer } from "ws"
import { liveMetadataText, requestId, smallResultsText, transcriptionResponseBody } from "./fixtures.js"

export interface HttpPeer {
  readonly url: string
  readonly stats: { requests: number; bytes: number; maxBody: number }
  readonly close: () => Promise<void>
}

const listen = async (server: Server): Promise<string> => {
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const closeServer = async (server: Server) => {
  server.closeAllConnections()
  server.close()
  await once(server, "close")
}

/**
 * `POST /v1/listen`: drains the body and answers a fixed `ListenV1Response`
 * with a `dg-request-id` header (HTTP/1.1 keep-alive).
 */
export const httpPeer = async (): Promise<HttpPeer> => {
  const stats = { requests: 0, bytes: 0, maxBody: 0 }
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    let body = 0
    req.on("data", (chunk: Buffer) => {
      body += chunk.length
    })
    req.on("end", () => {
      stats.requests++
      stats.bytes += body
      if (body > stats.maxBody) stats.maxBody = body
      if (req.method !== "POST" || !req.url?.startsWith("/v1/listen")) {
        res.writeHead(404, { "content-type": "application/json", "content-length": 2 }).end("{}")
        return
      }
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": transcriptionResponseBody.length,
        "dg-request-id": requestId
      })
      res.end(transcriptionResponseBody)
    })
  })
  const url = await listen(server)
  return { url, stats, close: () => closeServer(server) }
}

/** A loopback WebSocket server (any path; plain HTTP gets 426) that hands each connection to `onConnection`. */
export const socketServer = async (onConnection: (ws: WebSocket) => void): Promise<{
  readonly url: string
  readonly close: () => Promise<void>
}> => {
  const server = createServer((_req, res) => res.writeHead(426).end())
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  wss.on("connection", onConnection)
  const url = await listen(server)
  return {
    url,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await closeServer(server)
    }
  }
}

export interface WsPeer {
  readonly url: string
  readonly stats: { connections: number; chunks: number; bytes: number; results: number; closeStreams: number }
  readonly close: () => Promise<void>
}

/**
 * `/v1/listen` WebSocket: one `Results` per binary frame; on `CloseStream`,
 * `Metadata` then close 1000. `KeepAlive` and other text frames are ignored.
 */
export const wsPeer = async (): Promise<WsPeer> => {
  const stats = { connections: 0, chunks: 0, bytes: 0, results: 0, closeStreams: 0 }
  const server = await socketServer((ws) => {
    stats.connections++
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) {
        stats.chunks++
        stats.bytes += data.length
        ws.send(smallResultsText)
        stats.results++
        return
      }
      if (data.toString("utf8").includes("\"CloseStream\"")) {
        stats.closeStreams++
        ws.send(liveMetadataText)
        ws.close(1000)
      }
    })
  })
  return { ...server, stats }
}
