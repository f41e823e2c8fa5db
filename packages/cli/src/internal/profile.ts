/**
 * `deepgram profile list|set|remove`: named credentials in the config file (mode 0600).
 *
 * @internal
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Config from "./config.js"
import { UsageError } from "./errors.js"
import * as Globals from "./globals.js"
import { print, status, table } from "./output.js"

const mask = (secret: string | undefined) => (secret === undefined ? "-" : `${secret.slice(0, 4)}…`)

/** @internal */
export const command = () => {
  const list = Command.make("list", {}, () =>
    Effect.gen(function*() {
      const globals = yield* Globals.root
      const config = yield* Config.read
      const rows = Object.entries(config.profiles).map(([name, p]) => ({
        name,
        apiKey: mask(p.apiKey),
        accessToken: mask(p.accessToken),
        baseUrl: p.baseUrl ?? (p.region === "eu" ? "https://api.eu.deepgram.com" : "https://api.deepgram.com")
      }))
      if (yield* Globals.json(globals)) return yield* print(JSON.stringify({ file: Config.configPath(), profiles: rows }))
      yield* status(`Profiles in ${Config.configPath()}`)
      yield* print(table(["NAME", "API KEY", "ACCESS TOKEN", "ENDPOINT"], rows.map((r) => [r.name, r.apiKey, r.accessToken, r.baseUrl])))
    })).pipe(Command.withDescription("List the profiles (secrets masked)"))

  const set = Command.make("set", {
    name: Args.text({ name: "NAME" }),
    apiKey: Options.redacted("key").pipe(Options.optional, Options.withDescription("the API key (or DEEPGRAM_API_KEY)")),
    accessToken: Options.redacted("token").pipe(Options.optional, Options.withDescription("an access token instead of a key")),
    baseUrl: Options.text("url").pipe(Options.optional, Options.withDescription("a self-hosted server URL")),
    region: Options.choice("region", ["us", "eu"]).pipe(Options.optional)
  }, (args) =>
    Effect.gen(function*() {
      const baseUrl = Option.getOrUndefined(args.baseUrl)
      if (baseUrl !== undefined && !URL.canParse(baseUrl)) return yield* new UsageError({ message: `--url: expected a URL, got "${baseUrl}"` })
      const apiKey = Option.map(args.apiKey, Redacted.value).pipe(Option.orElse(() => Option.fromNullable(process.env["DEEPGRAM_API_KEY"])), Option.getOrUndefined)
      const accessToken = Option.getOrUndefined(Option.map(args.accessToken, Redacted.value))
      if (apiKey === undefined && accessToken === undefined && baseUrl === undefined) {
        return yield* new UsageError({ message: "profile set: give --key, --token or --url (or set DEEPGRAM_API_KEY)" })
      }
      const config = yield* Config.read
      const profile: Config.Profile = {
        ...(accessToken !== undefined ? { accessToken } : apiKey !== undefined ? { apiKey } : {}),
        ...(baseUrl !== undefined ? { baseUrl } : {}),
        ...(Option.isSome(args.region) ? { region: args.region.value } : {})
      }
      const file = yield* Config.write({ profiles: { ...config.profiles, [args.name]: profile } })
      yield* status(`Saved profile "${args.name}" in ${file} (mode 0600)`)
    })).pipe(Command.withDescription("Create or replace a profile"))

  const remove = Command.make("remove", { name: Args.text({ name: "NAME" }) }, (args) =>
    Effect.gen(function*() {
      const config = yield* Config.read
      if (config.profiles[args.name] === undefined) return yield* new UsageError({ message: `no profile "${args.name}" in ${Config.configPath()}` })
      const { [args.name]: _, ...rest } = config.profiles
      yield* Config.write({ profiles: rest })
      yield* status(`Removed profile "${args.name}"`)
    })).pipe(Command.withDescription("Remove a profile"))

  return Command.make("profile").pipe(
    Command.withDescription("Named credentials in ~/.config/deepgram/config.json (DEEPGRAM_CONFIG_FILE); the environment takes precedence"),
    Command.withSubcommands([list, set, remove])
  )
}
