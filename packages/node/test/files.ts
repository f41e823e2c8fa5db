// Scratch files and file-descriptor checks shared by the file-upload tests.
import { Effect } from "effect"
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A scratch file of `size` pseudo-random bytes (xorshift), removed with the scope. */
export const scratchFile = (size: number) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const dir = mkdtempSync(join(tmpdir(), "dg-files-"))
      const path = join(dir, "upload.bin")
      const bytes = Buffer.allocUnsafe(size)
      let x = 0x9e3779b9
      for (let i = 0; i < size; i++) {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        bytes[i] = x & 0xff
      }
      writeFileSync(path, bytes)
      return { path, bytes, dir }
    }),
    ({ dir }) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

/** How many of this process's file descriptors point at `path` (Linux: /proc/self/fd). */
export const openHandles = (path: string): number =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path
    } catch {
      return false
    }
  }).length

/** Waits up to `seconds` for `check` to hold, looking every 50 ms; whether it holds. */
export const eventually = (check: () => boolean, seconds = 5) =>
  Effect.gen(function*() {
    for (let i = 0; i < seconds * 20 && !check(); i++) yield* Effect.sleep("50 millis")
    return check()
  })
