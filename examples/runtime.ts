/**
 * Shared by the examples: Deepgram when the environment names credentials or
 * a server, otherwise the bundled emulator started in-process (so every
 * example works offline).
 */
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { NodeDeepgram } from "@effect-deepgram/node"
import { Config, Console, Effect, Layer, Option } from "effect"
import { fileURLToPath } from "node:url"

export const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url))

export const DeepgramOrEmulator = Effect.gen(function*() {
  const env = yield* Config.all([
    Config.option(Config.string("DEEPGRAM_API_KEY")),
    Config.option(Config.string("DEEPGRAM_ACCESS_TOKEN")),
    Config.option(Config.string("DEEPGRAM_TOKEN")),
    Config.option(Config.string("DEEPGRAM_BASE_URL")),
    Config.option(Config.string("DEEPGRAM_HOST"))
  ])
  if (env.some(Option.isSome)) return NodeDeepgram.DeepgramLive
  yield* Console.log("No DEEPGRAM_API_KEY set: using the bundled emulator.\n")
  return Layer.unwrapEffect(
    Effect.map(
      DeepgramEmulator.DeepgramEmulator,
      (emulator) => NodeDeepgram.layer({ baseUrl: emulator.url, emulator: true, apiKey: "emulator-demo-key" })
    )
  ).pipe(Layer.provide(DeepgramEmulator.layer({ transcriptsDir: fixtures })))
}).pipe(Layer.unwrapEffect)

/** Runs an example: prints a failure's message and sets the exit code. */
export const runMain = <A, E extends { readonly message: string }>(effect: Effect.Effect<A, E>) =>
  effect.pipe(
    Effect.catchAll((error) =>
      Console.error(`Failed: ${error.message}`).pipe(Effect.zipRight(Effect.sync(() => {
        process.exitCode = 1
      })))
    ),
    Effect.runPromise
  )
