// Bundles a bench client into plain JavaScript (bench/.data/<name>.mjs) so it
// runs on `node` alone, the way a published build would: our workspace
// packages are compiled in from their TypeScript sources, every other package
// stays external and loads from node_modules as shipped. Running under
// `node --import tsx` instead adds tsx's loader thread and in-memory
// transpiled sources to the process (about +100 MB RSS for the SDK).
import { benchDir } from "./util.js"

export const bundleClient = async (entry: string): Promise<string> => {
  const esbuild = await import("esbuild")
  const outfile = `${benchDir}.data/bundles/${entry.replace(/\.ts$/, "").replaceAll("/", "-")}.mjs`
  await esbuild.build({
    entryPoints: [`${benchDir}${entry}`],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: false,
    logLevel: "error",
    external: ["effect", "effect/*", "@effect/*", "undici", "ws", "@deepgram/sdk", "@deepgram/sdk/*"]
  })
  return outfile
}
