// P2 contender: effect-deepgram, listen.transcribeFile(path) (streams from disk).
// Usage: node --import tsx bench/p2/ours.ts <path> <baseUrl>
import { Listen } from "@effect-deepgram/node"
import { Effect } from "effect"
import { checkTranscript, runUpload } from "../lib/p2-harness.js"
import { oursRuntime } from "../lib/ours.js"

runUpload("ours", async (path, baseUrl) => {
  const runtime = oursRuntime(baseUrl)
  await runtime.runtime()
  return () =>
    runtime.runPromise(Effect.gen(function*() {
      const listen = yield* Listen.Listen
      const result = yield* listen.transcribeFile(path, { model: "nova-3" }, { timeout: "10 minutes" })
      checkTranscript(result.results.channels[0]?.alternatives?.[0]?.transcript)
    }))
})
