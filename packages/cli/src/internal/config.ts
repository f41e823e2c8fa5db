/**
 * Profiles: named credentials and endpoints in a JSON file written with mode 0600.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { UsageError } from "./errors.js"

/** @internal */
export interface Profile {
  readonly apiKey?: string | undefined
  readonly accessToken?: string | undefined
  readonly baseUrl?: string | undefined
  readonly region?: "us" | "eu" | undefined
}

/** @internal */
export interface ConfigFile {
  readonly profiles: Readonly<Record<string, Profile>>
}

/**
 * `$DEEPGRAM_CONFIG_FILE`, else `$XDG_CONFIG_HOME/deepgram/config.json`, else `~/.config/deepgram/config.json`.
 *
 * @internal
 */
export const configPath = (): string =>
  process.env["DEEPGRAM_CONFIG_FILE"] ??
    path.join(process.env["XDG_CONFIG_HOME"] ?? path.join(os.homedir(), ".config"), "deepgram", "config.json")

const isProfile = (value: unknown): value is Profile =>
  typeof value === "object" && value !== null &&
  Object.entries(value).every(([key, v]) =>
    ["apiKey", "accessToken", "baseUrl", "region"].includes(key) && (v === undefined || typeof v === "string")
  )

/** @internal */
export const read: Effect.Effect<ConfigFile, UsageError> = Effect.suspend(() => {
  const file = configPath()
  if (!fs.existsSync(file)) return Effect.succeed({ profiles: {} })
  return Effect.try({
    try: () => JSON.parse(fs.readFileSync(file, "utf8")) as unknown,
    catch: (error) => new UsageError({ message: `cannot read the config file ${file}: ${(error as Error).message}` })
  }).pipe(
    Effect.flatMap((json) => {
      const profiles = typeof json === "object" && json !== null ? (json as { profiles?: unknown }).profiles : undefined
      if (typeof profiles !== "object" || profiles === null || !Object.values(profiles).every(isProfile)) {
        return Effect.fail(new UsageError({ message: `${file}: expected {"profiles": {"name": {"apiKey": "...", "baseUrl": "..."}}}` }))
      }
      return Effect.succeed({ profiles: profiles as Record<string, Profile> })
    })
  )
})

/**
 * Writes the file with mode 0600 (its directory 0700), replacing it atomically.
 *
 * @internal
 */
export const write = (config: ConfigFile): Effect.Effect<string, UsageError> =>
  Effect.try({
    try: () => {
      const file = configPath()
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
      const temp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 })
      fs.chmodSync(temp, 0o600)
      fs.renameSync(temp, file)
      return file
    },
    catch: (error) => new UsageError({ message: `cannot write the config file ${configPath()}: ${(error as Error).message}` })
  })

/**
 * The profile to use: `--profile`, else `$DEEPGRAM_PROFILE`, else `default` when the file has one. Naming a
 * profile that does not exist is an error.
 *
 * @internal
 */
export const selectProfile = (flag: string | undefined): Effect.Effect<[string, Profile] | undefined, UsageError> =>
  Effect.gen(function*() {
    const named = flag ?? process.env["DEEPGRAM_PROFILE"]
    const config = yield* read
    if (named === undefined) {
      const fallback = config.profiles["default"]
      return fallback === undefined ? undefined : ["default", fallback]
    }
    const profile = config.profiles[named]
    if (profile === undefined) {
      const known = Object.keys(config.profiles)
      return yield* new UsageError({
        message: `no profile "${named}" in ${configPath()}${known.length > 0 ? ` (profiles: ${known.join(", ")})` : ""}; create it with \`deepgram profile set ${named} --api-key ...\``
      })
    }
    return [named, profile]
  })
