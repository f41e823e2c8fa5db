// Type-checked (not run) in the scratch project by scripts/pack/smoke.ts: a TypeScript program of a user, with
// moduleResolution NodeNext, against the packed declarations of every package. smoke.ts copies this one file there
// twice, as consumer.mts (ESM: `import` conditions) and consumer.cts (CommonJS: `require` conditions).
import { Captions, DeepgramError, Listen } from "@effect-deepgram/core"
import { DeepgramCli } from "@effect-deepgram/cli"
import { DeepgramEmulator, Transcript } from "@effect-deepgram/emulator"
import { BrowserDeepgram } from "@effect-deepgram/browser"
import { BunDeepgram } from "@effect-deepgram/bun"
import { DeepgramLive, NodeDeepgram } from "@effect-deepgram/node"
import { ListenV1 } from "@effect-deepgram/schema"
import { DeepgramTest } from "@effect-deepgram/testing"
import * as Retry from "@effect-deepgram/core/Retry"
import { Effect, Layer } from "effect"

export const transcript: Effect.Effect<string, DeepgramError.DeepgramError, Listen.Listen> = Effect.gen(function*() {
  const listen = yield* Listen.Listen
  const response: ListenV1.TranscriptionResponse = yield* listen.transcribeFile("audio.wav", { model: "nova-3" })
  return response.results.channels[0]?.alternatives?.[0]?.transcript ?? ""
})

export const layers: ReadonlyArray<Layer.Layer<Listen.Listen, unknown>> = [
  DeepgramLive,
  NodeDeepgram.layer({ apiKey: "key" }),
  BunDeepgram.layer({ apiKey: "key" }),
  BrowserDeepgram.layer({ accessToken: "jwt" }),
  DeepgramTest.layer()
]
export const emulator = DeepgramEmulator.layer({ transcriptsDir: "fixtures" })
export const scripts = [Transcript, Captions, Retry, DeepgramCli.version] as const
