// internal
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Credentials from "../Credentials.js"
import { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramHandshakeError, DeepgramSocketError } from "../DeepgramError.js"
import { DeepgramDialer, type RawEvent, redactedUrl } from "../DeepgramSocket.js"
import { excerpt } from "./http.js"
import { encodeQuery, toSearch } from "./query.js"

/**
 * How a channel keeps an idle connection open.
 *
 * @internal
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

// internal
export interface DecodeFailure {
  readonly issue: string
}

// internal
export interface ChannelSpec<Server> {
  readonly operation: string
  readonly path: string
  readonly endpoint: "websocket" | "agentWebsocket"
  readonly decodeText: (text: string) => Effect.Effect<Server, DecodeFailure>
  readonly decodeBinary: ((data: Uint8Array) => Server) | undefined
  readonly keepAlive: KeepAlive
  /** Sent once on a graceful close (`CloseStream`, `Close`). */
  readonly closeMessage: string | undefined
  readonly requestIdOf: (message: Server) => string | undefined
}

// internal
export interface Session<Server> {
  readonly url: string
  readonly events: Stream.Stream<Server, DeepgramSocketError>
  readonly sendBinary: (data: Uint8Array) => Effect.Effect<void, DeepgramSocketError>
  readonly sendText: (data: string) => Effect.Effect<void, DeepgramSocketError>
  readonly close: Effect.Effect<void, DeepgramSocketError>
  readonly requestId: Effect.Effect<Option.Option<string>>
}

// internal
export interface ConnectOptions {
  readonly query?: Readonly<Record<string, unknown>> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly openTimeout?: Duration.DurationInput | undefined
  /** Overrides the channel's keepalive interval. */
  readonly keepAliveInterval?: Duration.DurationInput | undefined
}

const closeErrorCode = (reason: string): string | undefined => {
  const match = /\b(NET|DATA|BIG|MESSAGE)-?(\d{4})\b/i.exec(reason)
  return match === null ? undefined : `${match[1]!.toUpperCase()}-${match[2]}`
}

/**
 * Opens a channel: URL and query, credentials (header or subprotocol),
 * keepalive, graceful close, typed close codes and decoded messages.
 *
 * @internal
 */
export const connect = <Server>(
  spec: ChannelSpec<Server>,
  options: ConnectOptions = {}
): Effect.Effect<Session<Server>, DeepgramHandshakeError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.gen(function*() {
    const config = yield* DeepgramConfig
    const dialer = yield* DeepgramDialer
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

    const requestId = yield* Ref.make(Option.fromNullable(raw.responseHeaders["dg-request-id"]))
    const initialId = raw.responseHeaders["dg-request-id"]
    if (initialId !== undefined) span.attribute("deepgram.request_id", initialId)
    const lastSent = yield* Ref.make(yield* Clock.currentTimeMillis)
    const closing = yield* Ref.make(false)

    const socketError = (
      reason: DeepgramSocketError["reason"],
      detail: string,
      extra: { readonly code?: number; readonly closeReason?: string; readonly cause?: unknown } = {}
    ) =>
      Effect.map(Ref.get(requestId), (id) =>
        new DeepgramSocketError({
          reason,
          url: publicUrl,
          code: extra.code,
          closeReason: extra.closeReason,
          errCode: extra.closeReason === undefined ? undefined : closeErrorCode(extra.closeReason),
          requestId: Option.getOrUndefined(id),
          detail,
          cause: extra.cause
        }))

    const touch = Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.set(lastSent, now))
    const withRequestId = (error: DeepgramSocketError) =>
      Effect.flatMap(Ref.get(requestId), (id) =>
        Effect.fail(
          Option.isSome(id) && error.requestId === undefined
            ? new DeepgramSocketError({ ...error, requestId: id.value })
            : error
        ))
    const sendBinary = (data: Uint8Array) => Effect.zipRight(Effect.catchAll(raw.send(data), withRequestId), touch)
    const sendText = (data: string) => Effect.zipRight(Effect.catchAll(raw.send(data), withRequestId), touch)

    const close = Effect.flatMap(Ref.getAndSet(closing, true), (already) =>
      already || spec.closeMessage === undefined ? Effect.void : sendText(spec.closeMessage))

    // Keepalive: stops once the session is closing.
    const keepAliveInterval = Duration.decode(
      options.keepAliveInterval ?? (spec.keepAlive._tag === "None" ? 0 : spec.keepAlive.interval)
    )
    const keepAliveTick: Effect.Effect<void> = Effect.gen(function*() {
      if (yield* Ref.get(closing)) return
      const policy = spec.keepAlive
      if (policy._tag === "Message") {
        const now = yield* Clock.currentTimeMillis
        const idleFor = now - (yield* Ref.get(lastSent))
        if (!policy.idleOnly || idleFor >= Duration.toMillis(keepAliveInterval) * 0.9) {
          yield* Effect.ignore(sendText(policy.message))
        }
      } else if (policy._tag === "Ping" && raw.ping !== undefined) {
        yield* raw.ping
      }
    })
    if (spec.keepAlive._tag !== "None") {
      yield* keepAliveTick.pipe(
        Effect.repeat(Schedule.spaced(keepAliveInterval)),
        Effect.delay(keepAliveInterval),
        Effect.forkScoped
      )
    }

    const onEvent = (event: RawEvent): Effect.Effect<Option.Option<Server>, Option.Option<DeepgramSocketError>> => {
      switch (event._tag) {
        case "Text":
          return spec.decodeText(event.data).pipe(
            Effect.tap((message) => {
              const id = spec.requestIdOf(message)
              if (id === undefined) return Effect.void
              span.attribute("deepgram.request_id", id)
              return Ref.set(requestId, Option.some(id))
            }),
            Effect.map(Option.some),
            Effect.catchAll((failure) =>
              Effect.flatMap(
                socketError("Decode", `a server message could not be decoded: ${failure.issue}; message starts with ${
                  JSON.stringify(excerpt(event.data))
                }`),
                (error) => Effect.fail(Option.some(error))
              )
            )
          )
        case "Binary":
          return Effect.succeed(spec.decodeBinary === undefined ? Option.none() : Option.some(spec.decodeBinary(event.data)))
        case "Close":
          return Effect.flatMap(Ref.get(closing), (wasClosing) => {
            if (event.code === 1000 || (event.code === 1005 && wasClosing)) return Effect.fail(Option.none())
            if (event.code === 1006) {
              return Effect.flatMap(
                socketError("Dropped", "the connection was lost without a close frame", { code: 1006, closeReason: event.reason }),
                (error) => Effect.fail(Option.some(error))
              )
            }
            return Effect.flatMap(
              socketError("Closed", "the server closed the connection with an error", { code: event.code, closeReason: event.reason }),
              (error) => Effect.fail(Option.some(error))
            )
          })
      }
    }

    const events = Stream.repeatEffectOption(Effect.flatMap(raw.take, onEvent)).pipe(
      Stream.filterMap((message) => message),
      Stream.tapError((error) =>
        Effect.sync(() => {
          span.attribute("error.type", error.reason)
          if (error.code !== undefined) span.attribute("websocket.close.code", error.code)
        })
      )
    )

    return {
      url: publicUrl,
      events,
      sendBinary,
      sendText,
      close,
      requestId: Ref.get(requestId)
    }
  })
