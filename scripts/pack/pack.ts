/**
 * `npm run pack`: the publishable directory of every package, and its tarball in `build/pack/`.
 *
 * In the repository a package's `exports` point at its TypeScript sources (`./src/*.ts`), so that vitest,
 * tsx and `tsc -b` use the sources with no build step. npm applies no `publishConfig.exports` when it packs,
 * so a package is not packed from its own directory: this script writes `packages/<name>/dist/` with
 *
 * - a package.json derived from the repository's one: `exports` with `import` and `require` conditions (each
 *   with its own `types`) for every public module, `main`/`module`/`types` for older resolvers,
 *   `sideEffects: false`, `files`, the runtime dependencies (no devDependencies, no scripts);
 * - the build output (`build/esm`, `build/cjs`, `build/dts`) for the modules that exist in `src/` today, the
 *   `bin/` launchers, the package's README.md, the repository's LICENSE and the data a package needs (`extras`);
 *
 * and packs that directory with `npm pack`. Publishing is `npm publish packages/<name>/dist`.
 * Run `npm run build` first.
 */
import { execFileSync } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { type Manifest, packDir, programs, publicModules, root, sources, type Workspace, workspaces } from "./packages.js"

type Conditions = Record<string, unknown>

/** The vendored specifications' revision, as specs/README.md gives it (`, revision 4ba987c of 2026-07-22`). */
const specsRevision = ((): string => {
  const match = /revision `([0-9a-f]+)`, (\d{4}-\d{2}-\d{2})/.exec(readFileSync(join(root, "specs", "README.md"), "utf8"))
  return match === null ? "" : `, revision ${match[1]} of ${match[2]}`
})()

/**
 * Files a package needs besides its build: the schema package is generated from Deepgram's API specifications
 * (CC BY 4.0), whose license and an attribution notice travel with it (its generated modules cite
 * `specs/LICENSE`).
 */
const extras: Readonly<Record<string, ReadonlyArray<{ readonly to: string; readonly from?: string; readonly text?: string }>>> = {
  "@effect-deepgram/schema": [
    { to: "specs/LICENSE", from: "specs/LICENSE" },
    {
      to: "specs/README.md",
      text: `# Deepgram API specifications

The models of this package are generated from Deepgram's official API specifications (\`openapi.yml\` for REST,
\`asyncapi.yml\` for WebSockets, from Deepgram's public \`deepgram-api-specs\` repository${specsRevision}),
© Deepgram, licensed under the Creative Commons Attribution 4.0 International license (\`LICENSE\` beside this
file). Changes: the specifications were translated into Effect Schema models by the generator of the effect-deepgram repository
(\`packages/schema/scripts/generate.ts\`), which lists the corrections it applies.
`
    }
  ]
}

const entry = (module: string, program: boolean): Conditions => {
  const esm = { types: `./build/dts/${module}.d.ts`, default: `./build/esm/${module}.js` }
  const cjs = { types: `./build/cjs/${module}.d.ts`, default: `./build/cjs/${module}.js` }
  return program ? { import: esm } : { import: esm, require: cjs }
}

/** The package.json of the publishable directory. */
const publishedManifest = (workspace: Workspace): Manifest => {
  const source = workspace.manifest
  const exports: Record<string, unknown> = { "./package.json": "./package.json" }
  const modules = publicModules(workspace)
  for (const module of [...modules.filter((module) => module === "index"), ...modules.filter((m) => m !== "index")]) {
    exports[module === "index" ? "." : `./${module}`] = entry(module, programs.has(`${module}.ts`))
  }
  const files = [
    "build",
    ...(source.bin === undefined ? [] : ["bin"]),
    ...new Set((extras[source.name] ?? []).map((extra) => extra.to.split("/")[0]!))
  ]
  const manifest: Record<string, unknown> = {
    name: source.name,
    version: source.version,
    description: source.description,
    license: source.license,
    type: "module",
    sideEffects: false,
    engines: source.engines ?? { node: ">=20" },
    main: "./build/cjs/index.js",
    module: "./build/esm/index.js",
    types: "./build/dts/index.d.ts",
    exports,
    // TypeScript's `node10` resolution (moduleResolution "node") ignores `exports`: map subpaths for it.
    // (one key per module: a `*` pattern would also remap the `types` path of the package's root.)
    typesVersions: {
      "*": Object.fromEntries(
        publicModules(workspace).filter((module) => module !== "index").map((module) => [
          module,
          [`./build/dts/${module}.d.ts`]
        ])
      )
    },
    files,
    bin: source.bin,
    dependencies: source.dependencies,
    peerDependencies: source.peerDependencies,
    peerDependenciesMeta: source.peerDependenciesMeta,
    optionalDependencies: source.optionalDependencies,
    publishConfig: { access: "public" }
  }
  for (const key of Object.keys(manifest)) {
    if (manifest[key] === undefined) delete manifest[key]
  }
  return manifest as Manifest
}

const copy = (from: string, to: string): void => {
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(from, to)
}

/** Writes `packages/<name>/dist/`; fails naming the first build file that is missing. */
const assemble = (workspace: Workspace): string => {
  const dist = join(workspace.path, "dist")
  rmSync(dist, { recursive: true, force: true })
  const need = (relative: string): string => {
    const file = join(workspace.path, relative)
    if (!existsSync(file)) {
      throw new Error(`${workspace.dir}: ${relative} is missing; run npm run build first`)
    }
    return file
  }
  for (const source of sources(workspace)) {
    const module = source.slice(0, -".ts".length)
    copy(need(`build/esm/${module}.js`), join(dist, "build", "esm", `${module}.js`))
    copy(need(`build/esm/${module}.js.map`), join(dist, "build", "esm", `${module}.js.map`))
    copy(need(`build/dts/${module}.d.ts`), join(dist, "build", "dts", `${module}.d.ts`))
    if (!programs.has(source)) {
      for (const suffix of [".js", ".js.map", ".d.ts"]) {
        copy(need(`build/cjs/${module}${suffix}`), join(dist, "build", "cjs", `${module}${suffix}`))
      }
    }
  }
  copy(need("build/cjs/package.json"), join(dist, "build", "cjs", "package.json"))
  for (const launcher of Object.values(workspace.manifest.bin ?? {})) {
    copy(need(launcher), join(dist, launcher))
  }
  // The launchers' shared helper (a link to the emulator's in the CLI; copied as a file).
  if (workspace.manifest.bin !== undefined) copy(need("bin/launch.js"), join(dist, "bin", "launch.js"))
  for (const extra of extras[workspace.manifest.name] ?? []) {
    if (extra.from !== undefined) {
      copy(join(root, extra.from), join(dist, extra.to))
    } else {
      mkdirSync(dirname(join(dist, extra.to)), { recursive: true })
      writeFileSync(join(dist, extra.to), extra.text ?? "")
    }
  }
  copy(need("README.md"), join(dist, "README.md"))
  copy(join(root, "LICENSE"), join(dist, "LICENSE"))
  writeFileSync(join(dist, "package.json"), `${JSON.stringify(publishedManifest(workspace), null, 2)}\n`)
  return dist
}

/** One `npm pack` of every publishable directory into `build/pack/`: the tarballs' absolute paths. */
const pack = (dists: ReadonlyArray<string>): ReadonlyArray<string> => {
  const output = execFileSync(
    "npm",
    ["pack", ...dists, "--pack-destination", packDir, "--json", "--ignore-scripts", "--loglevel", "error"],
    { cwd: root, encoding: "utf8" }
  )
  const results = JSON.parse(output) as ReadonlyArray<{ readonly filename: string }>
  if (results.length !== dists.length) throw new Error(`npm pack wrote ${results.length} tarballs for ${dists.length} packages`)
  return results.map((result) => join(packDir, result.filename))
}

try {
  rmSync(packDir, { recursive: true, force: true })
  mkdirSync(packDir, { recursive: true })
  const tarballs = pack(workspaces.map(assemble))
  for (const tarball of tarballs) console.log(tarball.slice(root.length))
  console.log(`${readdirSync(packDir).length} tarballs in build/pack`)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
}
