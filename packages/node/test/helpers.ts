// Shared pieces of the Node integration tests: the emulator layer with the
// bundled fixture's transcript, and the SDK pointed at it.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import type { DeepgramConfig } from "@effect-deepgram/node"
import { NodeDeepgram } from "@effect-deepgram/node"
import { Effect, Layer } from "effect"
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
