/**
 * Which Deepgram the CLI talks to: flags, then the environment, then a profile; with none of them, the
 * emulator started in-process (so every command works offline).
 *
 * @internal
 */
import type * as DeepgramConfig from "@effect-deepgram/core/DeepgramConfig"
import type * as NodeDeepgram from "@effect-deepgram/node/NodeDeepgram"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as path from "node:path"
import { selectProfile } from "./config.js"
import { UsageError } from "./errors.js"
import * as Globals from "./globals.js"
import { status } from "./output.js"

const env = (name: string) => {
  const value = process.env[name]
  return value === undefined || value.trim() === "" ? undefined : value
}

/** @internal */
export interface Target {
  readonly options: DeepgramConfig.Options | undefined
  readonly description: string
}

/**
 * The connection options (undefined: use the emulator).
 *
 * @internal
 */
export const target = (globals: Globals.Globals): Effect.Effect<Target, UsageError> =>
  Effect.gen(function*() {
    const profile = yield* selectProfile(Option.getOrUndefined(globals.profile))
    const envCredential = env("DEEPGRAM_API_KEY") ?? env("DEEPGRAM_ACCESS_TOKEN") ?? env("DEEPGRAM_TOKEN")
    const envLocation = env("DEEPGRAM_BASE_URL") ?? env("DEEPGRAM_HOST")
    const apiKey = Option.getOrUndefined(globals.apiKey)
    const baseUrl = Option.getOrUndefined(globals.baseUrl)
    if (apiKey === undefined && baseUrl === undefined && envCredential === undefined && envLocation === undefined && profile === undefined) {
      return { options: undefined, description: "the in-process emulator (no credentials set)" }
    }
    const options: { -readonly [K in keyof DeepgramConfig.Options]: DeepgramConfig.Options[K] } = {}
    const [name, p] = profile ?? ["", {}]
    // The environment beats a profile; flags beat both (layerConfig lets explicit options beat the environment).
    if (envCredential === undefined) {
      if (p.accessToken !== undefined) options.accessToken = Redacted.make(p.accessToken)
      else if (p.apiKey !== undefined) options.apiKey = Redacted.make(p.apiKey)
    }
    if (envLocation === undefined) {
      if (p.baseUrl !== undefined) options.baseUrl = p.baseUrl
      if (p.region !== undefined) options.region = p.region
    }
    if (apiKey !== undefined) {
      options.apiKey = apiKey
      delete options.accessToken
    }
    if (baseUrl !== undefined) {
      if (!URL.canParse(baseUrl)) return yield* new UsageError({ message: `--base-url: expected a URL, got "${baseUrl}"` })
      options.baseUrl = baseUrl
      delete options.region
    }
    const where = baseUrl ?? envLocation ?? p.baseUrl ?? (p.region === "eu" ? "api.eu.deepgram.com" : "api.deepgram.com")
    return { options, description: `${where}${name === "" ? "" : ` (profile ${name})`}` }
  })

/** Directories holding the inputs, where the emulator looks for sidecar transcripts (`X.wav` + `X.txt`). */
const directoriesOf = (paths: ReadonlyArray<string>): Array<string> => {
  const dirs = new Set<string>()
  for (const p of paths) {
    try {
      const stat = fs.statSync(p)
      dirs.add(stat.isDirectory() ? path.resolve(p) : path.dirname(path.resolve(p)))
    } catch {
      // not a local path
    }
  }
  return [...dirs]
}

/**
 * Loads the sidecar transcripts (`X.wav` + `X.txt`) next to some inputs into the in-process emulator; does
 * nothing when the CLI talks to Deepgram.
 *
 * @internal
 */
export class Sidecars extends Context.Tag("@effect-deepgram/cli/Sidecars")<
  Sidecars,
  { readonly load: (inputs: ReadonlyArray<string>) => Effect.Effect<void> }
>() {}

/**
 * The SDK's services for the target. With the emulator, sidecar transcripts next to `inputs` are loaded.
 *
 * @internal
 */
export const layer = (
  globals: Globals.Globals,
  inputs: ReadonlyArray<string> = []
): Layer.Layer<NodeDeepgram.Services | Sidecars, UsageError> =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const { description, options } = yield* target(globals)
    // The SDK (and ws, the HTTP client) is loaded by the commands that talk to Deepgram, not by --help.
    const NodeDeepgram = yield* Effect.promise(() => import("@effect-deepgram/node/NodeDeepgram"))
    if (options !== undefined) {
      yield* status(`Using ${description}`)
      return NodeDeepgram.layerConfig(options).pipe(
        Layer.mapError((error) => new UsageError({ message: error.message })),
        Layer.merge(Layer.succeed(Sidecars, { load: () => Effect.void }))
      )
    }
    // Loaded only when used: the commands that talk to Deepgram start faster without it.
    const { DeepgramEmulator } = yield* Effect.promise(() => import("@effect-deepgram/emulator"))
    return Layer.unwrapEffect(Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const sidecars = Sidecars.of({
        load: (paths) => Effect.forEach(directoriesOf(paths), (dir) => Effect.ignore(emulator.loadTranscripts(dir)), { discard: true })
      })
      yield* sidecars.load(inputs)
      yield* status(`No DEEPGRAM_API_KEY set: using the in-process emulator at ${emulator.url}`)
      return NodeDeepgram.layer({ baseUrl: emulator.url, emulator: true, apiKey: "deepgram-cli-emulator" }).pipe(
        Layer.mapError((error) => new UsageError({ message: error.message })),
        Layer.merge(Layer.succeed(Sidecars, sidecars))
      )
    })).pipe(
      Layer.provide(Layer.mapError(DeepgramEmulator.layer({}), (error) => new UsageError({ message: error.message })))
    )
  }))
