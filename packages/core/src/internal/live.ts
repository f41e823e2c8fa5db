// internal
import * as Cause from "effect/Cause"
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import { identity } from "effect/Function"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { DeepgramConfig } from "../DeepgramConfig.js"
import { type DeepgramError, DeepgramInputError, DeepgramSocketError } from "../DeepgramError.js"
import { type CloseEvent, DeepgramDialer } from "../DeepgramSocket.js"
import { type ChannelSpec, type ConnectOptions, type Link, openLink } from "./channel.js"

/**
 * The reconnect policy of a live stream (see the README's "Reconnect"
 * section).
 */
export interface ReconnectPolicy {
  /** Attempts per interruption before giving up (5); the count starts again after each successful reconnect. */
  readonly retries?: number | undefined
  /** The first backoff delay (100 ms); it doubles per attempt, with jitter, up to `maxDelay`. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** The longest backoff delay (5 s). */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** How much audio is kept for replay, counted from the last audio the server covered with final results (30 s). */
  readonly replayBuffer?: Duration.DurationInput | undefined
  /** Close codes that reconnect (1006 drop, 1011 server error, 1012 restart, 1013 try again later, 1014). */
  readonly closeCodes?: ReadonlyArray<number> | undefined
}

/**
 * The event a reconnecting stream emits after each reconnection, between the
 * events of the old connection and those of the new one.
 */
export interface Reconnected {
  readonly type: "Reconnected"
  /** How many reconnections this stream has made so far. */
  readonly reconnects: number
  /** How many attempts this one took. */
  readonly attempts: number
  /** How the previous connection ended. */
  readonly code: number
  readonly reason: string
  /** Where the new connection starts on the stream's audio timeline, in seconds; its timestamps are shifted by it. */
  readonly offset: number
  /** Audio sent again: what the server had not covered with final results. */
  readonly replayedBytes: number
  /** Uncovered audio that had already left the bounded replay buffer and could not be sent again (0 unless the buffer was too small). */
  readonly lostBytes: number
}

/**
 * What a channel tells the reconnecting stream: how far a message covers the
 * connection's audio with final results, and how to shift a message from a
 * later connection onto the stream's timeline.
 */
export interface Resume<Server> {
  /** Seconds of the connection's audio that are final once this message has arrived, if it says. */
  readonly covered: (message: Server) => number | undefined
  /** The message with its times moved by `offset` seconds (and counters by the earlier connections' counts). */
  readonly rebase: (message: Server, offset: number, state: RebaseState) => Server
}

/** Counters carried across connections (Flux turn indexes). */
export interface RebaseState {
  turnBase: number
  turnsSeen: number
}

/** What the stream form needs to know about the audio to reconnect: its byte rate and frame size. */
export interface RawAudio {
  readonly bytesPerSecond: number
  readonly frameBytes: number
}

export interface DuplexOptions<Server> {
  /** Checks the first non-empty audio chunk (raw audio needs `encoding`). */
  readonly firstChunk?: ((chunk: Uint8Array) => Effect.Effect<void, DeepgramInputError>) | undefined
  /** The audio's byte rate, when it is raw audio of a known format (needed by `reconnect`). */
  readonly audio?: RawAudio | undefined
  /** Reconnect on drops and retryable closes. */
  readonly reconnect?:
    | {
      readonly policy: ReconnectPolicy
      readonly resume: Resume<Server>
    }
    | undefined
}

const RETRYABLE = [1006, 1011, 1012, 1013, 1014]

const bytesText = (n: number) => `${n.toLocaleString("en-US")} bytes`

const isBytes = (item: unknown): item is Uint8Array => item instanceof Uint8Array

/**
 * The stream form of a channel. The input (audio as `Uint8Array`, other client
 * messages as typed values) is pulled by one fiber that writes each item to
 * the socket as it comes, with the socket's own backpressure; events are read
 * a batch at a time from the socket's inbox. When the input ends, the
 * channel's close message is sent and events keep flowing until the server
 * closes. If the input or a send fails, the socket is closed and, after every
 * event received until then, the stream fails with that error. If the server
 * closes, with any code, before the input has been sent, the stream fails
 * with an error that says how much audio was sent — or, with `reconnect`,
 * reconnects and replays what the server had not covered.
 */
export const setup = <Server, E, Client = never>(
  spec: ChannelSpec<Server, Client>,
  input: Stream.Stream<Uint8Array | Client, E>,
  options: ConnectOptions,
  duplexOptions: DuplexOptions<Server> = {}
): Effect.Effect<
  Effect.Effect<Chunk.Chunk<Server | Reconnected>, Option.Option<DeepgramError | E>>,
  DeepgramError,
  Scope.Scope | DeepgramConfig | DeepgramDialer
> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const context = Context.pick(DeepgramConfig, DeepgramDialer)(yield* Effect.context<DeepgramConfig | DeepgramDialer>())
    const reconnect = duplexOptions.reconnect
    const audio = duplexOptions.audio
    if (reconnect !== undefined && audio === undefined) {
      return yield* new DeepgramInputError({
        reason: "InvalidOptions",
        detail:
          "reconnect replays raw audio, so it needs `encoding` (linear16, linear32, mulaw or alaw) and `sample_rate`"
      })
    }
    const policy = reconnect?.policy ?? {}
    const retries = Math.max(0, policy.retries ?? 5)
    const baseDelay = Duration.toMillis(Duration.decode(policy.baseDelay ?? "100 millis"))
    const maxDelay = Duration.toMillis(Duration.decode(policy.maxDelay ?? "5 seconds"))
    const retryCodes = policy.closeCodes ?? RETRYABLE
    const replayLimit = audio === undefined
      ? 0
      : Math.ceil(Duration.toSeconds(Duration.decode(policy.replayBuffer ?? "30 seconds")) * audio.bytesPerSecond)

    // --- state shared by the writer fiber and the event reader -------------------------------------------
    let link: Link<Server, Client> | undefined
    let linkScope: Scope.CloseableScope | undefined
    let alive = false
    // A failure of the input or of encoding; reported after the events received before it.
    let failure: Option.Option<DeepgramError | E> = Option.none()
    let sendFailure: DeepgramSocketError | undefined
    let inputEnded = false
    let sentBytes = 0
    let unsentBytes = 0
    let checked = duplexOptions.firstChunk === undefined
    // The writer waits for the first connection with a plain callback (no Deferred).
    let onOpened: (() => void) | undefined
    const waitForOpen = Effect.async<void>((resume) => {
      if (link !== undefined) resume(Effect.void)
      else onOpened = () => resume(Effect.void)
    })
    let relinked: Deferred.Deferred<void> | undefined

    // Replay buffer (reconnect only): the input's audio from `bufferStart` on, as chunks.
    let buffer: Array<Uint8Array> = []
    let bufferHead = 0
    let bufferStart = 0
    let bufferBytes = 0
    let written = 0
    let covered = 0
    let linkStart = 0
    let reconnects = 0
    const rebaseState: RebaseState = { turnBase: 0, turnsSeen: 0 }

    const remember = (bytes: Uint8Array) => {
      buffer.push(bytes)
      bufferBytes += bytes.byteLength
      written += bytes.byteLength
      while (bufferBytes - buffer[bufferHead]!.byteLength >= replayLimit && bufferHead < buffer.length - 1) {
        const dropped = buffer[bufferHead++]!
        bufferBytes -= dropped.byteLength
        bufferStart += dropped.byteLength
      }
      if (bufferHead > 1024) {
        buffer = buffer.slice(bufferHead)
        bufferHead = 0
      }
    }
    const trimTo = (position: number) => {
      while (bufferHead < buffer.length && bufferStart + buffer[bufferHead]!.byteLength <= position) {
        const dropped = buffer[bufferHead++]!
        bufferBytes -= dropped.byteLength
        bufferStart += dropped.byteLength
      }
    }

    const fail = (error: DeepgramError | E) =>
      Effect.suspend(() => {
        if (error instanceof DeepgramSocketError && error.reason === "Send") sendFailure ??= error
        else if (Option.isNone(failure)) failure = Option.some(error)
        return link === undefined ? Effect.void : link.abort
      })

    // --- the writer: one fiber pulls the input and writes each item as it comes ---------------------------
    const waitForLink = Effect.suspend(() => {
      relinked ??= Deferred.unsafeMake<void>(undefined as never)
      return Deferred.await(relinked)
    })
    // Writes a chunk of the input at once; returns what is left to wait for (the first connection, the
    // first-chunk check, a reconnection, a congested socket) or `undefined` when there is nothing.
    const write = (chunk: Chunk.Chunk<Uint8Array | Client>): Effect.Effect<void, DeepgramError> | undefined => {
      if (link === undefined) return Effect.zipRight(waitForOpen, Effect.suspend(() => write(chunk) ?? Effect.void))
      if (!checked) {
        const first = Chunk.findFirst(chunk, (item): item is Uint8Array => isBytes(item) && item.byteLength > 0)
        if (Option.isSome(first)) {
          checked = true
          return Effect.zipRight(duplexOptions.firstChunk!(first.value), Effect.suspend(() => write(chunk) ?? Effect.void))
        }
      }
      const current = link
      const n = chunk.length
      for (let i = 0; i < n; i++) {
        const item = Chunk.unsafeGet(chunk, i)
        if (isBytes(item)) {
          if (item.byteLength === 0) continue
          if (reconnect !== undefined) remember(item)
          if (!alive) continue
          const error = current.trySendBinary(item)
          if (error === undefined) {
            sentBytes += item.byteLength
            continue
          }
          if (reconnect !== undefined) {
            alive = false
            continue
          }
          for (let j = i; j < n; j++) {
            const rest = Chunk.unsafeGet(chunk, j)
            if (isBytes(rest)) unsentBytes += rest.byteLength
          }
          return Effect.fail(error)
        }
        if (!alive) continue
        const error = current.trySendMessage(item as Client)
        if (error !== undefined) {
          if (reconnect !== undefined && error._tag === "DeepgramSocketError") {
            alive = false
            continue
          }
          return Effect.fail(error)
        }
      }
      if (!alive) return waitForLink
      return current.raw.congested() ? current.raw.drain : undefined
    }
    const endInput: Effect.Effect<void, DeepgramError> = Effect.suspend(() => {
      inputEnded = true
      return link === undefined || !alive ? Effect.void : link.close
    })
    // The input's own pull, driven by a plain loop: no sink or extra channel between it and the socket,
    // and one continuation per chunk when the socket takes it at once.
    const pullInput = yield* Channel.toPullIn(Stream.toChannel(input), scope)
    const step = (item: Either.Either<Chunk.Chunk<Uint8Array | Client>, unknown>): Effect.Effect<void, DeepgramError | E> => {
      if (Either.isLeft(item)) return endInput
      const wait = write(item.right)
      return wait === undefined ? loop : Effect.zipRight(wait, loop)
    }
    const loop: Effect.Effect<void, DeepgramError | E> = Effect.flatMap(pullInput, step)
    yield* loop.pipe(Effect.catchAll(fail), Effect.forkScoped)

    // --- connections ----------------------------------------------------------------------------------
    const connectOnce = Effect.gen(function*() {
      const child = yield* Scope.fork(scope, ExecutionStrategy.sequential)
      const next = yield* openLink(spec, options).pipe(
        Scope.extend(child),
        Effect.provide(context),
        Effect.onError((cause) => Scope.close(child, Exit.failCause(cause)))
      )
      return [next, child] as const
    })

    // Without reconnect the connection lives in the stream's own scope; with it, in a child scope per connection.
    if (reconnect === undefined) {
      link = yield* openLink(spec, options)
    } else {
      const [first, firstScope] = yield* connectOnce
      link = first
      linkScope = firstScope
    }
    alive = true
    if (onOpened !== undefined) {
      const opened = onOpened
      onOpened = undefined
      opened()
    }
    if (Option.isSome(failure)) {
      return Effect.fail(failure) as Effect.Effect<Chunk.Chunk<Server | Reconnected>, Option.Option<DeepgramError | E>>
    }

    const audioError = (error: DeepgramSocketError, closeEvent: CloseEvent | undefined, clean: boolean) => {
      const seconds = audio === undefined ? "" : ` (${(sentBytes / audio.bytesPerSecond).toFixed(1)} s)`
      const pending = unsentBytes > 0 ? `, ${bytesText(unsentBytes)} read from the input but not sent` : ""
      const detail = clean
        ? `the server closed the connection before all the input was sent: ${bytesText(sentBytes)} of audio sent${seconds}${pending}; the rest of the input was not delivered`
        : `${error.detail}; the input was not all sent: ${bytesText(sentBytes)} of audio sent${seconds}${pending}`
      return new DeepgramSocketError({
        ...error,
        reason: clean ? "Incomplete" : error.reason,
        code: error.code ?? closeEvent?.code,
        closeReason: error.closeReason ?? closeEvent?.reason,
        detail,
        audio: { sentBytes, unsentBytes },
        ...(sendFailure === undefined ? {} : { cause: error.cause ?? sendFailure })
      })
    }

    // --- reconnecting ----------------------------------------------------------------------------------
    const backoff = (attempt: number) => {
      const exp = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1))
      return Math.round(exp * (0.5 + Math.random() * 0.5))
    }
    const reconnectAfter = (closeEvent: CloseEvent, cause: DeepgramSocketError) =>
      Effect.gen(function*() {
        alive = false
        if (linkScope !== undefined) yield* Scope.close(linkScope, Exit.void)
        let lastError: DeepgramError = cause
        for (let attempt = 1; attempt <= retries; attempt++) {
          yield* Effect.sleep(backoff(attempt))
          const result = yield* Effect.either(connectOnce)
          if (result._tag === "Left") {
            lastError = result.left
            // A refused handshake with a client error (bad credentials, bad options) will not get better.
            if (
              result.left._tag === "DeepgramHandshakeError" && result.left.status !== undefined &&
              result.left.status >= 400 && result.left.status < 500 && result.left.status !== 408 &&
              result.left.status !== 429
            ) break
            continue
          }
          const [next, nextScope] = result.right
          reconnects++
          const frame = audio!.frameBytes
          const from = Math.max(covered, bufferStart)
          const start = from - (from % frame)
          const replayFrom = Math.max(start, bufferStart)
          const lostBytes = Math.max(0, bufferStart - covered)
          trimTo(replayFrom)
          let offsetInChunk = replayFrom - bufferStart
          let replayed = 0
          let sendError: DeepgramSocketError | undefined
          for (let i = bufferHead; i < buffer.length && sendError === undefined; i++) {
            const chunk = offsetInChunk > 0 ? buffer[i]!.subarray(offsetInChunk) : buffer[i]!
            offsetInChunk = 0
            sendError = next.trySendBinary(chunk)
            if (sendError === undefined) replayed += chunk.byteLength
          }
          link = next
          linkScope = nextScope
          linkStart = replayFrom
          covered = replayFrom
          alive = sendError === undefined
          rebaseState.turnBase += rebaseState.turnsSeen
          rebaseState.turnsSeen = 0
          if (alive && inputEnded) yield* Effect.ignore(next.close)
          if (relinked !== undefined) {
            const waiting = relinked
            relinked = undefined
            Deferred.unsafeDone(waiting, Effect.void)
          }
          const event: Reconnected = {
            type: "Reconnected",
            reconnects,
            attempts: attempt,
            code: closeEvent.code,
            reason: closeEvent.reason,
            offset: replayFrom / audio!.bytesPerSecond,
            replayedBytes: replayed,
            lostBytes
          }
          return Option.some(event)
        }
        return yield* Effect.fail(
          new DeepgramSocketError({
            ...cause,
            reason: "Reconnect",
            detail: `gave up reconnecting after ${retries} attempt${retries === 1 ? "" : "s"}: ${
              lastError.message
            }`,
            attempts: retries,
            cause: lastError
          })
        )
      })

    // --- events -------------------------------------------------------------------------------------------
    const resume = reconnect?.resume
    const track = (batch: Chunk.Chunk<Server>): Chunk.Chunk<Server | Reconnected> => {
      if (resume === undefined || audio === undefined) return batch
      const offset = linkStart / audio.bytesPerSecond
      const out: Array<Server> = []
      for (const message of batch) {
        const seconds = resume.covered(message)
        if (seconds !== undefined) {
          const position = Math.min(written, linkStart + Math.floor(seconds * audio.bytesPerSecond))
          if (position > covered) {
            covered = position
            trimTo(covered - (covered % audio.frameBytes))
          }
        }
        out.push(resume.rebase(message, offset, rebaseState))
      }
      return Chunk.unsafeFromArray(out)
    }

    const onEnd = (
      end: Option.Option<DeepgramSocketError>
    ): Effect.Effect<Chunk.Chunk<Server | Reconnected>, Option.Option<DeepgramError | E>> => {
      if (Option.isSome(failure)) return Effect.fail(failure)
      const current = link!
      const closeEvent = current.closed()
      const remaining = !inputEnded || !alive
      if (
        reconnect !== undefined && closeEvent !== undefined && Option.isSome(end) &&
        (end.value.reason === "Dropped" || end.value.reason === "Closed") && retryCodes.includes(closeEvent.code)
      ) {
        return reconnectAfter(closeEvent, end.value).pipe(
          Effect.map((event) => Chunk.unsafeFromArray(Option.toArray(event) as Array<Server | Reconnected>)),
          Effect.mapError(Option.some)
        )
      }
      if (!remaining || closeEvent === undefined) return Effect.fail(end)
      if (Option.isNone(end)) {
        return Effect.fail(Option.some(audioError(current.socketError("Incomplete", ""), closeEvent, true)))
      }
      return end.value.reason === "Closed" || end.value.reason === "Dropped"
        ? Effect.fail(Option.some(audioError(end.value, closeEvent, false)))
        : Effect.fail(end)
    }

    // Without reconnect, one link for the whole stream: its pull, ended by `onEnd`; `scopedPull` folds
    // its own step into it (see `fastPulls`).
    if (reconnect === undefined) {
      const only = link
      const pull = only.pullWith(identity, onEnd)
      const fastPull: FastPull<Server | Reconnected, DeepgramError | E> = (onBatch, onFailure) =>
        only.pullWith(onBatch, (end) => Effect.matchCause(onEnd(end), { onFailure, onSuccess: onBatch }))
      fastPulls.set(pull, fastPull as FastPull<unknown, unknown>)
      return pull
    }
    const pulls = new WeakMap<object, Effect.Effect<Chunk.Chunk<Server | Reconnected>, Option.Option<DeepgramError | E>>>()
    const pullOf = (current: Link<Server, Client>) => {
      let pull = pulls.get(current)
      if (pull === undefined) {
        pull = Effect.catchAll(Effect.map(current.pull, track), onEnd)
        pulls.set(current, pull)
      }
      return pull
    }
    let lastLink: Link<Server, Client> | undefined
    let lastPull: Effect.Effect<Chunk.Chunk<Server | Reconnected>, Option.Option<DeepgramError | E>> | undefined
    const pull = Effect.suspend(() => {
      if (link !== lastLink) {
        lastLink = link
        lastPull = pullOf(link!)
      }
      return lastPull!
    })
    return pull
  })

/**
 * A pull with the step that consumes it folded in: `onBatch` for a batch, `onFailure` for its end (a
 * `None` failure being a clean end); one Effect per batch, no layer around it.
 */
type FastPull<A, E> = <X>(
  onBatch: (batch: Chunk.Chunk<A>) => X,
  onFailure: (cause: Cause.Cause<Option.Option<E>>) => X
) => Effect.Effect<X>

/** The fast form of the pulls `setup` returns, for `scopedPull` (a pull mapped by its caller has none). */
const fastPulls = new WeakMap<object, FastPull<unknown, unknown>>()

/**
 * A stream over a pull that needs a scope: the scope is opened and closed by
 * the stream's own channel, and the pull is looped in that channel, so that
 * each batch crosses no stream layer but the consumer's.
 */
export const scopedPull = <A, E, R>(
  acquire: Effect.Effect<Effect.Effect<Chunk.Chunk<A>, Option.Option<E>>, E, R>
): Stream.Stream<A, E, Exclude<R, Scope.Scope>> => {
  type Step = Channel.Channel<Chunk.Chunk<A>, unknown, E, unknown, unknown, unknown>
  const loopOf = (pull: Effect.Effect<Chunk.Chunk<A>, Option.Option<E>>) => {
    const next = (): Step => loop
    const onFailure = (cause: Cause.Cause<Option.Option<E>>): Step =>
      Option.match(Cause.flipCauseOption(cause), { onNone: () => Channel.void, onSome: Channel.failCause })
    const onSuccess = (chunk: Chunk.Chunk<A>): Step => Channel.flatMap(Channel.write(chunk), next)
    const fast = fastPulls.get(pull) as FastPull<A, E> | undefined
    const step = fast !== undefined ? fast(onSuccess, onFailure) : Effect.matchCause(pull, { onFailure, onSuccess })
    const loop: Step = Channel.unwrap(step)
    return loop
  }
  return Stream.fromChannel(
    Channel.unwrap(Effect.map(Scope.make(), (scope) =>
      Channel.ensuringWith(
        Channel.unwrap(Effect.map(Scope.extend(acquire, scope), loopOf)),
        (exit) => Scope.close(scope, exit)
      )))
  ) as Stream.Stream<A, E, Exclude<R, Scope.Scope>>
}

/**
 * The stream form of a channel (see {@link setup}).
 */
export const duplex = <Server, E, Client = never>(
  spec: ChannelSpec<Server, Client>,
  input: Stream.Stream<Uint8Array | Client, E>,
  options: ConnectOptions,
  firstChunk?: (chunk: Uint8Array) => Effect.Effect<void, DeepgramInputError>
): Stream.Stream<Server, DeepgramError | E, DeepgramConfig | DeepgramDialer> =>
  scopedPull(setup(spec, input, options, { firstChunk })) as Stream.Stream<
    Server,
    DeepgramError | E,
    DeepgramConfig | DeepgramDialer
  >

const startsWith = (bytes: Uint8Array, ascii: string, offset = 0) => {
  if (bytes.byteLength < offset + ascii.length) return false
  for (let i = 0; i < ascii.length; i++) {
    if (bytes[offset + i] !== ascii.charCodeAt(i)) return false
  }
  return true
}

/**
 * Whether audio starts with a container header Deepgram can sniff (WAV,
 * FLAC, Ogg, MP3, WebM/Matroska, MP4/M4A, AAC ADTS, AMR).
 */
export const isContainer = (bytes: Uint8Array): boolean =>
  startsWith(bytes, "RIFF") || startsWith(bytes, "fLaC") || startsWith(bytes, "OggS") || startsWith(bytes, "ID3") ||
  startsWith(bytes, "#!AMR") || startsWith(bytes, "ftyp", 4) ||
  (bytes.byteLength >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) ||
  (bytes.byteLength >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)

/**
 * Raw audio needs `encoding` and `sample_rate`; a container header carries
 * them itself.
 */
export const requireEncodingForRaw = (options: { readonly encoding?: unknown; readonly sample_rate?: unknown }) =>
(chunk: Uint8Array): Effect.Effect<void, DeepgramInputError> =>
  options.encoding === undefined && !isContainer(chunk)
    ? Effect.fail(
      new DeepgramInputError({
        reason: "InvalidOptions",
        detail:
          "the audio has no container header (WAV, Ogg, FLAC, MP3, WebM…), so it is raw: set `encoding` and `sample_rate` to describe it"
      })
    )
    : Effect.void

const sampleWidths: Readonly<Record<string, number>> = { linear16: 2, linear32: 4, mulaw: 1, alaw: 1 }

/**
 * The byte rate of raw audio from the live options, when its encoding has a
 * fixed sample width.
 */
export const rawAudioOf = (
  options: { readonly encoding?: unknown; readonly sample_rate?: unknown; readonly channels?: unknown }
): RawAudio | undefined => {
  const width = typeof options.encoding === "string" ? sampleWidths[options.encoding] : undefined
  const rate = typeof options.sample_rate === "number" ? options.sample_rate : Number(options.sample_rate)
  const channels = typeof options.channels === "number" ? options.channels : 1
  if (width === undefined || !Number.isFinite(rate) || rate <= 0) return undefined
  return { bytesPerSecond: width * rate * channels, frameBytes: width * channels }
}

/** Refuses a container on a reconnecting stream: only raw audio can be replayed from any point. */
export const requireRawForReconnect = (chunk: Uint8Array): Effect.Effect<void, DeepgramInputError> =>
  isContainer(chunk)
    ? Effect.fail(
      new DeepgramInputError({
        reason: "InvalidOptions",
        detail: "reconnect replays raw audio from any point, so the audio must be raw (no container header such as WAV)"
      })
    )
    : Effect.void
