// The vitest projects Stryker runs (`npm run mutate`): the packages' own
// configs, with two changes.
//
// - `@effect-deepgram/*` imports resolve to the sources next to this file.
//   Stryker runs the tests in a copy of the repository (its sandbox) whose
//   node_modules is a symlink to the real one, and npm's workspace links in
//   there point back at the real, unmutated packages: without the aliases a
//   mutant in core would be invisible to the tests of node, browser and the
//   emulator.
// - The real-browser test (WebDemo, Chromium) is left out: it starts a browser
//   and the demo server per run, too slow to repeat per mutant; what it covers
//   in the SDK is covered by Browser.test.ts. The Bun suite runs under
//   `bun test`, which Stryker cannot drive.
import { readdirSync } from "node:fs"
import { relative } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"
import { BaseSequencer, type TestSpecification } from "vitest/node"

const root = fileURLToPath(new URL("..", import.meta.url))
const packages = ["schema", "core", "node", "browser", "emulator"]

// `npm run mutate -- --exclude-tests packages/node/test/Agent.test.ts,…` leaves test files out of a run (Stryker
// refuses to start while any test fails, e.g. one that is being rewritten); the report names them.
const excluded = (process.env["STRYKER_EXCLUDE_TESTS"] ?? "").split(",").filter((path) => path !== "")
const excludedIn = (name: string) =>
  excluded.filter((path) => path.startsWith(`packages/${name}/`)).map((path) => path.slice(`packages/${name}/`.length))

// The test files that pin the scoped contracts (stryker.config.mjs `mutate`). The other suites (soak, leak, fuzz,
// start-up, the CLI, the product modules' end-to-end tests) cover code outside the scope, or cover it only in
// passing, and would multiply the initial test run (~9 minutes for the whole related suite here, against ~2).
const contractTests: Record<string, ReadonlyArray<string> | undefined> = {
  schema: [
    "test/FastDecode.test.ts",
    "test/DecodeText.test.ts",
    "test/Channels.test.ts",
    "test/ForwardCompat.test.ts",
    "test/ListenV1.test.ts",
    "test/Unknown.test.ts",
    "test/ErrorResponse.test.ts",
    "test/Rest.test.ts",
    "test/ResponseDecoder.test.ts",
    "test/Codec.test.ts"
  ],
  core: undefined, // all of them: unit tests, each under a second
  node: [
    "test/SocketContract.test.ts",
    "test/Handshake.test.ts",
    "test/Socket.test.ts",
    "test/Secrets.test.ts",
    "test/TokenProvider.test.ts",
    "test/Rest.test.ts",
    "test/Rejects.test.ts",
    "test/Deadlines.test.ts",
    "test/Live.test.ts",
    "test/UndiciClient.test.ts",
    "test/NodeFiles.test.ts",
    "test/NodeFilesTransport.test.ts",
    "test/DialerContract.test.ts",
    "test/Telemetry.test.ts"
  ],
  browser: ["test/KeyGuard.test.ts", "test/Browser.test.ts", "test/TokenEndpoint.test.ts"],
  emulator: [
    "test/Auth.test.ts",
    "test/AuthRules.test.ts",
    "test/Defaults.test.ts",
    "test/LiveTimeout.test.ts",
    "test/SocketFaults.test.ts",
    "test/Rejects.test.ts",
    "test/Faults.test.ts",
    "test/LiveListen.test.ts"
  ]
}

// (`include` cannot narrow the packages' own `test/**/*.test.ts`: vitest's config merge concatenates arrays.)
const notContract = (name: string): Array<string> => {
  const keep = contractTests[name]
  if (keep === undefined) return []
  return readdirSync(`${root}packages/${name}/test`)
    .map((file) => `test/${file}`)
    .filter((file) => file.endsWith(".test.ts") && !keep.includes(file))
}

const alias = [
  { find: /^@effect-deepgram\/([a-z]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  { find: /^@effect-deepgram\/([a-z]+)\/(.+)$/, replacement: `${root}packages/$1/src/$2.ts` }
]

/**
 * Stryker stops at the first failing test (bail), so the order of the files decides how long a killed mutant
 * takes: files that failed in the previous run first (they just killed a neighbouring mutant), then the
 * quickest. Vitest's default runs the slowest first, which suits parallel CI, not this.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: Array<TestSpecification>): Promise<Array<TestSpecification>> {
    const cache = this.ctx.cache
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`
    const rank = (spec: TestSpecification): [number, number] => {
      const results = cache.getFileTestResults(key(spec))
      if (results !== undefined) return [results.failed ? 0 : 1, results.duration]
      return [1, cache.getFileStats(key(spec))?.size ?? 0]
    }
    return [...files].sort((a, b) => {
      const [failedA, costA] = rank(a)
      const [failedB, costB] = rank(b)
      return failedA - failedB || costA - costB
    })
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: QuickestFirst },
    projects: packages.map((name) => ({
      extends: `${root}packages/${name}/vitest.config.ts`,
      root: `${root}packages/${name}`,
      resolve: { alias },
      test: {
        name,
        // One module registry for every file of a run: Stryker switches mutants at run time (no reload needed),
        // and loading effect and the SDK once per file was most of the initial run's time (88 of 148 s).
        isolate: false,
        // A mutant that makes a test hang (a socket that never opens, a retry that never ends) should fail that
        // test, not reach Stryker's own timeout (stryker.config.mjs `timeoutMS`, longer), which restarts the
        // worker: a fresh vitest costs a minute or more on a loaded machine.
        testTimeout: 15_000,
        hookTimeout: 15_000,
        exclude: ["**/node_modules/**", "test/WebDemo.test.ts", ...excludedIn(name), ...notContract(name)]
      }
    }))
  }
})
