// The reconnect soak (issue 9 item 3, full count): `npx tsx packages/node/test/reconnectSoak.ts [drops]`.
// 1. Against a peer whose transcript follows the audio: a clean run, then a run with `drops` (100 by default)
//    drops and 1011 closes at random points; same words at the same times, monotonic timestamps.
// 2. Against the emulator: the spacewalk audio (raw) with `drops` socket faults queued (drops and 1011 closes
//    after 0 to 2 messages; those still queued when the audio is all covered are not used): every byte reaches
//    it, the stream ends with the whole duration in Metadata.
// `npm test` runs the same checks with 10 and 4 drops (LiveRobust.test.ts). The emulator now hears a resumed
// stream as the rest of it, so the same-transcript check against the emulator (listen v1 and Flux) is a test of
// its own: ReconnectEmulator.test.ts (10 drops; 100 in `npm run soak -- reconnect`).
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { Chunk, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import { emulatorLayer, sdkFor, spacewalk } from "./helpers.js"
import { contentPeer, randomPlan, wordAudio } from "./reconnectPeer.js"

const drops = Number(process.argv[2] ?? 100)
type Event = Listen.LiveEvent | Listen.Reconnected

const finals = (events: ReadonlyArray<Event>) =>
  events.filter((e): e is Listen.LiveResults => e.type === "Results" && e.is_final === true)
const words = (events: ReadonlyArray<Event>) =>
  finals(events).flatMap((r) => r.channel.alternatives[0]!.words.map((w) => `${w.word}@${w.start.toFixed(3)}`))
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`reconnect soak: ${what}`)
}
const monotonic = (events: ReadonlyArray<Event>) => {
  let end = 0
  for (const r of finals(events)) {
    check(r.start + 1e-6 >= end, `a final result starts at ${r.start}, before ${end}`)
    end = r.start + r.duration
  }
}

const againstPeer = Effect.gen(function*() {
  const run = (plan: ReturnType<typeof randomPlan>) =>
    Effect.scoped(Effect.gen(function*() {
      const peer = yield* contentPeer(plan)
      const listen = yield* Listen.Listen.pipe(
        Effect.provide(NodeDeepgram.layer({ baseUrl: peer.url, apiKey: "k", retry: { retries: 0 } }))
      )
      const events = yield* listen.live(Stream.fromIterable(wordAudio(1200)), { encoding: "linear16", sample_rate: 16000 }, {
        // The audio is pushed far faster than real time: the buffer must hold all of it (a live source needs 30 s).
        reconnect: { baseDelay: "1 millis", maxDelay: "5 millis", replayBuffer: "150 seconds" }
      }).pipe(Stream.runCollect)
      return Chunk.toReadonlyArray(events)
    }))
  const clean = yield* run([])
  const started = Date.now()
  const cut = yield* run(randomPlan(drops, 2, 2026))
  const reconnects = cut.filter((e) => e.type === "Reconnected").length
  check(reconnects === drops, `${reconnects} reconnects for ${drops} drops`)
  check(cut.every((e) => e.type !== "Reconnected" || e.lostBytes === 0), "audio fell out of the replay buffer")
  check(JSON.stringify(words(cut)) === JSON.stringify(words(clean)), "the words or their times differ from the clean run")
  check(words(clean).length === 1200, `${words(clean).length} words of 1200`)
  monotonic(cut)
  console.log(`content peer: ${drops} drops, 1,200 words at the same times as without drops (${Date.now() - started} ms)`)
})

const againstEmulator = Effect.gen(function*() {
  const pcm = new Uint8Array(readFileSync(spacewalk)).subarray(44)
  for (const cut of randomPlan(drops, 3, 99)) {
    const after = cut.after - 1
    yield* DeepgramEmulator.injectFault(
      cut.how === "drop" ? Fault.socketDrop({ after }) : Fault.socketClose(1011, { reason: "NET-0000", after })
    )
  }
  const listen = yield* Listen.Listen.pipe(Effect.provide(sdkFor()))
  const chunks = Array.from({ length: Math.ceil(pcm.byteLength / 8820) }, (_, i) => pcm.subarray(i * 8820, (i + 1) * 8820))
  const events = Chunk.toReadonlyArray(
    yield* listen.live(Stream.fromIterable(chunks), { encoding: "linear16", sample_rate: 44100, interim_results: true }, {
      reconnect: { baseDelay: "1 millis", maxDelay: "5 millis" }
    }).pipe(Stream.runCollect)
  )
  const reconnects = events.filter((e) => e.type === "Reconnected").length
  const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET").length
  // Faults left in the queue when the audio ran out are not consumed.
  check(reconnects === sessions - 1 && reconnects >= Math.min(drops, 10), `${reconnects} reconnects, ${sessions} sessions`)
  monotonic(events)
  const last = events[events.length - 1]!
  check(last.type === "Metadata" && Math.abs(last.duration - pcm.byteLength / 88200) < 0.05, "Metadata covers the whole audio")
  const received = (yield* DeepgramEmulator.journal).reduce((n, e) => n + (e.socket?.audioBytes ?? 0), 0)
  check(received >= pcm.byteLength, `the emulator received ${received} of ${pcm.byteLength} bytes`)
  console.log(`emulator: ${reconnects} drops and 1011 closes, every byte delivered, Metadata duration ${last.type === "Metadata" ? last.duration : "?"} s`)
}).pipe(Effect.provide(emulatorLayer()))

Effect.runPromise(Effect.zipRight(againstPeer, againstEmulator)).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
