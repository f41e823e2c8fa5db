// P6: the size of a browser bundle doing the web demo's Deepgram job (upload a
// file; live transcription with interim results), ours vs @deepgram/sdk's
// browser build; esbuild, minified, then gzip. Also the whole demo page.
import { build } from "esbuild"
import { gzipSync } from "node:zlib"
import type { Bench } from "./lib/result.js"
import { benchDir, fixed } from "./lib/util.js"

const bundleSize = async (entry: string) => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent"
  })
  const code = result.outputFiles[0]!.contents
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

const kb = (bytes: number) => fixed(bytes / 1024, 1)

export const p6: Bench = {
  id: "p6",
  title: "P6: browser bundle size",
  run: async () => {
    const ours = await bundleSize(`${benchDir}p6/ours.ts`)
    const official = await bundleSize(`${benchDir}p6/official.ts`)
    const page = await bundleSize(`${benchDir}../examples/web/main.ts`)
    return {
      id: "p6",
      title: "P6: browser bundle size",
      setup:
        "The same job (upload a File; live transcription of a PCM stream with interim results) written against each SDK (bench/p6/*.ts), bundled by esbuild for the browser (ESM, minified, es2022), then gzip -9. The whole demo page (examples/web/main.ts: UI, microphone capture, token fetch) for reference.",
      table: {
        columns: ["bundle", "minified KiB", "gzip KiB", "gzip vs @deepgram/sdk"],
        rows: [
          ["effect-deepgram (@effect-deepgram/browser + effect)", kb(ours.minified), kb(ours.gzip), fixed(ours.gzip / official.gzip, 2) + "×"],
          ["@deepgram/sdk 5.13.0", kb(official.minified), kb(official.gzip), "1.00×"],
          ["the demo page (examples/web/main.ts)", kb(page.minified), kb(page.gzip), fixed(page.gzip / official.gzip, 2) + "×"]
        ]
      },
      targets: [],
      notes: [
        "No size target was set. Most of ours is Effect itself (runtime, Stream, Schema), shared with the rest of an Effect app; the entries import modules directly (effect/Effect, @effect-deepgram/core/Listen), as a barrel import (`import { Effect } from \"effect\"`) makes esbuild keep whole namespaces."
      ],
      data: { ours, official, page }
    }
  }
}
