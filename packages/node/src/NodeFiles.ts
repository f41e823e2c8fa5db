/**
 * File uploads on Node: the request body is the file itself, read from disk by
 * the request that sends it, opened afresh for every attempt (so a retry
 * replays it). The SDK's Node client (`NodeDeepgram.layerHttpClient`) writes it
 * over node:http(s) from one reused buffer, the next chunk read only once the
 * previous one is written, so an upload's memory stays flat whatever the file
 * size; every chunk restarts the per-attempt timeout. Another `HttpClient` sees
 * the file as an async iterable of its bytes.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as DeepgramFiles from "@effect-deepgram/core/DeepgramFiles"
import { DeepgramInputError } from "@effect-deepgram/core/DeepgramError"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import { stat } from "node:fs/promises"
import { FileBody, fileError } from "./internal/fileBody.js"

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: DeepgramFiles.Service = {
  open: (path, contentType) =>
    Effect.tryPromise({ try: () => stat(path), catch: (cause) => fileError(path, cause) }).pipe(
      Effect.filterOrFail(
        (info) => info.isFile(),
        () => new DeepgramInputError({ reason: "File", path, detail: "not a file" })
      ),
      Effect.map((info) => ({
        size: info.size,
        body: Effect.map(
          FiberRef.get(DeepgramFiles.currentUploadProgress),
          (onProgress) =>
            HttpBody.raw(new FileBody(path, info.size, onProgress), { contentType, contentLength: info.size })
        )
      }))
    )
}

/**
 * @example
 * ```ts
 * import { Deepgram, DeepgramConfig } from "@effect-deepgram/core"
 * import { NodeDeepgram, NodeDialer, NodeFiles } from "@effect-deepgram/node"
 * import { Layer } from "effect"
 *
 * // What NodeDeepgram.layerWithoutConfig assembles, spelled out.
 * const Services = Deepgram.layer.pipe(
 *   Layer.provide(NodeDeepgram.layerHttpClient),
 *   Layer.provide(NodeFiles.layer),
 *   Layer.provide(NodeDialer.layer),
 *   Layer.provideMerge(DeepgramConfig.selfHosted("http://localhost:8080"))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<DeepgramFiles.DeepgramFiles> = Layer.succeed(DeepgramFiles.DeepgramFiles, make)
