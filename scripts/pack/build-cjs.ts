/**
 * The CommonJS build of every package (`npm run build` runs it after `tsc -b tsconfig.build.json`).
 *
 * Each source file becomes one CommonJS file in `build/cjs/` (esbuild, one file per module, no bundling), with
 * a `{"type":"commonjs"}` package.json beside them so that Node reads them as CommonJS inside a `"type":
 * "module"` package. The declarations tsc wrote to `build/dts/` are copied beside them: under `build/cjs/` the
 * same text describes a CommonJS module, which is what TypeScript must see for `require`.
 *
 * Programs (`bin.ts`) are left out: they run when loaded and may use top-level await.
 */
import * as esbuild from "esbuild"
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { programs, sources, workspaces } from "./packages.js"

const started = Date.now()
let failed = false

for (const workspace of workspaces) {
  const out = join(workspace.path, "build", "cjs")
  const dts = join(workspace.path, "build", "dts")
  rmSync(out, { recursive: true, force: true })
  const files = sources(workspace).filter((file) => !programs.has(file))
  const result = await esbuild.build({
    entryPoints: files.map((file) => join(workspace.path, "src", file)),
    outdir: out,
    outbase: join(workspace.path, "src"),
    format: "cjs",
    platform: "node",
    target: "node20",
    bundle: false,
    sourcemap: true,
    sourcesContent: true,
    tsconfig: join(workspace.path, "tsconfig.src.json"),
    logLevel: "warning",
    // CommonJS has no `import.meta`: a module that reads it must not silently get `{}`.
    logOverride: { "empty-import-meta": "error" }
  }).catch((error: unknown) => {
    console.error(`${workspace.dir}: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  })
  if (result === undefined || result.errors.length > 0) {
    failed = true
    continue
  }
  writeFileSync(join(out, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`)
  for (const file of files) {
    const declaration = file.replace(/\.ts$/, ".d.ts")
    const from = join(dts, declaration)
    if (!existsSync(from)) {
      console.error(`${workspace.dir}: build/dts/${declaration} is missing (run tsc -b tsconfig.build.json first)`)
      failed = true
      continue
    }
    mkdirSync(dirname(join(out, declaration)), { recursive: true })
    copyFileSync(from, join(out, declaration))
  }
}

if (failed) {
  process.exitCode = 1
} else {
  console.log(`CommonJS build of ${workspaces.length} packages in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
