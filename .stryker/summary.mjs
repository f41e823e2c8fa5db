// Summarises Stryker's JSON report (build/stryker/mutation.json by default) as markdown, over the scope only
// (.stryker/scope.mjs): the score of the whole scope, per package and per contract, and every surviving or
// uncovered mutant with its place and replacement. Mutants outside the scope (left in the report by earlier
// partial runs through the incremental file, or by a `--mutate` run of code outside it) are counted apart and
// not in the score. `npm run mutate` prints it; `node .stryker/summary.mjs [report.json]` reprints it.
import { readFileSync } from "node:fs"
import { all, contracts, namesOf, scopeOf } from "./scope.mjs"

const report = JSON.parse(readFileSync(process.argv[2] ?? "build/stryker/mutation.json", "utf8"))

const UNDETECTED = new Set(["Survived", "NoCoverage"])
const tally = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0 })
const add = (t, status) => {
  if (status === "Killed") t.killed++
  else if (status === "Timeout") t.timeout++
  else if (status === "Survived") t.survived++
  else if (status === "NoCoverage") t.noCoverage++
  else if (status === "Ignored") t.ignored++
  else t.invalid++ // CompileError, RuntimeError
}
const score = (t) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage
  return valid === 0 ? "n/a" : `${(100 * (t.killed + t.timeout) / valid).toFixed(1)}%`
}
const packageOf = (file) => file.match(/^packages\/([^/]+)\//)?.[1] ?? "other"
const labelOf = (entry) => {
  const names = namesOf(entry)
  return names === undefined ? entry.file : `${entry.file} (${names.join(", ")})`
}

const total = tally()
const outside = tally()
const byPackage = new Map()
const inRun = contracts.filter((entry) => namesOf(entry)?.length !== 0)
const byContract = new Map(inRun.map((entry) => [entry, tally()]))
const survivors = []
const missing = []
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const inScope = scopeOf(file, source, (name, count) =>
    missing.push(`${file}: ${count === 0 ? "no" : count} declaration(s) named ${name} in the report's text`))
  const lines = source.split("\n")
  for (const mutant of mutants) {
    const entry = inScope(mutant.location)
    if (entry === undefined) {
      add(outside, mutant.status)
      continue
    }
    add(total, mutant.status)
    add(byContract.get(entry), mutant.status)
    const p = byPackage.get(packageOf(file)) ?? tally()
    add(p, mutant.status)
    byPackage.set(packageOf(file), p)
    if (UNDETECTED.has(mutant.status)) {
      const { start, end } = mutant.location
      const original = start.line === end.line
        ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1].slice(start.column - 1)}…`
      survivors.push({
        file,
        line: start.line,
        mutator: mutant.mutatorName,
        status: mutant.status,
        original,
        replacement: mutant.replacement ?? ""
      })
    }
  }
}

const row = (name, t) =>
  `| ${name} | ${score(t)} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.invalid} | ${t.ignored} |`
const header = (first) =>
  `| ${first} | score | killed | timeout | survived | no coverage | compile/runtime error | ignored |\n|---|---|---|---|---|---|---|---|`
const oneLine = (text) => text.replace(/\s+/g, " ").slice(0, 70)
const cell = (text) => `\`${oneLine(text).replace(/\|/g, "\\|")}\``

console.log(`mutation score: ${score(total)}\n`)
console.log(`Scope: ${all() ? "the whole scope (--all)" : "the timed scope"} of .stryker/scope.mjs.\n`)
console.log(header("package"))
for (const [name, t] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) console.log(row(`**${name}**`, t))
console.log(`${row("**all**", total)}\n`)
console.log(`${header("file (declarations) — contract")}`)
for (const [entry, t] of byContract) {
  if (t.killed + t.timeout + t.survived + t.noCoverage + t.invalid + t.ignored === 0) {
    console.log(`| ${labelOf(entry)} — ${entry.contract} | not in this report | | | | | | |`)
  } else {
    console.log(row(`${labelOf(entry)} — ${entry.contract}`, t))
  }
}
console.log("")
const outsideCount = outside.killed + outside.timeout + outside.survived + outside.noCoverage + outside.invalid +
  outside.ignored
if (outsideCount > 0) {
  console.log(
    `Not counted: ${outsideCount} mutants of the report lie outside the scope (.stryker/scope.mjs), from earlier ` +
      `partial runs or a --mutate run (${score(outside)} of them detected).\n`
  )
}
if (missing.length > 0) {
  console.log(`The report predates the scope (run \`npm run mutate\` again): ${missing.join("; ")}.\n`)
}
console.log("| file:line | mutator | status | original | replacement |\n|---|---|---|---|---|")
for (const s of survivors) {
  console.log(`| ${s.file}:${s.line} | ${s.mutator} | ${s.status} | ${cell(s.original)} | ${cell(s.replacement)} |`)
}
