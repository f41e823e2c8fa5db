// Smoke program, Node CommonJS: the same as esm.mjs, through require().
// Run by scripts/pack/smoke.ts from a scratch project outside the repository: `node cjs.cjs <fixtures dir>`.
"use strict"
const { DeepgramEmulator } = require("@effect-deepgram/emulator")
const { Listen, NodeDeepgram } = require("@effect-deepgram/node")
const { Effect } = require("effect")
const { runSmoke } = require("./run.cjs")

const packages = ["schema", "core", "node", "bun", "browser", "emulator", "cli", "testing"]
  .map((name) => `@effect-deepgram/${name}`)

runSmoke({
  name: "node cjs",
  Effect,
  DeepgramEmulator,
  Listen,
  clientLayer: NodeDeepgram.layer,
  // Every package loads with require(), from its CommonJS build, with the same exports as its ESM build.
  checks: Effect.gen(function*() {
    for (const name of packages) {
      const loaded = require.resolve(name)
      if (!loaded.includes("/build/cjs/")) {
        return yield* Effect.fail(new Error(`${name} resolved to ${loaded}, not its CommonJS build`))
      }
      const cjs = Object.keys(require(name)).sort().join(", ")
      const esm = Object.keys(yield* Effect.promise(() => import(name))).filter((key) => key !== "default").sort()
        .join(", ")
      if (cjs !== esm || cjs === "") {
        return yield* Effect.fail(new Error(`${name}: require() gives [${cjs}], import gives [${esm}]`))
      }
    }
    return "node cjs"
  })
})
