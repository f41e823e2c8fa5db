// internal
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { identity } from "effect/Function"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Credentials from "../Credentials.js"
import { DeepgramConfig } from "../DeepgramConfig.js"
import { DeepgramHandshakeError, DeepgramInputError, DeepgramSocketError } from "../DeepgramError.js"
import { type CloseEvent, DeepgramDialer, type RawSocket, redactedUrl } from "../DeepgramSocket.js"
import { excerpt } from "./http.js"
import * as KeepAliveTimer from "./keepAlive.js"
import { encodeQuery, toSearch } from "./query.js"
import { formatIssues } from "./issues.js"
import { fastReaderOf } from "./socket.js"

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

/**
 * A channel: where it lives, what the server sends (text frames decoded into
 * `Server`, binary frames turned into `Server` values such as audio chunks),
 * what the client may send besides binary audio (`Client`, JSON text frames),
 * keepalive and graceful close.
 */
export interface ChannelSpec<Server, Client = never> {
  readonly operation: string
  readonly path: string
  readonly endpoint: "websocket" | "agentWebsocket"
  readonly decodeText: (text: string) => Either.Either<Server, DecodeFailure>
  /** Binary server frames (audio) as events, in order with the text frames; dropped when undefined. */
  readonly decodeBinary: ((data: Uint8Array) => Server) | undefined
  /** Encodes a client message into its text frame (see {@link jsonMessages}); validation failures are the `Left`. */
  readonly encodeClient?: ((message: Client) => Either.Either<string, string>) | undefined
  /**
   * The issue of a known message that failed its schema and was delivered as
   * the schema's invalid-message variant; `undefined` for any other message.
   * `strict: true` turns such a message into a `Decode` failure.
   */
  readonly invalidIssue?: ((message: Server) => string | undefined) | undefined
  readonly keepAlive: KeepAlive
  /** Sent once on a graceful close (`CloseStream`, `Close`). */
  readonly closeMessage: string | undefined
  readonly requestIdOf: (message: Server) => string | undefined
}

/**
 * A `encodeClient` for a schema of JSON client messages: checked exactly
 * (no excess property), then serialised.
 */
export const jsonMessages = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeEither(schema, { onExcessProperty: "error", errors: "first" })
  return (message: A): Either.Either<string, string> =>
    Either.match(encode(message), {
      onLeft: (error) => Either.left(formatIssues(error)),
      onRight: (encoded) => Either.right(JSON.stringify(encoded))
    })
}

export interface Session<Server, Client = never> {
  readonly url: string
  readonly events: Stream.Stream<Server, DeepgramSocketError>
  /** Sends a typed client message (a JSON text frame, validated first) or audio (a binary frame). */
  readonly send: (message: Client | Uint8Array) => Effect.Effect<void, DeepgramSocketError | DeepgramInputError>
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
  /** A known message that fails its schema fails the stream instead of arriving as an invalid-message event. */
  readonly strict?: boolean | undefined
}

const closeErrorCode = (reason: string): string | undefined => {
  const match = /\b(NET|DATA|BIG|MESSAGE)-?(\d{4})\b/i.exec(reason)
  return match === null ? undefined : `${match[1]!.toUpperCase()}-${match[2]}`
}

/**
 * One open connection of a channel, with the fast paths the stream form
 * uses. `connect` wraps it into a {@link Session}.
 */
export interface Link<Server, Client> {
  readonly url: string
  readonly raw: RawSocket
  /** The next batch of events; `None` once the server has closed cleanly. */
  readonly pull: Effect.Effect<Chunk.Chunk<Server>, Option.Option<DeepgramSocketError>>
  /**
   * The same pull with what follows folded in: `onBatch` maps a batch (synchronously), `onEnd` takes
   * over at the end, so that a caller adds no Effect layer of its own per batch.
   */
  readonly pullWith: <X, Y>(
    onBatch: (batch: Chunk.Chunk<Server>) => X,
    onEnd: (end: Option.Option<DeepgramSocketError>) => Effect.Effect<X, Y>
  ) => Effect.Effect<X, Y>
  /** Sends a binary frame now (no backpressure wait). */
  readonly trySendBinary: (data: Uint8Array) => DeepgramSocketError | undefined
  /** Encodes and sends a client message now. */
  readonly trySendMessage: (message: Client) => DeepgramSocketError | DeepgramInputError | undefined
  readonly sendText: (data: string) => Effect.Effect<void, DeepgramSocketError>
  /** Sends the close message (once) and arms the close timeout. */
  readonly close: Effect.Effect<void, DeepgramSocketError>
  readonly abort: Effect.Effect<void>
  readonly requestId: () => string | undefined
  /** How the socket closed, once it has. */
  readonly closed: () => CloseEvent | undefined
  /** Decides how a close ends the events; the default is set by `open`, the stream form refines it. */
  classify: (event: CloseEvent, clean: boolean) => Option.Option<DeepgramSocketError>
  readonly socketError: (
    reason: DeepgramSocketError["reason"],
    detail: string,
    extra?: { readonly code?: number; readonly closeReason?: string; readonly cause?: unknown }
  ) => DeepgramSocketError
}

/**
 * Opens a channel: URL and query, credentials (header or subprotocol),
 * keepalive on the shared timer, graceful close, typed close codes and
 * decoded messages.
 */
export const openLink = <Server, Client = never>(
  spec: ChannelSpec<Server, Client>,
  options: ConnectOptions = {}
): Effect.Effect<Link<Server, Client>, DeepgramHandshakeError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.gen(function*() {
    const config = yield* DeepgramConfig
    const dialer = yield* DeepgramDialer
    const scope = yield* Effect.scope
    const base = spec.endpoint === "agentWebsocket" ? config.endpoints.agentWebsocket : config.endpoints.websocket
    const url = base + spec.path + toSearch(encodeQuery(options.query))
    const publicUrl = redactedUrl(url)
    const headers: Record<string, string> = { "user-agent": config.userAgent, ...options.headers }
    if (config.sessionId !== undefined) headers["x-deepgram-session-id"] = config.sessionId
    let protocols: ReadonlyArray<string> = []
    // Short-lived tokens (`Credentials.provided`) are asked for on every connection.
    const credentials = config.credentials._tag === "Provided"
      ? yield* Effect.mapError(Credentials.resolve(config.credentials), (error) =>
        new DeepgramHandshakeError({
          url: publicUrl,
          status: undefined,
          dgError: undefined,
          requestId: undefined,
          detail: `no access token: ${error.message}`,
          cause: error
        }))
      : config.credentials
    if (dialer.supportsHeaders) {
      const authorization = Credentials.authorization(credentials)
      // The secret leaves its Redacted box only on its way into the header.
      if (Option.isSome(authorization)) headers.authorization = Redacted.value(authorization.value)
    } else {
      protocols = Credentials.websocketProtocols(credentials).map(Redacted.value)
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
    let sentSinceTick = false
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
      requestId !== undefined && error.requestId === undefined
        ? new DeepgramSocketError({ ...error, url: publicUrl, requestId })
        : new DeepgramSocketError({ ...error, url: publicUrl })

    const trySend = (data: string | Uint8Array): DeepgramSocketError | undefined => {
      sentSinceTick = true
      const error = raw.trySend(data)
      return error === undefined ? undefined : withRequestId(error)
    }
    const sendEffect = (data: string | Uint8Array): Effect.Effect<void, DeepgramSocketError> =>
      Effect.suspend(() => {
        const error = trySend(data)
        return error === undefined ? raw.drain : Effect.fail(error)
      })
    const encode = spec.encodeClient
    const trySendMessage = (message: Client): DeepgramSocketError | DeepgramInputError | undefined => {
      if (encode === undefined) {
        return new DeepgramInputError({ reason: "InvalidOptions", detail: `${spec.path} takes no client messages` })
      }
      const encoded = encode(message)
      if (Either.isLeft(encoded)) {
        return new DeepgramInputError({ reason: "InvalidOptions", detail: `invalid client message: ${encoded.left}` })
      }
      return trySend(encoded.right)
    }

    // After the end of input the server flushes and closes; if it never does, the
    // connection is dropped and the stream fails instead of waiting forever.
    const closeTimeout = Duration.decode(options.closeTimeout ?? "30 seconds")
    let closeTimedOut = false
    let closeTimer: ReturnType<typeof setTimeout> | undefined
    const close = Effect.suspend(() => {
      if (closing || spec.closeMessage === undefined) return Effect.void
      closing = true
      const error = trySend(spec.closeMessage)
      if (error !== undefined) return Effect.fail(error)
      closeTimer = setTimeout(() => {
        closeTimer = undefined
        if (raw.closeEvent() !== undefined || ended !== undefined) return
        closeTimedOut = true
        Effect.runSync(raw.terminate)
      }, Duration.toMillis(closeTimeout))
      return Effect.void
    })

    // Keepalive on the process-wide timer of its interval; stops once the session is closing.
    const keepAliveMs = Duration.toMillis(Duration.decode(
      options.keepAliveInterval ?? (spec.keepAlive._tag === "None" ? 0 : spec.keepAlive.interval)
    ))
    const policy = spec.keepAlive
    let unregister: (() => void) | undefined
    if (policy._tag !== "None" && keepAliveMs > 0 && Number.isFinite(keepAliveMs)) {
      const tick = policy._tag === "Message"
        ? () => {
          if (closing) return
          if (policy.idleOnly && sentSinceTick) sentSinceTick = false
          else raw.trySend(policy.message)
        }
        : () => {
          if (!closing) raw.pingNow?.()
        }
      unregister = KeepAliveTimer.register(keepAliveMs, tick)
    }
    // One plain finalizer for the session's timers (no fiber state captured).
    yield* Scope.addFinalizer(
      scope,
      Effect.sync(() => {
        unregister?.()
        if (closeTimer !== undefined) clearTimeout(closeTimer)
      })
    )

    const link: Link<Server, Client> = {
      url: publicUrl,
      raw,
      pull: undefined as unknown as Link<Server, Client>["pull"],
      pullWith: undefined as unknown as Link<Server, Client>["pullWith"],
      trySendBinary: trySend,
      trySendMessage,
      sendText: sendEffect,
      close,
      abort: Effect.suspend(() => {
        closing = true
        return raw.close(1000, "")
      }),
      requestId: () => requestId,
      closed: raw.closeEvent,
      classify: (event, clean) =>
        clean ? Option.none() : Option.some(
          event.code === 1006
            ? socketError("Dropped", "the connection was lost without a close frame", {
              code: 1006,
              closeReason: event.reason
            })
            : socketError("Closed", "the server closed the connection with an error", {
              code: event.code,
              closeReason: event.reason
            })
        ),
      socketError
    }

    const strict = options.strict === true && spec.invalidIssue !== undefined
    const endOf = (event: CloseEvent): Option.Option<DeepgramSocketError> =>
      closeTimedOut
        ? Option.some(
          socketError(
            "CloseTimeout",
            `the server did not close the connection within ${Duration.format(closeTimeout)} after the end of input`,
            { code: event.code, closeReason: event.reason }
          )
        )
        : link.classify(event, event.code === 1000 || (event.code === 1005 && closing))
    // Frames into events; `undefined` when a decode failure ends the stream before any event of the batch.
    const decodeFrames = (frames: ReadonlyArray<string | Uint8Array>): Array<Server> => {
      const out: Array<Server> = []
      for (let i = 0; i < frames.length; i++) {
        const frame = frames[i]!
        if (typeof frame === "string") {
          const decoded = spec.decodeText(frame)
          if (Either.isLeft(decoded)) {
            ended = Option.some(
              socketError(
                "Decode",
                `a server message could not be decoded: ${decoded.left.issue}; message starts with ${
                  JSON.stringify(excerpt(frame))
                }`
              )
            )
            break
          }
          const message = decoded.right
          if (strict) {
            const issue = spec.invalidIssue!(message)
            if (issue !== undefined) {
              ended = Option.some(
                socketError(
                  "Decode",
                  `a server message does not match its schema (strict mode): ${issue}; message starts with ${
                    JSON.stringify(excerpt(frame))
                  }`
                )
              )
              break
            }
          }
          if (requestId === undefined) learnRequestId(spec.requestIdOf(message))
          out.push(message)
        } else if (spec.decodeBinary !== undefined) {
          out.push(spec.decodeBinary(frame))
        }
      }
      return out
    }
    // Takes what has arrived: a batch of events, or `undefined` when nothing has yet or the events are
    // over (then `ended` says how).
    const takeBatch = (frames: ReadonlyArray<string | Uint8Array>): Chunk.Chunk<Server> | undefined => {
      if (ended !== undefined) return undefined
      if (frames.length === 0) {
        const event = raw.closeEvent()
        if (event !== undefined) ended = endOf(event)
        return undefined
      }
      const out = decodeFrames(frames)
      return out.length === 0 && ended !== undefined ? undefined : Chunk.unsafeFromArray(out)
    }
    const fast = fastReaderOf(raw)
    const pullWith = <X, Y>(
      onBatch: (batch: Chunk.Chunk<Server>) => X,
      onEnd: (end: Option.Option<DeepgramSocketError>) => Effect.Effect<X, Y>
    ): Effect.Effect<X, Y> => {
      if (fast !== undefined) {
        // One suspension per batch: the socket's callback resumes the reader with what it decoded.
        const settle = (): Effect.Effect<X, Y> | undefined => {
          const batch = takeBatch(fast.take())
          if (batch !== undefined) return Effect.succeed(onBatch(batch))
          return ended === undefined ? undefined : onEnd(ended)
        }
        // The batch is taken when the resumed reader runs, not in the callback: a reader interrupted
        // while waiting leaves its callback behind, and that callback must not take frames.
        const next: Effect.Effect<X, Y> = Effect.suspend(() => settle() ?? wait)
        const wait: Effect.Effect<X, Y> = Effect.async<X, Y>((resume) => {
          fast.onReady(() => resume(next))
        })
        return next
      }
      // Another dialer's socket: its `pull` waits for at least one frame (none once it has closed).
      const pullFrames: Effect.Effect<X, Y> = Effect.flatMap(raw.pull, (frames) => {
        const batch = takeBatch(frames)
        return batch !== undefined ? Effect.succeed(onBatch(batch)) : onEnd(ended ?? Option.none())
      })
      return Effect.suspend(() => (ended !== undefined ? onEnd(ended) : pullFrames))
    }
    ;(link as { pullWith: Link<Server, Client>["pullWith"] }).pullWith = pullWith
    ;(link as { pull: Link<Server, Client>["pull"] }).pull = pullWith(identity, Effect.fail)
    return link
  })

/**
 * Opens a channel as a session: typed sends, events as a stream.
 */
export const connect = <Server, Client = never>(
  spec: ChannelSpec<Server, Client>,
  options: ConnectOptions = {}
): Effect.Effect<Session<Server, Client>, DeepgramHandshakeError, Scope.Scope | DeepgramConfig | DeepgramDialer> =>
  Effect.map(openLink(spec, options), (link) => {
    const sendBinary = (data: Uint8Array): Effect.Effect<void, DeepgramSocketError> =>
      Effect.suspend(() => {
        const error = link.trySendBinary(data)
        return error === undefined ? link.raw.drain : Effect.fail(error)
      })
    return {
      url: link.url,
      events: Stream.repeatEffectChunkOption(link.pull),
      send: (message) =>
        Effect.suspend(() => {
          const error = message instanceof Uint8Array ? link.trySendBinary(message) : link.trySendMessage(message)
          return error === undefined ? link.raw.drain : Effect.fail(error)
        }),
      sendBinary,
      sendBinaryAll: (data) =>
        Effect.suspend(() => {
          for (const bytes of data) {
            if (bytes.byteLength === 0) continue
            const error = link.trySendBinary(bytes)
            if (error !== undefined) return Effect.fail(error)
          }
          return link.raw.drain
        }),
      sendText: link.sendText,
      close: link.close,
      abort: link.abort,
      requestId: Effect.sync(() => Option.fromNullable(link.requestId()))
    }
  })
