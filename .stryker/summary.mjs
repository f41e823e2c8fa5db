// Summarises Stryker's JSON report (build/stryker/mutation.json by default) as
// markdown: the score per package and per file, and every surviving or
// uncovered mutant with its place and replacement. `npm run mutate` prints it;
// `node .stryker/summary.mjs [report.json]` reprints it.
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2] ?? "build/stryker/mutation.json", "utf8"))

const DETECTED = new Set(["Killed", "Timeout"])
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

const total = tally()
const byPackage = new Map()
const byFile = []
const survivors = []
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const t = tally()
  for (const mutant of mutants) {
    add(t, mutant.status)
    add(total, mutant.status)
    if (UNDETECTED.has(mutant.status)) {
      const { start, end } = mutant.location
      const lines = source.split("\n")
      const original = start.line === end.line
        ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1].slice(start.column - 1)}…`
      survivors.push({ file, line: start.line, mutator: mutant.mutatorName, status: mutant.status, original, replacement: mutant.replacement ?? "" })
    }
  }
  byFile.push([file, t])
  const p = byPackage.get(packageOf(file)) ?? tally()
  for (const key of Object.keys(t)) p[key] += t[key]
  byPackage.set(packageOf(file), p)
}

const row = (name, t) =>
  `| ${name} | ${score(t)} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.invalid} | ${t.ignored} |`
const header = "| | score | killed | timeout | survived | no coverage | compile/runtime error | ignored |\n|---|---|---|---|---|---|---|---|"
const oneLine = (text) => text.replace(/\s+/g, " ").slice(0, 70)

console.log(`mutation score: ${score(total)}\n`)
console.log(`${header}\n${[...byPackage].map(([name, t]) => row(`**${name}**`, t)).join("\n")}\n${row("**all**", total)}\n`)
console.log(`${header}\n${byFile.map(([file, t]) => row(file, t)).join("\n")}\n`)
console.log("| file:line | mutator | status | original | replacement |\n|---|---|---|---|---|")
for (const s of survivors) {
  console.log(`| ${s.file}:${s.line} | ${s.mutator} | ${s.status} | \`${oneLine(s.original).replace(/\|/g, "\\|")}\` | \`${oneLine(s.replacement).replace(/\|/g, "\\|")}\` |`)
}
