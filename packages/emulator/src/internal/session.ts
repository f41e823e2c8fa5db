/**
 * What the live channels (`/v1/listen`, `/v2/listen`) share: the session type, recognising the audio, reading
 * control messages, waiting for frames with a deadline.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import type { AudioInfo } from "../Journal.js"
import type { Word } from "./layout.js"
import { layout } from "./layout.js"
import type { LiveAudio } from "./liveAudio.js"
import type { Resumable } from "./liveResume.js"
import type { Query } from "./params.js"
import type { RequestContext } from "./pipeline.js"
import type { Connection, Incoming } from "./socket.js"
import type { State } from "./state.js"

/**
 * An accepted WebSocket connection and the handshake that opened it.
 *
 * @internal
 */
export interface Session {
  readonly context: RequestContext
  readonly connection: Connection
  /** Counts characters of text synthesized on the connection, for the journal. */
  readonly addCharacters: (characters: number) => void
}

/**
 * One emulated channel.
 *
 * @internal
 */
export interface ChannelSpec {
  /** Checks the query before the upgrade; a message refuses the handshake with 400 (and `dg-error`). */
  readonly validate: (query: Query) => Either.Either<void, string>
  /** Runs the session until the connection has closed; returns the audio received, for the journal. */
  readonly run: (session: Session) => Effect.Effect<AudioInfo | undefined>
}

/**
 * Deepgram's close reason when a stream gets neither audio nor a text message for too long (code 1011).
 *
 * @internal
 */
export const net0001 =
  "Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001"

/** The seed of the default live script's layout (its confidences do not depend on the audio). */
const liveSeed = "emulator-live-transcript"

/**
 * The words heard on a live stream whose first bytes have `fingerprint`: the registered audio with that
 * fingerprint (laid out over its real duration, exactly like a pre-recorded request), else the default live
 * script (at a natural pace from the start of the stream), else none.
 *
 * @internal
 */
export const liveWords = (state: State, fingerprint: string): Effect.Effect<ReadonlyArray<Word>> =>
  Effect.map(registeredWords(state, fingerprint), (words) => words ?? defaultLiveWords(state))

/**
 * Tells a live engine (`/v1/listen` or Flux) which words its connection hears, once audio has arrived: the
 * registered audio's, or a remembered stream's that the connection resumes (see liveResume.ts), else the default
 * script. Does nothing before any audio (a Finalize or Configure may come first) or once the engine knows.
 *
 * @internal
 */
export const identifyLive = (
  state: State,
  audio: LiveAudio,
  resumable: Resumable,
  engine: {
    readonly identified: () => boolean
    readonly identify: (words: ReadonlyArray<Word>, offset?: number) => void
  }
): Effect.Effect<void> =>
  Effect.suspend(() => {
    if (engine.identified() || audio.bytes() === 0) return Effect.void
    return Effect.map(registeredWords(state, audio.fingerprint()), (registered) => {
      const { offset, words } = resumable.recognise(registered, () => defaultLiveWords(state), audio.kind() === "raw")
      engine.identify(words, offset)
    })
  })

/**
 * The words of the registered audio whose first bytes have `fingerprint`, if any.
 *
 * @internal
 */
export const registeredWords = (state: State, fingerprint: string): Effect.Effect<ReadonlyArray<Word> | undefined> =>
  Effect.gen(function*() {
    const key = (yield* Ref.get(state.fingerprints)).get(fingerprint)
    if (key === undefined) return undefined
    const segments = (yield* Ref.get(state.transcripts)).get(key.sha256)
    return segments === undefined ? undefined : layout(segments, key.duration, key.sha256)
  })

/**
 * The words of a live stream that matches no registered audio: the default live script, else none.
 *
 * @internal
 */
export const defaultLiveWords = (state: State): ReadonlyArray<Word> =>
  state.liveTranscript !== undefined ? layout(state.liveTranscript, 0, liveSeed) : []

/**
 * A text frame: a JSON object with a string `type`, or the reason it is not one.
 *
 * @internal
 */
export type Control =
  | { readonly _tag: "Message"; readonly type: string; readonly value: Readonly<Record<string, unknown>> }
  | { readonly _tag: "Invalid"; readonly reason: string }

/** @internal */
export const parseControl = (text: string): Control => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { _tag: "Invalid", reason: "DATA-0000: The text message could not be parsed as JSON." }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { _tag: "Invalid", reason: "DATA-0000: The text message is not a JSON object." }
  }
  const type = (value as Record<string, unknown>)["type"]
  if (typeof type !== "string") {
    return { _tag: "Invalid", reason: "DATA-0000: The text message has no `type`." }
  }
  return { _tag: "Message", type, value: value as Record<string, unknown> }
}

/**
 * The close reason for a message type the channel does not know (a close frame's reason is at most 123 bytes).
 *
 * @internal
 */
export const unknownType = (type: string): string =>
  `MESSAGE-0000: Unknown message type "${type.length > 40 ? `${type.slice(0, 40)}…` : type}".`

/**
 * The next frame, or `undefined` when `deadline` (epoch millis) passes first; without a deadline, waits for the
 * next frame (the connection always ends with `Closed`).
 *
 * @internal
 */
export const nextFrame = (
  connection: Connection,
  deadline: number | undefined
): Effect.Effect<Incoming | undefined> =>
  deadline === undefined
    ? Queue.take(connection.incoming)
    : Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Queue.take(connection.incoming).pipe(
        Effect.timeoutOption(Duration.millis(Math.max(0, deadline - now))),
        Effect.map(Option.getOrUndefined)
      ))

/**
 * Serves a live connection's frames until it has closed: closes with 1011 NET-0001 when no frame arrives within
 * `timeoutMillis` (pings count only when `pingKeepsAlive`), ignores what arrives once the server is closing, and
 * hands every audio and text frame to `handle`.
 *
 * @internal
 */
export const serveFrames = <E, R>(
  connection: Connection,
  timeoutMillis: number,
  pingKeepsAlive: boolean,
  handle: (frame: Extract<Incoming, { readonly _tag: "Binary" | "Text" }>, now: number) => Effect.Effect<void, E, R>,
  onTimeout: Effect.Effect<void, E, R> = connection.close(1011, net0001)
): Effect.Effect<void, E, R> =>
  Effect.gen(function*() {
    let deadline = (yield* Clock.currentTimeMillis) + timeoutMillis
    for (;;) {
      const frame = yield* nextFrame(connection, connection.closing() ? undefined : deadline)
      const now = yield* Clock.currentTimeMillis
      if (frame === undefined) {
        yield* onTimeout
        if (!connection.closing()) yield* connection.close(1011, net0001)
        continue
      }
      if (frame._tag === "Closed") return
      if (connection.closing()) continue
      if (frame._tag === "Ping") {
        if (pingKeepsAlive) deadline = now + timeoutMillis
        continue
      }
      deadline = now + timeoutMillis
      yield* handle(frame, now)
    }
  })

/**
 * Rounds seconds to milliseconds.
 *
 * @internal
 */
export const seconds = (n: number): number => Math.round(n * 1000) / 1000
