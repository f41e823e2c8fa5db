/**
 * Writes the API reference, one markdown page per public module, to
 * docs/api/<package>/<Module>.md with `@effect/docgen` (which also fails on an
 * export without `@since`). `npm run docgen`; `npm run docgen -- --check`
 * fails when the committed reference differs from the sources (CI runs it).
 *
 * docgen wants a package.json with a homepage and runs the examples it finds;
 * so each package is documented from a scratch folder under build/docgen/
 * (its `src` a link to the package's), with the examples left to
 * scripts/jsdoc-examples.ts, which type-checks them without running them.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { root } from "./lib/snippets.js"

const check = process.argv.includes("--check")
// `--reuse`: rewrite docs/api from docgen's last output in build/docgen/ (when only this script changed).
const reuse = process.argv.includes("--reuse")
const scratch = join(root, "build", "docgen")
const reference = join(root, "docs", "api")
const target = check ? join(scratch, "check") : reference

const packages = readdirSync(join(root, "packages"))
  .filter((pkg) => existsSync(join(root, "packages", pkg, "src", "index.ts")))
  .sort()

const packageName = (pkg: string): string =>
  (JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8")) as { name: string }).name

const run = (pkg: string): Promise<string | undefined> => {
  const cwd = join(scratch, pkg)
  rmSync(cwd, { recursive: true, force: true })
  mkdirSync(cwd, { recursive: true })
  symlinkSync(join(root, "packages", pkg, "src"), join(cwd, "src"), "dir")
  writeFileSync(join(cwd, "package.json"), JSON.stringify({ name: packageName(pkg), homepage: `packages/${pkg}` }))
  writeFileSync(
    join(cwd, "docgen.json"),
    JSON.stringify({
      srcDir: "src",
      outDir: "out",
      exclude: ["src/internal/**", "src/bin.ts"],
      parseCompilerOptions: join(root, "packages", pkg, "tsconfig.src.json")
    })
  )
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "node_modules", "@effect", "docgen", "bin.cjs")], {
      cwd,
      env: { ...process.env, DOCGEN_RUN_EXAMPLES: "false" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.on("close", (code) => resolve(code === 0 ? undefined : `${pkg}: docgen failed\n${output}`))
  })
}

// Two at a time: each docgen parses the package's whole program.
const failures: Array<string> = []
const queue = reuse ? [] : [...packages]
await Promise.all(
  [0, 1].map(async () => {
    for (let pkg = queue.shift(); pkg !== undefined; pkg = queue.shift()) {
      const failure = await run(pkg)
      if (failure !== undefined) failures.push(failure)
    }
  })
)
if (failures.length > 0) {
  for (const failure of failures) console.error(failure)
  process.exit(1)
}

/** docgen's page without its Jekyll front matter, under a title naming the import path. */
const page = (name: string, module: string, markdown: string): string => {
  const body = markdown.replace(/^(?:---|\*\*\*)\n[\s\S]*?\n---\n/, "").trimStart()
  const importPath = module === "index" ? name : `${name}/${module}`
  return `# \`${importPath}\`\n\n[API reference](../README.md) · [${name}](../../../packages/${name.split("/")[1]}/README.md)\n\n${body.trimEnd()}\n`
}

rmSync(target, { recursive: true, force: true })
const index: Array<string> = [
  "# API reference",
  "",
  "One page per public module, generated from the JSDoc by `npm run docgen` (do not edit by hand; CI fails when it is out of date). Every `@example` is type-checked by `npm run docs:examples`.",
  ""
]
for (const pkg of packages) {
  const name = packageName(pkg)
  const modules = join(scratch, pkg, "out", "modules")
  const files = readdirSync(modules).filter((file) => file.endsWith(".ts.md")).sort((a, b) =>
    a === "index.ts.md" ? -1 : b === "index.ts.md" ? 1 : a.localeCompare(b)
  )
  mkdirSync(join(target, pkg), { recursive: true })
  index.push(`## ${name}`, "")
  for (const file of files) {
    const module = file.slice(0, -".ts.md".length)
    const markdown = readFileSync(join(modules, file), "utf8")
    writeFileSync(join(target, pkg, `${module}.md`), page(name, module, markdown))
    // The overview's first sentence (docgen's "Added in" line where a module has no description).
    const overview = /## \S+ overview\n\n([\s\S]*?)(?:\n\n|$)/.exec(markdown)?.[1]?.replace(/\s+/g, " ") ?? ""
    const first = (/^.*?[.:](?=\s|$)/.exec(overview)?.[0] ?? overview).replace(/:$/, ".")
    const sentence = module === "index" || first.startsWith("Added in") ? " Every module of the package, as a namespace." : ` ${first}`
    index.push(`- [\`${module === "index" ? name : `${name}/${module}`}\`](${pkg}/${module}.md)${sentence}`)
  }
  index.push("")
}
writeFileSync(join(target, "README.md"), index.join("\n"))

if (!check) {
  console.log(`docgen: ${relative(root, reference)}/ written for ${packages.length} packages`)
} else {
  const list = (dir: string): Array<string> =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".md"))
        .sort()
      : []
  const expected = list(target)
  const committed = new Set(list(reference))
  const stale = [
    ...expected.filter((file) =>
      !committed.has(file) || readFileSync(join(target, file), "utf8") !== readFileSync(join(reference, file), "utf8")
    ),
    ...[...committed].filter((file) => !expected.includes(file))
  ]
  if (stale.length > 0) {
    console.error(`docs/api is out of date (${stale.join(", ")}): run \`npm run docgen\` and commit docs/api`)
    process.exit(1)
  }
  console.log(`docgen: docs/api is current (${expected.length} pages)`)
}
