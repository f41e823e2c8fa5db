// Reconnect against the emulator (issue 9 item 3): the spacewalk audio (raw PCM), once on one connection and
// once cut by drops and 1011 closes at random points (after 0 to 2 server messages of a connection). The
// emulator hears a connection that resumes the stream from its middle as that part of the stream, so the
// reconnected run must give the same final transcript, word for word and time for time, as the clean one; no
// audio may fall out of the replay buffer and the timestamps stay monotonic. Flux likewise gives the same
// completed turns (index, transcript, audio window). `npm test` runs 10 drops; DEEPGRAM_SOAK=1 (npm run soak)
// runs 100.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import { emulatorLayer, sdkFor, spacewalk, spacewalkTranscript } from "./helpers.js"
import { randomPlan } from "./reconnectPeer.js"
import { sized } from "./soak.js"

const DROPS = sized(10, 100)

const pcm = new Uint8Array(readFileSync(spacewalk)).subarray(44)
const seconds = pcm.byteLength / 88200
const chunked = (size = 8820) =>
  Stream.fromIterable(Array.from({ length: Math.ceil(pcm.byteLength / size) }, (_, i) => pcm.subarray(i * size, (i + 1) * size)))
const options = { model: "nova-3", encoding: "linear16", sample_rate: 44100, interim_results: true, vad_events: true } as const

type Event = Listen.LiveEvent | Listen.Reconnected

const finals = (events: ReadonlyArray<Event>) =>
  events.filter((e): e is Listen.LiveResults => e.type === "Results" && e.is_final === true)
const transcriptOf = (events: ReadonlyArray<Event>) =>
  finals(events).map((r) => r.channel.alternatives[0]?.transcript ?? "").filter((t) => t !== "").join(" ")
const wordsOf = (events: ReadonlyArray<Event>) =>
  finals(events).flatMap((r) =>
    (r.channel.alternatives[0]?.words ?? []).map((w) => `${w.word}@${w.start.toFixed(3)}-${w.end.toFixed(3)}`)
  )

/** `drops` faults, each after 0 to `maxAfter` - 1 server messages of a connection. */
const injectFaults = (drops: number, seed: number, maxAfter = 3) =>
  Effect.gen(function*() {
    yield* Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) => emulator.clearFaults)
    for (const cut of randomPlan(drops, maxAfter, seed)) {
      const after = cut.after - 1
      yield* DeepgramEmulator.injectFault(
        cut.how === "drop" ? Fault.socketDrop({ after }) : Fault.socketClose(1011, { reason: "NET-0000", after })
      )
    }
  })

const run = (drops: number, seed: number) =>
  Effect.gen(function*() {
    yield* injectFaults(drops, seed)
    const listen = yield* Listen.Listen
    const events = yield* listen.live(chunked(), options, {
      reconnect: { baseDelay: "1 millis", maxDelay: "5 millis", retries: 3 }
    }).pipe(Stream.runCollect)
    return Chunk.toReadonlyArray(events)
  }).pipe(Effect.provide(sdkFor()))

type FluxEvent = Listen.FluxEvent | Listen.Reconnected

const runFlux = (drops: number, seed: number) =>
  Effect.gen(function*() {
    // Flux sends an Update every 0.24 s of audio and ends a turn per sentence: drops after up to 80 messages
    // land anywhere in the audio, many after the first EndOfTurn (so the stream resumes from its middle).
    yield* injectFaults(drops, seed, 80)
    const listen = yield* Listen.Listen
    const events = yield* listen.flux(chunked(), { model: "flux-general-en", encoding: "linear16", sample_rate: 44100 }, {
      reconnect: { baseDelay: "1 millis", maxDelay: "5 millis", retries: 3 }
    }).pipe(Stream.runCollect)
    return Chunk.toReadonlyArray(events)
  }).pipe(Effect.provide(sdkFor()))

/** The completed turns: index, transcript and audio window (3 decimals). */
const turnsOf = (events: ReadonlyArray<FluxEvent>) =>
  events.flatMap((e) =>
    e.type === "TurnInfo" && e.event === "EndOfTurn"
      ? [`${e.turn_index}: ${e.transcript} [${e.audio_window_start.toFixed(3)}, ${e.audio_window_end.toFixed(3)}]`]
      : []
  )

layer(emulatorLayer(), { excludeTestServices: true })("reconnect against the emulator", (it) => {
  it.effect(`Flux, ${DROPS} drops and 1011 closes at random points: the same turns as without drops`, () =>
    Effect.gen(function*() {
      const clean = yield* runFlux(0, 3)
      const cut = yield* runFlux(DROPS, 2027)
      const turns = turnsOf(clean)
      assert.isAtLeast(turns.length, 2)
      assert.deepStrictEqual(turnsOf(cut), turns)
      const reconnects = cut.filter((e): e is Listen.Reconnected => e.type === "Reconnected")
      const resumed = reconnects.filter((r) => r.offset > 0).length
      console.log(`Flux reconnect against the emulator: ${reconnects.length} reconnects (${resumed} from mid-stream) for ${DROPS} faults queued`)
      // A fault that comes after more messages than the stream has left is not consumed: fewer reconnects than
      // faults, but some must have resumed the stream from its middle.
      assert.isAtLeast(reconnects.length, 3)
      assert.isAtLeast(resumed, 1)
      assert.isTrue(reconnects.every((r) => r.lostBytes === 0), "audio fell out of the replay buffer")
    }), sized(60_000, 600_000))

  it.effect(`${DROPS} drops and 1011 closes at random points: the same final transcript as without drops`, () =>
    Effect.gen(function*() {
      const clean = yield* run(0, 1)
      const cut = yield* run(DROPS, 2026)
      // The clean run is the spacewalk transcript (the words are the script's, lower-cased).
      const words = wordsOf(clean)
      assert.isAbove(words.length, 50)
      assert.strictEqual(transcriptOf(clean).split(" ").length, spacewalkTranscript.split(" ").length)

      assert.strictEqual(transcriptOf(cut), transcriptOf(clean))
      assert.deepStrictEqual(wordsOf(cut), words)
      const reconnects = cut.filter((e): e is Listen.Reconnected => e.type === "Reconnected")
      console.log(`reconnect against the emulator: ${reconnects.length} reconnects for ${DROPS} faults queued`)
      // Faults still queued when the audio has all been covered are not consumed.
      assert.isAtLeast(reconnects.length, Math.ceil(DROPS / 2))
      assert.isTrue(reconnects.every((r) => r.lostBytes === 0), "audio fell out of the replay buffer")

      // Monotonic: every final starts where the previous one ended or later, and so do its words.
      let end = 0
      for (const r of finals(cut)) {
        assert.isAtLeast(r.start + 1e-6, end, `a final result starts at ${r.start}, before the previous end ${end}`)
        end = r.start + r.duration
        let wordEnd = r.start
        for (const word of r.channel.alternatives[0]?.words ?? []) {
          assert.isAtLeast(word.start + 1e-6, wordEnd - 1e-6)
          wordEnd = word.end
        }
      }
      const last = cut[cut.length - 1]!
      assert.isTrue(last.type === "Metadata" && Math.abs(last.duration - seconds) < 0.05, "Metadata covers the whole audio")
      // Every byte reached the emulator at least once.
      const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET")
      assert.isAtLeast(sessions.reduce((n, e) => n + (e.socket?.audioBytes ?? 0), 0), 2 * pcm.byteLength)
    }), sized(60_000, 600_000))
})
