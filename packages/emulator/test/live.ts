/**
 * A plain `ws` client for the emulator's WebSocket channels, wrapped in Effect for the tests.
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as fs from "node:fs"
import type { IncomingHttpHeaders } from "node:http"
import { WebSocket } from "ws"
import { spacewalkPath } from "./utils.js"

export const spacewalk: Uint8Array = new Uint8Array(fs.readFileSync(spacewalkPath))

/** The samples of spacewalk.wav without the 44-byte header (mono, 16-bit, 44.1 kHz). */
export const spacewalkPcm: Uint8Array = spacewalk.subarray(44)

export const spacewalkSentences = [
  "Yeah, as much as it's worth celebrating the first spacewalk with an all-female team, I think many of us are " +
  "looking forward to it just being normal.",
  "And I think if it signifies anything, it is to honor the women who came before us who were skilled and " +
  "qualified and didn't get the same opportunities that we have today."
]

export interface Closed {
  readonly code: number
  readonly reason: string
}

export interface Refused {
  readonly _tag: "Refused"
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

export interface Client {
  readonly ws: WebSocket
  /** Headers of the `101` answer. */
  readonly headers: IncomingHttpHeaders
  /** Text frames received so far, parsed (a frame that is not JSON is kept as a string). */
  readonly messages: Array<unknown>
  /** Text frames received so far, as sent. */
  readonly frames: Array<string>
  /** Binary frames received so far (audio). */
  readonly binary: Array<Uint8Array>
  /** Every frame in order: the `type` of a text frame, `"<audio>"` for a binary frame. */
  readonly timeline: Array<string>
  readonly send: (data: string | Uint8Array | object) => Effect.Effect<void>
  /** Resolves when the connection has closed. */
  readonly closed: Effect.Effect<Closed>
  /** Waits until a received message satisfies the predicate (fails the test after `timeout`). */
  readonly waitFor: (
    predicate: (message: unknown) => boolean,
    timeout?: Duration.DurationInput
  ) => Effect.Effect<unknown>
}

export interface ConnectOptions {
  readonly headers?: Record<string, string> | undefined
  readonly protocols?: ReadonlyArray<string> | undefined
}

/**
 * Opens a WebSocket; fails with the refusal (status, headers, body) when the handshake is refused. The socket is
 * terminated when the scope closes.
 */
export const connect = (
  url: string,
  options: ConnectOptions = { headers: { authorization: "Token test-key" } }
): Effect.Effect<Client, Refused, Scope.Scope> =>
  Effect.gen(function*() {
    const closed = yield* Deferred.make<Closed>()
    const changed = { notify: () => {} }
    const messages: Array<unknown> = []
    const frames: Array<string> = []
    const binary: Array<Uint8Array> = []
    const timeline: Array<string> = []
    const opened = yield* Effect.acquireRelease(
      Effect.async<{ ws: WebSocket; headers: IncomingHttpHeaders }, Refused>((resume) => {
        const ws = new WebSocket(url, options.protocols !== undefined ? [...options.protocols] : [], {
          headers: options.headers ?? {}
        })
        let headers: IncomingHttpHeaders = {}
        ws.on("upgrade", (response) => {
          headers = response.headers
        })
        ws.on("unexpected-response", (_request, response) => {
          const chunks: Array<Buffer> = []
          response.on("data", (chunk: Buffer) => chunks.push(chunk))
          response.on("end", () => {
            resume(Effect.fail({
              _tag: "Refused",
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8")
            }))
            ws.terminate()
          })
        })
        ws.on("message", (data, isBinary) => {
          if (isBinary) {
            binary.push(new Uint8Array(data as Buffer))
            timeline.push("<audio>")
            changed.notify()
            return
          }
          const text = data.toString()
          frames.push(text)
          try {
            messages.push(JSON.parse(text))
          } catch {
            messages.push(text)
          }
          timeline.push(typeOf(messages[messages.length - 1]) ?? "<text>")
          changed.notify()
        })
        ws.on("error", () => {})
        ws.on("close", (code, reason) => {
          Deferred.unsafeDone(closed, Effect.succeed({ code, reason: reason.toString() }))
          changed.notify()
        })
        ws.on("open", () => resume(Effect.succeed({ ws, headers })))
      }),
      ({ ws }) => Effect.sync(() => ws.terminate())
    )
    const { ws } = opened
    const waitFor = (predicate: (message: unknown) => boolean, timeout: Duration.DurationInput = "5 seconds") =>
      Effect.async<unknown>((resume) => {
        const check = () => {
          const found = messages.find(predicate)
          if (found !== undefined) {
            changed.notify = () => {}
            resume(Effect.succeed(found))
          }
        }
        changed.notify = check
        check()
      }).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => new Error(`no matching message within ${Duration.format(Duration.decode(timeout))}`)
        }),
        Effect.orDie
      )
    return {
      ws,
      headers: opened.headers,
      messages,
      frames,
      binary,
      timeline,
      send: (data) =>
        Effect.async<void>((resume) => {
          const payload = typeof data === "string" || data instanceof Uint8Array ? data : JSON.stringify(data)
          ws.send(payload, () => resume(Effect.void))
        }),
      closed: Deferred.await(closed),
      waitFor
    }
  })

/** Sends audio in chunks, as fast as the socket takes it (yielding now and then). */
export const stream = (client: Client, audio: Uint8Array, chunkSize = 8192): Effect.Effect<void> =>
  Effect.gen(function*() {
    for (let offset = 0; offset < audio.length; offset += chunkSize) {
      yield* client.send(audio.subarray(offset, offset + chunkSize))
    }
  })

/** Raw 16-bit silence. */
export const silence = (seconds: number, sampleRate = 16000): Uint8Array =>
  new Uint8Array(Math.round(seconds * sampleRate) * 2)

/** The `type` of a parsed message. */
export const typeOf = (message: unknown): string | undefined =>
  message !== null && typeof message === "object" && "type" in message && typeof message.type === "string"
    ? message.type
    : undefined
