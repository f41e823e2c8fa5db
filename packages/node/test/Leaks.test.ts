// R5, leaks: many open -> interrupt and open -> fail cycles of live sessions and
// REST requests against the emulator, then no socket, timer or fiber left
// behind: the process's active resources (sockets, timers) are back to what
// they were before, and a Supervisor tracking every fiber of the workload finds
// none alive. `npm test` runs 20 cycles of each kind; DEEPGRAM_SOAK=1
// (bench/robustness.ts) runs 1,000.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Effect, Exit, Fiber, ManagedRuntime, Random, Stream, Supervisor } from "effect"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { emulatorLayer } from "./helpers.js"
import { sized } from "./soak.js"

const CYCLES = sized(20, 1000)

/** Counts of the active libuv resources that can leak: sockets, servers, timers. */
const resources = () => {
  const counts: Record<string, number> = {}
  for (const name of process.getActiveResourcesInfo()) {
    if (/TCP|Pipe|Timeout|Immediate|Timer/i.test(name)) counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

const same = (a: Record<string, number>, b: Record<string, number>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((key) => (a[key] ?? 0) === (b[key] ?? 0))

/** Waits (up to 10 s) for closing sockets and expiring timers to settle back to `baseline`. */
const settle = (baseline: Record<string, number>) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200; i++) {
      if (same(resources(), baseline)) return resources()
      yield* Effect.sleep("50 millis")
    }
    return resources()
  })

const pcm = new Uint8Array(3200)
/** Audio that never ends on its own: 100 ms of silence every 20 ms. */
const endless = Stream.repeatEffect(Effect.as(Effect.sleep("20 millis"), pcm))

/** A port that refuses connections. */
const closedPort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

const options = { model: "nova-3", encoding: "linear16", sample_rate: 16000 } as const

const withListen = <A, E, R>(f: (listen: Listen.Service) => Effect.Effect<A, E, R>) => Effect.flatMap(Listen.Listen, f)

layer(emulatorLayer({ liveTimeout: "2 seconds" }), { excludeTestServices: true })("R5: no leaks", (it) => {
  it.effect(`${CYCLES} cycles each of live and REST open -> interrupt and open -> fail leave nothing behind`, () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const refused = yield* closedPort
      yield* Effect.sleep("200 millis")
      const baseline = resources()
      const started = Date.now()
      const supervisor = yield* Supervisor.track
      const runtime = ManagedRuntime.make(NodeDeepgram.layer({
        baseUrl: emulator.url,
        apiKey: "key",
        retry: { retries: 0 }
      }))
      const deadEnd = ManagedRuntime.make(NodeDeepgram.layer({
        baseUrl: `http://127.0.0.1:${refused}`,
        apiKey: "key",
        retry: { retries: 1, baseDelay: "1 millis" }
      }))
      const run = <A, E>(effect: Effect.Effect<A, E, Listen.Listen>, on = runtime) =>
        Effect.promise(() => on.runPromiseExit(Effect.supervised(effect, supervisor)))
      const outcomes: Record<string, number> = {}
      const note = (kind: string, exit: Exit.Exit<unknown, unknown>) => {
        const key = `${kind}: ${Exit.isSuccess(exit) ? "success" : Exit.isInterrupted(exit) ? "interrupted" : "failed"}`
        outcomes[key] = (outcomes[key] ?? 0) + 1
      }

      for (let i = 0; i < CYCLES; i++) {
        // live, open -> interrupt (at a random point: before, during or after the handshake)
        note(
          "live interrupt",
          yield* run(Effect.gen(function*() {
            const fiber = yield* Effect.fork(withListen((l) => Stream.runDrain(l.live(endless, options))))
            yield* Effect.sleep(yield* Random.nextIntBetween(0, 60))
            yield* Fiber.interrupt(fiber)
            return yield* Fiber.join(fiber)
          }))
        )
        // live, open -> the audio source fails
        note(
          "live source fails",
          yield* run(withListen((l) =>
            Stream.runDrain(l.live(Stream.concat(Stream.make(pcm, pcm), Stream.fail("microphone unplugged")), {
              model: "nova-3",
              encoding: "linear16",
              sample_rate: 16000
            }))
          ))
        )
        // live, open -> the server closes with 1011
        yield* emulator.clearFaults
        yield* emulator.injectFault(Fault.socketClose(1011, { reason: "NET-0000: internal error" }))
        note("live server error", yield* run(withListen((l) => Stream.runDrain(l.live(endless, options)))))
        // a session (scoped form) interrupted while idle
        note(
          "session interrupt",
          yield* run(Effect.gen(function*() {
            const fiber = yield* Effect.fork(
              Effect.scoped(withListen((l) =>
                Effect.flatMap(l.liveSession(options), (session) => Stream.runDrain(session.events))
              ))
            )
            yield* Effect.sleep(yield* Random.nextIntBetween(0, 60))
            yield* Fiber.interrupt(fiber)
            return yield* Fiber.join(fiber)
          }))
        )
        // REST, open -> interrupt while the server is still thinking
        yield* emulator.clearFaults
        yield* emulator.injectFault(Fault.latency("2 seconds"))
        note(
          "rest interrupt",
          yield* run(Effect.gen(function*() {
            const fiber = yield* Effect.fork(withListen((l) => l.transcribe(pcm)))
            yield* Effect.sleep(yield* Random.nextIntBetween(0, 40))
            yield* Fiber.interrupt(fiber)
            return yield* Fiber.join(fiber)
          }))
        )
        // REST, open -> fail (a 500, and a refused connection)
        yield* emulator.clearFaults
        yield* emulator.injectFault(Fault.status(500))
        note("rest 500", yield* run(withListen((l) => l.transcribe(pcm))))
        note("rest refused", yield* run(withListen((l) => l.transcribe(pcm)), deadEnd))
      }
      yield* emulator.clearFaults

      // Nothing succeeded by accident, and every kind ran.
      assert.deepStrictEqual(outcomes, {
        "live interrupt: interrupted": CYCLES,
        "live source fails: failed": CYCLES,
        "live server error: failed": CYCLES,
        "session interrupt: interrupted": CYCLES,
        "rest interrupt: interrupted": CYCLES,
        "rest 500: failed": CYCLES,
        "rest refused: failed": CYCLES
      })

      // No fiber of the workload is still running.
      yield* Effect.promise(() => runtime.dispose())
      yield* Effect.promise(() => deadEnd.dispose())
      const alive = yield* Effect.gen(function*() {
        for (let i = 0; i < 100; i++) {
          const fibers = yield* supervisor.value
          if (fibers.length === 0) return 0
          yield* Effect.sleep("50 millis")
        }
        return (yield* supervisor.value).length
      })
      assert.strictEqual(alive, 0, "fibers still alive")
      // No socket, server or timer left behind (the emulator's own are in the baseline).
      const after = yield* settle(baseline)
      // One line for the record (bench/results/r5-leaks.txt comes from the soak's run of it).
      console.log(
        `R5: ${CYCLES} cycles of each of ${Object.keys(outcomes).length} kinds in ${
          ((Date.now() - started) / 1000).toFixed(0)
        } s; active resources before ${JSON.stringify(baseline)}, after ${JSON.stringify(after)}; fibers alive after ${alive}`
      )
      assert.deepStrictEqual(after, baseline)
    }), sized(180_000, 3_600_000))
})
