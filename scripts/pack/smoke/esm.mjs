// Smoke program, Node ESM: the packed SDK transcribes the sample against the packed emulator, in-process.
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `node esm.mjs <fixtures dir>`.
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { Effect } from "effect"
import { runSmoke } from "./run.cjs"

runSmoke({
  name: "node esm",
  Effect,
  DeepgramEmulator,
  Listen,
  clientLayer: NodeDeepgram.layer,
  // Every package loads with import, from its ESM build.
  checks: Effect.gen(function*() {
    for (const name of ["schema", "core", "node", "bun", "browser", "emulator", "cli", "testing"]) {
      const loaded = import.meta.resolve(`@effect-deepgram/${name}`)
      if (!loaded.includes("/build/esm/")) {
        return yield* Effect.fail(new Error(`@effect-deepgram/${name} resolved to ${loaded}, not its ESM build`))
      }
      const module = yield* Effect.promise(() => import(`@effect-deepgram/${name}`))
      if (Object.keys(module).length === 0) {
        return yield* Effect.fail(new Error(`@effect-deepgram/${name} has no exports`))
      }
    }
    return "node esm"
  })
})
