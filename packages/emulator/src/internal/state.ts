/**
 * Mutable state shared by the emulator's service and its request handlers.
 *
 * @internal
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Chunk from "effect/Chunk"
import type * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type { AgentTrigger } from "../DeepgramEmulator.js"
import type * as Fault from "../Fault.js"
import { isSocketFault } from "../Fault.js"
import type * as Journal from "../Journal.js"
import type { Segment } from "../Transcript.js"
import type { Authenticator } from "./auth.js"
import type { LiveStreams } from "./liveResume.js"
import type { ManageState } from "./manageState.js"
import type { LiveKey } from "./registry.js"
import type { SocketServer } from "./socket.js"

/** @internal */
export interface QueuedFault {
  readonly fault: Fault.Fault
  /** Only requests to this path consume the fault. */
  readonly path: string | undefined
}

/**
 * A WebSocket session that has not recorded its journal entry yet.
 *
 * @internal
 */
export interface OpenSession {
  /** Whether the connection is still open (neither side has started closing it). */
  readonly open: () => boolean
  /** Completed once the session's journal entry has been recorded. */
  readonly recorded: Deferred.Deferred<void>
}

/** @internal */
export interface State {
  readonly auth: Authenticator
  readonly journal: Ref.Ref<Chunk.Chunk<Journal.Entry>>
  /** The journal keeps at most this many entries (the oldest are dropped). */
  readonly journalLimit: number
  readonly seq: Ref.Ref<number>
  readonly faults: Ref.Ref<ReadonlyArray<QueuedFault>>
  readonly latency: Ref.Ref<Duration.Duration>
  readonly transcripts: Ref.Ref<ReadonlyMap<string, ReadonlyArray<Segment>>>
  /** Live fingerprints (first bytes of registered audio) to the audio's digest and duration. */
  readonly fingerprints: Ref.Ref<ReadonlyMap<string, LiveKey>>
  /** The script heard on live streams that match no registered audio. */
  readonly liveTranscript: ReadonlyArray<Segment> | undefined
  /** Live streams that a new connection may resume (after a drop) from the middle of their audio. */
  readonly liveStreams: LiveStreams
  /** `/v1/listen` streams close after this long without audio or a text message. */
  readonly liveTimeout: Duration.Duration
  /** `/v2/listen` streams close after this long without audio or a ping. */
  readonly fluxTimeout: Duration.Duration
  /** `/v1/agent/converse` sessions end after this long without audio or a text message. */
  readonly agentTimeout: Duration.Duration
  /** Phrases that make the emulated agent call a function. */
  readonly agentTriggers: ReadonlyArray<AgentTrigger>
  /** `/v1/speak` and `/v2/speak` WebSockets close after this long without a message. */
  readonly speakTimeout: Duration.Duration
  /** Speak WebSocket audio pace, as a multiple of real time (0: unpaced). */
  readonly speakPace: number
  /** The WebSocket server that accepted upgrades are handed to. */
  readonly sockets: SocketServer
  /** Sessions still running: reading the journal waits for those whose connection is closing. */
  readonly sessions: Set<OpenSession>
  /** Work that outlives a request (callback deliveries); interrupted when the emulator stops. */
  readonly background: Scope.Scope
  /** Client used to fetch `{ url }` audio and to deliver callbacks. */
  readonly client: HttpClient.HttpClient
  readonly logRequests: boolean
  readonly callbackTimeout: Duration.Duration
  readonly fetchTimeout: Duration.Duration
  /** Projects, keys, members, ... served by the management routes. */
  readonly manage: ManageState
}

/**
 * Takes the first queued fault that applies to `path` (socket faults only apply to WebSocket upgrades).
 *
 * @internal
 */
export const takeFault = (state: State, path: string, upgrade: boolean): Effect.Effect<Fault.Fault | undefined> =>
  Ref.modify(state.faults, (queue) => {
    const index = queue.findIndex((queued) =>
      (queued.path === undefined || queued.path === path) && (upgrade || !isSocketFault(queued.fault))
    )
    if (index < 0) return [undefined, queue]
    return [queue[index]!.fault, [...queue.slice(0, index), ...queue.slice(index + 1)]]
  })

/**
 * Appends an entry to the journal, numbering it.
 *
 * @internal
 */
export const record = (state: State, entry: Omit<Journal.Entry, "seq">): Effect.Effect<void> =>
  Effect.flatMap(
    Ref.updateAndGet(state.seq, (n) => n + 1),
    (seq) =>
      Ref.update(state.journal, (entries) => {
        const appended = Chunk.append(entries, { seq, ...entry })
        return Chunk.size(appended) > state.journalLimit ? Chunk.takeRight(appended, state.journalLimit) : appended
      })
  )
