// Runs a package's command: its TypeScript sources in this repository (with tsx, so `npx deepgram` and
// `npx deepgram-emulator` work right after `npm ci`), its build/esm in a packed tarball. The one launcher of
// @effect-deepgram/emulator and @effect-deepgram/cli: the CLI's bin/launch.js is a link to this file in the
// repository and a copy in its tarball.
import { existsSync } from "node:fs"

/** Runs `../src/bin.ts` or `../build/esm/bin.js` beside `launcher` (the calling bin's `import.meta.url`). */
export const launch = async (launcher) => {
  const source = new URL("../src/bin.ts", launcher)
  const tsx = existsSync(source) ? await import("tsx/esm/api").catch(() => undefined) : undefined
  if (tsx !== undefined) {
    tsx.register()
    await import(source.href)
  } else {
    await import(new URL("../build/esm/bin.js", launcher).href)
  }
}
