// P2: memory of a large file upload. A generated WAV file is streamed to a
// loopback server that drains it; each client runs in its own process and
// reports its peak RSS.
import type { Bench } from "./lib/result.js"
import { bundleClient } from "./lib/bundle.js"
import { ensureWavFile } from "./lib/fixtures.js"
import type { P2Result } from "./lib/p2-harness.js"
import { httpPeer } from "./lib/servers.js"
import { benchDir, fixed, MiB, runChild } from "./lib/util.js"

const GiB = 1024 * MiB
const LIMIT = 100 * 1000 * 1000

interface ChildResult extends P2Result {
  readonly mode: "ours" | "official" | "raw"
}

const labels = {
  raw: "node:http + stream.pipeline(ReadStream) (floor)",
  ours: "effect-deepgram listen.transcribeFile(path)",
  official: "@deepgram/sdk transcribeFile(createReadStream(path))"
} as const

type Runtime = "node" | "tsx"

const runtimeLabels: Record<Runtime, string> = { node: "node (bundled JS)", tsx: "node --import tsx (TS sources)" }

const mb = (bytes: number) => fixed(bytes / 1e6, 1)

export const p2: Bench = {
  id: "p2",
  title: "P2: large file upload, client memory",
  run: async () => {
    const files = { "1 GiB": `${benchDir}.data/upload-1GiB.wav`, "256 MiB": `${benchDir}.data/upload-256MiB.wav` }
    const generated = [
      (await ensureWavFile(files["1 GiB"], GiB)).generated,
      (await ensureWavFile(files["256 MiB"], 256 * MiB)).generated
    ]
    const bundles = {
      raw: await bundleClient("p2/raw.ts"),
      ours: await bundleClient("p2/ours.ts"),
      official: await bundleClient("p2/official.ts")
    }
    const peer = await httpPeer()
    const runs: Array<{ readonly size: keyof typeof files; readonly runtime: Runtime; readonly result: ChildResult }> = []
    try {
      const plan: ReadonlyArray<[ChildResult["mode"], keyof typeof files, Runtime]> = [
        ["raw", "1 GiB", "node"],
        ["ours", "1 GiB", "node"],
        ["official", "1 GiB", "node"],
        ["ours", "256 MiB", "node"],
        ["official", "256 MiB", "node"],
        ["ours", "1 GiB", "tsx"],
        ["ours", "256 MiB", "tsx"]
      ]
      for (const [mode, size, runtime] of plan) {
        const before = peer.stats.bytes
        const result = await runChild<ChildResult>(runtime === "node" ? bundles[mode] : `p2/${mode}.ts`, [files[size], peer.url], 600_000)
        const received = peer.stats.bytes - before
        if (received !== result.bytes) throw new Error(`${mode}: server received ${received} of ${result.bytes} bytes`)
        runs.push({ size, runtime, result })
      }
    } finally {
      await peer.close()
    }
    const rows = runs.map(({ result, runtime, size }) => [
      labels[result.mode],
      runtimeLabels[runtime],
      size,
      mb(result.maxRss),
      mb(result.sampledPeakRss),
      mb(result.rssBefore),
      mb(result.maxRss - result.rssBefore),
      fixed(result.ms, 0),
      fixed(result.bytes / MiB / (result.ms / 1000), 0)
    ])
    const find = (mode: ChildResult["mode"], size: keyof typeof files, runtime: Runtime) =>
      runs.find((r) => r.result.mode === mode && r.size === size && r.runtime === runtime)!.result
    const ours1g = find("ours", "1 GiB", "node")
    const ours256 = find("ours", "256 MiB", "node")
    const official1g = find("official", "1 GiB", "node")
    const oursTsx1g = find("ours", "1 GiB", "tsx")
    const sizeDelta = ours1g.maxRss - ours256.maxRss
    // A client that buffers grows by ~100% of the extra bytes; streaming stays flat.
    const extraBytes = ours1g.bytes - ours256.bytes
    return {
      id: "p2",
      title: p2.title,
      setup:
        "POST /v1/listen?model=nova-3 of a generated 16 kHz mono WAV (header + pseudo-random samples, in bench/.data/) to a " +
        "node:http server on 127.0.0.1 that drains the body and answers a small ListenV1Response. Each upload runs in a fresh " +
        "child process, on plain node from a bundle (bench/lib/bundle.ts: our packages compiled in, every other package loaded " +
        "from node_modules as shipped) and, for reference, on node --import tsx from the TypeScript sources. Peak RSS is getrusage maxRSS read at exit (whole process life, startup included); the sampled peak " +
        "is the highest process.memoryUsage.rss() seen every 5 ms during the upload. MB = 10^6 bytes.",
      table: {
        columns: ["client", "runtime", "file", "peak RSS MB", "sampled peak MB", "RSS before MB", "peak − before MB", "upload ms", "MiB/s"],
        rows
      },
      targets: [
        {
          name: "ours: peak RSS under 100 MB (1 GiB file, bundled)",
          pass: ours1g.maxRss < LIMIT,
          detail: `${mb(ours1g.maxRss)} MB`
        },
        {
          name: "ours: peak RSS independent of file size (1 GiB vs 256 MiB: grows by < 2% of the extra bytes, bundled)",
          pass: sizeDelta < 0.02 * extraBytes,
          detail: `${mb(ours1g.maxRss)} MB vs ${mb(ours256.maxRss)} MB (Δ ${mb(sizeDelta)} MB for ${fixed(extraBytes / MiB, 0)} MiB more; ` +
            `${fixed((sizeDelta / extraBytes) * 100, 1)}%)`
        }
      ],
      notes: [
        "Ours uploads over node:http from one reused 1 MiB buffer (NodeFiles; the next read after the last write's " +
        "callback); a program that only uploads files loads neither undici nor Node's fetch classes. What the RSS " +
        "before the first byte is made of: bench/results/p2-startup.txt.",
        `@deepgram/sdk peak RSS for the 1 GiB upload: ${mb(official1g.maxRss)} MB (grows with the file size).`,
        `Under node --import tsx our client starts at ${mb(oursTsx1g.rssBefore)} MB RSS before uploading and peaks at ` +
        `${mb(oursTsx1g.maxRss)} MB: tsx's loader thread and the transpiled sources, not the upload ` +
        `(growth during the upload ${mb(oursTsx1g.maxRss - oursTsx1g.rssBefore)} MB). The targets are judged on the bundled run.`,
        ...(generated.some((g) => g) ? ["The upload files were generated in this run (not timed)."] : [])
      ],
      data: runs
    }
  }
}
