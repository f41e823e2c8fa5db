/**
 * WebSocket routes. Each of Deepgram's five streaming channels has a `GET` route that goes through the same
 * pipeline as REST requests (credentials from `Authorization` or from the `Sec-WebSocket-Protocol` pair,
 * queued faults answered as handshake failures, the journal), then checks the channel's query parameters,
 * upgrades the connection (see `socket.ts`) and runs the channel's session in the emulator's background until
 * the connection has closed. The journal entry of an accepted connection is recorded when it ends.
 *
 * Emulated: all five (`listenLive.ts`, `flux.ts`, `speakLive.ts`, `agent.ts`).
 *
 * @internal
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import type { AudioInfo } from "../Journal.js"
import { errorBody, errorForStatus } from "./errors.js"
import { listenV2 } from "./flux.js"
import { agentV1 } from "./agent.js"
import { listenV1 } from "./listenLive.js"
import { speakLiveV1, speakLiveV2 } from "./speakLive.js"
import { incomingMessage, serverResponse } from "./nodeHttp.js"
import type { Endpoint, RequestContext } from "./pipeline.js"
import { reply } from "./pipeline.js"
import type { ChannelSpec } from "./session.js"
import type { Connection } from "./socket.js"

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
 * Channel implementations, by channel.
 *
 * @internal
 */
export const handlers: Readonly<Partial<Record<Channel, ChannelSpec>>> = {
  "listen-v1": listenV1,
  "listen-v2": listenV2,
  "agent-v1": agentV1,
  "speak-v1": speakLiveV1,
  "speak-v2": speakLiveV2
}

const isUpgrade = (request: HttpServerRequest.HttpServerRequest): boolean =>
  request.headers["upgrade"]?.toLowerCase() === "websocket"

/** What `ws` would refuse, checked first so that the refusal goes through the pipeline. */
const handshakeProblem = (request: HttpServerRequest.HttpServerRequest): string | undefined => {
  const key = request.headers["sec-websocket-key"]
  if (key === undefined || !/^[+/0-9A-Za-z]{22}==$/.test(key.trim())) {
    return "Missing or invalid Sec-WebSocket-Key header."
  }
  if (request.headers["sec-websocket-version"]?.trim() !== "13") {
    return "Unsupported Sec-WebSocket-Version (13 is required)."
  }
  return undefined
}

/** Runs a session on an accepted connection; ends the connection if the emulator stops first. */
const runSession = (
  spec: ChannelSpec,
  context: RequestContext,
  connection: Connection
): Effect.Effect<void> =>
  Effect.flatMap(Deferred.make<void>(), (recorded) => {
    const session = { open: connection.open, recorded }
    let characters = 0
    context.state.sessions.add(session)
    const addCharacters = (n: number) => {
      characters += n
    }
    return spec.run({ context, connection, addCharacters }).pipe(
      Effect.onInterrupt(() => connection.close(1001, "The emulator is shutting down.")),
      Effect.catchAllCause((cause) =>
        Effect.zipRight(
          Effect.logError("emulator: WebSocket session failed", cause),
          Effect.as(connection.close(1011, "Internal error."), undefined)
        )
      ),
      Effect.flatMap((audio: AudioInfo | undefined) =>
        context.recordSession({
          audio: audio !== undefined && audio.size > 0 ? audio : undefined,
          socket: connection.info(),
          ...(characters > 0 ? { characters } : {})
        })
      ),
      Effect.ensuring(Effect.suspend(() => {
        context.state.sessions.delete(session)
        return Deferred.succeed(recorded, undefined)
      }))
    )
  })

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
    const spec = handlers[channel]
    if (spec === undefined) {
      const message = `WebSocket streaming on ${channelPaths[channel]} is not emulated yet.`
      return Effect.succeed(reply(501, errorBody("NOT_IMPLEMENTED", message, context.requestId)))
    }
    const invalid = spec.validate(context.query)
    if (Either.isLeft(invalid)) {
      return Effect.succeed(reply(400, errorBody("INVALID_QUERY_PARAMETER", invalid.left, context.requestId)))
    }
    const problem = handshakeProblem(context.request)
    if (problem !== undefined) {
      return Effect.succeed(reply(400, errorBody("Bad Request", problem, context.requestId)))
    }
    const incoming = incomingMessage(context.request)
    return context.state.sockets.upgrade(incoming, context.requestId, context.fault).pipe(
      // The session must outlive this request's fiber, which the server interrupts when the TCP connection
      // closes; it records its own journal entry when it ends.
      Effect.flatMap((connection) => Effect.forkIn(runSession(spec, context, connection), context.state.background)),
      Effect.flatMap(Fiber.await),
      // The upgrade was not the platform's, so it would still try to answer on the (now closed) connection and
      // wait forever for the write to finish: end its response first.
      Effect.zipRight(Effect.sync(() => {
        const response = serverResponse(context.request)
        if (!response.writableEnded) response.end()
      })),
      Effect.as(reply(101, null, { journaled: true })),
      Effect.catchAll((description) =>
        Effect.succeed(
          reply(400, errorBody("Bad Request", `WebSocket handshake failed: ${description}`, context.requestId))
        )
      )
    )
  }
})
