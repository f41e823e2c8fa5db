// Diagnostic, not part of `npm run bench`: what the memory of a P2 client is
// made of before the first byte of the upload. Each stage of the module graph
// is bundled on its own (as P2 runs its clients, bench/lib/bundle.ts) and
// imported in a fresh process, 3 times; medians are printed and written to
// bench/results/p2-startup.txt.
// Usage: npx tsx bench/p2-startup.ts
import { spawnSync } from "node:child_process"
import { mkdir, rm, writeFile } from "node:fs/promises"
import { bundleClient } from "./lib/bundle.js"
import { benchDir, fixed, formatText, median } from "./lib/util.js"

const layerCode =
  `import { NodeDeepgram } from "@effect-deepgram/node"; import * as ManagedRuntime from "effect/ManagedRuntime"; ` +
  `const runtime = ManagedRuntime.make(NodeDeepgram.layer({ baseUrl: "http://127.0.0.1:9", apiKey: "key", retry: { retries: 0 } })); ` +
  `await runtime.runtime()`
// The young generation's size is a node flag, not something a library may set: the capped rows only measure
// what a smaller young generation (the aim of building schemas lazily) would be worth.
const capped = ["--max-semi-space-size=8"]

const stages: ReadonlyArray<readonly [string, string, string, ReadonlyArray<string>?]> = [
  ["node", "node alone", ""],
  ["effect-modules", "effect/Effect, Layer, Stream, Schema", `import "effect/Effect"; import "effect/Layer"; import "effect/Stream"; import "effect/Schema"`],
  ["effect-barrel", "the `effect` barrel", `import "effect"`],
  ["platform", "+ @effect/platform HttpClient, HttpBody", `import "effect/Effect"; import "effect/Layer"; import "effect/Stream"; import "effect/Schema"; import "@effect/platform/HttpClient"; import "@effect/platform/HttpBody"`],
  ["undici", "undici alone", `import "undici"`],
  ["fetch", "Node's fetch classes alone (globalThis.Response)", `void globalThis.Response`],
  ["node-http", "node:http + node:https alone", `import "node:http"; import "node:https"`],
  ["schema", "@effect-deepgram/schema, every model built", `import * as S from "@effect-deepgram/schema"; Object.assign(globalThis, { keep: S })`],
  [
    "schema-few",
    "@effect-deepgram/schema, only the 2 models P2 decodes (tree-shaken)",
    `import { TranscriptionResponse } from "@effect-deepgram/schema/ListenV1"; import { ErrorResponse } from "@effect-deepgram/schema/ErrorResponse"; Object.assign(globalThis, { keep: [TranscriptionResponse, ErrorResponse] })`
  ],
  ["core", "@effect-deepgram/core, every module", `import * as C from "@effect-deepgram/core"; Object.assign(globalThis, { keep: C })`],
  ["platform-node", "@effect/platform-node/NodeHttpClient (platform + undici)", `import "@effect/platform-node/NodeHttpClient"`],
  ["sdk-import", "import { NodeDeepgram, Listen } from @effect-deepgram/node", `import { NodeDeepgram, Listen } from "@effect-deepgram/node"; Object.assign(globalThis, { keep: [NodeDeepgram, Listen] })`],
  ["sdk-runtime", "+ NodeDeepgram.layer built (ManagedRuntime; no undici yet)", layerCode],
  [
    "sdk-first-rest",
    "+ one REST request (refused): undici and fetch classes loaded",
    `${layerCode}; import { Manage } from "@effect-deepgram/node"; import * as Effect from "effect/Effect"; ` +
    `await runtime.runPromise(Effect.either(Effect.flatMap(Manage.Manage, (m) => m.projects.list())))`
  ],
  ["effect-modules-capped", "effect/Effect, Layer, Stream, Schema; young gen. capped 2 x 8 MB", `import "effect/Effect"; import "effect/Layer"; import "effect/Stream"; import "effect/Schema"`, capped],
  ["schema-capped", "@effect-deepgram/schema; young generation capped 2 x 8 MB", `import * as S from "@effect-deepgram/schema"; Object.assign(globalThis, { keep: S })`, capped],
  ["sdk-runtime-capped", "NodeDeepgram.layer built; young generation capped 2 x 8 MB", layerCode, capped]
]

interface Sample {
  readonly rss: number
  readonly heapUsed: number
  readonly newSpace: number
  readonly oldSpace: number
  readonly maxRss: number
}

await mkdir(`${benchDir}.data/p2-startup`, { recursive: true })
const mb = (n: number) => fixed(n / 1e6, 1)
const rows: Array<Array<string>> = []
for (const [stage, label, code, flags = []] of stages) {
  await writeFile(
    `${benchDir}.data/p2-startup/${stage}.ts`,
    `${code}\nimport { report } from "../../p2/startup.js"\nreport(${JSON.stringify(stage)})\n`
  )
  const bundle = await bundleClient(`.data/p2-startup/${stage}.ts`)
  const samples: Array<Sample> = []
  for (let i = 0; i < 3; i++) {
    const run = spawnSync(process.execPath, ["--expose-gc", ...flags, bundle], { encoding: "utf8" })
    if (run.status !== 0) throw new Error(`${stage}: ${run.stderr}`)
    samples.push(JSON.parse(run.stdout.trim().split("\n").pop()!) as Sample)
  }
  const m = (f: (s: Sample) => number) => mb(median(samples.map(f)))
  rows.push([label, m((s) => s.rss), m((s) => s.maxRss), m((s) => s.heapUsed), m((s) => s.newSpace), m((s) => s.oldSpace)])
}
// The generated entries are not part of the type-checked sources.
await rm(`${benchDir}.data/p2-startup`, { recursive: true, force: true })
const text = formatText({
  columns: ["stage (fresh process, bundled, after a full GC)", "RSS MB", "peak RSS MB", "heap used MB", "new space MB", "old space MB"],
  rows
})
const notes = [
  "Reading (2026-11-30, after the node:http upload path of issue 9): a program that only uploads files loads neither",
  "undici nor Node's fetch classes (the last two SDK rows: +20 MB on the first other request), and the upload itself",
  "grows RSS by ~2 MB (one 1 MiB buffer written in 256 KiB slices, the next read after the last slice's write callback)",
  "where the floor client (stream.pipeline of a ReadStream) grows ~42 MB. P2 peaks at ~125 MB, 1 GiB and 256 MiB alike,",
  "~122 MB of it before the first byte: node alone 44 MB; effect's modules 37 MB, 17 MB of it the young generation",
  "(2 x 8.4 MB semi-spaces); our schema package doubles the young generation (2 x 16.8 MB) and adds ~4 MB of old space;",
  "core and node ~11 MB, ~5 MB of it `ws` (NodeDialer imports it although a file upload never opens a socket).",
  "Building only the models a program uses (the row with 2 models, which also loads fewer effect modules) keeps the",
  "young generation at effect's 2 x 8.4 MB; every model built costs ~10 MB more at rest, after a full GC.",
  "What building schemas lazily could save, measured by proxy in the P2 process (1 GiB, bundled, 2-3 runs each; the",
  "young generation capped with --max-semi-space-size, a node flag that a library cannot set): peak 124-127 MB as",
  "shipped; 113-115 MB with the young generation at effect's own 2 x 8 MB; 104-107 MB at 2 x 1 MB. With `ws` also",
  "left out (aliased to a stub in the bundle): 120 MB; 110 MB at 2 x 8 MB; 100 MB at 2 x 1 MB. So <= 100 MB is out",
  "of reach for an Effect program on Node 20 with default flags: perfectly lazy schemas leave the young generation",
  "at what effect itself grows it to, ~110 MB with `ws` loaded lazily too. Lazy schemas would mean regenerating every",
  "model behind a thunk with a stable export, for ~10 MB; not done. Node's fetch is no way out: on Node 20 it reads a",
  "streamed request body without backpressure (a 1 GiB upload peaks at ~1.2 GB with a ReadStream, a web",
  "ReadableStream and the platform's FetchHttpClient alike)."
].join("\n")
console.log(text)
console.log(notes)
await writeFile(`${benchDir}results/p2-startup.txt`, `${new Date().toISOString()}\n${text}\n\n${notes}\n`)
