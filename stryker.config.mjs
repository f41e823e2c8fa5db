// Mutation testing (`npm run mutate`, not part of `npm test`): StrykerJS plants
// one bug at a time in the modules that carry the SDK's contracts and checks
// that some test fails. Scope, exclusions and how to read the report:
// docs/ARCHITECTURE.md ("Tests") and bench/results/mutation.md.
//
// Incremental: results are kept in .stryker/incremental.json (committed), so a
// run only re-tests mutants whose code or covering tests changed since.
// `npm run mutate -- --force` re-runs everything; `npm run mutate -- --mutate
// packages/core/src/Retry.ts` runs one module.

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
  // The contracts, not whole files where only part of one is a contract. `file.ts:from-to` are line ranges: they
  // do not follow edits, so re-check them when a file changes (docs/ARCHITECTURE.md "Tests"). Sized so that a
  // `--force` run fits in about 30 minutes on 2 shared cores; what is not in it yet, and why, is in
  // bench/results/mutation.md ("Next"): run those with `--mutate <file:range>`.
  mutate: [
    // credential handling
    "packages/core/src/Credentials.ts",
    // retry: which errors retry (isRetryable), the caps, Retry-After, jitter
    "packages/core/src/Retry.ts",
    "packages/core/src/DeepgramError.ts:262-273",
    // query encoding
    "packages/core/src/internal/query.ts",
    // the HTTP layer's headers and their precedence, and the credential on the request
    "packages/core/src/internal/http.ts:77-85",
    "packages/core/src/internal/http.ts:118-148",
    // close-code handling: which close of a live socket is a clean end and which an error (`classify`, and the
    // end of the event stream, `endOf`); the rest of the file is the hot path
    "packages/core/src/internal/channel.ts:323-334",
    "packages/core/src/internal/channel.ts:339-348",
    // the browser key guard (and the browser's token-endpoint layer)
    "packages/browser/src/BrowserDeepgram.ts",
    // the emulator's close codes (1005 without a status, 1006 without a close frame)
    "packages/emulator/src/internal/socket.ts:134-155"
  ],
  ignorers: ["message-text"],
  appendPlugins: ["./.stryker/ignore-messages.mjs"],
  ignorePatterns: ["build", "**/build", "bench/.data", "coverage", ".tsbuildinfo", "*.tsbuildinfo", "bench/results"],
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "build/stryker/mutation.json" },
  htmlReporter: { fileName: "build/stryker/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: "build/stryker-tmp",
  cleanTempDir: true
}
