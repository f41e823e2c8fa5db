/**
 * The batch manifest: an append-only JSON Lines file with one line per input that reached a final state.
 *
 * @internal
 */
import type * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

/** @internal */
export interface Entry {
  readonly id: string
  readonly status: "done" | "failed"
  readonly at: string
  readonly error?: string | undefined
}

/** @internal */
export interface Manifest {
  /** Ids recorded as done. */
  readonly done: ReadonlySet<string>
  /** Appends one line; the line is written with a single `write` to a file opened for appending. */
  readonly append: (entry: Entry) => Effect.Effect<void, Error>
}

/**
 * Reads the done ids of a manifest (a missing file is an empty manifest; a last line cut short by a crash is
 * ignored) and opens it for appending.
 *
 * @internal
 */
export const open = (
  fs: FileSystem.FileSystem,
  path: string
): Effect.Effect<Manifest, Error, Scope.Scope> =>
  Effect.gen(function*() {
    const done = new Set<string>()
    const exists = yield* fs.exists(path)
    let needsNewline = false
    if (exists) {
      const text = yield* fs.readFileString(path)
      needsNewline = text.length > 0 && !text.endsWith("\n")
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue
        try {
          const entry = JSON.parse(line) as Partial<Entry>
          if (typeof entry.id !== "string") continue
          if (entry.status === "done") done.add(entry.id)
        } catch {
          // a line cut short by a crash: that input was not recorded
        }
      }
    }
    const file = yield* fs.open(path, { flag: "a" })
    const encoder = new TextEncoder()
    if (needsNewline) yield* file.write(encoder.encode("\n"))
    const lock = yield* Effect.makeSemaphore(1)
    return {
      done,
      append: (entry) =>
        lock.withPermits(1)(
          Effect.asVoid(file.writeAll(encoder.encode(`${JSON.stringify(entry)}\n`)))
        )
    }
  })
