import { defineConfig } from "vitest/config"
import { projects } from "./vitest.workspace.js"

export default defineConfig({
  test: {
    projects,
    // The JSON report lets .ci/run print a one-line summary.
    reporters: ["default", ["json", { outputFile: "build/vitest-report.json" }]]
  }
})
