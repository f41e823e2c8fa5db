// Counts the mutants of the scope (.stryker/scope.mjs) per file and declaration without running any test: the
// size of a `--force` run before starting one (`node .stryker/count.mjs [file-substring]`; STRYKER_SCOPE=all for
// the whole scope, `later` included). The text of
// messages is left out as Stryker leaves it out (.stryker/ignore-messages.mjs); static mutants (code that runs
// when a module loads) are still counted here: Stryker ignores them only after its initial test run.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { strykerPlugins } from "./ignore-messages.mjs"
import { contracts, namesOf, rangesOf } from "./scope.mjs"

const root = fileURLToPath(new URL("..", import.meta.url))
const instrumenter = dirname(createRequire(import.meta.url).resolve("@stryker-mutator/instrumenter/package.json"))
const { Instrumenter } = await import(pathToFileURL(join(instrumenter, "dist/src/index.js")).href)

const quiet = () => {}
const logger = { debug: quiet, trace: quiet, info: quiet, isDebugEnabled: () => false, isTraceEnabled: () => false, warn: console.warn, error: console.error }
const instrument = new Instrumenter(logger)
const ignorers = [strykerPlugins[0].value]

const only = process.argv[2]
let total = 0
for (const entry of contracts) {
  const { file } = entry
  const names = namesOf(entry)
  if (only !== undefined && !file.includes(only)) continue
  const content = readFileSync(join(root, file), "utf8")
  const { mutants } = await instrument.instrument([{ name: join(root, file), mutate: true, content }], {
    plugins: null,
    excludedMutations: [],
    ignorers
  })
  const counted = mutants.filter((mutant) => mutant.status !== "Ignored")
  // Stryker's instrumenter reports 0-based lines; the ranges are 1-based.
  const within = ({ from, to }) =>
    counted.filter((mutant) => mutant.location.start.line + 1 >= from && mutant.location.end.line + 1 <= to).length
  if (names === undefined) {
    console.log(`${file}: ${counted.length}`)
    total += counted.length
    continue
  }
  for (const range of rangesOf(file, names, content)) {
    const n = within(range)
    console.log(`${file} ${range.name} (${range.from}-${range.to}): ${n}`)
    total += n
  }
}
console.log(`total: ${total}`)
