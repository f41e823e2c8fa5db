/**
 * The workspace packages and the files of each that the build and the packer work on.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root. */
export const root = fileURLToPath(new URL("../../", import.meta.url))

/** Where the tarballs go (`npm run pack`). */
export const packDir = join(root, "build", "pack")

export interface Workspace {
  /** e.g. `packages/core` */
  readonly dir: string
  /** absolute path of the package directory */
  readonly path: string
  /** the package.json as written in the repository */
  readonly manifest: Manifest
}

export interface Manifest {
  readonly name: string
  readonly version: string
  readonly description?: string
  readonly license?: string
  readonly type?: string
  readonly bin?: Readonly<Record<string, string>>
  readonly engines?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly peerDependenciesMeta?: Readonly<Record<string, unknown>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly [key: string]: unknown
}

const readJson = <A>(file: string): A => JSON.parse(readFileSync(file, "utf8")) as A

/** The root manifest. */
export const rootManifest = readJson<Manifest & { readonly workspaces: ReadonlyArray<string> }>(
  join(root, "package.json")
)

/** Every workspace package, in the root manifest's order (dependencies first). */
export const workspaces: ReadonlyArray<Workspace> = rootManifest.workspaces.map((dir) => ({
  dir,
  path: join(root, dir),
  manifest: readJson<Manifest>(join(root, dir, "package.json"))
}))

/**
 * The TypeScript sources of a package, relative to its `src/` (`index.ts`, `Listen.ts`, `internal/http.ts`),
 * sorted.
 */
export const sources = (workspace: Workspace): ReadonlyArray<string> =>
  readdirSync(join(workspace.path, "src"), { recursive: true, encoding: "utf8" })
    .map((file) => file.split("\\").join("/"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .sort()

/**
 * Modules that are programs, not libraries: they run when loaded and may use top-level await, so they are
 * built for ESM only and left out of the CommonJS build.
 */
export const programs: ReadonlySet<string> = new Set(["bin.ts"])

/** The public modules: one per file directly in `src/` (`index.ts` is the package's root). */
export const publicModules = (workspace: Workspace): ReadonlyArray<string> =>
  sources(workspace).filter((file) => !file.includes("/")).map((file) => file.slice(0, -".ts".length))
