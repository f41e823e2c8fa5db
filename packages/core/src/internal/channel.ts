// internal
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Credentials from "../Credentials.js"
import { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramHandshakeError, DeepgramSocketError } from "../DeepgramError.js"
import { DeepgramDialer, redactedUrl } from "../DeepgramSocket.js"
import { excerpt } from "./http.js"
import { encodeQuery, toSearch } from "./query.js"

/**
 * How a channel keeps an idle connection open.
 */
export type KeepAlive =
  | {
    readonly _tag: "Message"
    readonly message: string
    readonly interval: Duration.DurationInput
    /** Only when nothing else was sent for `interval`. */
    readonly idleOnly: boolean
  }
  | { readonly _tag: "Ping"; readonly interval: Duration.DurationInput }
  | { readonly _tag: "None" }

export interface DecodeFailure {
  readonly issue: string
}

export interface ChannelSpec<Server> {
  readonly operation: string
  readonly path: string
  readonly endpoint: "websocket" | "agentWebsocket"
  readonly decodeText: (text: string) => Either.Either<Server, DecodeFailure>
  readonly decodeBinary: ((data: Uint8Array) => Server) | undefined
  readonly keepAlive: KeepAlive
  /** Sent once on a graceful close (`CloseStream`, `Close`). */
  readonly closeMessage: string | undefined
  readonly requestIdOf: (message: Server) => string | undefined
}

export interface Session<Server> {
  readonly url: string
  readonly events: Stream.Stream<Server, DeepgramSocketError>
  readonly sendBinary: (data: Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  readonly sendBinaryAll: (data: Iterable<Uint8Array>) => Effect.Effect<void, DeepgramSocketError>
  readonly sendText: (data: string) => Effect.Effect<void, DeepgramSocketError>
  readonly close: Effect.Effect<void, DeepgramSocketError>
  /** Closes the socket without the close message (after a local failure); `events` ends when it has closed. */
  readonly abort: Effect.Effect<void>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

export interface ConnectOptions {
  readonly query?: Readonly<Record<string, unknown>> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly openTimeout?: Duration.DurationInput | undefined
  /** Overrides the channel's keepalive interval. */
  readonly keepAliveInterval?: Duration.DurationInput | undefined
  /** How long the server may take to close after the end of input (30 s by default). */
  readonly closeTimeout?: Duration.DurationInput | undefined
}

const closeErrorCode = (reason: string): string | undefined => {
  const match = /\b(NET|DATA|BIG|MESSAGE)-?(\d{4})\b/i.exec(reason)
  return match === null ? undefined : `${match[1]!.toUpperCase()}-${match[2]}`
}

const nonEmpty = (bytes: Uint8Array) => bytes.byteLength > 0

/**
 * Opens a channel: URL and query, credentials (header or subprotocol),
 * keepalive, graceful close, typed close codes and decoded messages.
 */
export const connect = <Server>(
  spec: ChannelSpec<Server>,
  options: ConnectOptions = {}
): Effect.Effect<Session<Server>, DeepgramHandshakeError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.gen(function*() {
    const config = yield* DeepgramConfig
    const dialer = yield* DeepgramDialer
    const clock = yield* Effect.clock
    const scope = yield* Effect.scope
    const base = spec.endpoint === "agentWebsocket" ? config.endpoints.agentWebsocket : config.endpoints.websocket
    const url = base + spec.path + toSearch(encodeQuery(options.query))
    const publicUrl = redactedUrl(url)
    const headers: Record<string, string> = { "user-agent": config.userAgent, ...options.headers }
    if (config.sessionId !== undefined) headers["x-deepgram-session-id"] = config.sessionId
    let protocols: ReadonlyArray<string> = []
    if (dialer.supportsHeaders) {
      const authorization = Credentials.authorization(config.credentials)
      // The secret leaves its Redacted box only on its way into the header.
      if (Option.isSome(authorization)) headers.authorization = Redacted.value(authorization.value)
    } else {
      protocols = Credentials.websocketProtocols(config.credentials).map(Redacted.value)
    }

    const span = yield* Effect.makeSpanScoped(`Deepgram.${spec.operation}`, {
      kind: "client",
      captureStackTrace: false,
      attributes: {
        "deepgram.operation": spec.operation,
        "deepgram.deployment": config.deployment,
        "url.full": publicUrl
      }
    })

    const raw = yield* dialer.open({
      url,
      headers,
      protocols,
      openTimeout: Duration.toMillis(Duration.decode(options.openTimeout ?? "10 seconds"))
    }).pipe(Effect.withParentSpan(span))

    // Session state, touched on every frame: plain variables rather than Refs.
    let requestId: string | undefined = undefined
    let lastSent = clock.unsafeCurrentTimeMillis()
    let closing = false
    // Set once the event stream is over: `None` for a clean end, else its error.
    let ended: Option.Option<DeepgramSocketError> | undefined = undefined
    const learnRequestId = (id: string | undefined) => {
      if (id === undefined || id === requestId) return
      requestId = id
      span.attribute("deepgram.request_id", id)
    }
    learnRequestId(raw.responseHeaders["dg-request-id"])

    const socketError = (
      reason: DeepgramSocketError["reason"],
      detail: string,
      extra: { readonly code?: number; readonly closeReason?: string; readonly cause?: unknown } = {}
    ) => {
      span.attribute("error.type", reason)
      if (extra.code !== undefined) span.attribute("websocket.close.code", extra.code)
      return new DeepgramSocketError({
        reason,
        url: publicUrl,
        code: extra.code,
        closeReason: extra.closeReason,
        errCode: extra.closeReason === undefined ? undefined : closeErrorCode(extra.closeReason),
        requestId,
        detail,
        cause: extra.cause
      })
    }
    const withRequestId = (error: DeepgramSocketError) =>
      Effect.fail(requestId !== undefined && error.requestId === undefined ? new DeepgramSocketError({ ...error, requestId }) : error)

    const sendBinary = (data: Uint8Array) =>
      Effect.suspend(() => {
        lastSent = clock.unsafeCurrentTimeMillis()
        return Effect.catchAll(raw.send(data), withRequestId)
      })
    const sendBinaryAll = (data: Iterable<Uint8Array>) =>
      Effect.suspend(() => {
        lastSent = clock.unsafeCurrentTimeMillis()
        return Effect.catchAll(raw.sendAll(data), withRequestId)
      })
    const sendText = (data: string) =>
      Effect.suspend(() => {
        lastSent = clock.unsafeCurrentTimeMillis()
        return Effect.catchAll(raw.send(data), withRequestId)
      })

    // After the end of input the server flushes and closes; if it never does, the
    // connection is dropped and the stream fails instead of waiting forever.
    const closeTimeout = Duration.decode(options.closeTimeout ?? "30 seconds")
    let closeTimedOut = false
    const close = Effect.suspend(() => {
      if (closing || spec.closeMessage === undefined) return Effect.void
      closing = true
      return sendText(spec.closeMessage).pipe(
        Effect.zipRight(
          Effect.sleep(closeTimeout).pipe(
            Effect.zipRight(Effect.suspend(() => {
              if (ended !== undefined) return Effect.void
              closeTimedOut = true
              return raw.terminate
            })),
            Effect.forkIn(scope)
          )
        ),
        Effect.asVoid
      )
    })

    // Keepalive: stops once the session is closing.
    const keepAliveInterval = Duration.decode(
      options.keepAliveInterval ?? (spec.keepAlive._tag === "None" ? 0 : spec.keepAlive.interval)
    )
    const keepAliveTick: Effect.Effect<void> = Effect.suspend(() => {
      const policy = spec.keepAlive
      if (closing) return Effect.void
      if (policy._tag === "Message") {
        const idleFor = clock.unsafeCurrentTimeMillis() - lastSent
        return !policy.idleOnly || idleFor >= Duration.toMillis(keepAliveInterval) * 0.9
          ? Effect.ignore(sendText(policy.message))
          : Effect.void
      }
      return policy._tag === "Ping" && raw.ping !== undefined ? raw.ping : Effect.void
    })
    if (spec.keepAlive._tag !== "None") {
      yield* keepAliveTick.pipe(
        Effect.repeat(Schedule.spaced(keepAliveInterval)),
        Effect.delay(keepAliveInterval),
        Effect.forkScoped
      )
    }

    // Events, a batch at a time: everything received so far is decoded in one go.
    const pull: Effect.Effect<Chunk.Chunk<Server>, Option.Option<DeepgramSocketError>> = Effect.suspend(() =>
      ended !== undefined ? Effect.fail(ended) : Effect.flatMap(raw.takeBatch, (batch) => {
        const out: Array<Server> = []
        for (const event of batch) {
          if (event._tag === "Text") {
            const decoded = spec.decodeText(event.data)
            if (Either.isLeft(decoded)) {
              ended = Option.some(
                socketError(
                  "Decode",
                  `a server message could not be decoded: ${decoded.left.issue}; message starts with ${
                    JSON.stringify(excerpt(event.data))
                  }`
                )
              )
              break
            }
            if (requestId === undefined) learnRequestId(spec.requestIdOf(decoded.right))
            out.push(decoded.right)
          } else if (event._tag === "Binary") {
            if (spec.decodeBinary !== undefined) out.push(spec.decodeBinary(event.data))
          } else if (closeTimedOut) {
            ended = Option.some(
              socketError(
                "CloseTimeout",
                `the server did not close the connection within ${Duration.format(closeTimeout)} after the end of input`,
                { code: event.code, closeReason: event.reason }
              )
            )
            break
          } else {
            ended = event.code === 1000 || (event.code === 1005 && closing)
              ? Option.none()
              : Option.some(
                event.code === 1006
                  ? socketError("Dropped", "the connection was lost without a close frame", {
                    code: 1006,
                    closeReason: event.reason
                  })
                  : socketError("Closed", "the server closed the connection with an error", {
                    code: event.code,
                    closeReason: event.reason
                  })
              )
            break
          }
        }
        return out.length === 0 && ended !== undefined ? Effect.fail(ended) : Effect.succeed(Chunk.unsafeFromArray(out))
      })
    )

    return {
      url: publicUrl,
      events: Stream.repeatEffectChunkOption(pull),
      sendBinary,
      sendBinaryAll: (data) => sendBinaryAll(Array.from(data).filter(nonEmpty)),
      sendText,
      close,
      abort: Effect.suspend(() => {
        closing = true
        return raw.close(1000, "")
      }),
      requestId: Effect.sync(() => Option.fromNullable(requestId))
    }
  })
