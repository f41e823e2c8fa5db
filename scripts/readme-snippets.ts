/**
 * Type-checks every TypeScript block of every README as the complete program
 * it must be: each block is written to build/snippets/ and compiled with the
 * repository's strict settings. `npm run docs:check`; CI runs it.
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))
const out = join(root, "build", "snippets")

const readmes = [
  join(root, "README.md"),
  ...readdirSync(join(root, "packages")).map((pkg) => join(root, "packages", pkg, "README.md"))
].filter((file) => {
  try {
    readFileSync(file)
    return true
  } catch {
    return false
  }
})

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// A block fenced otherwise (no language, js, tsx, ...) that reads like TypeScript would escape the check.
const typescriptFences = new Set(["ts", "typescript"])
const looksLikeTypeScript = /^\s*(?:import\s[^\n]*\sfrom\s|export\s|(?:const|let)\s+[\w{[]|function\*?\s|yield\*\s|Effect\.\w+\()/m
const misfenced: Array<string> = []

const sources = new Map<string, string>()
for (const readme of readmes) {
  const text = readFileSync(readme, "utf8")
  const name = relative(root, readme).replace(/[/.]/g, "_")
  // A fence opens with ``` and an info string and closes with ``` at the same indentation.
  for (const match of text.matchAll(/^([ \t]*)```([^\n`]*)\n([\s\S]*?)^\1```[ \t]*$/gm)) {
    const line = text.slice(0, match.index).split("\n").length
    const language = (match[2] ?? "").trim().split(/\s+/)[0] ?? ""
    const code = match[3] ?? ""
    if (!typescriptFences.has(language)) {
      if (looksLikeTypeScript.test(code)) {
        const fence = language === "" ? "without a language" : `as \`\`\`${language}`
        misfenced.push(`${relative(root, readme)}:${line}: this block looks like TypeScript but is fenced ${fence}; fence it as \`\`\`ts`)
      }
      continue
    }
    const file = `${name}_L${line}.ts`
    // `export {}` makes each block a module of its own, as it would be in a user's file.
    writeFileSync(join(out, file), `${code}\nexport {}\n`)
    sources.set(file, `${relative(root, readme)}:${line}`)
  }
}
for (const message of misfenced) console.error(message)
if (misfenced.length > 0) process.exitCode = 1

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
        // Kept beside build/snippets (which is rewritten on every run), so an unchanged block is not checked again.
        incremental: true,
        tsBuildInfoFile: "../snippets.tsbuildinfo"
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
  console.log(`docs:check: ${sources.size} README blocks compile`)
} catch (error) {
  const output = String((error as { stdout?: Buffer }).stdout ?? error)
  // Point each error at the README line it came from.
  console.error(output.replace(/build\/snippets\/(\S+?\.ts)\((\d+),(\d+)\)/g, (_, file: string, l: string) => {
    const source = sources.get(file)
    if (source === undefined) return `${file}(${l})`
    const [readme, start] = source.split(":")
    return `${readme}:${Number(start) + Number(l)}`
  }))
  process.exitCode = 1
}
