// Importing our packages changes no global state (no `fetch`, no dispatcher
// behind it), and after the SDK has run, Node's own `fetch` (with a hand-set
// content-length) and the official SDK still work in the same process. Each
// check runs in a fresh Node process: in the test runner, `fetch` may already
// have been used, which would hide a dispatcher installed by an import.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { spacewalkTranscript } from "./helpers.js"

interface Step {
  readonly name: string
  readonly changed: ReadonlyArray<string>
}

interface Report {
  readonly steps: ReadonlyArray<Step>
  readonly results?: { readonly ours: string | null; readonly fetch: number; readonly official: string | null }
  readonly globalDispatcherIsUndici7?: boolean
}

const child = fileURLToPath(new URL("./fixtures/globals-child.ts", import.meta.url))
const cwd = fileURLToPath(new URL("..", import.meta.url))

const run = (args: ReadonlyArray<string>) =>
  Effect.async<Report, Error>((resume) => {
    execFile(process.execPath, ["--import", "tsx", child, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null) return resume(Effect.fail(new Error(`${error.message}\n${stderr}`)))
      const lines = stdout.trim().split("\n")
      resume(Effect.try({ try: () => JSON.parse(lines[lines.length - 1]!) as Report, catch: (e) => new Error(String(e)) }))
    })
  })

/** Effect's own registries (`effect/GlobalValue`, …) are not ours to keep out. */
const ours = (step: Step) => step.changed.filter((key) => !key.startsWith("effect/"))

const lowerCase = (text: string) => text.toLowerCase().replace(/[.,]/g, "")

describe("global state", () => {
  it.live("importing any of our packages changes no global", () =>
    Effect.gen(function*() {
      const packages = [
        "@effect-deepgram/schema",
        "@effect-deepgram/core",
        "@effect-deepgram/node",
        "@effect-deepgram/bun",
        "@effect-deepgram/browser",
        "@effect-deepgram/emulator"
      ]
      const report = yield* run(["import", ...packages])
      assert.deepStrictEqual(report.steps.map((step) => step.name), packages)
      for (const step of report.steps) assert.deepStrictEqual(ours(step), [], step.name)
    }), 90_000)

  it.live("the check sees a dispatcher installed by an import (undici)", () =>
    Effect.gen(function*() {
      const report = yield* run(["import", "undici"])
      assert.includeMembers([...ours(report.steps[0]!)], ["Symbol(undici.globalDispatcher.1)"])
    }), 90_000)

  it.live("after our SDK has run, fetch with a content-length and @deepgram/sdk still work", () =>
    Effect.gen(function*() {
      const report = yield* run(["use"])
      assert.deepStrictEqual(ours(report.steps[0]!), [])
      assert.deepStrictEqual(ours(report.steps[1]!), [])
      assert.strictEqual(report.results?.fetch, 200)
      assert.strictEqual(report.results?.ours, lowerCase(spacewalkTranscript))
      assert.strictEqual(report.results?.official, lowerCase(spacewalkTranscript))
      assert.isFalse(report.globalDispatcherIsUndici7)
    }), 90_000)
})
