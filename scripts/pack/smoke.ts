/**
 * The tarball smoke test (`npm run test:pack` runs it after `npm run pack` and `npm run lint:pack`).
 *
 * It installs every tarball of `build/pack/` into a scratch project in the system's temporary directory,
 * outside the repository (the other dependencies come from the npm registry or npm's cache), and there:
 *
 * - runs a program with Node as ESM, with Node as CommonJS and with Bun that starts the packed emulator
 *   in-process and transcribes the sample through the packed SDK (`smoke/esm.mjs`, `smoke/cjs.cjs`,
 *   `smoke/bun.mjs`), checking the transcript and that each runtime loaded the build it should;
 * - type-checks a TypeScript user's program against every package, as ESM and as CommonJS (`smoke/consumer.ts`,
 *   copied as consumer.mts and consumer.cts; NodeNext, strict, `skipLibCheck: false`, so the packed declarations
 *   are checked too);
 * - runs the packed bins through npx: `deepgram --help`, `deepgram transcribe` (SRT), `deepgram listen` (live),
 *   `deepgram emulator --help` (no credentials: the in-process emulator) and `deepgram-emulator --help`.
 *
 * The scratch project is removed when everything passes and kept (its path printed) when something fails.
 */
import { spawn } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { packDir, root, rootManifest, workspaces } from "./packages.js"

const started = Date.now()
const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`

const tarballs = readdirSync(packDir).filter((file) => file.endsWith(".tgz")).map((file) => join(packDir, file))
if (tarballs.length !== workspaces.length) {
  console.error(`expected ${workspaces.length} tarballs in build/pack, found ${tarballs.length}; run npm run pack`)
  process.exit(1)
}

const scratch = mkdtempSync(join(tmpdir(), "effect-deepgram-smoke-"))
// Node looks for packages in every parent directory's node_modules: one there could hide a missing dependency.
for (let dir = dirname(scratch); ; dir = dirname(dir)) {
  if (existsSync(join(dir, "node_modules")) || existsSync(join(dir, "package.json"))) {
    console.error(`${dir} has a node_modules or package.json: the scratch project would not be isolated there`)
    process.exit(1)
  }
  if (dirname(dir) === dir) break
}
const fixtures = join(scratch, "fixtures")
const expected = readFileSync(join(root, "fixtures", "spacewalk.txt"), "utf8").trim()

// No credentials and no base URL from the caller's environment: the CLI must pick the in-process emulator.
// Nor the settings `npm run` passes down about this repository (npm_config_local_prefix, npm_package_*, …), but
// where the registry and the cache are, and how to reach them.
const npmKept = new Set(["registry", "cache", "userconfig", "globalconfig", "proxy", "https_proxy", "noproxy", "cafile", "ca", "strict_ssl"]
  .map((name) => `npm_config_${name}`))
const env: Record<string, string> = {}
for (const [key, value] of Object.entries(process.env)) {
  if (value === undefined || key.startsWith("DEEPGRAM_")) continue
  if (key.startsWith("npm_") && !npmKept.has(key)) continue
  env[key] = value
}
env["NO_COLOR"] = "1"

interface Step {
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly timeout?: number
  /** What stdout must contain. */
  readonly expect: ReadonlyArray<string | RegExp>
  /** Fail on a runtime warning on stderr (e.g. a module loaded in the wrong format). */
  readonly noWarnings?: boolean
}

const failures: Array<string> = []

/** What `deepgram --help` must list. */
const commands = ["transcribe", "listen", "speak", "read", "projects", "keys", "members", "usage", "requests", "models", "billing", "api", "emulator"]

interface Outcome {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly error: Error | undefined
}

const execute = (command: string, args: ReadonlyArray<string>, timeout: number): Promise<Outcome> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: scratch, env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    let error: Error | undefined
    const timer = setTimeout(() => {
      error = new Error(`timed out after ${timeout / 1000} s`)
      child.kill("SIGKILL")
    }, timeout)
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    child.on("error", (cause) => (error = cause))
    child.on("close", (status, signal) => {
      clearTimeout(timer)
      resolve({ status, signal, stdout, stderr, error })
    })
  })

const step = async ({ args, command, expect, name, noWarnings = false, timeout = 90_000 }: Step): Promise<void> => {
  const begun = Date.now()
  const result = await execute(command, args, timeout)
  const elapsed = `${((Date.now() - begun) / 1000).toFixed(1)} s`
  const output = result.stdout
  const missing = expect.filter((pattern) => typeof pattern === "string" ? !output.includes(pattern) : !pattern.test(output))
  const warning = noWarnings ? /^.*Warning\b.*$/m.exec(result.stderr)?.[0] : undefined
  if (result.error !== undefined || result.status !== 0 || missing.length > 0 || warning !== undefined) {
    const why = result.error !== undefined
      ? result.error.message
      : result.status !== 0
      ? `exit code ${result.status ?? result.signal}`
      : missing.length > 0
      ? `output lacks ${missing.map(String).join(", ")}`
      : `a warning: ${warning}`
    failures.push(name)
    console.error(`FAIL ${name} (${elapsed}): ${why}`)
    console.error(`  stdout: ${output.slice(0, 1500)}`)
    console.error(`  stderr: ${result.stderr.slice(0, 1500)}`)
  } else {
    const first = output.trim().split("\n")[0] ?? ""
    console.log(`ok   ${name} (${elapsed}): ${first.length > 110 ? `${first.slice(0, 110)}…` : first}`)
  }
}

writeFileSync(
  join(scratch, "package.json"),
  `${JSON.stringify({ name: "effect-deepgram-smoke", version: "0.0.0", private: true }, null, 2)}\n`
)
const effectRange = workspaces.find((workspace) => workspace.manifest.name === "@effect-deepgram/core")?.manifest
  .dependencies?.["effect"] ?? "^3.22.4"
const typesNodeRange = (rootManifest as { readonly devDependencies?: Record<string, string> }).devDependencies
  ?.["@types/node"] ?? "^20.19.0"
console.log(`scratch project: ${scratch}`)
await step({
  name: "npm install (the tarballs and their registry dependencies)",
  command: "npm",
  args: [
    "install",
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    "--loglevel",
    "error",
    ...tarballs,
    `effect@${effectRange}`,
    `@types/node@${typesNodeRange}`
  ],
  timeout: 300_000,
  expect: []
})

if (failures.length === 0) {
  // Nothing of the repository may be needed: the scratch project has its own copy of the sample.
  mkdirSync(fixtures)
  for (const file of ["spacewalk.wav", "spacewalk.txt"]) {
    copyFileSync(join(root, "fixtures", file), join(fixtures, file))
  }
  for (const file of ["run.cjs", "esm.mjs", "cjs.cjs", "bun.mjs", "tsconfig.consumer.json"]) {
    copyFileSync(join(root, "scripts", "pack", "smoke", file), join(scratch, file))
  }
  // One user program, type-checked in both module modes.
  for (const file of ["consumer.mts", "consumer.cts"]) {
    copyFileSync(join(root, "scripts", "pack", "smoke", "consumer.ts"), join(scratch, file))
  }
  for (const workspace of workspaces) {
    const installed = join(scratch, "node_modules", workspace.manifest.name)
    if (!existsSync(join(installed, "package.json"))) failures.push(`${workspace.manifest.name} is not installed`)
    if (existsSync(join(installed, "src"))) failures.push(`${workspace.manifest.name} ships src/`)
  }
  // The type-check takes longest and uses one core: it runs beside the programs.
  const typecheck = step({
    name: "tsc: a TypeScript user's ESM and CommonJS programs against the packed declarations (skipLibCheck off)",
    command: join(root, "node_modules", ".bin", "tsc"),
    args: ["-p", "tsconfig.consumer.json"],
    timeout: 240_000,
    expect: []
  })
  const node = process.execPath
  const bun = join(root, "node_modules", ".bin", "bun")
  await step({ name: "node ESM program", command: node, args: ["esm.mjs", "fixtures"], expect: [`node esm: ${expected}`], noWarnings: true })
  await step({ name: "node CJS program", command: node, args: ["cjs.cjs", "fixtures"], expect: [`node cjs: ${expected}`], noWarnings: true })
  await step({ name: "bun program", command: bun, args: ["bun.mjs", "fixtures"], expect: [`: ${expected}`], noWarnings: true })
  await step({ name: "npx deepgram --help", command: "npx", args: ["--no", "--", "deepgram", "--help"], expect: commands })
  await step({
    name: "npx deepgram transcribe fixtures/spacewalk.wav --format srt --out captions",
    command: "npx",
    args: ["--no", "--", "deepgram", "transcribe", "fixtures/spacewalk.wav", "--format", "srt", "--out", "captions"],
    expect: []
  })
  const srt = join(scratch, "captions", "spacewalk.srt")
  const captions = existsSync(srt) ? readFileSync(srt, "utf8") : ""
  if (!/^1\r?\n00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}\r?\n/.test(captions) || !captions.includes("spacewalk")) {
    failures.push("deepgram transcribe")
    console.error(`FAIL deepgram transcribe: captions/spacewalk.srt is missing or not the sample's captions:\n${captions.slice(0, 500)}`)
  }
  await step({
    name: "npx deepgram listen fixtures/spacewalk.wav --fast (live, over a WebSocket)",
    command: "npx",
    args: ["--no", "--", "deepgram", "listen", "fixtures/spacewalk.wav", "--fast"],
    expect: [/"type":"final".*"transcript":"[^"]*opportunities that we have today"/]
  })
  await step({
    name: "npx deepgram emulator --help",
    command: "npx",
    args: ["--no", "--", "deepgram", "emulator", "--help"],
    expect: ["--transcripts"]
  })
  await step({
    name: "npx deepgram-emulator --help",
    command: "npx",
    args: ["--no", "--", "deepgram-emulator", "--help"],
    expect: ["Usage: deepgram-emulator"]
  })
  await typecheck
}

if (failures.length > 0) {
  console.error(`tarball smoke test: ${failures.length} failed (${failures.join("; ")}), ${seconds()}; scratch project kept: ${scratch}`)
  process.exitCode = 1
} else {
  rmSync(scratch, { recursive: true, force: true })
  console.log(`tarball smoke test: all passed in ${seconds()}`)
}
