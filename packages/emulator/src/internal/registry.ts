/**
 * The transcript registry: scripts keyed by the SHA-256 of their audio, registered from code or loaded from
 * sidecar files.
 *
 * Live streams have no SHA-256 until they end, so audio registered with its bytes (or from a file) is also
 * registered under fingerprints of its first bytes: the SHA-256 of the first 32 KiB of the file, and for a WAV
 * file the SHA-256 of the first 32 KiB of its samples (the `data` chunk without the header), so that the raw PCM
 * of a registered WAV file is recognised too. A fingerprint leads to the file's digest and real duration, so a
 * live stream lays the words out exactly like a pre-recorded request for the same audio.
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
import { probe } from "./audio.js"
import { parseWavHeader } from "./wav.js"

/**
 * How many leading bytes a live fingerprint covers.
 *
 * @internal
 */
export const fingerprintBytes = 32 * 1024

/** How much of the head of a file is kept to find its samples (header + one fingerprint). */
const headBytes = 256 * 1024 + fingerprintBytes

/**
 * What a fingerprint leads to: the audio's digest (the key of its script) and its duration.
 *
 * @internal
 */
export interface LiveKey {
  readonly sha256: string
  readonly duration: number
}

/** @internal */
export interface Registry {
  readonly transcripts: Ref.Ref<ReadonlyMap<string, ReadonlyArray<Segment>>>
  readonly fingerprints: Ref.Ref<ReadonlyMap<string, LiveKey>>
}

const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

/**
 * The fingerprint of a stream's first bytes (all of them when there are fewer than 32 KiB).
 *
 * @internal
 */
export const fingerprint = (head: Uint8Array): string => sha256Of(head.subarray(0, fingerprintBytes))

/**
 * The fingerprints of a file given its first bytes: of the file itself and, for a WAV file, of its samples.
 *
 * @internal
 */
export const fingerprintsOf = (head: Uint8Array): ReadonlyArray<string> => {
  const out = [fingerprint(head)]
  const wav = parseWavHeader(head)
  if (wav._tag === "Parsed") {
    const { dataOffset, dataSize } = wav.header
    const declared = dataSize > 0 && dataSize !== 0xffff_ffff ? dataSize : fingerprintBytes
    const end = Math.min(head.length, dataOffset + Math.min(fingerprintBytes, declared))
    if (end > dataOffset) out.push(sha256Of(head.subarray(dataOffset, end)))
  }
  return out
}

interface Described {
  readonly sha256: string
  readonly duration: number
  readonly fingerprints: ReadonlyArray<string>
}

/** Reads audio once: its digest, its duration (as `POST /v1/listen` finds it) and its fingerprints. */
const describe = <E, R>(body: Stream.Stream<Uint8Array, E, R>): Effect.Effect<Described, E, R> =>
  Effect.gen(function*() {
    const kept: Array<Uint8Array> = []
    let size = 0
    const info = yield* probe(Stream.tap(body, (chunk) =>
      Effect.sync(() => {
        if (size < headBytes) kept.push(chunk.subarray(0, headBytes - size))
        size += chunk.length
      })))
    const head = Buffer.concat(kept)
    return { sha256: info.sha256, duration: info.duration, fingerprints: fingerprintsOf(head) }
  })

const store = (registry: Registry, described: Described, script: Script): Effect.Effect<string> =>
  Effect.zipRight(
    Ref.update(registry.transcripts, (map) => new Map(map).set(described.sha256, toSegments(script))),
    Ref.update(registry.fingerprints, (map) => {
      const next = new Map(map)
      for (const key of described.fingerprints) {
        next.set(key, { sha256: described.sha256, duration: described.duration })
      }
      return next
    })
  ).pipe(Effect.as(described.sha256))

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

/**
 * Registers a script for audio given as bytes (digest and fingerprints) or as a digest (no fingerprints: such
 * audio is only recognised by pre-recorded requests).
 *
 * @internal
 */
export const register = (
  registry: Registry,
  audio: string | Uint8Array,
  script: Script
): Effect.Effect<string, EmulatorError> =>
  typeof audio === "string"
    ? Effect.flatMap(audioKey(audio), (key) =>
      Ref.update(registry.transcripts, (map) => new Map(map).set(key, toSegments(script))).pipe(Effect.as(key)))
    : Effect.flatMap(describe(Stream.make(audio)), (described) => store(registry, described, script))

const transcriptsError = (description: string) => (cause: unknown) =>
  new EmulatorError({ reason: "Transcripts", description, cause })

/**
 * Registers the script for an audio file (read once, streamed). Returns the file's digest.
 *
 * @internal
 */
export const registerFile = (
  registry: Registry,
  path: string,
  script: Script
): Effect.Effect<string, EmulatorError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const described = yield* describe(fs.stream(path)).pipe(Effect.mapError(transcriptsError(`cannot read ${path}`)))
    return yield* store(registry, described, script)
  })

/**
 * Registers the sidecar transcript of every audio file in `directory` (recursively): for `X.wav`, the text of
 * `X.wav.txt` or else `X.txt`. Returns the number of transcripts registered.
 *
 * @internal
 */
export const loadDirectory = (
  registry: Registry,
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
      yield* registerFile(registry, path, parseSidecar(text))
      count++
    }
    return count
  })
