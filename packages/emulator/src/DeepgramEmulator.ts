/**
 * A Deepgram-compatible server that runs locally: the same paths, query parameters, auth headers and JSON
 * shapes as `api.deepgram.com`, with scripted transcripts, real audio metadata, fault injection and a request
 * journal.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { EmulatorError } from "./EmulatorError.js"
import type * as Fault from "./Fault.js"
import * as internal from "./internal/emulator.js"
import * as manageState from "./internal/manageState.js"
import type * as Journal from "./Journal.js"
import type * as Transcript from "./Transcript.js"

/**
 * How the emulator checks credentials:
 *
 * - `none`: like a self-hosted deployment, no credentials needed (any are ignored).
 * - `any`: any well-formed `Authorization: Token <key>` or `Authorization: Bearer <jwt>` is accepted (an
 *   access token minted by this emulator must not have expired).
 * - `keys`: only the configured API keys (`Token <key>`) and unexpired access tokens minted by this emulator
 *   (`Bearer <jwt>`, from `POST /v1/auth/grant` or `mintAccessToken`).
 *
 * Anything else is answered `401 {"err_code":"INVALID_AUTH","err_msg":"Invalid credentials.",...}`.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMode = "none" | "any" | "keys"

/**
 * Options of `layer` / `make`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number | undefined
  /** Address to listen on (default `127.0.0.1`). */
  readonly host?: string | undefined
  /** Default `keys` when `apiKeys` is given, `any` otherwise. */
  readonly auth?: AuthMode | undefined
  /** API keys accepted in `keys` mode. */
  readonly apiKeys?: ReadonlyArray<string | Redacted.Redacted> | undefined
  /**
   * Scripted transcripts: a record from SHA-256 hex digest to script, or pairs of (digest or audio bytes,
   * script).
   */
  readonly transcripts?:
    | Readonly<Record<string, Transcript.Script>>
    | Iterable<readonly [string | Uint8Array, Transcript.Script]>
    | undefined
  /**
   * Directories with audio files and their sidecar transcripts (`X.wav` with `X.wav.txt` or `X.txt`),
   * searched recursively.
   */
  readonly transcriptsDir?: string | ReadonlyArray<string> | undefined
  /** Latency added to every answer (default none). */
  readonly latency?: Duration.DurationInput | undefined
  /** Log one line per request (method, path, status; never credentials). Default `false`. */
  readonly logRequests?: boolean | undefined
  /** How many requests the journal keeps (default 10 000; the oldest are dropped). */
  readonly journalLimit?: number | undefined
  /** Time allowed to download `{ url }` audio (default 2 minutes). */
  readonly fetchTimeout?: Duration.DurationInput | undefined
  /** Time allowed for one callback delivery (default 30 seconds). */
  readonly callbackTimeout?: Duration.DurationInput | undefined
  /**
   * Answer CORS preflights and add `Access-Control-Allow-Origin: *`, so that pages on another origin can call
   * the REST endpoints. Default `false`, like `api.deepgram.com`, which browsers cannot call directly.
   */
  readonly cors?: boolean | undefined
  /**
   * The script "heard" on a live stream (`/v1/listen`, `/v2/listen` WebSockets) whose audio matches no registered
   * transcript; laid out at a natural pace (about 0.4 s per word) from the start of the stream. Without it,
   * unrecognised live audio gives results with empty transcripts, as silence does on Deepgram.
   */
  readonly liveTranscript?: Transcript.Script | undefined
  /**
   * How long a `/v1/listen` stream may go without audio or a text message (such as `KeepAlive`) before the
   * emulator closes it with `1011` and Deepgram's NET-0001 reason. Default 10 seconds, like Deepgram.
   */
  readonly liveTimeout?: Duration.DurationInput | undefined
  /**
   * How long a `/v2/listen` (Flux) stream may go without audio or a WebSocket ping before the emulator closes it
   * with `1011`. Default 60 seconds.
   */
  readonly fluxTimeout?: Duration.DurationInput | undefined
  /**
   * How long a `/v1/agent/converse` session may go without audio or a text message (such as `KeepAlive`) before
   * the emulator sends `Error` `CLIENT_MESSAGE_TIMEOUT` and closes it with `1011`. Default 10 seconds.
   */
  readonly agentTimeout?: Duration.DurationInput | undefined
  /**
   * Phrases that make the emulated voice agent call a function: when a user turn (heard or injected) contains
   * `phrase` (case-insensitive), the agent asks for `function` (a function of the session's `Settings`) with
   * `arguments` (default: values made up from the function's parameter schema). Without a matching trigger, the
   * agent calls a function whose name's main word (`weather` in `get_weather`) the user said.
   */
  readonly agentTriggers?: ReadonlyArray<AgentTrigger> | undefined
  /**
   * How long a `/v1/speak` or `/v2/speak` WebSocket may go without a message before the emulator closes it
   * (`1011`, NET-0001). Default 60 seconds.
   */
  readonly speakTimeout?: Duration.DurationInput | undefined
  /**
   * How fast the speak WebSockets and the voice agent deliver synthesized audio, as a multiple of real time (e.g.
   * `4`: 10 s of audio in 2.5 s). Default `0`: as fast as it is synthesized. A finite pace leaves time for `Clear`
   * and `Interrupt` to cut an utterance short, and for the user to barge in on the agent, as on Deepgram.
   */
  readonly speakPace?: number | undefined
  /**
   * Start with the default project (id `defaultProjectId`, named "Emulator Project"). Default `true`.
   */
  readonly defaultProject?: boolean | undefined
  /** More projects to start with (after the default project). */
  readonly projects?: ReadonlyArray<ProjectSeed> | undefined
}

/**
 * A project the emulator starts with. Every project has an owner member (`owner@emulator.deepgram.local`, scope
 * `owner`), a balance and a purchase of `balance` USD (default 200), and no keys: the configured `apiKeys`
 * belong to the first project.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProjectSeed {
  /** Default: derived from the name and position. */
  readonly id?: string | undefined
  readonly name: string
  readonly mipOptOut?: boolean | undefined
  /** Members besides the owner (default scope `member`). */
  readonly members?: ReadonlyArray<{
    readonly email: string
    readonly firstName?: string | undefined
    readonly lastName?: string | undefined
    readonly scopes?: ReadonlyArray<string> | undefined
  }> | undefined
  /** Credit in USD (default 200). */
  readonly balance?: number | undefined
}

/**
 * The id of the project every emulator starts with (unless `defaultProject: false`).
 *
 * @example
 * ```ts
 * import { DeepgramEmulator } from "@effect-deepgram/emulator"
 *
 * console.log(DeepgramEmulator.defaultProjectId) // "c0ffee00-d9e1-4a7c-8e11-000000000001"
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultProjectId: string = manageState.defaultProjectId

/**
 * A phrase that makes the emulated voice agent call a function (see `Options.agentTriggers`).
 *
 * @since 0.1.0
 * @category models
 */
export interface AgentTrigger {
  readonly phrase: string
  /** The name of a function declared in the session's `Settings` (`agent.think.functions`). */
  readonly function: string
  readonly arguments?: Readonly<Record<string, unknown>> | undefined
}

/**
 * Where a queued fault applies.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultOptions {
  /** Only requests to this path (e.g. `/v1/listen`) consume the fault. */
  readonly path?: string | undefined
  /** Queue the fault this many times (default 1). */
  readonly times?: number | undefined
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeepgramEmulator {
  /** The bound base URL, e.g. `http://127.0.0.1:41234` (use it as the SDK's base URL). */
  readonly url: string
  /** The same address with the `ws:` scheme, for WebSocket clients. */
  readonly wsUrl: string
  readonly host: string
  readonly port: number

  /** Every request so far, oldest first. */
  readonly journal: Effect.Effect<ReadonlyArray<Journal.Entry>>
  readonly clearJournal: Effect.Effect<void>

  /**
   * Registers the script for some audio, given as its SHA-256 hex digest or its bytes. Returns the digest.
   */
  readonly register: (
    audio: string | Uint8Array,
    transcript: Transcript.Script
  ) => Effect.Effect<string, EmulatorError>
  /** Registers the script for an audio file (hashed as a stream). Returns the digest. */
  readonly registerFile: (path: string, transcript: Transcript.Script) => Effect.Effect<string, EmulatorError>
  /** Loads the sidecar transcripts of a directory (see `Options.transcriptsDir`). Returns how many. */
  readonly loadTranscripts: (directory: string) => Effect.Effect<number, EmulatorError>
  /** The script registered for a SHA-256 digest. */
  readonly transcriptFor: (sha256: string) => Effect.Effect<Option.Option<ReadonlyArray<Transcript.Segment>>>
  readonly clearTranscripts: Effect.Effect<void>

  /** Queues a fault: the next request (to `options.path`, if given) consumes it. */
  readonly injectFault: (fault: Fault.Fault, options?: FaultOptions) => Effect.Effect<void>
  /** Faults still queued, in order. */
  readonly pendingFaults: Effect.Effect<ReadonlyArray<Fault.Fault>>
  readonly clearFaults: Effect.Effect<void>
  /** Replaces the latency added to every answer. */
  readonly setLatency: (latency: Duration.DurationInput) => Effect.Effect<void>

  /** Mints an access token accepted as `Authorization: Bearer <jwt>` (default TTL 30 s). */
  readonly mintAccessToken: (options?: {
    readonly ttlSeconds?: number | undefined
  }) => Effect.Effect<{ readonly access_token: string; readonly expires_in: number }>
  /** Adds an API key accepted in `keys` mode. */
  readonly addApiKey: (key: string | Redacted.Redacted) => Effect.Effect<void>
}

/**
 * The running emulator's tag.
 *
 * @since 0.1.0
 * @category tags
 */
export const DeepgramEmulator: Context.Tag<DeepgramEmulator, DeepgramEmulator> = Context.GenericTag<DeepgramEmulator>(
  "@effect-deepgram/emulator/DeepgramEmulator"
)

/**
 * Starts an emulator in the current scope; the server closes with the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: (options?: Options) => Effect.Effect<DeepgramEmulator, EmulatorError, Scope.Scope> = internal.make

/**
 * A layer running an emulator on `127.0.0.1` (port 0 by default), closed when the layer's scope closes.
 *
 * @example
 * ```ts
 * import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const emulator = yield* DeepgramEmulator.DeepgramEmulator
 *   yield* emulator.injectFault(Fault.status(429, { retryAfter: 1 }))
 *   const response = yield* Effect.promise(() =>
 *     fetch(`${emulator.url}/v1/listen`, {
 *       method: "POST",
 *       headers: { authorization: "Token test", "content-type": "audio/wav" },
 *       body: new Uint8Array(0)
 *     })
 *   )
 *   console.log(response.status) // 429
 * })
 *
 * Effect.runPromise(Effect.provide(program, DeepgramEmulator.layer({ transcriptsDir: "fixtures" })))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<DeepgramEmulator, EmulatorError> =>
  Layer.scoped(DeepgramEmulator, make(options))

/**
 * The journal of the emulator in context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const journal: Effect.Effect<ReadonlyArray<Journal.Entry>, never, DeepgramEmulator> = Effect.flatMap(
  DeepgramEmulator,
  (emulator) => emulator.journal
)

/**
 * Clears the journal of the emulator in context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const clearJournal: Effect.Effect<void, never, DeepgramEmulator> = Effect.flatMap(
  DeepgramEmulator,
  (emulator) => emulator.clearJournal
)

/**
 * Queues a fault on the emulator in context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const injectFault = (
  fault: Fault.Fault,
  options?: FaultOptions
): Effect.Effect<void, never, DeepgramEmulator> =>
  Effect.flatMap(DeepgramEmulator, (emulator) => emulator.injectFault(fault, options))

/**
 * Registers a transcript on the emulator in context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const register = (
  audio: string | Uint8Array,
  transcript: Transcript.Script
): Effect.Effect<string, EmulatorError, DeepgramEmulator> =>
  Effect.flatMap(DeepgramEmulator, (emulator) => emulator.register(audio, transcript))

/**
 * The base URL of the emulator in context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const url: Effect.Effect<string, never, DeepgramEmulator> = Effect.map(
  DeepgramEmulator,
  (emulator) => emulator.url
)
