/**
 * The progress display of `transcribe`: one line redrawn in place on a terminal, plain lines otherwise
 * (always on stderr).
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import { bytes } from "./output.js"

/** @internal */
export interface Progress {
  readonly update: (event: { readonly name: string; readonly ok: boolean; readonly skipped: boolean; readonly bytes: number }) => Effect.Effect<void>
  readonly finish: Effect.Effect<void>
}

/** @internal */
export const make = (total: number, tty: boolean = process.stderr.isTTY === true): Progress => {
  let done = 0
  let failed = 0
  let skipped = 0
  let uploaded = 0
  const summary = () =>
    `${done}/${total} done, ${bytes(uploaded)} uploaded${skipped > 0 ? `, ${skipped} skipped` : ""}${failed > 0 ? `, ${failed} failed` : ""}`
  return {
    update: (event) =>
      Effect.sync(() => {
        done++
        if (!event.ok) failed++
        if (event.skipped) skipped++
        uploaded += event.bytes
        if (tty) {
          const width = process.stderr.columns ?? 80
          const line = `[${summary()}] ${event.name}`
          process.stderr.write(`\r\x1b[K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`)
        } else {
          process.stderr.write(`[${done}/${total}] ${event.skipped ? "skipped" : event.ok ? "done" : "FAILED"} ${event.name}\n`)
        }
      }),
    finish: Effect.sync(() => {
      process.stderr.write(`${tty ? "\r\x1b[K" : ""}${summary()}\n`)
    })
  }
}
