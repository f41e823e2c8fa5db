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
  // `--force` run fits in about 30-40 minutes on 2 shared cores (bench/results/mutation.md has the latest).
  mutate: [
    // credential handling (all of it), the configuration's validation, precedence and environment, short-lived
    // tokens (caching, refresh, the token endpoint)
    "packages/core/src/Credentials.ts",
    "packages/core/src/DeepgramConfig.ts:145-263",
    "packages/core/src/DeepgramConfig.ts:344-384",
    "packages/core/src/TokenProvider.ts:127-176",
    "packages/core/src/TokenProvider.ts:225-254",
    // retry: which errors retry (isRetryable), the caps, Retry-After, jitter
    "packages/core/src/Retry.ts",
    "packages/core/src/DeepgramError.ts:252-262",
    // query encoding
    "packages/core/src/internal/query.ts",
    // the HTTP layer's contract: header names and precedence, credentials, the per-attempt timeout and the
    // deadline, which failures retry, error classification. Left out: body excerpts (message text) and the span
    "packages/core/src/internal/http.ts:78-92",
    "packages/core/src/internal/http.ts:106-127",
    "packages/core/src/internal/http.ts:129-177",
    "packages/core/src/internal/http.ts:184-197",
    "packages/core/src/internal/http.ts:204-326",
    "packages/core/src/internal/http.ts:344-370",
    // close-code handling: which close of a live socket is a clean end and which an error (`classify`, and the
    // end of the event stream in `decodeBatch`); the rest of the file is the hot path
    "packages/core/src/internal/channel.ts:308-320",
    "packages/core/src/internal/channel.ts:325-337",
    // the browser key guard (and the browser's token-endpoint layer)
    "packages/browser/src/BrowserDeepgram.ts",
    // the Node dialer: handshake failures with their status, dg-error and dg-request-id
    "packages/node/src/NodeDialer.ts",
    // the schema package's decoders: a server message to its member, `Unknown` (typeless or unknown type) or
    // `Invalid`, and the fast path's dispatch on `type` (its per-field checks are compared with Schema's decoder
    // by FastDecode.test.ts, not mutated: hundreds of mutants, each covered by every socket test)
    "packages/schema/src/internal/messages.ts:67-89",
    "packages/schema/src/internal/messages.ts:142-198",
    "packages/schema/src/internal/messages.ts:229-309",
    "packages/schema/src/internal/fastDecode.ts:386-472",
    // the emulator's protocol rules: credentials (Token / Bearer / subprotocols, minted tokens, expiry), the live
    // timeout (NET-0001), close codes
    "packages/emulator/src/internal/auth.ts:30-56",
    "packages/emulator/src/internal/auth.ts:141-152",
    "packages/emulator/src/internal/auth.ts:183-198",
    "packages/emulator/src/internal/session.ts:134-160",
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
