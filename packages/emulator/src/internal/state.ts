/**
 * Mutable state shared by the emulator's service and its request handlers.
 *
 * @internal
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type * as Fault from "../Fault.js"
import type * as Journal from "../Journal.js"
import type { Segment } from "../Transcript.js"
import type { Authenticator } from "./auth.js"

/** @internal */
export interface QueuedFault {
  readonly fault: Fault.Fault
  /** Only requests to this path consume the fault. */
  readonly path: string | undefined
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
  /** Work that outlives a request (callback deliveries); interrupted when the emulator stops. */
  readonly background: Scope.Scope
  /** Client used to fetch `{ url }` audio and to deliver callbacks. */
  readonly client: HttpClient.HttpClient
  readonly logRequests: boolean
  readonly callbackTimeout: Duration.Duration
  readonly fetchTimeout: Duration.Duration
}

/**
 * Takes the first queued fault that applies to `path`.
 *
 * @internal
 */
export const takeFault = (state: State, path: string): Effect.Effect<Fault.Fault | undefined> =>
  Ref.modify(state.faults, (queue) => {
    const index = queue.findIndex((queued) => queued.path === undefined || queued.path === path)
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
