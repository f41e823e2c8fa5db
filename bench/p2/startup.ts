// P2 diagnostic helper (see bench/p2-startup.ts): prints the process's memory
// after a full GC, as one JSON line.
import { getHeapSpaceStatistics } from "node:v8"

export const report = (stage: string) => {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const memory = process.memoryUsage()
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]))
  process.stdout.write(`${JSON.stringify({
    stage,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    newSpace: spaces["new_space"] ?? 0,
    oldSpace: spaces["old_space"] ?? 0,
    external: memory.external,
    maxRss: process.resourceUsage().maxRSS * 1024
  })}\n`)
}
