/**
 * The progress display of `transcribe`: one line redrawn in place on a terminal, plain lines otherwise
 * (always on stderr).
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as IO from "./io.js"
import { bytes } from "./output.js"

/** @internal */
export interface Progress {
  readonly update: (event: { readonly name: string; readonly ok: boolean; readonly skipped: boolean; readonly bytes: number }) => Effect.Effect<void>
  readonly finish: Effect.Effect<void>
}

/** @internal */
export const make = (total: number, io: IO.IO): Progress => {
  const tty = io.stderrIsTTY
  let done = 0
  let failed = 0
  let skipped = 0
  let uploaded = 0
  const summary = () =>
    `${done}/${total} done, ${bytes(uploaded)} uploaded${skipped > 0 ? `, ${skipped} skipped` : ""}${failed > 0 ? `, ${failed} failed` : ""}`
  return {
    update: (event) =>
      Effect.suspend(() => {
        done++
        if (!event.ok) failed++
        if (event.skipped) skipped++
        uploaded += event.bytes
        if (tty) {
          const width = io.columns
          const line = `[${summary()}] ${event.name}`
          return io.err(`\r\x1b[K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`)
        }
        return io.err(`[${done}/${total}] ${event.skipped ? "skipped" : event.ok ? "done" : "FAILED"} ${event.name}\n`)
      }),
    finish: Effect.suspend(() => io.err(`${tty ? "\r\x1b[K" : ""}${summary()}\n`))
  }
}
