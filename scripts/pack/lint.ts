/**
 * `npm run lint:pack`: publint and Are the Types Wrong (attw) on every tarball in `build/pack/` (`npm run pack`
 * writes them), and a check that every package a published file imports is a declared dependency. All must
 * report nothing.
 *
 * - publint runs with `--strict` (its warnings fail too).
 * - attw runs its default `strict` profile: node10, node16 from CommonJS, node16 from ESM and bundler
 *   resolution, every rule. One entry point is left out: `./bin` (the emulator's and the CLI's launcher) is a
 *   program, not a library module: it runs when loaded and uses top-level await, so it is ESM only and has no
 *   `require` condition, which attw would report as a failed resolution from CommonJS.
 */
import { spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { availableParallelism } from "node:os"
import { join } from "node:path"
import ts from "typescript"
import { packDir, programs, publicModules, root, type Workspace, workspaces } from "./packages.js"

const bin = (name: string): string => join(root, "node_modules", ".bin", name)

interface Result {
  readonly ok: boolean
  readonly output: string
}

const run = (command: string, args: ReadonlyArray<string>): Promise<Result> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: "1" } })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")))
    child.on("error", (error) => resolve({ ok: false, output: error.message }))
    child.on("close", (code) => resolve({ ok: code === 0, output: output.trim() }))
  })

const tarballOf = (workspace: Workspace): string =>
  join(packDir, `${workspace.manifest.name.replace(/^@/, "").replace("/", "-")}-${workspace.manifest.version}.tgz`)

const publint = async (workspace: Workspace): Promise<string | undefined> => {
  const result = await run(bin("publint"), ["run", tarballOf(workspace), "--pack", "false", "--strict"])
  return result.ok && /All good!/.test(result.output) ? undefined : `publint\n${result.output}`
}

const attw = async (workspace: Workspace): Promise<string | undefined> => {
  const exported = publicModules(workspace).filter((module) => programs.has(`${module}.ts`))
  const result = await run(bin("attw"), [
    tarballOf(workspace),
    "--format",
    "ascii",
    "--no-emoji",
    "--no-color",
    ...(exported.length > 0 ? ["--exclude-entrypoints", ...exported.map((module) => `./${module}`)] : [])
  ])
  return result.ok ? undefined : `attw\n${result.output}`
}

const builtins = new Set(builtinModules)

/**
 * Every package a published file imports or requires (JavaScript and declarations, comments such as JSDoc
 * examples aside) must be a dependency of the package: in a scratch project npm hoists the dependencies of
 * every package side by side, so an undeclared one could go unnoticed there and fail in a user's project.
 */
const undeclared = async (workspace: Workspace): Promise<string | undefined> => {
  const dist = join(workspace.path, "dist")
  const manifest = JSON.parse(readFileSync(join(dist, "package.json"), "utf8")) as {
    readonly name: string
    readonly dependencies?: Record<string, string>
    readonly peerDependencies?: Record<string, string>
  }
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
  const found: Array<string> = []
  for (const file of readdirSync(join(dist, "build"), { recursive: true, encoding: "utf8" })) {
    if (!/\.(js|d\.ts)$/.test(file)) continue
    const text = readFileSync(join(dist, "build", file), "utf8")
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (specifier.startsWith(".") || specifier.startsWith("node:")) continue
      const parts = specifier.split("/")
      const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!
      if (name === manifest.name || builtins.has(name) || declared.has(name)) continue
      found.push(`build/${file} imports ${specifier}`)
    }
  }
  return found.length === 0 ? undefined : `undeclared dependencies:\n  ${[...new Set(found)].join("\n  ")}`
}

const missing = workspaces.filter((workspace) => !existsSync(tarballOf(workspace)))
if (missing.length > 0) {
  for (const workspace of missing) {
    console.error(`${workspace.manifest.name}: ${tarballOf(workspace).slice(root.length)} is missing; run npm run pack`)
  }
  process.exit(1)
}

// Every check of every package, a few at a time (each is a CPU-bound process of its own).
const checks = workspaces.flatMap((workspace) => [
  { workspace, check: publint },
  { workspace, check: attw },
  { workspace, check: undeclared }
])
const problems = new Map<string, Array<string>>()
let next = 0
const worker = async (): Promise<void> => {
  while (next < checks.length) {
    const { check, workspace } = checks[next++]!
    const problem = await check(workspace)
    if (problem !== undefined) {
      problems.set(workspace.manifest.name, [...(problems.get(workspace.manifest.name) ?? []), problem])
    }
  }
}
await Promise.all(Array.from({ length: Math.min(4, availableParallelism()) }, worker))

for (const workspace of workspaces) {
  const found = problems.get(workspace.manifest.name)
  if (found === undefined) {
    console.log(`${workspace.manifest.name}: publint and attw clean, every import a declared dependency`)
  } else {
    console.error(`${workspace.manifest.name}:\n${found.join("\n")}`)
  }
}
if (problems.size > 0) {
  console.error(`${problems.size} package(s) failed publint, attw or the dependency check`)
  process.exitCode = 1
}
