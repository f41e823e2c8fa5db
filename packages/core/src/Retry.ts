/**
 * The retry policy of every request: exponential backoff with jitter and a cap,
 * for 408, 429, 5xx, timeouts and transport failures, honouring `Retry-After`.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"
import type { DeepgramError } from "./DeepgramError.js"
import { isRetryable } from "./DeepgramError.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  /** How many times a failed attempt is retried (2 by default; 0 disables retries). */
  readonly retries: number
  /** The first backoff delay, doubled on each retry (500 ms by default). */
  readonly baseDelay: Duration.DurationInput
  /** The longest backoff delay (8 s by default). */
  readonly maxDelay: Duration.DurationInput
  /** The longest `Retry-After` the client waits for (60 s by default). */
  readonly maxRetryAfter: Duration.DurationInput
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const defaultPolicy: RetryPolicy = {
  retries: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(8),
  maxRetryAfter: Duration.seconds(60)
}

/**
 * A policy that never retries.
 *
 * @since 0.1.0
 * @category constructors
 */
export const none: RetryPolicy = { ...defaultPolicy, retries: 0 }

/**
 * What a request accepts as its retry setting: a (partial) policy, `false` for
 * none, or any Schedule over the errors.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryInput = Partial<RetryPolicy> | false | Schedule.Schedule<unknown, DeepgramError>

const retryAfterOf = (error: DeepgramError): Duration.Duration | undefined =>
  error._tag === "DeepgramApiError" ? error.retryAfter : undefined

/**
 * The Schedule for a policy. The delay of an attempt is the server's
 * `Retry-After` when it sent one (up to `maxRetryAfter`), otherwise
 * `baseDelay * 2^n` with jitter, capped at `maxDelay`. Errors that are not
 * retryable stop it at once.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-deepgram/core"
 *
 * const patient = Retry.schedule({ ...Retry.defaultPolicy, retries: 5 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const schedule = (policy: RetryPolicy): Schedule.Schedule<unknown, DeepgramError> => {
  const maxDelay = Duration.decode(policy.maxDelay)
  const maxRetryAfter = Duration.decode(policy.maxRetryAfter)
  const backoff = Schedule.exponential(policy.baseDelay, 2).pipe(
    Schedule.jittered,
    Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay))
  )
  return Schedule.identity<DeepgramError>().pipe(
    Schedule.intersect(backoff),
    Schedule.intersect(Schedule.recurs(Math.max(0, policy.retries))),
    Schedule.whileInput(isRetryable),
    Schedule.modifyDelay(([[error]], delay) => {
      const retryAfter = retryAfterOf(error)
      return retryAfter === undefined ? delay : Duration.min(retryAfter, maxRetryAfter)
    })
  )
}

/** @internal */
export const resolve = (
  base: RetryPolicy,
  input: RetryInput | undefined
): { readonly schedule: Schedule.Schedule<unknown, DeepgramError>; readonly retries: boolean } => {
  if (input === false) return { schedule: schedule(none), retries: false }
  if (input !== undefined && Schedule.isSchedule(input)) return { schedule: input, retries: true }
  const policy = { ...base, ...input }
  return { schedule: schedule(policy), retries: policy.retries > 0 }
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-deepgram/core"
 *
 * Retry.parseRetryAfter("2") // 2 seconds
 * ```
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter = (value: string | undefined, now: number = Date.now()): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Duration.millis(Math.round(Number(trimmed) * 1000))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
}
