/**
 * What every request goes through, whatever its route: request id, fault, body (always read completely, so
 * the journal knows its size and hash), latency, authentication, the route's handler, the journal and the
 * `dg-request-id` header.
 *
 * WebSocket routes use the same pipeline up to the upgrade (auth from the header or the subprotocol, faults
 * answered as handshake failures), then hand the socket to their channel.
 *
 * @internal
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { createHash, randomUUID } from "node:crypto"
import type * as Fault from "../Fault.js"
import type { AudioInfo, Entry, SocketInfo } from "../Journal.js"
import type { RawHint } from "./audio.js"
import { probe } from "./audio.js"
import type { Credential } from "./auth.js"
import { fromAuthorization, fromSubprotocols, redactAuthorization, redactSubprotocols } from "./auth.js"
import { errorForStatus, invalidAuth } from "./errors.js"
import { incomingMessage } from "./nodeHttp.js"
import type { Query } from "./params.js"
import { last } from "./params.js"
import type { State } from "./state.js"
import { record, takeFault } from "./state.js"

/**
 * How a route reads its body: `audio` (binary audio, or a JSON body when the content type says so), `json`
 * (a small JSON document, or nothing), `none` (no body, e.g. a WebSocket handshake).
 *
 * @internal
 */
export type BodyMode = "audio" | "json" | "none"

/** @internal */
export type Body =
  | { readonly _tag: "Audio"; readonly audio: AudioInfo }
  | { readonly _tag: "Json"; readonly text: string; readonly size: number; readonly sha256: string }
  | { readonly _tag: "None" }

/**
 * What a WebSocket session records in the journal when it ends.
 *
 * @internal
 */
export interface SessionRecord {
  readonly audio: AudioInfo | undefined
  readonly socket: SocketInfo
  /** Characters of text synthesized on the connection (speak, agent). */
  readonly characters?: number | undefined
}

/** @internal */
export interface RequestContext {
  readonly state: State
  readonly requestId: string
  readonly arrived: Date
  readonly request: HttpServerRequest.HttpServerRequest
  readonly path: string
  readonly query: Query
  readonly credential: Credential
  readonly body: Body
  /** The injected fault this request consumed (socket faults are applied by the WebSocket session). */
  readonly fault: Fault.Fault | undefined
  /** Records an accepted WebSocket connection in the journal (status 101), once it has ended. */
  readonly recordSession: (session: SessionRecord) => Effect.Effect<void>
}

/** @internal */
export interface Reply {
  readonly status: number
  /** A JSON value, sent as `application/json`. */
  readonly json: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** The audio that was transcribed, for the journal. */
  readonly audio?: AudioInfo | undefined
  /** Work to start once the answer is ready (a callback delivery), run in the emulator's background. */
  readonly after?: Effect.Effect<void> | undefined
  /** The endpoint has recorded the request itself (an accepted WebSocket upgrade). */
  readonly journaled?: boolean | undefined
  /** Characters of text synthesized (speak), for the journal. */
  readonly characters?: number | undefined
  /**
   * A streamed binary body (speak audio) sent instead of `json`. `Fault.truncatedJson` cuts it at half of `size`
   * (the expected length); the other body faults replace it with `json`, corrupted.
   */
  readonly stream?: {
    readonly contentType: string
    readonly body: Stream.Stream<Uint8Array>
    readonly size: number
  } | undefined
}

/** @internal */
export interface Endpoint {
  readonly body: BodyMode
  /** Whether the route needs credentials (in auth modes other than `none`). */
  readonly authenticate: boolean
  readonly handle: (context: RequestContext) => Effect.Effect<Reply>
}

/** The most of a JSON body that is kept (the rest is hashed and counted, then dropped). */
const maxJsonBytes = 1024 * 1024

/** @internal */
export const reply = (status: number, json: unknown, options?: Omit<Reply, "status" | "json">): Reply => ({
  status,
  json,
  ...options
})

const parseQuery = (url: string): { readonly path: string; readonly query: Query } => {
  const parsed = new URL(url, "http://emulator.invalid")
  const query: Record<string, Array<string>> = {}
  for (const [name, value] of parsed.searchParams) {
    ;(query[name] ??= []).push(value)
  }
  return { path: parsed.pathname, query }
}

const headerRecord = (request: HttpServerRequest.HttpServerRequest): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    const joined = Array.isArray(value) ? value.join(", ") : String(value)
    out[name] = name === "authorization" || name === "proxy-authorization"
      ? redactAuthorization(joined)
      : name === "sec-websocket-protocol"
      ? redactSubprotocols(joined)
      : joined
  }
  return out
}

const credentialOf = (request: HttpServerRequest.HttpServerRequest): Credential => {
  const authorization = request.headers["authorization"]
  if (authorization !== undefined) return fromAuthorization(authorization)
  const protocols = request.headers["sec-websocket-protocol"]
  return protocols === undefined
    ? fromAuthorization(undefined)
    : fromSubprotocols(protocols.split(",").map((p) => p.trim()))
}

const bytesPerSampleEncodings = new Set(["linear16", "linear32", "mulaw", "alaw"])

/** @internal */
export const rawHint = (query: Query): RawHint | undefined => {
  const encoding = last(query, "encoding")
  const sampleRate = Number(last(query, "sample_rate"))
  const channels = Number(last(query, "channels") ?? "1")
  if (encoding === undefined || !Number.isInteger(sampleRate) || sampleRate <= 0) return undefined
  if (!bytesPerSampleEncodings.has(encoding)) return undefined
  return { encoding, sampleRate, channels: Number.isInteger(channels) && channels > 0 ? channels : 1 }
}

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/(.+\+)?json\b/i.test(contentType.trim())

const readJson = (body: Stream.Stream<Uint8Array, unknown>) =>
  Effect.gen(function*() {
    const hash = createHash("sha256")
    const kept: Array<Uint8Array> = []
    let size = 0
    yield* Stream.runForEach(body, (chunk) =>
      Effect.sync(() => {
        hash.update(chunk)
        if (size < maxJsonBytes) kept.push(chunk.subarray(0, maxJsonBytes - size))
        size += chunk.length
      }))
    return {
      _tag: "Json" as const,
      text: Buffer.concat(kept).toString("utf8"),
      size,
      sha256: hash.digest("hex")
    }
  })

const readBody = (
  mode: BodyMode,
  request: HttpServerRequest.HttpServerRequest,
  query: Query
): Effect.Effect<Body, unknown> => {
  if (mode === "none") return Effect.succeed({ _tag: "None" })
  const contentType = request.headers["content-type"]
  if (mode === "json" || isJson(contentType)) return readJson(request.stream)
  const length = Number(request.headers["content-length"])
  return Effect.map(
    probe(request.stream, {
      size: Number.isFinite(length) && length > 0 ? length : undefined,
      raw: rawHint(query)
    }),
    (audio): Body => ({ _tag: "Audio", audio })
  )
}

/**
 * Swaps the type of every leaf: strings become numbers, numbers and booleans become strings.
 *
 * @internal
 */
export const violateSchema = (value: unknown): unknown => {
  if (typeof value === "string") return value.length
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if (Array.isArray(value)) return value.map(violateSchema)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, violateSchema(v)]))
  }
  return value
}

/** The first `limit` bytes of a stream. */
const truncate = (body: Stream.Stream<Uint8Array>, limit: number): Stream.Stream<Uint8Array> =>
  Stream.suspend(() => {
    let sent = 0
    return body.pipe(
      Stream.takeWhile(() => sent < limit),
      Stream.map((chunk) => {
        const part = chunk.subarray(0, Math.max(0, limit - sent))
        sent += part.length
        return part
      })
    )
  })

interface Rendered {
  readonly status: number
  readonly text: string
  readonly headers: Record<string, string>
}

const render = (answer: Reply, fault: Fault.Fault | undefined): Rendered => {
  const headers = { ...answer.headers }
  const text = JSON.stringify(answer.json)
  if (fault === undefined) return { status: answer.status, text, headers }
  switch (fault._tag) {
    case "MalformedBody":
      return { status: fault.status, text: fault.body, headers }
    case "TruncatedJson":
      return { status: answer.status, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), headers }
    case "SchemaViolation":
      return { status: answer.status, text: JSON.stringify(violateSchema(answer.json)), headers }
    default:
      return { status: answer.status, text, headers }
  }
}

/** The `dg-error` header of a refused upgrade: the error message of the body (header-safe). */
const dgError = (answer: Reply, status: number): string => {
  const json = answer.json
  const message = json !== null && typeof json === "object" && "err_msg" in json && typeof json.err_msg === "string"
    ? json.err_msg
    : `HTTP ${status}`
  return message.replace(/[^\x20-\x7e]/g, " ")
}

/**
 * Runs one request through the pipeline and the endpoint's handler.
 *
 * @internal
 */
export const run = (state: State, endpoint: Endpoint) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const arrivedMillis = yield* Clock.currentTimeMillis
    const arrived = new Date(arrivedMillis)
    const requestId = randomUUID()
    const { path, query } = parseQuery(request.url)
    const credential = credentialOf(request)
    const upgrade = request.headers["upgrade"] !== undefined
    const fault = yield* takeFault(state, path, upgrade)

    const journal = (fields: {
      readonly body: Body | undefined
      readonly status: number | undefined
      readonly audio: AudioInfo | undefined
      readonly authenticated: boolean
      readonly socket?: SocketInfo | undefined
      readonly characters?: number | undefined
    }) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const body = fields.body
        const entry: Omit<Entry, "seq"> = {
          requestId,
          timestamp: arrived,
          method: request.method,
          path,
          query,
          headers: headerRecord(request),
          authScheme: credential.scheme,
          authenticated: fields.authenticated,
          accessor: state.manage.accessorOf(credential),
          bodySize: body?._tag === "Json"
            ? body.size
            : body?._tag === "Audio"
            ? body.audio.size
            : fields.audio?.size ?? 0,
          sha256: body?._tag === "Json"
            ? body.sha256
            : body?._tag === "Audio"
            ? body.audio.sha256
            : fields.audio?.sha256,
          audio: fields.audio ?? (body?._tag === "Audio" ? body.audio : undefined),
          fault: fault?._tag,
          status: fields.status,
          durationMillis: now - arrivedMillis,
          ...(fields.socket !== undefined ? { socket: fields.socket } : {}),
          ...(fields.characters !== undefined ? { characters: fields.characters } : {})
        }
        yield* record(state, entry)
        if (state.logRequests) {
          yield* Effect.logInfo(
            `${request.method} ${path} -> ${fields.status ?? "dropped"}${fault ? ` (fault ${fault._tag})` : ""}`
          )
        }
      })

    // A body that cannot be read means the client went away: record it, there is no one to answer.
    const body = yield* readBody(endpoint.body, request, query).pipe(
      Effect.catchAll(() =>
        Effect.zipRight(
          journal({ body: undefined, status: undefined, audio: undefined, authenticated: false }),
          Effect.interrupt
        )
      )
    )

    const latency = Duration.sum(
      yield* state.latency,
      fault?._tag === "Latency" ? fault.duration : Duration.zero
    )
    if (Duration.greaterThan(latency, Duration.zero)) {
      yield* Effect.sleep(latency)
    }

    const authenticated = !endpoint.authenticate || state.auth.check(credential, yield* Clock.currentTimeMillis)

    if (fault?._tag === "Drop") {
      yield* journal({ body, status: undefined, audio: undefined, authenticated })
      yield* Effect.sync(() => incomingMessage(request).socket.destroy())
      return yield* Effect.interrupt
    }

    let answer: Reply
    if (fault?._tag === "Status") {
      const retryAfter = fault.retryAfter
      answer = reply(
        fault.status,
        fault.body !== undefined ? fault.body : errorForStatus(fault.status, requestId),
        retryAfter !== undefined ? { headers: { "retry-after": String(Math.max(0, Math.ceil(retryAfter))) } } : {}
      )
    } else if (!authenticated) {
      answer = reply(401, invalidAuth(requestId))
    } else {
      answer = yield* endpoint.handle({
        state,
        requestId,
        arrived,
        request,
        path,
        query,
        credential,
        body,
        fault,
        recordSession: (session) =>
          journal({
            body,
            status: 101,
            audio: session.audio,
            authenticated,
            socket: session.socket,
            characters: session.characters
          })
      })
    }

    const rendered = render(answer, fault)
    if (answer.journaled !== true) {
      yield* journal({
        body,
        status: rendered.status,
        audio: answer.audio,
        authenticated,
        characters: answer.characters
      })
    }
    if (answer.after !== undefined) {
      yield* Effect.forkIn(answer.after, state.background)
    }
    // A refused upgrade leaves the connection in an unknown state: never let the client reuse it. Deepgram
    // explains the refusal in a `dg-error` header, since browsers cannot read the body of a refused upgrade.
    const refused = upgrade && rendered.status !== 101
      ? { connection: "close", "dg-error": dgError(answer, rendered.status) }
      : {}
    const streamed = answer.stream
    if (
      streamed !== undefined &&
      (fault === undefined || fault._tag === "Latency" || fault._tag === "TruncatedJson")
    ) {
      const body = fault?._tag === "TruncatedJson"
        ? truncate(streamed.body, Math.floor(streamed.size / 2))
        : streamed.body
      return HttpServerResponse.stream(body, {
        status: rendered.status,
        contentType: streamed.contentType,
        headers: { ...rendered.headers, "dg-request-id": requestId }
      })
    }
    return HttpServerResponse.text(rendered.text, {
      status: rendered.status,
      contentType: "application/json",
      headers: { ...rendered.headers, ...refused, "dg-request-id": requestId }
    })
  })
