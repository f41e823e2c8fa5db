/**
 * The transcript registry: scripts keyed by the SHA-256 of their audio, registered from code or loaded from
 * sidecar files.
 *
 * @internal
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import * as NodePath from "node:path"
import { EmulatorError } from "../EmulatorError.js"
import type { Script, Segment } from "../Transcript.js"
import { parseSidecar, toSegments } from "../Transcript.js"

const sha256Pattern = /^[0-9a-f]{64}$/i

/**
 * The registry key of some audio: its SHA-256 (a hex digest is taken as is).
 *
 * @internal
 */
export const audioKey = (audio: string | Uint8Array): Effect.Effect<string, EmulatorError> =>
  typeof audio === "string"
    ? sha256Pattern.test(audio)
      ? Effect.succeed(audio.toLowerCase())
      : Effect.fail(
        new EmulatorError({ reason: "InvalidAudioKey", description: "expected a SHA-256 hex digest (64 hex digits)" })
      )
    : Effect.sync(() => createHash("sha256").update(audio).digest("hex"))

/** @internal */
export const register = (
  transcripts: Ref.Ref<ReadonlyMap<string, ReadonlyArray<Segment>>>,
  audio: string | Uint8Array,
  script: Script
): Effect.Effect<string, EmulatorError> =>
  Effect.flatMap(audioKey(audio), (key) =>
    Ref.update(transcripts, (map) => new Map(map).set(key, toSegments(script))).pipe(Effect.as(key)))

const transcriptsError = (description: string) => (cause: unknown) =>
  new EmulatorError({ reason: "Transcripts", description, cause })

/**
 * SHA-256 of a file, streamed.
 *
 * @internal
 */
export const hashFile = (path: string): Effect.Effect<string, EmulatorError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const hash = createHash("sha256")
    yield* Stream.runForEach(fs.stream(path), (chunk) => Effect.sync(() => hash.update(chunk)))
    return hash.digest("hex")
  }).pipe(Effect.mapError(transcriptsError(`cannot read ${path}`)))

/**
 * Registers the sidecar transcript of every audio file in `directory` (recursively): for `X.wav`, the text of
 * `X.wav.txt` or else `X.txt`. Returns the number of transcripts registered.
 *
 * @internal
 */
export const loadDirectory = (
  transcripts: Ref.Ref<ReadonlyMap<string, ReadonlyArray<Segment>>>,
  directory: string
): Effect.Effect<number, EmulatorError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const entries = yield* fs.readDirectory(directory, { recursive: true }).pipe(
      Effect.mapError(transcriptsError(`cannot read the transcripts directory ${directory}`))
    )
    const present = new Set(entries)
    let count = 0
    for (const entry of [...entries].sort()) {
      if (entry.toLowerCase().endsWith(".txt")) continue
      const parsed = NodePath.parse(entry)
      const candidates = [`${entry}.txt`, NodePath.join(parsed.dir, `${parsed.name}.txt`)]
      const sidecar = candidates.find((candidate) => present.has(candidate))
      if (sidecar === undefined) continue
      const path = NodePath.join(directory, entry)
      const info = yield* fs.stat(path).pipe(Effect.mapError(transcriptsError(`cannot stat ${path}`)))
      if (info.type !== "File") continue
      const text = yield* fs.readFileString(NodePath.join(directory, sidecar)).pipe(
        Effect.mapError(transcriptsError(`cannot read ${sidecar}`))
      )
      const key = yield* hashFile(path)
      yield* register(transcripts, key, parseSidecar(text))
      count++
    }
    return count
  })
