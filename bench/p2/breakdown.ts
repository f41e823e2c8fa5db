// Diagnostic, not part of `npm run bench`: which layer of the file upload
// costs the memory. The same 1 GiB upload as P2 through @effect/platform's
// HttpClient alone with different bodies, next to listen.transcribeFile.
// Usage (see bench/p2-breakdown.ts, which bundles and runs it):
//   node bench/.data/bundles/p2-breakdown.mjs <variant> <path> <baseUrl>
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeStream from "@effect/platform-node/NodeStream"
import { Listen } from "@effect-deepgram/node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { API_KEY } from "../lib/key.js"
import { oursRuntime } from "../lib/ours.js"
import { runUpload } from "../lib/p2-harness.js"

const variant = process.argv[2] ?? ""
process.argv.splice(2, 1)

runUpload(variant, async (path, baseUrl) => {
  const size = (await stat(path)).size
  if (variant === "transcribeFile") {
    const runtime = oursRuntime(baseUrl)
    await runtime.runtime()
    return () =>
      runtime.runPromise(Effect.flatMap(Listen.Listen, (listen) =>
        Effect.asVoid(listen.transcribeFile(path, { model: "nova-3" }, { timeout: "10 minutes" }))))
  }
  const runtime = ManagedRuntime.make(Layer.merge(NodeHttpClient.layerUndici, NodeFileSystem.layer))
  await runtime.runtime()
  const body = Effect.gen(function*() {
    switch (variant) {
      case "fs.stream": {
        const fs = yield* FileSystem.FileSystem
        return HttpBody.stream(fs.stream(path, { chunkSize: 64 * 1024 }), "application/octet-stream", size)
      }
      case "fromReadable":
        return HttpBody.stream(
          NodeStream.fromReadable(() => createReadStream(path), (e) => e),
          "application/octet-stream",
          size
        )
      case "raw-readable":
        return HttpBody.raw(createReadStream(path), { contentType: "application/octet-stream", contentLength: size })
      default:
        return yield* Effect.dieMessage(`unknown variant ${variant}`)
    }
  })
  return () =>
    runtime.runPromise(Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const request = HttpClientRequest.post(`${baseUrl}/v1/listen?model=nova-3`).pipe(
        HttpClientRequest.setHeaders({ authorization: `Token ${API_KEY}`, "content-length": String(size) }),
        HttpClientRequest.setBody(yield* body)
      )
      const response = yield* client.execute(request)
      yield* response.json
    }))
})
