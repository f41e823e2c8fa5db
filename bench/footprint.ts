// Diagnostic, not part of `npm run bench`: the resident memory of loading our
// SDK on plain node, split into its dependencies and our own code. Bundles a
// probe (bench/lib/bundle.ts), reads which packages the bundle imports, and
// measures in fresh processes (after a full GC): bare node, those packages
// alone, and the bundle (packages + our code + the built layer).
// Usage: npx tsx bench/footprint.ts
import { readFile, writeFile } from "node:fs/promises"
import { bundleClient } from "./lib/bundle.js"
import { benchDir, fixed, formatText, runChild } from "./lib/util.js"

interface Probe {
  readonly rss: number
  readonly heapUsed: number
}

const measure = `const gc = globalThis.gc; gc(); gc(); const m = process.memoryUsage();
process.stdout.write(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }) + "\\n")`

const probeEntry = `${benchDir}.data/footprint-probe.ts`
await writeFile(
  probeEntry,
  `import { NodeDeepgram } from "@effect-deepgram/node"
import { ManagedRuntime } from "effect"
const runtime = ManagedRuntime.make(NodeDeepgram.layer({ baseUrl: "http://127.0.0.1:9", apiKey: "x" }))
await runtime.runtime()
${measure}
`
)
const bundle = await bundleClient(".data/footprint-probe.ts")
const source = await readFile(bundle, "utf8")
const externals = [...new Set([...source.matchAll(/^import .* from "([^"]+)";?$/gm)].map((m) => m[1]!))]
  .filter((s) => !s.startsWith("node:"))
const deps = `${benchDir}.data/footprint-deps.mjs`
await writeFile(deps, `${externals.map((s) => `await import(${JSON.stringify(s)})`).join("\n")}\n${measure}\n`)
const bare = `${benchDir}.data/footprint-bare.mjs`
await writeFile(bare, `${measure}\n`)

// runChild passes arguments after the script; --expose-gc goes through NODE_OPTIONS (inherited).
process.env["NODE_OPTIONS"] = `${process.env["NODE_OPTIONS"] ?? ""} --expose-gc`.trim()
const run = (script: string) => runChild<Probe>(script, [])
const rows: Array<[string, Probe]> = [
  ["bare node", await run(bare)],
  [`its dependencies alone (${externals.length} specifiers: effect, @effect/platform, @effect/platform-node + undici, ws)`, await run(deps)],
  ["@effect-deepgram/node bundle + NodeDeepgram.layer built", await run(bundle)]
]
const mb = (n: number) => fixed(n / 1e6, 1)
console.log(formatText({
  columns: ["after a full GC", "RSS MB", "heap used MB"],
  rows: rows.map(([label, p]) => [label, mb(p.rss), mb(p.heapUsed)])
}))
console.log(`\nimported specifiers: ${externals.join(" ")}`)
