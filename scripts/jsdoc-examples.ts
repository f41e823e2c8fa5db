/**
 * Type-checks every `@example` block in the JSDoc of the public modules
 * (packages/*\/src/*.ts, not internal/) as the complete program it must be,
 * in one tsc program with the repository's strict settings. `npm run
 * docs:examples`; CI runs it.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { root, type Snippet, typeCheck } from "./lib/snippets.js"

const modules = readdirSync(join(root, "packages")).flatMap((pkg) => {
  const src = join(root, "packages", pkg, "src")
  try {
    return readdirSync(src).filter((file) => file.endsWith(".ts")).map((file) => join(src, file))
  } catch {
    return []
  }
})

const problems: Array<string> = []
const snippets: Array<Snippet> = []
for (const module of modules) {
  const file = relative(root, module)
  const lines = readFileSync(module, "utf8").split("\n")
  let inComment = false
  let example: { readonly line: number; fence: number | undefined; code: Array<string> } | undefined
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? ""
    if (!inComment) {
      if (/^\s*\/\*\*/.test(raw) && !/\*\/\s*$/.test(raw)) inComment = true
      continue
    }
    if (/\*\/\s*$/.test(raw)) {
      if (example !== undefined) problems.push(`${file}:${example.line}: the @example is not closed by a \`\`\` fence`)
      inComment = false
      example = undefined
      continue
    }
    const text = raw.replace(/^\s*\* ?/, "")
    if (example === undefined) {
      if (/^@example\b/.test(text)) example = { line: i + 1, fence: undefined, code: [] }
      continue
    }
    if (example.fence === undefined) {
      if (/^```(ts|typescript)\s*$/.test(text)) {
        example.fence = i + 1
      } else if (text.trim() !== "") {
        problems.push(`${file}:${i + 1}: an @example must be a \`\`\`ts block`)
        example = undefined
      }
      continue
    }
    if (/^```\s*$/.test(text)) {
      snippets.push({ file, line: example.fence, code: example.code.join("\n") })
      example = undefined
      continue
    }
    example.code.push(text)
  }
}
for (const message of problems) console.error(message)
if (problems.length > 0) process.exitCode = 1

if (typeCheck("jsdoc-examples", snippets)) {
  console.log(`docs:examples: ${snippets.length} JSDoc examples in ${modules.length} modules compile`)
} else {
  process.exitCode = 1
}
