// P5 diagnostics, in process and without a network: N live sessions over a
// fake WebSocket that answers each audio chunk with a Results message on the
// next macrotask, so the CPU measured is the client's own cost per
// (chunk sent + Results received) pair. "raw" drives the fake directly
// (the floor); "ours" runs listen.live(Stream.asyncPush) + runForEach.
// "floor" is the least Effect a duplex can be (one writer fiber, one Stream).
// Usage (bundled): npx tsx bench/p5-profile.ts inproc <ours|raw|floor> [sessions] [seconds] (P5_PERIOD=ms, 100 by default)
import { FetchHttpClient } from "@effect/platform"
import { DeepgramConfig, DeepgramHttp, DeepgramSocket, Listen } from "@effect-deepgram/core"
import { Channel, Chunk, Effect, Either, Layer, ManagedRuntime, Option, RuntimeFlags, Stream, Supervisor } from "effect"
import { performance, PerformanceObserver } from "node:perf_hooks"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { startAllocProfile } from "./lib/allocProfile.js"
import { liveMetadataText, smallResultsText } from "./lib/fixtures.js"

const [mode = "ours", sessionsArg = "500", secondsArg = "6"] = process.argv.slice(2)
const sessions = Number(sessionsArg)
const seconds = Number(secondsArg)
const period = Number(process.env.P5_PERIOD ?? 100)
const chunks = Math.round((seconds * 1000) / period)

/** A WebSocket whose server answers in process: Results per binary frame; Metadata and close 1000 on CloseStream. */
class FakeSocket {
  binaryType = "arraybuffer"
  readyState = 0
  bufferedAmount = 0
  protocol = ""
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { readonly data: unknown }) => void) | null = null
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  constructor() {
    setImmediate(() => {
      this.readyState = 1
      this.onopen?.({})
    })
  }
  send(data: string | Uint8Array) {
    if (typeof data !== "string") {
      setImmediate(() => this.onmessage?.({ data: smallResultsText }))
    } else if (data.includes("CloseStream")) {
      setImmediate(() => {
        this.onmessage?.({ data: liveMetadataText })
        this.readyState = 3
        this.onclose?.({ code: 1000, reason: "" })
      })
    }
  }
  close(code?: number, reason?: string) {
    if (this.readyState === 3) return
    this.readyState = 3
    setImmediate(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? "" }))
  }
}

const fakeDialer = DeepgramSocket.makeDialer({
  supportsHeaders: true,
  create: () => ({
    socket: new FakeSocket(),
    handshake: {
      failure: () => undefined,
      responseHeaders: () => ({}),
      ping: undefined,
      pause: undefined,
      resume: undefined
    }
  })
})

const source = (t0: number, emit: (chunk: Uint8Array) => void, end: () => void) => {
  let k = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const next = () => {
    if (k === chunks) {
      end()
      return
    }
    k++
    emit(new Uint8Array(3200))
    timer = setTimeout(next, Math.max(0, t0 + k * period - performance.now()))
  }
  timer = setTimeout(next, Math.max(0, t0 - performance.now()))
  return () => clearTimeout(timer)
}

let results = 0

/** P5_OPS=1: counts the Effect operations and fibers of "ours" (deterministic, unlike CPU time on a shared machine). */
class OpCounter extends Supervisor.AbstractSupervisor<void> {
  ops = 0
  fibers = 0
  readonly byOp = new Map<string, number>()
  get value() {
    return Effect.void
  }
  readonly forks = new Map<string, number>()
  override onStart() {
    this.fibers++
    if (process.env.P5_OPS_DETAIL === "1") {
      const site = (new Error().stack ?? "").split("\n").slice(2, 12).map((l) => l.trim().replace(/^at /, "").replace(/\(.*\/(.*)\)/, "$1")).join(" < ")
      this.forks.set(site, (this.forks.get(site) ?? 0) + 1)
    }
  }
  override onEffect(_fiber: unknown, effect: unknown) {
    this.ops++
    const e = effect as { readonly _op?: string; readonly commit?: () => unknown }
    const op = e._op === "Commit" && process.env.P5_OPS_DETAIL === "1"
      ? `Commit ${String(e.commit).replace(/\s+/g, " ").slice(0, 70)}`
      : e._op ?? "?"
    this.byOp.set(op, (this.byOp.get(op) ?? 0) + 1)
  }
  reset() {
    this.ops = 0
    this.fibers = 0
    this.byOp.clear()
  }
}
const counter = process.env.P5_OPS === "1" ? new OpCounter() : undefined
const supervision = counter === undefined
  ? Layer.empty
  : Layer.mergeAll(Supervisor.addSupervisor(counter), RuntimeFlags.enableOpSupervision)
type Runner = (t0: number) => Promise<void>

const raw = (): Runner => (t0) =>
  new Promise((resolve) => {
    const socket = new FakeSocket()
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data as string) as { readonly type: string }
      if (message.type === "Results") results++
    }
    socket.onclose = () => resolve()
    socket.onopen = () => source(t0, (chunk) => socket.send(chunk), () => socket.send("{\"type\":\"CloseStream\"}"))
  })

const ours = async (): Promise<Runner> => {
  const layer = Listen.layer.pipe(
    Layer.provide(DeepgramHttp.layer),
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Layer.succeed(DeepgramSocket.DeepgramDialer, fakeDialer)),
    Layer.provide(DeepgramConfig.layer({ apiKey: "0123456789abcdef0123456789abcdef01234567", baseUrl: "http://127.0.0.1:1" }))
  )
  const runtime = ManagedRuntime.make(Layer.merge(layer, supervision))
  const listen = await runtime.runPromise(Listen.Listen)
  return (t0) => {
    const audio = Stream.asyncPush<Uint8Array>((emit) =>
      Effect.acquireRelease(
        Effect.sync(() => source(t0, (chunk) => emit.single(chunk), () => emit.end())),
        (stop) => Effect.sync(stop)
      )
    )
    return runtime.runPromise(
      listen.live(audio, { encoding: "linear16", sample_rate: 16000 }).pipe(
        Stream.runForEach((event) =>
          Effect.sync(() => {
            if (event.type === "Results") results++
          })
        )
      )
    )
  }
}

/** The least Effect a duplex can be: asyncPush pulled into the socket by one fiber, frames read by one Stream. */
const floorRuntime = ManagedRuntime.make(supervision)
const floor = (): Runner => (t0) => {
  const audio = Stream.asyncPush<Uint8Array>((emit) =>
    Effect.acquireRelease(
      Effect.sync(() => source(t0, (chunk) => emit.single(chunk), () => emit.end())),
      (stop) => Effect.sync(stop)
    )
  )
  const program = Effect.gen(function*() {
    const socket = new FakeSocket()
    let frames: Array<string> = []
    let closed = false
    let waiter: ((effect: Effect.Effect<void>) => void) | undefined
    const wake = () => {
      const w = waiter
      waiter = undefined
      w?.(Effect.void)
    }
    socket.onmessage = (event) => {
      frames.push(event.data as string)
      wake()
    }
    socket.onclose = () => {
      closed = true
      wake()
    }
    yield* Effect.async<void>((resume) => {
      socket.onopen = () => resume(Effect.void)
    })
    const scope = yield* Effect.scope
    const pullInput = yield* Channel.toPullIn(Stream.toChannel(audio), scope)
    const loop: Effect.Effect<void> = Effect.flatMap(pullInput, (item) => {
      if (Either.isLeft(item)) return Effect.sync(() => socket.send("{\"type\":\"CloseStream\"}"))
      for (const chunk of item.right) socket.send(chunk)
      return loop
    })
    yield* Effect.forkScoped(loop)
    const wait = Effect.async<void>((resume) => {
      if (frames.length > 0 || closed) resume(Effect.void)
      else waiter = resume
    })
    const take = (): Effect.Effect<Chunk.Chunk<{ readonly type: string }>, Option.Option<never>> => {
      if (frames.length > 0) {
        const out = frames.map((text) => JSON.parse(text) as { readonly type: string })
        frames = []
        return Effect.succeed(Chunk.unsafeFromArray(out))
      }
      if (closed) return Effect.fail(Option.none())
      return Effect.flatMap(wait, take)
    }
    return Stream.repeatEffectChunkOption(Effect.suspend(take))
  })
  return floorRuntime.runPromise(
    Stream.unwrapScoped(program).pipe(
      Stream.runForEach((event) =>
        Effect.sync(() => {
          if (event.type === "Results") results++
        })
      )
    )
  )
}

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void
const liveHeap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
let gcMs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
}).observe({ entryTypes: ["gc"] })

const main = async () => {
  const run = mode === "raw" ? raw() : mode === "floor" ? floor() : await ours()
  // Warm up, then measure.
  await Promise.all(Array.from({ length: 50 }, (_, i) => run(performance.now() + 50 + i)))
  results = 0
  counter?.reset()
  const t0 = performance.now() + 500
  const heapBase = liveHeap()
  let heapMid = 0
  let gcMid = 0
  const midTimer = setTimeout(() => {
    gcMid = gcMs
    heapMid = liveHeap()
    gcMs = gcMid
  }, 500 + (seconds * 1000) / 2)
  gcMs = 0
  // P5_ALLOC=<file>: an allocation profile of the measured run (collected objects included).
  const stopAllocProfile = await startAllocProfile(4096)
  const usage = process.cpuUsage()
  const before = performance.now()
  await Promise.all(Array.from({ length: sessions }, (_, i) => run(t0 + (i * period) / sessions)))
  const used = process.cpuUsage(usage)
  clearTimeout(midTimer)
  await stopAllocProfile?.()
  const cpuMs = (used.user + used.system) / 1000
  const pairs = sessions * chunks
  console.log(JSON.stringify({
    mode,
    sessions,
    pairs,
    results,
    wallMs: Math.round(performance.now() - before),
    cpuMs: Math.round(cpuMs),
    usPerPair: Number(((cpuMs * 1000) / pairs).toFixed(1)),
    gcMs: Math.round(gcMs),
    heapPerSessionKiB: heapMid === 0 ? undefined : Math.round((heapMid - heapBase) / sessions / 1024),
    ...(counter === undefined ? {} : {
      opsPerPair: Number((counter.ops / pairs).toFixed(1)),
      fibersPerSession: Number((counter.fibers / sessions).toFixed(2)),
      forks: Object.fromEntries(counter.forks),
      byOp: Object.fromEntries([...counter.byOp].map(([op, n]) => [op, Number((n / pairs).toFixed(1))]))
    })
  }))
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
