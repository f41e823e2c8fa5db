// What the SDK reports when the server refuses the audio: a typed DeepgramApiError
// with Deepgram's code and message, said once.
import { Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { emulatorLayer, sdkFor } from "./helpers.js"

layer(emulatorLayer(), { excludeTestServices: true })("audio the server refuses", (it) => {
  it.effect("bytes that are not audio fail with Deepgram's 400, not retried, the message not doubled", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flatMap(Listen.Listen, (listen) =>
        listen.transcribe(new TextEncoder().encode("this is text, not audio ".repeat(40)), { model: "nova-3" })).pipe(
          Effect.provide(sdkFor()),
          Effect.flip
        )
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 400)
      assert.strictEqual(error.errCode, "Bad Request")
      assert.strictEqual(error.errMsg, "Bad Request: failed to process audio: corrupt or unsupported data")
      assert.include(error.message, "400: Bad Request: failed to process audio: corrupt or unsupported data")
      assert.notInclude(error.message, "Bad Request: Bad Request")
    }))
})
