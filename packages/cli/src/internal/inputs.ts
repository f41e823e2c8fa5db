/**
 * Expanding the inputs of `transcribe`: files, directories (recursive), globs, URLs and `-` (stdin).
 *
 * @internal
 */
import * as fs from "node:fs"
import * as path from "node:path"

/** Extensions taken from a directory or a glob. @internal */
export const audioExtensions = new Set([
  "wav", "mp3", "flac", "ogg", "oga", "opus", "m4a", "aac", "webm", "mp4", "m4v", "mov", "mkv", "amr", "au", "aiff", "aif",
  "wma", "mpga", "mpeg", "3gp", "caf", "spx"
])

/** @internal */
export type Source =
  | { readonly _tag: "File"; readonly path: string; readonly relative: string }
  | { readonly _tag: "Url"; readonly url: string }
  | { readonly _tag: "Stdin" }

const isAudio = (file: string) => audioExtensions.has(path.extname(file).slice(1).toLowerCase())

const walk = (dir: string, visit: (file: string) => void) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, visit)
    else if (entry.isFile()) visit(full)
  }
}

const globToRegExp = (pattern: string): RegExp => {
  let re = ""
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*"
        i += pattern[i + 2] === "/" ? 2 : 1
      } else re += "[^/]*"
    } else if (c === "?") re += "[^/]"
    else re += /[\\^$.|+(){}[\]]/.test(c) ? `\\${c}` : c
  }
  return new RegExp(`^${re}$`)
}

/** @internal */
export const isGlob = (arg: string) => /[*?]/.test(arg)

/**
 * Every input named by the arguments, in order, without duplicates. An argument that is neither a URL, `-`,
 * an existing path nor a glob is kept as a file, so that its failure is reported with the others.
 *
 * @internal
 */
export const expand = (args: ReadonlyArray<string>): Array<Source> => {
  const sources: Array<Source> = []
  const seen = new Set<string>()
  const add = (file: string, relative: string) => {
    const full = path.resolve(file)
    if (seen.has(full)) return
    seen.add(full)
    sources.push({ _tag: "File", path: full, relative })
  }
  for (const arg of args) {
    if (arg === "-") sources.push({ _tag: "Stdin" })
    else if (/^https?:\/\//i.test(arg)) sources.push({ _tag: "Url", url: arg })
    else if (fs.existsSync(arg) && fs.statSync(arg).isDirectory()) {
      walk(arg, (file) => isAudio(file) && add(file, path.relative(arg, file)))
    } else if (!fs.existsSync(arg) && isGlob(arg)) {
      const normalized = arg.split(path.sep).join("/")
      const segments = normalized.split("/")
      const fixed = segments.findIndex((segment) => isGlob(segment))
      const base = segments.slice(0, fixed).join("/") || "."
      const re = globToRegExp(normalized.startsWith("./") ? normalized.slice(2) : normalized)
      const before = sources.length
      if (fs.existsSync(base)) {
        walk(base, (file) => {
          const candidate = (base === "." ? path.relative(".", file) : file).split(path.sep).join("/")
          if (re.test(candidate) && isAudio(file)) add(file, path.relative(base, file))
        })
      }
      if (sources.length === before) add(arg, arg)
    } else add(arg, path.basename(arg))
  }
  return sources
}
