// Mutation testing (`npm run mutate`, not part of `npm test`): StrykerJS plants
// one bug at a time in the modules that carry the SDK's contracts and checks
// that some test fails. Scope, exclusions and how to read the report:
// docs/ARCHITECTURE.md ("Tests") and bench/results/mutation.md.
//
// Incremental: results are kept in .stryker/incremental.json (committed), so a
// run only re-tests mutants whose code or covering tests changed since.
// `npm run mutate -- --force` re-runs everything; `npm run mutate -- --mutate
// packages/core/src/Retry.ts` runs one module.

import { mutatePatterns } from "./.stryker/scope.mjs"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: ".stryker/vitest.config.ts", related: true },
  // Each mutant runs only the tests that executed its code in the first run.
  coverageAnalysis: "perTest",
  checkers: ["typescript"],
  tsconfigFile: ".stryker/tsconfig.json",
  // Mutants the compiler rejects are checked in groups (much faster on 2 cores).
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 1.5,
  dryRunTimeoutMinutes: 15,
  // A static mutant (one in code that runs when a module loads, such as a constant record) is covered by no
  // single test, so Stryker reruns every related test for it: ~5 minutes each on this machine. They are
  // reported as ignored; the values involved are pinned by value assertions (the EU record, the retry
  // defaults, the config defaults).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: ".stryker/incremental.json",
  // The contracts, not whole files where only part of one is a contract: .stryker/scope.mjs names them by file and
  // declaration, and turns each name into the line range it has now (`file.ts:from-to`), so the ranges follow the
  // code; a name that is gone stops the run. Sized so that a `--force` run fits in about 30 minutes on 2 shared
  // cores (bench/results/mutation.md); one module: `npm run mutate -- --mutate <file:range>`.
  mutate: mutatePatterns(),
  ignorers: ["message-text"],
  appendPlugins: ["./.stryker/ignore-messages.mjs", "./.stryker/live-reporter.mjs"],
  ignorePatterns: ["build", "**/build", "bench/.data", "coverage", ".tsbuildinfo", "*.tsbuildinfo", "bench/results"],
  reporters: ["clear-text", "progress", "json", "html", "live"],
  jsonReporter: { fileName: "build/stryker/mutation.json" },
  htmlReporter: { fileName: "build/stryker/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: "build/stryker-tmp",
  cleanTempDir: true
}
