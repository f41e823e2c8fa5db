// internal
//
// One timer per keepalive interval for every session in the process, instead
// of a fiber and a timer per session: a thousand idle-checked listen sockets
// cost one timer firing every 4 s.

interface Group {
  readonly ticks: Set<() => void>
  readonly timer: ReturnType<typeof setInterval>
}

const groups = new Map<number, Group>()

const fire = (ticks: Set<() => void>) => () => {
  for (const tick of ticks) {
    try {
      tick()
    } catch {
      // a tick sends on a socket; a failure there is the socket's to report
    }
  }
}

/**
 * Runs `tick` every `intervalMs` on the shared timer of that interval until
 * the returned function is called. The timer does not keep a Node process
 * alive on its own.
 */
export const register = (intervalMs: number, tick: () => void): () => void => {
  const interval = Math.max(1, Math.round(intervalMs))
  let group = groups.get(interval)
  if (group === undefined) {
    const ticks = new Set<() => void>()
    const timer = setInterval(fire(ticks), interval)
    const unref = (timer as { unref?: () => void }).unref
    if (typeof unref === "function") unref.call(timer)
    group = { ticks, timer }
    groups.set(interval, group)
  }
  const current = group
  current.ticks.add(tick)
  return () => {
    if (!current.ticks.delete(tick) || current.ticks.size > 0) return
    clearInterval(current.timer)
    if (groups.get(interval) === current) groups.delete(interval)
  }
}

/** How many sessions are registered (tests and leak checks). */
export const size = (): number => {
  let n = 0
  for (const group of groups.values()) n += group.ticks.size
  return n
}
