// P2 client harness (runs in the child process): uploads one file and reports
// its memory: peak RSS of the whole process (getrusage maxRSS, read at exit),
// the RSS before the upload, and the highest RSS sampled during it.
// Each contender is its own entry (bench/p2/<name>.ts) so that a process
// loads only that contender's modules, under tsx or bundled.
import { stat } from "node:fs/promises"
import { performance } from "node:perf_hooks"

export interface P2Result {
  readonly mode: string
  readonly bytes: number
  readonly ms: number
  readonly rssBefore: number
  readonly maxRssBefore: number
  readonly sampledPeakRss: number
  readonly maxRss: number
}

export const EXPECTED_TRANSCRIPT = "houston we have liftoff"

export const checkTranscript = (transcript: string | undefined) => {
  if (transcript !== EXPECTED_TRANSCRIPT) throw new Error(`unexpected transcript: ${transcript}`)
}

/** argv: <path> <baseUrl>. `make` builds the client; the upload it returns is what gets measured. */
export const runUpload = (
  mode: string,
  make: (path: string, baseUrl: string) => Promise<() => Promise<void>>
) => {
  const main = async () => {
    const [path = "", baseUrl = ""] = process.argv.slice(2)
    const bytes = (await stat(path)).size
    const upload = await make(path, baseUrl)
    const rssBefore = process.memoryUsage().rss
    const maxRssBeforeKiB = process.resourceUsage().maxRSS
    let sampledPeak = rssBefore
    const trace = process.env["BENCH_TRACE"] === "1"
    let ticks = 0
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss()
      if (rss > sampledPeak) sampledPeak = rss
      if (trace && ++ticks % 50 === 0) {
        const m = process.memoryUsage()
        const mb = (n: number) => (n / 1e6).toFixed(1)
        console.error(`rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`)
      }
    }, 5)
    const start = performance.now()
    await upload()
    const ms = performance.now() - start
    clearInterval(sampler)
    const result: P2Result = {
      mode,
      bytes,
      ms,
      rssBefore,
      maxRssBefore: maxRssBeforeKiB * 1024,
      sampledPeakRss: Math.max(sampledPeak, process.memoryUsage.rss()),
      maxRss: process.resourceUsage().maxRSS * 1024
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
    process.exit(0)
  }
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
