// Diagnostic, not part of `npm run bench`: where the time of a P3 session
// goes. Bundles the clients, runs each variant on plain node in its own
// process against the same loopback ws server as P3, and prints medians.
// Usage: npx tsx bench/p3-breakdown.ts [seconds] [rounds]
import { bundleClient } from "./lib/bundle.js"
import { wsPeer } from "./lib/servers.js"
import { fixed, formatText, median, runChild } from "./lib/util.js"

const seconds = process.argv[2] ?? "3600"
const rounds = Number(process.argv[3] ?? "3")
const CHUNK = "3200"

interface Run {
  readonly mode: string
  readonly ms: number
  readonly cpuMs: number
}

const client = await bundleClient("p3-client.ts")
const breakdown = await bundleClient("p3/breakdown-client.ts")
const variants: ReadonlyArray<readonly [string, string, string]> = [
  ["raw ws (P3 baseline)", client, "ws"],
  ["NodeDialer.make.open: raw.send / raw.take + JSON.parse", breakdown, "rawsocket"],
  ["listen.liveSession: send loop + Stream.runCount(events)", breakdown, "session"],
  ["listen.live(Stream.fromIterable(chunks)) + Stream.runCount (P3)", client, "ours"],
  ["ListenV1.decodeServerMessage × chunks, no I/O", breakdown, "decode"]
]
const peer = await wsPeer()
const runs = variants.map((): Array<Run> => [])
for (let r = 0; r < rounds; r++) {
  for (let j = 0; j < variants.length; j++) {
    const i = (j + r) % variants.length
    const [, script, mode] = variants[i]!
    runs[i]!.push(await runChild<Run>(script, [mode, peer.url, seconds, CHUNK]))
  }
}
await peer.close()
console.log(`${seconds} s of audio in ${CHUNK}-byte chunks; median of ${rounds} (bundled, plain node, one process per run)\n`)
console.log(formatText({
  columns: ["variant", "wall ms", "client CPU ms"],
  rows: variants.map(([label], i) => [
    label,
    fixed(median(runs[i]!.map((r) => r.ms)), 0),
    fixed(median(runs[i]!.map((r) => r.cpuMs)), 0)
  ])
}))
