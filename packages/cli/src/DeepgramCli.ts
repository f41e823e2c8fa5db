/**
 * The `deepgram` command line, as a value: run it from your own entry point
 * or embed its commands.
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import type * as Command from "@effect/cli/Command"
import type * as Effect from "effect/Effect"
import * as internal from "./internal/cli.js"

/**
 * The root command (`deepgram`) with every subcommand.
 *
 * @since 0.1.0
 * @category commands
 */
export const command: Command.Command<"deepgram", never, unknown, unknown> = internal.command as unknown as Command.Command<
  "deepgram",
  never,
  unknown,
  unknown
>

/**
 * Runs the CLI on the arguments after the program name and returns the exit
 * code: 0 on success, 1 when the command failed (some inputs failed, an API
 * error), 2 for a bad command line. Global flags may come before or after
 * the command name.
 *
 * @example
 * ```ts
 * import { DeepgramCli } from "@effect-deepgram/cli"
 * import { NodeContext, NodeRuntime } from "@effect/platform-node"
 * import { Effect } from "effect"
 *
 * DeepgramCli.run(["transcribe", "talk.wav", "--format", "srt"]).pipe(
 *   Effect.flatMap((code) => Effect.sync(() => process.exit(code))),
 *   Effect.provide(NodeContext.layer),
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const run: (args: ReadonlyArray<string>) => Effect.Effect<number, never, CliApp.CliApp.Environment> = internal.run

/**
 * @since 0.1.0
 * @category constants
 */
export const version: string = internal.version
