/**
 * Transcribe many inputs: files, URLs or audio, with bounded concurrency, one
 * shared backoff when Deepgram answers 429, and a manifest that lets a crashed
 * or interrupted run resume without redoing or missing anything.
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { DeepgramError } from "./DeepgramError.js"
import type { RequestOptions } from "./DeepgramHttp.js"
import * as manifestInternal from "./internal/manifest.js"
import { type Audio, Listen, type TranscribeOptions, type TranscriptionResponse } from "./Listen.js"
import * as Retry from "./Retry.js"

/**
 * One input: a path or an `http(s)://` URL as a string, or an object naming
 * a path, a URL or audio (bytes, a `Blob` or a stream). `id` is the key in
 * the manifest and in results; it defaults to the path or URL and is required
 * for audio.
 *
 * @since 0.1.0
 * @category models
 */
export type Input =
  | string
  | { readonly path: string; readonly id?: string | undefined }
  | { readonly url: string; readonly id?: string | undefined }
  | { readonly audio: Audio; readonly id: string }

/**
 * The run could not keep its manifest (unreadable, unwritable, or no file
 * system in this runtime). Failures of single inputs are results, not errors.
 *
 * @since 0.1.0
 * @category errors
 */
export class BatchError extends Data.TaggedError("BatchError")<{
  readonly reason: "Manifest" | "InvalidOptions"
  readonly detail: string
  readonly path?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return `${this.reason}: ${this.path === undefined ? "" : `${this.path}: `}${this.detail}`
  }
}

/**
 * An input that was transcribed (and, with `onResult`, persisted).
 *
 * @since 0.1.0
 * @category models
 */
export interface Transcribed {
  readonly _tag: "Transcribed"
  readonly id: string
  readonly input: Input
  readonly response: TranscriptionResponse
  /** Requests made, 429 answers included. */
  readonly attempts: number
  /** Size of the uploaded audio when known (files and bytes). */
  readonly bytes: number | undefined
  readonly elapsed: Duration.Duration
}

/**
 * An input that failed; the run goes on.
 *
 * @since 0.1.0
 * @category models
 */
export interface Failed<E = never> {
  readonly _tag: "Failed"
  readonly id: string
  readonly input: Input
  readonly error: DeepgramError | E
  readonly attempts: number
}

/**
 * An input the manifest records as done by an earlier run.
 *
 * @since 0.1.0
 * @category models
 */
export interface Skipped {
  readonly _tag: "Skipped"
  readonly id: string
  readonly input: Input
}

/**
 * @since 0.1.0
 * @category models
 */
export type Result<E = never> = Transcribed | Failed<E> | Skipped

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<E = never, R = never> {
  /** Inputs in flight at once (default 4). */
  readonly concurrency?: number | undefined
  /** Options of every transcription. */
  readonly transcribe?: TranscribeOptions & { readonly callback?: undefined } | undefined
  /** Per-request options; 429 answers are handled by the batch's shared backoff, not by the request's retry. */
  readonly requestOptions?: RequestOptions | undefined
  /**
   * A JSON Lines file recording each finished input. Inputs it records as done are skipped (as `Skipped`
   * results); failed inputs are tried again. An input is recorded only after `onResult` succeeded.
   */
  readonly manifest?: string | undefined
  /** Persists a result (writes the transcript somewhere) before the manifest records the input as done. */
  readonly onResult?: ((result: Transcribed) => Effect.Effect<void, E, R>) | undefined
  /** Skips an input without a request when this says it is already done (e.g. its output exists). */
  readonly isDone?: ((id: string, input: Input) => Effect.Effect<boolean, never, R>) | undefined
  /** 429 answers tolerated per input before it fails (default 8). */
  readonly maxRateLimited?: number | undefined
  /** The pause after a 429 without `Retry-After`: doubled per consecutive 429, capped (default 1 s to 30 s). */
  readonly rateLimitDelay?: Duration.DurationInput | undefined
  readonly maxRateLimitDelay?: Duration.DurationInput | undefined
}

const isUrl = (value: string) => /^https?:\/\//i.test(value)

/**
 * The manifest id of an input.
 *
 * @since 0.1.0
 * @category utils
 */
export const idOf = (input: Input): string =>
  typeof input === "string" ? input : "id" in input && input.id !== undefined ? input.id : "path" in input ? input.path : "url" in input ? input.url : ""

// A 429 to an audio stream is not tried again: the stream was consumed (the error's `notRetried` says so).
const is429 = (error: DeepgramError) =>
  error._tag === "DeepgramApiError" && error.status === 429 && error.notRetried === undefined

/**
 * Transcribes every input, at most `concurrency` at a time, emitting one
 * result per input as it finishes (in completion order). The inputs are
 * pulled lazily, so an unbounded or very long list runs in constant memory
 * (the manifest's set of done ids aside).
 *
 * When Deepgram answers 429, every worker pauses (for `Retry-After`, or an
 * exponential backoff) before its next request, and the limited input is
 * tried again (unless its audio is a stream, which cannot be sent twice: it
 * fails with the 429, whose `notRetried` says why). Other failures become `Failed` results after the request's own
 * retries. Interrupting the stream interrupts the uploads in flight; saving a
 * result (`onResult`) and recording it are not interrupted, so the manifest
 * holds exactly the saved inputs and a re-run picks up the rest.
 *
 * @example
 * ```ts
 * import { Batch } from "@effect-deepgram/core"
 * import { Console, Effect, Stream } from "effect"
 *
 * const program = Batch.transcribeAll(["a.wav", "b.wav", "https://example.com/c.mp3"], {
 *   concurrency: 8,
 *   manifest: "batch.jsonl",
 *   transcribe: { model: "nova-3", smart_format: true }
 * }).pipe(
 *   Stream.runForEach((result) =>
 *     Console.log(result._tag === "Failed" ? `${result.id}: ${result.error.message}` : `${result.id}: ${result._tag}`)
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const transcribeAll = <E0 = never, E = never, R = never>(
  inputs: Iterable<Input> | Stream.Stream<Input, E0>,
  options: Options<E, R> = {}
): Stream.Stream<Result<E>, BatchError | E0, Listen | R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const concurrency = options.concurrency ?? 4
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      return yield* new BatchError({ reason: "InvalidOptions", detail: `concurrency: expected a positive integer, got ${concurrency}` })
    }
    const listen = yield* Listen
    const fs = yield* Effect.serviceOption(FileSystem.FileSystem)
    const manifest = options.manifest === undefined ? undefined : yield* Option.match(fs, {
      onNone: () => new BatchError({ reason: "Manifest", path: options.manifest, detail: "this runtime has no file system" }),
      onSome: (fs) =>
        Effect.mapError(
          manifestInternal.open(fs, options.manifest!),
          (cause) => new BatchError({ reason: "Manifest", path: options.manifest, detail: cause.message, cause })
        )
    })
    const record = (entry: manifestInternal.Entry) =>
      manifest === undefined ? Effect.void : Effect.mapError(
        manifest.append(entry),
        (cause) => new BatchError({ reason: "Manifest", path: options.manifest, detail: cause.message, cause })
      )

    const resumeAt = yield* Ref.make(0)
    const consecutive = yield* Ref.make(0)
    const baseDelay = Duration.decode(options.rateLimitDelay ?? Duration.seconds(1))
    const maxDelay = Duration.decode(options.maxRateLimitDelay ?? Duration.seconds(30))
    const maxRateLimited = options.maxRateLimited ?? 8

    // The request's own retries, without 429 (handled below for every worker at once).
    const policy = options.requestOptions?.retry
    const requestRetry = policy !== undefined && Schedule.isSchedule(policy)
      ? policy
      : Retry.resolve(Retry.defaultPolicy, policy).schedule
    const requestOptions: RequestOptions = {
      ...options.requestOptions,
      retry: Schedule.whileInput(requestRetry, (error: DeepgramError) => !is429(error))
    }

    const gate = Effect.gen(function*() {
      const until = yield* Ref.get(resumeAt)
      const now = yield* Clock.currentTimeMillis
      if (until > now) yield* Effect.sleep(Duration.millis(until - now))
    })

    const request = (input: Input) =>
      typeof input === "string"
        ? isUrl(input)
          ? listen.transcribeUrl(input, options.transcribe, requestOptions)
          : listen.transcribeFile(input, options.transcribe, requestOptions)
        : "audio" in input
        ? listen.transcribe(input.audio, options.transcribe, requestOptions)
        : "url" in input
        ? listen.transcribeUrl(input.url, options.transcribe, requestOptions)
        : listen.transcribeFile(input.path, options.transcribe, requestOptions)

    const sizeOf = (input: Input): Effect.Effect<number | undefined> => {
      const path = typeof input === "string" ? (isUrl(input) ? undefined : input) : "path" in input ? input.path : undefined
      if (path !== undefined) {
        return Option.match(fs, {
          onNone: () => Effect.succeed(undefined),
          onSome: (fs) => fs.stat(path).pipe(Effect.map((info) => Number(info.size)), Effect.orElseSucceed(() => undefined))
        })
      }
      if (typeof input !== "string" && "audio" in input) {
        return Effect.succeed(input.audio instanceof Uint8Array ? input.audio.byteLength : undefined)
      }
      return Effect.succeed(undefined)
    }

    const attempt = (input: Input) =>
      Effect.gen(function*() {
        let attempts = 0
        while (true) {
          yield* gate
          attempts++
          const result = yield* Effect.either(request(input))
          if (result._tag === "Right") {
            yield* Ref.set(consecutive, 0)
            return { attempts, response: result.right }
          }
          const error = result.left
          if (!is429(error) || attempts > maxRateLimited) return yield* Effect.fail({ attempts, error })
          const n = yield* Ref.getAndUpdate(consecutive, (n) => n + 1)
          const backoff = Duration.min(Duration.times(baseDelay, 2 ** Math.min(n, 20)), maxDelay)
          const delay = error._tag === "DeepgramApiError" && error.retryAfter !== undefined ? error.retryAfter : backoff
          const now = yield* Clock.currentTimeMillis
          yield* Ref.update(resumeAt, (until) => Math.max(until, now + Duration.toMillis(delay)))
        }
      })

    const one = (input: Input): Effect.Effect<Result<E>, BatchError, R> =>
      Effect.gen(function*() {
        const id = idOf(input)
        if (manifest?.done.has(id) === true) return { _tag: "Skipped", id, input } satisfies Skipped
        if (options.isDone !== undefined && (yield* options.isDone(id, input))) {
          return { _tag: "Skipped", id, input } satisfies Skipped
        }
        const started = yield* Clock.currentTimeMillis
        const outcome = yield* Effect.either(attempt(input))
        if (outcome._tag === "Left") {
          const { attempts, error } = outcome.left
          yield* record({ id, status: "failed", at: new Date().toISOString(), error: error.message })
          return { _tag: "Failed", id, input, error, attempts } satisfies Failed
        }
        const transcribed: Transcribed = {
          _tag: "Transcribed",
          id,
          input,
          response: outcome.right.response as TranscriptionResponse,
          attempts: outcome.right.attempts,
          bytes: yield* sizeOf(input),
          elapsed: Duration.millis((yield* Clock.currentTimeMillis) - started)
        }
        // Saving and recording happen together: an interruption never leaves a saved result unrecorded.
        return yield* Effect.uninterruptible(Effect.gen(function*() {
          if (options.onResult !== undefined) {
            const saved = yield* Effect.either(options.onResult(transcribed))
            if (saved._tag === "Left") {
              yield* record({ id, status: "failed", at: new Date().toISOString(), error: String(saved.left) })
              return { _tag: "Failed", id, input, error: saved.left, attempts: transcribed.attempts } satisfies Failed<E>
            }
          }
          yield* record({ id, status: "done", at: new Date().toISOString() })
          return transcribed as Result<E>
        }))
      })

    const source: Stream.Stream<Input, E0> = Stream.StreamTypeId in inputs
      ? inputs as Stream.Stream<Input, E0>
      : Stream.fromIterable(inputs as Iterable<Input>)
    return Stream.mapEffect(source, one, { concurrency, unordered: true })
  }))
