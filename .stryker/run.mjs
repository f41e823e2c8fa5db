// `npm run mutate`: runs StrykerJS with stryker.config.mjs.
//
// StrykerJS 10's command line refuses Node < 22 (a version guard in its CLI
// module, which its package entry point imports); the repository supports
// Node >= 20, so this script loads the `Stryker` class the CLI drives from its
// own module. Options (others: edit stryker.config.mjs):
//   --mutate <globs>   comma-separated files/globs instead of the configured scope
//   --force            re-test every mutant, ignoring the incremental file
//   --concurrency <n>  worker processes (2 by default)
//   --no-check         skip the TypeScript checker (ill-typed mutants then run as tests)
//   --dry-run          only the initial test run (checks the set-up)
//   --log-level <lvl>  info (default), debug, trace…
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"

const core = dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json"))
const { Stryker } = await import(pathToFileURL(join(core, "dist/src/stryker.js")).href)

const { values } = parseArgs({
  options: {
    mutate: { type: "string" },
    force: { type: "boolean", default: false },
    concurrency: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "no-check": { type: "boolean", default: false },
    "log-level": { type: "string" },
    "incremental-file": { type: "string" }
  }
})

const options = {
  configFile: "stryker.config.mjs",
  ...(values.mutate === undefined ? {} : { mutate: values.mutate.split(",").filter(Boolean) }),
  ...(values.force ? { force: true } : {}),
  ...(values.concurrency === undefined ? {} : { concurrency: Number(values.concurrency) }),
  ...(values["dry-run"] ? { dryRunOnly: true } : {}),
  ...(values["no-check"] ? { checkers: [] } : {}),
  ...(values["log-level"] === undefined ? {} : { logLevel: values["log-level"] }),
  ...(values["incremental-file"] === undefined ? {} : { incrementalFile: values["incremental-file"] })
}

try {
  const results = await new Stryker(options).runMutationTest()
  const counted = results.filter((r) => r.status !== "Ignored" && r.status !== "CompileError" && r.status !== "RuntimeError")
  const detected = counted.filter((r) => r.status === "Killed" || r.status === "Timeout").length
  if (counted.length > 0) console.log(`mutation score: ${(100 * detected / counted.length).toFixed(1)}%`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
}
