// A Stryker reporter that appends one line per tested mutant to build/stryker/live.log as it completes (status,
// place, mutator, replacement, tests run), so a long run can be followed and a slow or timing-out mutant found
// while it runs: `tail -f build/stryker/live.log`.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs"
import { relative } from "node:path"
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin"

const FILE = "build/stryker/live.log"

class LiveReporter {
  started = Date.now()
  onMutationTestingPlanReady() {
    mkdirSync("build/stryker", { recursive: true })
    writeFileSync(FILE, "")
    this.started = Date.now()
  }
  onMutantTested(result) {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0)
    const place = `${relative(process.cwd(), result.fileName)}:${result.location.start.line}`
    const replacement = (result.replacement ?? "").replace(/\s+/g, " ").slice(0, 60)
    appendFileSync(
      FILE,
      `${seconds}s ${result.status} ${place} ${result.mutatorName} ${JSON.stringify(replacement)} tests=${
        result.testsCompleted ?? "?"
      }\n`
    )
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)]
