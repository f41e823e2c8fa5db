// P2 floor: node:http + stream.pipeline from a ReadStream, no SDK.
// Usage: node --import tsx bench/p2/raw.ts <path> <baseUrl>
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { request } from "node:http"
import { pipeline } from "node:stream/promises"
import { API_KEY } from "../lib/key.js"
import { checkTranscript, runUpload } from "../lib/p2-harness.js"

runUpload("raw", async (path, baseUrl) => {
  const size = (await stat(path)).size
  const url = new URL("/v1/listen?model=nova-3", baseUrl)
  return async () => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: `Token ${API_KEY}`,
        "content-type": "application/octet-stream",
        "content-length": String(size)
      }
    })
    const response = new Promise<string>((resolve, reject) => {
      req.on("response", (res) => {
        let text = ""
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () => resolve(text))
        res.on("error", reject)
      })
      req.on("error", reject)
    })
    await pipeline(createReadStream(path), req)
    const json = JSON.parse(await response) as { results: { channels: Array<{ alternatives: Array<{ transcript: string }> }> } }
    checkTranscript(json.results.channels[0]?.alternatives[0]?.transcript)
  }
})
