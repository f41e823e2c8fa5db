/**
 * Type-checks every TypeScript block of every README as the complete program
 * it must be: each block is written to build/snippets/ and compiled with the
 * repository's strict settings. `npm run docs:check`; CI runs it.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { root, type Snippet, typeCheck } from "./lib/snippets.js"

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

// A block fenced otherwise (no language, js, tsx, ...) that reads like TypeScript would escape the check.
const typescriptFences = new Set(["ts", "typescript"])
const looksLikeTypeScript = /^\s*(?:import\s[^\n]*\sfrom\s|export\s|(?:const|let)\s+[\w{[]|function\*?\s|yield\*\s|Effect\.\w+\()/m
const misfenced: Array<string> = []

const snippets: Array<Snippet> = []
for (const readme of readmes) {
  const text = readFileSync(readme, "utf8")
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
    snippets.push({ file: relative(root, readme), line, code })
  }
}
for (const message of misfenced) console.error(message)
if (misfenced.length > 0) process.exitCode = 1

if (typeCheck("snippets", snippets)) {
  console.log(`docs:check: ${snippets.length} README blocks compile`)
} else {
  process.exitCode = 1
}
