// P6 entry, ours: the browser demo's Deepgram job — upload a chosen file, and
// transcribe microphone audio live with interim results — with
// @effect-deepgram/browser. Bundled for the browser; never run by the bench.
import * as BrowserDeepgram from "@effect-deepgram/browser/BrowserDeepgram"
import * as Listen from "@effect-deepgram/core/Listen"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

export const transcribeFile = (accessToken: string, file: File) =>
  Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(file, { model: "nova-3", smart_format: true })).pipe(
    Effect.map((result) => result.results.channels[0]?.alternatives?.[0]?.transcript ?? ""),
    Effect.provide(BrowserDeepgram.layer({ accessToken })),
    Effect.runPromise
  )

export const transcribeLive = (
  accessToken: string,
  audio: ReadableStream<Uint8Array>,
  sampleRate: number,
  onText: (text: string, isFinal: boolean) => void
) =>
  Effect.flatMap(Listen.Listen, (listen) =>
    listen.live(Stream.fromReadableStream(() => audio, (cause) => cause), {
      model: "nova-3",
      encoding: "linear16",
      sample_rate: sampleRate,
      interim_results: true
    }).pipe(
      Stream.runForEach((event) =>
        Effect.sync(() => {
          if (event.type === "Results") onText(event.channel.alternatives[0]?.transcript ?? "", event.is_final === true)
        })
      )
    )).pipe(Effect.provide(BrowserDeepgram.layer({ accessToken })), Effect.runPromise)
