/**
 * File uploads on Node: the request body is a native `fs.ReadStream`, which
 * undici reads with Node's own backpressure (no Effect stream in between),
 * opened afresh for every attempt.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as DeepgramFiles from "@effect-deepgram/core/DeepgramFiles"
import { DeepgramInputError } from "@effect-deepgram/core/DeepgramError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"

const CHUNK = 64 * 1024

const fileError = (path: string, cause: unknown) =>
  new DeepgramInputError({
    reason: "File",
    path,
    detail: `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause
  })

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
        body: Effect.try({
          try: () =>
            HttpBody.raw(createReadStream(path, { highWaterMark: CHUNK }), { contentType, contentLength: info.size }),
          catch: (cause) => fileError(path, cause)
        })
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
