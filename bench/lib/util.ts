// Small helpers: child processes, statistics, machine facts, tables.
import { spawn } from "node:child_process"
import { arch, cpus, loadavg, release, totalmem, type } from "node:os"
import { fileURLToPath } from "node:url"

export const benchDir = fileURLToPath(new URL("../", import.meta.url))

/**
 * Runs `bench/<script>` in a fresh Node process (`node --import tsx`) and
 * parses the last line of its stdout as JSON. stderr is passed through.
 */
export const runChild = async <A>(script: string, args: ReadonlyArray<string>, timeoutMs = 240_000): Promise<A> => {
  // A bundled client (an absolute .mjs path) runs on plain node; a bench/*.ts script through tsx.
  const argv = script.endsWith(".mjs") ? [script, ...args] : ["--import", "tsx", `${benchDir}${script}`, ...args]
  const child = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "inherit"] })
  let stdout = ""
  child.stdout.setEncoding("utf8")
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk
  })
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => resolve(code))
  })
  clearTimeout(timer)
  const lines = stdout.trim().split("\n")
  const last = lines[lines.length - 1] ?? ""
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} exited with ${code}: ${stdout.slice(-2000)}`)
  try {
    return JSON.parse(last) as A
  } catch {
    throw new Error(`${script} ${args.join(" ")} printed no JSON result: ${stdout.slice(-2000)}`)
  }
}

/**
 * Runs each contender `rounds` times, the order rotating by one every round
 * (so that no contender always runs first); the results by contender.
 */
export const rotate = async <C extends string, A>(
  order: ReadonlyArray<C>,
  rounds: number,
  run: (name: C) => Promise<A>
): Promise<Record<C, Array<A>>> => {
  const runs = Object.fromEntries(order.map((name) => [name, [] as Array<A>])) as Record<C, Array<A>>
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < order.length; i++) {
      const name = order[(i + round) % order.length]!
      runs[name].push(await run(name))
    }
  }
  return runs
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const MiB = 1024 * 1024

export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly ramGiB: number
  readonly node: string
  readonly os: string
  readonly date: string
  /** 1-minute load average when the run started (the machine may be shared). */
  readonly load1: number
}

export const machine = (): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? "unknown",
  cores: cpus().length,
  ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  os: `${type()} ${release()} ${arch()}`,
  date: new Date().toISOString(),
  load1: Math.round(loadavg()[0]! * 100) / 100
})

/** The 1-minute load average now. */
export const load1 = () => Math.round(loadavg()[0]! * 100) / 100

/** A result table: column names, rows of printable cells. */
export interface Table {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

export const formatText = (table: Table): string => {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")
  return [line(table.columns), widths.map((w) => "-".repeat(w)).join("  "), ...table.rows.map(line)].join("\n")
}

export const formatMarkdown = (table: Table): string => {
  const line = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
  return [
    line(table.columns),
    line(table.columns.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...table.rows.map(line)
  ].join("\n")
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits)
export const ratio = (n: number) => `${n.toFixed(2)}×`
export const thousands = (n: number) => Math.round(n).toLocaleString("en-US")

/** Starts `bench/serve.ts <kind>` in its own process; resolves with its URL and a stop function. */
export const servePeer = async (kind: "http" | "ws"): Promise<{ readonly url: string; readonly stop: () => void }> => {
  const child = spawn(process.execPath, ["--import", "tsx", `${benchDir}serve.ts`, kind], { stdio: ["pipe", "pipe", "inherit"] })
  child.stdout.setEncoding("utf8")
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = ""
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk
      const newline = buffer.indexOf("\n")
      if (newline >= 0) resolve(buffer.slice(0, newline).trim())
    })
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`serve.ts exited with ${code}`)))
  })
  return { url, stop: () => child.kill("SIGTERM") }
}
