/**
 * The global flags, accepted before or after the command name.
 *
 * @internal
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as IO from "./io.js"

/** @internal */
export interface Globals {
  readonly output: "auto" | "text" | "json"
  readonly baseUrl: Option.Option<string>
  readonly apiKey: Option.Option<Redacted.Redacted<string>>
  readonly profile: Option.Option<string>
}

/** @internal */
export const options = {
  output: Options.choice("output", ["auto", "text", "json"]).pipe(
    Options.withAlias("o"),
    Options.withDefault("auto" as const),
    Options.withDescription("text or json (json is automatic when stdout is not a terminal)")
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.optional,
    Options.withDescription("a self-hosted server or emulator URL (beats DEEPGRAM_BASE_URL and the profile)")
  ),
  apiKey: Options.redacted("api-key").pipe(
    Options.optional,
    Options.withDescription("an API key (beats DEEPGRAM_API_KEY and the profile)")
  ),
  profile: Options.text("profile").pipe(
    Options.optional,
    Options.withDescription("a profile of the config file (see `deepgram profile`)")
  )
}

/** Flags taking a value, as they may be written anywhere on the line. */
const valued = new Set(["--output", "-o", "--base-url", "--api-key", "--profile"])

/**
 * Moves global flags written after the command name to the front, where @effect/cli expects them.
 * `-o` stays in place unless its value is `text`, `json` or `auto` (`speak -o out.wav` is the command's own).
 *
 * @internal
 */
export const hoist = (args: ReadonlyArray<string>): Array<string> => {
  const front: Array<string> = []
  const rest: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") {
      rest.push(...args.slice(i))
      break
    }
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), true] : [arg, false]
    if (valued.has(flag)) {
      if (flag === "-o" && !["text", "json", "auto"].includes(args[i + 1] ?? "")) {
        rest.push(arg)
        continue
      }
      if (inline) front.push(arg)
      else {
        front.push(arg)
        if (i + 1 < args.length) front.push(args[++i]!)
      }
    } else rest.push(arg)
  }
  // @effect/cli stops reading options at a lone `-`: keep it (stdin) after the options.
  const dashes = rest.filter((arg) => arg === "-")
  return [...front, ...rest.filter((arg) => arg !== "-"), ...dashes]
}

/** @internal */
export const json = (globals: Globals): Effect.Effect<boolean> =>
  Effect.map(IO.io, (io) => globals.output === "json" || (globals.output === "auto" && !io.stdoutIsTTY))

/**
 * The root command with the global flags; subcommands read them with `yield* root`.
 *
 * @internal
 */
export const root = Command.make("deepgram", options)
