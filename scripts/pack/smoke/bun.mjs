// Smoke program, Bun: the packed Bun layer (Bun's fetch) transcribes the sample against the packed emulator.
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `bun bun.mjs <fixtures dir>`.
import { BunDeepgram, Listen } from "@effect-deepgram/bun"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Effect } from "effect"
import { runSmoke } from "./run.cjs"

runSmoke({
  name: "bun",
  Effect,
  DeepgramEmulator,
  Listen,
  clientLayer: BunDeepgram.layer,
  checks: Effect.suspend(() =>
    typeof Bun === "undefined"
      ? Effect.fail(new Error("not running under Bun"))
      : Effect.succeed(`bun ${Bun.version}`)
  )
})
