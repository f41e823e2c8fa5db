/**
 * WebSocket routes. Each of Deepgram's five streaming channels has a `GET` route that goes through the same
 * pipeline as REST requests (credentials from `Authorization` or from the `Sec-WebSocket-Protocol` pair,
 * queued faults answered as handshake failures, the journal), then upgrades the connection and hands the
 * socket to the channel's handler.
 *
 * No channel is emulated yet: a handshake that passes authentication is answered 501.
 *
 * @internal
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as Socket from "@effect/platform/Socket"
import * as Effect from "effect/Effect"
import { errorBody, errorForStatus } from "./errors.js"
import type { Endpoint, RequestContext } from "./pipeline.js"
import { reply } from "./pipeline.js"

/** @internal */
export type Channel = "listen-v1" | "listen-v2" | "speak-v1" | "speak-v2" | "agent-v1"

/**
 * The path of each channel, as on `wss://api.deepgram.com` / `wss://agent.deepgram.com`.
 *
 * @internal
 */
export const channelPaths: Readonly<Record<Channel, string>> = {
  "listen-v1": "/v1/listen",
  "listen-v2": "/v2/listen",
  "speak-v1": "/v1/speak",
  "speak-v2": "/v2/speak",
  "agent-v1": "/v1/agent/converse"
}

/**
 * Paths that also answer a REST method (a plain `GET` there is a 405, elsewhere a 426).
 */
const restMethod: Readonly<Partial<Record<Channel, string>>> = {
  "listen-v1": "POST",
  "speak-v1": "POST",
  "speak-v2": "POST"
}

/**
 * What a channel handler receives once the handshake has been accepted.
 *
 * @internal
 */
export interface Session {
  readonly context: RequestContext
  readonly socket: Socket.Socket
}

/** @internal */
export type ChannelHandler = (session: Session) => Effect.Effect<void>

/**
 * Channel implementations, by channel.
 *
 * @internal
 */
export const handlers: Readonly<Partial<Record<Channel, ChannelHandler>>> = {}

const isUpgrade = (request: HttpServerRequest.HttpServerRequest): boolean =>
  request.headers["upgrade"]?.toLowerCase() === "websocket"

/**
 * The endpoint for one channel.
 *
 * @internal
 */
export const endpoint = (channel: Channel): Endpoint => ({
  body: "none",
  authenticate: true,
  handle: (context) => {
    if (!isUpgrade(context.request)) {
      const method = restMethod[channel]
      return Effect.succeed(
        method !== undefined
          ? reply(405, errorForStatus(405, context.requestId), { headers: { allow: method } })
          : reply(426, errorForStatus(426, context.requestId), { headers: { upgrade: "websocket" } })
      )
    }
    const handler = handlers[channel]
    if (handler === undefined) {
      const message = `WebSocket streaming on ${channelPaths[channel]} is not emulated yet.`
      return Effect.succeed(reply(501, errorBody("NOT_IMPLEMENTED", message, context.requestId)))
    }
    return context.request.upgrade.pipe(
      Effect.flatMap((socket) => handler({ context, socket })),
      Effect.as(reply(101, null)),
      Effect.catchAll(() => Effect.succeed(reply(400, errorForStatus(400, context.requestId))))
    )
  }
})
