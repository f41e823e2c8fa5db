/**
 * `npm run lint:pack`: publint and Are the Types Wrong (attw) on every tarball in `build/pack/` (`npm run pack`
 * writes them). Both must report nothing.
 *
 * - publint runs with `--strict` (its warnings fail too).
 * - attw runs its default `strict` profile: node10, node16 from CommonJS, node16 from ESM and bundler
 *   resolution, every rule. One entry point is left out: `./bin` (the emulator's and the CLI's launcher) is a
 *   program, not a library module: it runs when loaded and uses top-level await, so it is ESM only and has no
 *   `require` condition, which attw would report as a failed resolution from CommonJS.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { packDir, programs, publicModules, root, workspaces } from "./packages.js"

const bin = (name: string): string => join(root, "node_modules", ".bin", name)

const run = (command: string, args: ReadonlyArray<string>): { readonly ok: boolean; readonly output: string } => {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() }
}

let failures = 0
for (const workspace of workspaces) {
  const tarball = join(packDir, `${workspace.manifest.name.replace(/^@/, "").replace("/", "-")}-${workspace.manifest.version}.tgz`)
  if (!existsSync(tarball)) {
    console.error(`${workspace.manifest.name}: ${tarball.slice(root.length)} is missing; run npm run pack first`)
    failures++
    continue
  }
  const publint = run(bin("publint"), ["run", tarball, "--pack", "false", "--strict"])
  const exported = publicModules(workspace).filter((module) => programs.has(`${module}.ts`))
  const attw = run(bin("attw"), [
    tarball,
    "--format",
    "ascii",
    "--no-emoji",
    "--no-color",
    ...(exported.length > 0 ? ["--exclude-entrypoints", ...exported.map((module) => `./${module}`)] : [])
  ])
  const publintClean = publint.ok && /All good!/.test(publint.output)
  if (publintClean && attw.ok) {
    console.log(`${workspace.manifest.name}: publint and attw clean`)
  } else {
    failures++
    if (!publintClean) console.error(`${workspace.manifest.name}: publint\n${publint.output}`)
    if (!attw.ok) console.error(`${workspace.manifest.name}: attw\n${attw.output}`)
  }
}

if (failures > 0) {
  console.error(`${failures} package(s) failed publint or attw`)
  process.exitCode = 1
}
