/**
 * Type-checks code blocks as complete programs: each block is written to a
 * folder of its own under build/ and compiled in one tsc program with the
 * repository's strict settings. Errors point at the line of the document
 * (README or source file) the block came from.
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository's root folder. */
export const root = fileURLToPath(new URL("../../", import.meta.url))

/** One block: where it came from (a root-relative file and the line before its first line) and its code. */
export interface Snippet {
  readonly file: string
  readonly line: number
  readonly code: string
}

/**
 * Writes every snippet to build/<name>/ and compiles them; prints each error
 * at its source line. Returns whether every snippet compiles.
 */
export const typeCheck = (name: string, snippets: ReadonlyArray<Snippet>): boolean => {
  const out = join(root, "build", name)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const sources = new Map<string, Snippet>()
  for (const snippet of snippets) {
    const file = `${snippet.file.replace(/[/.]/g, "_")}_L${snippet.line}.ts`
    // `export {}` makes each block a module of its own, as it would be in a user's file.
    writeFileSync(join(out, file), `${snippet.code}\nexport {}\n`)
    sources.set(file, snippet)
  }
  writeFileSync(
    join(out, "tsconfig.json"),
    JSON.stringify(
      {
        extends: "../../tsconfig.base.json",
        include: ["*.ts"],
        compilerOptions: {
          noEmit: true,
          composite: false,
          declaration: false,
          declarationMap: false,
          noUnusedLocals: false,
          // Kept beside the folder (which is rewritten on every run), so an unchanged block is not checked again.
          incremental: true,
          tsBuildInfoFile: `../${name}.tsbuildinfo`
        }
      },
      null,
      2
    )
  )
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", out, "--pretty", "false"], {
      cwd: root,
      stdio: "pipe"
    })
    return true
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? error)
    const folder = relative(root, out).replace(/\\/g, "/")
    const location = new RegExp(`${folder.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/(\\S+?\\.ts)\\((\\d+),(\\d+)\\)`, "g")
    // Point each error at the line it came from.
    console.error(output.replace(location, (_, file: string, l: string) => {
      const source = sources.get(file)
      if (source === undefined) return `${file}(${l})`
      return `${source.file}:${source.line + Number(l)}`
    }))
    return false
  }
}
