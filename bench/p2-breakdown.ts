// Diagnostic, not part of `npm run bench`: bundles bench/p2/breakdown.ts and
// runs each upload variant on plain node against a loopback server, 3 times.
// Usage: npx tsx bench/p2-breakdown.ts
import { bundleClient } from "./lib/bundle.js"
import type { P2Result } from "./lib/p2-harness.js"
import { ensureWavFile } from "./lib/fixtures.js"
import { httpPeer } from "./lib/servers.js"
import { benchDir, fixed, formatText, median, MiB, runChild } from "./lib/util.js"

const variants = ["fs.stream", "fromReadable", "raw-readable", "transcribeFile"] as const
const path = `${benchDir}.data/upload-1GiB.wav`
await ensureWavFile(path, 1024 * MiB)
const bundle = await bundleClient("p2/breakdown.ts")
const peer = await httpPeer()
const runs = new Map<string, Array<P2Result>>()
for (let round = 0; round < 3; round++) {
  for (const variant of variants) {
    const result = await runChild<P2Result>(bundle, [variant, path, peer.url], 600_000)
    runs.set(variant, [...(runs.get(variant) ?? []), result])
  }
}
await peer.close()
const mb = (n: number) => fixed(n / 1e6, 1)
const labels: Record<(typeof variants)[number], string> = {
  "fs.stream": "HttpClient, body HttpBody.stream(FileSystem.stream(path, 64 KiB))",
  fromReadable: "HttpClient, body HttpBody.stream(NodeStream.fromReadable(createReadStream))",
  "raw-readable": "HttpClient, body HttpBody.raw(createReadStream(path))",
  transcribeFile: "listen.transcribeFile(path)"
}
console.log(formatText({
  columns: ["1 GiB upload (median of 3, bundled, plain node)", "RSS before MB", "peak RSS MB", "peak − before MB", "upload ms"],
  rows: variants.map((v) => {
    const rs = runs.get(v)!
    return [
      labels[v],
      mb(median(rs.map((r) => r.rssBefore))),
      mb(median(rs.map((r) => r.maxRss))),
      mb(median(rs.map((r) => r.maxRss - r.rssBefore))),
      fixed(median(rs.map((r) => r.ms)), 0)
    ]
  })
}))
