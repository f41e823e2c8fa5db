/**
 * Entry point of the `deepgram` command.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as internal from "./internal/cli.js"

const args = process.argv.slice(2)

if (args[0] === "emulator") {
  // The emulator's own launcher, with its flags.
  process.argv = [process.argv[0]!, "deepgram emulator", ...args.slice(1)]
  await import("@effect-deepgram/emulator/bin")
} else {
  internal.run(args).pipe(
    Effect.flatMap((code) =>
      Effect.sync(() => {
        process.exitCode = code
      })
    ),
    Effect.provide(NodeContext.layer),
    NodeRuntime.runMain({ disableErrorReporting: true, disablePrettyLogger: true })
  )
}
