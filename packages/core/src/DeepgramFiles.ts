/**
 * How a runtime uploads a file from disk. Optional: without it,
 * `transcribeFile` streams the file through the platform `FileSystem`; Node
 * provides one that hands the request a native file stream, which keeps an
 * upload's memory at what Node itself needs.
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import type { DeepgramInputError } from "./DeepgramError.js"

/**
 * A file ready to be uploaded: its size, and a body made afresh for every
 * attempt (so a retried upload re-reads the file). The body is made under
 * `currentUploadProgress`: a body that reports its progress keeps a long
 * upload from being cut off by the per-attempt timeout.
 *
 * @since 0.1.0
 * @category models
 */
export interface FileUpload {
  readonly size: number
  readonly body: Effect.Effect<HttpBody.HttpBody, DeepgramInputError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Checks that `path` is a readable file; fails with a `DeepgramInputError` naming the path. */
  readonly open: (path: string, contentType: string) => Effect.Effect<FileUpload, DeepgramInputError>
}

/**
 * @example
 * ```ts
 * import { DeepgramFiles } from "@effect-deepgram/core"
 * import { HttpBody } from "@effect/platform"
 * import { Effect, Layer } from "effect"
 *
 * // A runtime whose files are already in memory.
 * declare const files: Map<string, Uint8Array>
 * const InMemoryFiles = Layer.succeed(DeepgramFiles.DeepgramFiles, {
 *   open: (path, contentType) => {
 *     const bytes = files.get(path) ?? new Uint8Array()
 *     return Effect.succeed({ size: bytes.byteLength, body: Effect.succeed(HttpBody.uint8Array(bytes, contentType)) })
 *   }
 * })
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class DeepgramFiles extends Context.Tag("@effect-deepgram/core/DeepgramFiles")<DeepgramFiles, Service>() {}

/**
 * The progress callback of the current attempt, set by the HTTP layer while a
 * `FileUpload.body` is made. A body calls it as its bytes go out; each call
 * restarts the per-attempt timeout (which measures time without progress).
 * Outside an upload it does nothing.
 *
 * @example
 * ```ts
 * import { DeepgramFiles } from "@effect-deepgram/core"
 * import { HttpBody } from "@effect/platform"
 * import { Effect, FiberRef, Stream } from "effect"
 *
 * declare const chunks: Stream.Stream<Uint8Array>
 *
 * // A body that reports every chunk it hands to the request.
 * const body = Effect.map(FiberRef.get(DeepgramFiles.currentUploadProgress), (onProgress) =>
 *   HttpBody.stream(Stream.tap(chunks, () => Effect.sync(onProgress)), "audio/wav")
 * )
 * ```
 *
 * @since 0.1.0
 * @category fiber refs
 */
export const currentUploadProgress: FiberRef.FiberRef<() => void> = globalValue(
  "@effect-deepgram/core/DeepgramFiles/currentUploadProgress",
  () => FiberRef.unsafeMake<() => void>(() => {})
)
