// Shared pieces of the Node integration tests: the emulator layer with the
// bundled fixture's transcript, and the SDK pointed at it.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import type { DeepgramConfig } from "@effect-deepgram/node"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { assert } from "@effect/vitest"
import { type Duration, Effect, Layer, Stream } from "effect"
import { fileURLToPath } from "node:url"

export const fixtures = fileURLToPath(new URL("../../../fixtures/", import.meta.url))
export const spacewalk = `${fixtures}spacewalk.wav`
export const spacewalkTranscript =
  "Yeah, as much as it's worth celebrating the first spacewalk with an all-female team, I think many of us are looking forward to it just being normal. And I think if it signifies anything, it is to honor the women who came before us who were skilled and qualified and didn't get the same opportunities that we have today."

export const emulatorLayer = (options: DeepgramEmulator.Options = {}) =>
  DeepgramEmulator.layer({ transcriptsDir: fixtures, ...options })

/** The SDK configured for the running emulator, with fast retries. */
export const sdkFor = (options: DeepgramConfig.Options = {}) =>
  Layer.unwrapEffect(
    Effect.map(DeepgramEmulator.DeepgramEmulator, (emulator) =>
      NodeDeepgram.layer({
        baseUrl: emulator.url,
        emulator: true,
        apiKey: "test-key",
        retry: { baseDelay: "10 millis", maxDelay: "50 millis" },
        ...options
      }))
  )

/** The SDK pointed at a scripted peer (peer.ts) at `url`, without retries. */
export const peerSdk = (url: string, options: DeepgramConfig.Options = {}) =>
  NodeDeepgram.layer({ baseUrl: url, apiKey: "secret-key", retry: { retries: 0 }, ...options })

/**
 * A `Results` frame as a scripted peer sends it: one alternative with `transcript`, no words; final unless
 * `isFinal` is false; `extra` fields added last (they may replace the ones above).
 */
export const resultsFrame = (
  transcript: string,
  options: { readonly requestId?: string; readonly isFinal?: boolean; readonly extra?: Record<string, unknown> } = {}
): string => {
  const isFinal = options.isFinal ?? true
  return JSON.stringify({
    type: "Results",
    channel_index: [0, 1],
    duration: 1,
    start: 0,
    is_final: isFinal,
    speech_final: isFinal,
    channel: { alternatives: [{ transcript, confidence: 0.9, words: [] }] },
    metadata: {
      request_id: options.requestId ?? "req-1",
      model_info: { name: "n", version: "v", arch: "a" },
      model_uuid: "u"
    },
    ...options.extra
  })
}

/** The events of a live stream that may reconnect. */
export type LiveRunEvent = Listen.LiveEvent | Listen.Reconnected

/** The final Results among `events`. */
export const finals = (events: ReadonlyArray<LiveRunEvent>) =>
  events.filter((e): e is Listen.LiveResults => e.type === "Results" && e.is_final === true)

/** The final transcript: the non-empty final Results' transcripts, joined with spaces. */
export const transcriptOf = (events: ReadonlyArray<LiveRunEvent>) =>
  finals(events).map((r) => r.channel.alternatives[0]?.transcript ?? "").filter((t) => t !== "").join(" ")

/**
 * Asserts that every final starts where the previous one ended or later, and so do its words; the end of the
 * last final (seconds).
 */
export const assertMonotonic = (events: ReadonlyArray<LiveRunEvent>) => {
  let end = 0
  for (const r of finals(events)) {
    assert.isAtLeast(r.start + 1e-6, end, `a final result starts at ${r.start}, before the previous end ${end}`)
    end = r.start + r.duration
    let wordEnd = r.start
    for (const word of r.channel.alternatives[0]?.words ?? []) {
      assert.isAtLeast(word.start + 1e-6, wordEnd - 1e-6)
      wordEnd = word.end
    }
  }
  return end
}

/** Audio cut in chunks of `size` bytes (8820: 50 ms of the fixture's 44.1 kHz stereo 16-bit audio). */
export const chunks = (bytes: Uint8Array, size = 8820): Array<Uint8Array> =>
  Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))

/** `f` applied to the Listen service. */
export const listen = <A, E, R>(f: (listen: Listen.Service) => Effect.Effect<A, E, R>) => Effect.flatMap(Listen.Listen, f)

const silentOptions = { model: "nova-3", encoding: "linear16", sample_rate: 16000 } as const

/**
 * A linear16 session against the emulator that sends nothing for `silence`,
 * then `audio`, then CloseStream: the events it received.
 */
export const silentSession = (
  keepAliveInterval: Duration.DurationInput | undefined,
  silence: Duration.DurationInput,
  audio: Uint8Array
) =>
  Effect.scoped(listen((l) =>
    Effect.gen(function*() {
      const session = yield* l.liveSession(silentOptions, { keepAliveInterval })
      yield* Effect.sleep(silence)
      yield* session.send(audio)
      yield* session.closeStream
      return yield* Stream.runCollect(session.events)
    })
  )).pipe(Effect.provide(sdkFor()))

/** The control: a linear16 session that sends nothing and no KeepAlive, until the server closes it; its error. */
export const unkeptSession = Effect.scoped(listen((l) =>
  Effect.gen(function*() {
    const session = yield* l.liveSession(silentOptions, { keepAliveInterval: "1 hour" })
    return yield* Stream.runDrain(session.events)
  })
)).pipe(Effect.provide(sdkFor()), Effect.flip)
