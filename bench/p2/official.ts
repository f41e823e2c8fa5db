// P2 contender: @deepgram/sdk, listen.v1.media.transcribeFile(createReadStream(path)),
// the streaming input its README documents for files.
// Usage: node --import tsx bench/p2/official.ts <path> <baseUrl>
import { createReadStream } from "node:fs"
import { checkTranscript, runUpload } from "../lib/p2-harness.js"
import { officialClient } from "../lib/official.js"

runUpload("official", async (path, baseUrl) => {
  const client = officialClient(baseUrl)
  return async () => {
    const result = await client.listen.v1.media.transcribeFile(
      createReadStream(path),
      { model: "nova-3" },
      { timeoutInSeconds: 600, maxRetries: 0 }
    )
    if (!("results" in result)) throw new Error("no results")
    checkTranscript(result.results.channels[0]?.alternatives?.[0]?.transcript)
  }
})
