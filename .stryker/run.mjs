// `npm run mutate`: runs StrykerJS with stryker.config.mjs.
//
// StrykerJS 10's command line refuses Node < 22 (a version guard in its CLI
// module, which its package entry point imports); the repository supports
// Node >= 20, so this script loads the `Stryker` class the CLI drives from its
// own module. Options (others: edit stryker.config.mjs):
//   --all              the whole scope of .stryker/scope.mjs (its `later` names too), not only the timed one
//   --mutate <globs>   comma-separated files/globs instead of the configured scope
//   --force            re-test every mutant, ignoring the incremental file
//   --concurrency <n>  worker processes (2 by default)
//   --no-check         skip the TypeScript checker (ill-typed mutants then run as tests)
//   --exclude-tests <paths>  comma-separated test files to leave out of this run
//   --dry-run          only the initial test run (checks the set-up)
//   --log-level <lvl>  info (default), debug, trace…
import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { parseArgs } from "node:util"

const core = dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json"))
const { Stryker } = await import(pathToFileURL(join(core, "dist/src/stryker.js")).href)

const { values } = parseArgs({
  options: {
    all: { type: "boolean", default: false },
    mutate: { type: "string" },
    force: { type: "boolean", default: false },
    concurrency: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "no-check": { type: "boolean", default: false },
    "exclude-tests": { type: "string" },
    "log-level": { type: "string" },
    "incremental-file": { type: "string" }
  }
})

// Read by .stryker/scope.mjs (stryker.config.mjs and the summary).
if (values.all) process.env["STRYKER_SCOPE"] = "all"
// Read by .stryker/vitest.config.ts in every test runner process.
if (values["exclude-tests"] !== undefined) process.env["STRYKER_EXCLUDE_TESTS"] = values["exclude-tests"]

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
  await new Stryker(options).runMutationTest()
  // Per package and per file, and every survivor (also in build/stryker/mutation.html).
  const summary = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), "summary.mjs")], {
    stdio: "inherit"
  })
  if (summary.status !== 0) process.exitCode = 1
} catch (error) {
  console.error(error)
  process.exitCode = 1
}
