/**
 * The SDK's services (`DeepgramLive`) wired to an emulator started in the
 * test process: scripted transcripts, injected faults and a request journal,
 * over real loopback sockets. One line in a vitest suite:
 *
 * ```ts
 * layer(DeepgramTest.layer({ transcripts: { [digest]: "Hello there." } }), { excludeTestServices: true })("my suite", (it) => { ... })
 * ```
 *
 * (`excludeTestServices` keeps the real clock, so that the SDK's retry backoff
 * runs; the layer shortens it to 10-50 ms.) `examples/testing/my-app.test.ts`
 * is a suite to copy.
 *
 * @since 0.1.0
 */
import type { DeepgramConfig, DeepgramError } from "@effect-deepgram/core"
import { DeepgramEmulator, type EmulatorError, type Fault } from "@effect-deepgram/emulator"
import { NodeDeepgram } from "@effect-deepgram/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends DeepgramEmulator.Options {
  /** Faults queued before the first test runs, each with where and how often it applies. */
  readonly faults?: ReadonlyArray<Fault.Fault | readonly [Fault.Fault, DeepgramEmulator.FaultOptions]> | undefined
  /**
   * SDK settings layered over the emulator's URL; retries default to 10 ms backoff (capped at 50 ms) so that
   * fault tests run fast.
   */
  readonly sdk?: Omit<DeepgramConfig.Options, "baseUrl" | "emulator"> | undefined
}

/**
 * What the layer provides: every SDK service and the running emulator (for
 * `DeepgramEmulator.injectFault`, `register`, `journal`).
 *
 * @since 0.1.0
 * @category models
 */
export type Services = NodeDeepgram.Services | DeepgramEmulator.DeepgramEmulator

const isPair = (
  fault: Fault.Fault | readonly [Fault.Fault, DeepgramEmulator.FaultOptions]
): fault is readonly [Fault.Fault, DeepgramEmulator.FaultOptions] => Array.isArray(fault)

/**
 * `DeepgramLive` against an emulator started for the suite (port 0, closed
 * with the layer). Scripts come from `transcripts`, `transcriptsDir` and
 * `liveTranscript`; `faults` are queued before the first request.
 *
 * @example
 * ```ts
 * import { DeepgramTest } from "@effect-deepgram/testing"
 * import { Listen } from "@effect-deepgram/node"
 * import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
 * import { Effect } from "effect"
 *
 * const audio = new Uint8Array([1, 2, 3])
 * const TestDeepgram = DeepgramTest.layer({ transcripts: [[audio, "Hello there."]] })
 *
 * const program = Effect.gen(function*() {
 *   yield* DeepgramEmulator.injectFault(Fault.status(503), { path: "/v1/listen" })
 *   const listen = yield* Listen.Listen
 *   return yield* listen.transcribe(audio)
 * }).pipe(Effect.provide(TestDeepgram))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Services, EmulatorError.EmulatorError | DeepgramError.DeepgramConfigError> => {
  const { faults, sdk, ...emulatorOptions } = options
  const services = Layer.unwrapEffect(Effect.gen(function*() {
    const emulator = yield* DeepgramEmulator.DeepgramEmulator
    for (const fault of faults ?? []) {
      yield* isPair(fault) ? emulator.injectFault(fault[0], fault[1]) : emulator.injectFault(fault)
    }
    return NodeDeepgram.layer({
      apiKey: "deepgram-test-key",
      ...sdk,
      retry: { baseDelay: "10 millis", maxDelay: "50 millis", ...sdk?.retry },
      baseUrl: emulator.url,
      emulator: true
    })
  }))
  return Layer.provideMerge(services, DeepgramEmulator.layer(emulatorOptions))
}
