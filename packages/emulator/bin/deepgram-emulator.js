#!/usr/bin/env node
// The `deepgram-emulator` command (also `deepgram emulator`). In this repository (sources present, tsx
// installed) it runs the TypeScript sources, so `npx deepgram-emulator` works right after `npm ci`; from a
// packed tarball it runs build/esm.
import { existsSync } from "node:fs"

const source = new URL("../src/bin.ts", import.meta.url)
const built = new URL("../build/esm/bin.js", import.meta.url)

const tsx = existsSync(source) ? await import("tsx/esm/api").catch(() => undefined) : undefined
if (tsx !== undefined) {
  tsx.register()
  await import(source.href)
} else {
  await import(built.href)
}
