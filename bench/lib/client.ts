// The child side of a socket benchmark: one contender per process. The
// contender sets itself up (imports, runtime, connection pool) untimed; then
// one session runs under the clock and the process prints one JSON line.
import { once } from "node:events"
import { performance } from "node:perf_hooks"
import { API_KEY } from "./key.js"

/** A contender: its untimed set-up, resolving with the timed session. */
export type Contender<O> = () => Promise<() => Promise<O>>

/**
 * Runs `contenders[mode]`'s session under the clock, lets `check` reject a
 * wrong outcome (throw), and prints `{ mode, ...fields, ms, cpuMs, cpuUserMs,
 * cpuSystemMs, maxRss, ...outcome }`; any failure exits 1.
 */
export const runContender = <O extends object>(options: {
  readonly mode: string
  readonly contenders: Readonly<Record<string, Contender<O>>>
  readonly fields?: Readonly<Record<string, unknown>>
  readonly check: (outcome: O) => void
}): void => {
  const main = async () => {
    const make = Object.hasOwn(options.contenders, options.mode) ? options.contenders[options.mode] : undefined
    if (make === undefined) throw new Error(`unknown contender ${options.mode}`)
    const session = await make()
    const start = performance.now()
    const usage = process.cpuUsage()
    const outcome = await session()
    const used = process.cpuUsage(usage)
    const ms = performance.now() - start
    options.check(outcome)
    const result = {
      mode: options.mode,
      ...options.fields,
      ms,
      cpuMs: (used.user + used.system) / 1000,
      cpuUserMs: used.user / 1000,
      cpuSystemMs: used.system / 1000,
      maxRss: process.resourceUsage().maxRSS * 1024,
      ...outcome
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
    process.exit(0)
  }
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}

/**
 * The raw `ws` contender's socket to `<baseUrl as ws:>` + `path`, with the
 * bench key and no compression, open; `closed` resolves with the close code.
 */
export const openRawSocket = async (baseUrl: string, path: string) => {
  // Imported here, so that the other contenders' processes never load it.
  const { WebSocket } = await import("ws")
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`, {
    headers: { authorization: `Token ${API_KEY}` },
    perMessageDeflate: false
  })
  const closed = (once(ws, "close") as Promise<[number, Buffer]>).then(([code]) => code)
  await once(ws, "open")
  return { ws, closed }
}

/**
 * Connects an official SDK connection (listen or speak) whose message handler
 * is in place, and waits for it to open; `closed` resolves with the close code.
 */
export const openOfficial = async (connection: {
  readonly on: (event: "close", listener: (event: { readonly code: number }) => void) => void
  readonly connect: () => unknown
  readonly waitForOpen: () => Promise<unknown>
}): Promise<{ readonly closed: Promise<number> }> => {
  const closed = new Promise<number>((resolve) => connection.on("close", (event) => resolve(event.code)))
  connection.connect()
  await connection.waitForOpen()
  return { closed }
}
