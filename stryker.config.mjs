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
  timeoutMS: 10_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  // A static mutant (one in code that runs when a module loads, such as a constant record) is covered by no
  // single test, so Stryker reruns every related test for it: ~5 minutes each on this machine. They are
  // reported as ignored; the values involved are pinned by value assertions (the EU record, the retry
  // defaults, the config defaults).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: ".stryker/incremental.json",
  mutate: [
    // core: config, credentials, errors, HTTP, retry, query, sockets, channels, live, and every product module
    "packages/core/src/**/*.ts",
    "!packages/core/src/index.ts",
    // runtime layers and dialers (Bun's run under `bun test`, which Stryker cannot drive)
    "packages/node/src/*.ts",
    "!packages/node/src/index.ts",
    "packages/browser/src/*.ts",
    "!packages/browser/src/index.ts",
    // the schema package's decoders (the generated schemas are data, not logic)
    "packages/schema/src/ErrorResponse.ts",
    "packages/schema/src/MessageDecodeError.ts",
    "packages/schema/src/internal/codec.ts",
    "packages/schema/src/internal/fastDecode.ts",
    "packages/schema/src/internal/messages.ts",
    // the emulator's protocol rules: auth, timeouts and close codes, sockets, the request pipeline
    "packages/emulator/src/internal/auth.ts",
    "packages/emulator/src/internal/session.ts",
    "packages/emulator/src/internal/socket.ts",
    "packages/emulator/src/internal/websocket.ts",
    "packages/emulator/src/internal/pipeline.ts",
    "packages/emulator/src/internal/emulator.ts"
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
