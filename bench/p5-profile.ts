// P5 diagnostics: one contender at one N against the P5 server, with node
// flags passed to the client (--cpu-prof, --heap-prof…), and a summary of a
// CPU profile's self time by function. Not part of `bench/run.ts`.
// Usage: npx tsx bench/p5-profile.ts <ours|ws|official> <sessions> <seconds> [node flags…]
//        npx tsx bench/p5-profile.ts inproc <ours|raw> <sessions> <seconds> [node flags…] (bench/p5-inproc.ts, bundled)
//        npx tsx bench/p5-profile.ts summary <file.cpuprofile> [top]
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { bundleClient } from "./lib/bundle.js"
import { startServer } from "./p5.js"

interface Node {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<Node>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const summary = (file: string, top: number) => {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const byFile = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const frame = byId.get(id)!.callFrame
    const where = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/bench\//, "bench/")
    const key = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + dt)
    const pkg = where.startsWith("effect/") ? where.split("/").slice(0, 4).join("/") : where.split("/")[0] || frame.functionName
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + dt)
  })
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`
  console.log(`total ${(total / 1000).toFixed(0)} ms`)
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(v), k)
  console.log("--- by file")
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(pct(v), k)
}

const main = async () => {
  const [mode = "ours", sessions = "250", seconds = "10", ...flags] = process.argv.slice(2)
  if (mode === "summary") return summary(sessions, Number(seconds === "10" ? 60 : seconds))
  if (mode === "inproc") {
    // npx tsx bench/p5-profile.ts inproc <ours|raw> <sessions> <seconds> [node flags…]
    const [contender = "ours", n = "500", s = "6", ...rest] = [sessions, seconds, ...flags]
    const bundle = await bundleClient("p5-inproc.ts")
    const child = spawn(process.execPath, [...rest, bundle, contender, n, s], { stdio: ["ignore", "inherit", "inherit"] })
    await new Promise((resolve) => child.on("close", resolve))
    return
  }
  const client = await bundleClient("p5-client.ts")
  const server = await startServer()
  server.reset(Number(sessions) * Number(seconds) * 10)
  const child = spawn(process.execPath, [...flags, client, mode, server.url, sessions, seconds], {
    stdio: ["ignore", "inherit", "inherit"]
  })
  await new Promise((resolve) => child.on("close", resolve))
  const { count, lateness } = server.stats
  const sorted = lateness.slice(0, count).sort()
  const at = (p: number) => sorted[Math.min(count - 1, Math.floor((p / 100) * count))]
  console.log(JSON.stringify({ chunks: server.stats.chunks, latenessP50: at(50), latenessP99: at(99) }))
  await server.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
