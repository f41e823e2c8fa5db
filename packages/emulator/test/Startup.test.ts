/**
 * The command line: a start that cannot happen (port in use, missing transcripts directory, bad option)
 * prints one clear line and exits non-zero, with no stack trace; a good start prints the URL.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import * as Net from "node:net"
import * as NodePath from "node:path"
import { fileURLToPath } from "node:url"
import { fixturesDir } from "./utils.js"

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))
const cwd = NodePath.dirname(bin)

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the CLI until it exits, or until `until` matches its stdout (then stops it with SIGINT). */
const runBin = (args: ReadonlyArray<string>, until?: RegExp) =>
  Effect.async<Run>((resume) => {
    const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
      if (until?.test(stdout) === true) child.kill("SIGINT")
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000)
    child.on("close", (code) => {
      clearTimeout(timer)
      resume(Effect.succeed({ code, stdout, stderr }))
    })
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** A port held by another server for the scope. */
const busyPort = Effect.acquireRelease(
  Effect.async<Net.Server>((resume) => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) =>
    Effect.async<void>((resume) => {
      server.close(() => resume(Effect.void))
    })
).pipe(Effect.map((server) => (server.address() as Net.AddressInfo).port))

const assertOneLine = (run: Run, expected: RegExp) => {
  assert.strictEqual(run.code, 1, run.stderr)
  const lines = run.stderr.trim().split("\n")
  assert.strictEqual(lines.length, 1, run.stderr)
  assert.match(lines[0]!, expected)
  assert.notMatch(run.stderr, /\bat .*:\d+:\d+/, "no stack trace")
  assert.strictEqual(run.stdout, "")
}

describe("deepgram-emulator CLI start-up", () => {
  it.scopedLive("a port in use: one line, exit 1", () =>
    Effect.gen(function*() {
      const port = yield* busyPort
      const run = yield* runBin(["--port", String(port), "--quiet"])
      assertOneLine(
        run,
        new RegExp(`^deepgram-emulator: cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use \\(EADDRINUSE\\)$`)
      )
    }), 90_000)

  it.live("a missing transcripts directory: one line, exit 1", () =>
    Effect.gen(function*() {
      const missing = NodePath.join(fixturesDir, "no-such-directory")
      const run = yield* runBin(["--transcripts", missing, "--quiet"])
      assertOneLine(
        run,
        /^deepgram-emulator: cannot read the transcripts directory .*no-such-directory: no such file or directory \(ENOENT\)$/
      )
    }), 90_000)

  it.live("an unknown option: the message and the usage, exit 2", () =>
    Effect.gen(function*() {
      const run = yield* runBin(["--no-such-option"])
      assert.strictEqual(run.code, 2)
      assert.match(run.stderr, /^deepgram-emulator: unknown option --no-such-option\n/)
      assert.include(run.stderr, "Usage: deepgram-emulator")
    }), 90_000)

  it.live("a good start prints the URL and the transcripts loaded", () =>
    Effect.gen(function*() {
      const run = yield* runBin(["--transcripts", fixturesDir, "--quiet"], /transcripts? loaded/)
      assert.match(run.stdout, /^Deepgram emulator listening on http:\/\/127\.0\.0\.1:\d+\n/)
      assert.match(run.stdout, /auth: any, 1 transcript loaded/)
      assert.strictEqual(run.stderr, "")
    }), 90_000)
})
