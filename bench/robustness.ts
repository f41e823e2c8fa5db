// The robustness suites at full size (not part of `npm run bench`): R3 idle
// (60 s of silence against Deepgram's 10 s timeout), R4 fuzz (10,000 generated
// server messages and HTTP answers per property), R5 leaks (1,000 cycles of
// each kind) and reconnect (100 drops against the emulator, listen v1 and
// Flux, each a reconnect that happened; the same final transcript or turns as
// without drops). `npm test` runs the same test files at CI size;
// this runs them with DEEPGRAM_SOAK=1 (see packages/node/test/soak.ts).
// Usage: npm run soak [-- idle|fuzz|leaks|reconnect ...]   (takes tens of minutes)
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))
const suites = {
  idle: "packages/node/test/Idle.test.ts",
  fuzz: "packages/node/test/Fuzz.test.ts",
  leaks: "packages/node/test/Leaks.test.ts",
  reconnect: "packages/node/test/ReconnectEmulator.test.ts"
} as const

const wanted = process.argv.slice(2).filter((a): a is keyof typeof suites => a in suites)
const files = (wanted.length > 0 ? wanted : (Object.keys(suites) as Array<keyof typeof suites>)).map((s) => suites[s])

const started = Date.now()
const child = spawn(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, "run", ...files, "--reporter=verbose"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DEEPGRAM_SOAK: "1" }
})
child.on("close", (code) => {
  console.log(`\nsoak (${files.join(", ")}): ${code === 0 ? "PASS" : "FAIL"} in ${((Date.now() - started) / 60_000).toFixed(1)} min`)
  process.exit(code ?? 1)
})
