// Reconnect against the emulator (issue 9 item 3): the spacewalk audio (raw PCM), once on one connection and
// once cut by drops and 1011 closes at random points. The emulator hears a connection that resumes the stream
// from its middle as that part of the stream, so the reconnected run must give the same final transcript, word
// for word and time for time, as the clean one; no audio may fall out of the replay buffer and the timestamps
// stay monotonic. Flux likewise gives the same completed turns (index, transcript, audio window). Every queued
// fault must be consumed: exactly as many reconnects as faults. `npm test` runs 10 drops; DEEPGRAM_SOAK=1
// (npm run soak -- reconnect) runs 100.
//
// A fault fires after `after` server messages of the connection that takes it, and a connection that ends
// first leaves the rest of the queue unconsumed. listen v1 answers every second of audio, so 0 to 2 messages
// always come. Flux only covers audio (and so lets the client resume past it) at an EndOfTurn and sends an
// Update per 0.24 s, so faults after 0-79 messages mostly outlived the stream (5 of 100 fired). The Flux run
// ends turns at clause ends too (eot_threshold 0.5, eot_timeout_ms 500: 5 turns instead of 2) and plans its
// faults on the clean run: sorted random points over the whole audio, each turned into the number of messages
// the connection that will hear it sends up to there, capped below the fewest any connection sends.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import {
  assertMonotonic,
  emulatorLayer,
  finals,
  type LiveRunEvent,
  sdkFor,
  spacewalk,
  spacewalkTranscript,
  transcriptOf
} from "./helpers.js"
import { type Cut, randomPlan, xorshift } from "./reconnectPeer.js"
import { sized } from "./soak.js"

const DROPS = sized(10, 100)

const pcm = new Uint8Array(readFileSync(spacewalk)).subarray(44)
const seconds = pcm.byteLength / 88200
const chunked = (size = 8820) =>
  Stream.fromIterable(Array.from({ length: Math.ceil(pcm.byteLength / size) }, (_, i) => pcm.subarray(i * size, (i + 1) * size)))
const options = { model: "nova-3", encoding: "linear16", sample_rate: 44100, interim_results: true, vad_events: true } as const

const wordsOf = (events: ReadonlyArray<LiveRunEvent>) =>
  finals(events).flatMap((r) =>
    (r.channel.alternatives[0]?.words ?? []).map((w) => `${w.word}@${w.start.toFixed(3)}-${w.end.toFixed(3)}`)
  )

const fastReconnect = { reconnect: { baseDelay: "1 millis", maxDelay: "5 millis", retries: 3 } } as const

/**
 * Clears the emulator's faults and queues one per cut (after `after` server messages, a drop or a 1011 close),
 * then streams the audio through `open` (reconnecting within milliseconds): every event.
 */
const collectCut = <A, E>(
  cuts: ReadonlyArray<Cut>,
  open: (listen: Listen.Service, audio: Stream.Stream<Uint8Array>, reconnect: typeof fastReconnect) => Stream.Stream<A, E>
) =>
  Effect.gen(function*() {
    yield* Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) => emulator.clearFaults)
    for (const { after, how } of cuts) {
      yield* DeepgramEmulator.injectFault(
        how === "drop" ? Fault.socketDrop({ after }) : Fault.socketClose(1011, { reason: "NET-0000", after })
      )
    }
    const listen = yield* Listen.Listen
    return Chunk.toReadonlyArray(yield* Stream.runCollect(open(listen, chunked(), fastReconnect)))
  }).pipe(Effect.provide(sdkFor()))

/** listen v1 with `drops` faults, each after 0 to 2 server messages of a connection. */
const run = (drops: number, seed: number) =>
  collectCut(
    randomPlan(drops, 3, seed).map((cut) => ({ ...cut, after: cut.after - 1 })),
    (listen, audio, reconnect) => listen.live(audio, options, reconnect)
  )

type FluxEvent = Listen.FluxEvent | Listen.Reconnected

const fluxOptions = {
  model: "flux-general-en",
  encoding: "linear16",
  sample_rate: 44100,
  eot_threshold: 0.5,
  eot_timeout_ms: 500
} as const

type TurnInfo = Extract<FluxEvent, { readonly type: "TurnInfo" }>

const isEndOfTurn = (e: FluxEvent): e is TurnInfo => e.type === "TurnInfo" && e.event === "EndOfTurn"

type FluxCut = Cut & { readonly point: number }

/**
 * Flux faults at `drops` random points spread over the whole audio: sorted uniform points of the clean run's
 * timeline, each turned into a number of messages of the connection that will hear it (it starts at the last
 * EndOfTurn its predecessor saw, or at the start: Connected, then the clean run's messages after that
 * EndOfTurn up to the point), never more than `maxAfter`, so that every fault fires whatever the real messages.
 */
const fluxPlan = (clean: ReadonlyArray<FluxEvent>, drops: number, seed: number, maxAfter: number): Array<FluxCut> => {
  const random = xorshift(seed)
  const time = (e: FluxEvent) => e.type === "TurnInfo" ? e.audio_window_end : 0
  const last = time(clean[clean.length - 1]!)
  const points = Array.from({ length: drops }, () => random() * last).sort((a, b) => a - b)
  let resumedAfter = 0 // the clean run's index of the message the connection resumes after (0: Connected)
  return points.map((point) => {
    let next = resumedAfter + 1
    while (next < clean.length && time(clean[next]!) <= point) next++
    const after = Math.min(next - resumedAfter, maxAfter)
    for (let i = resumedAfter + after - 1; i > resumedAfter; i--) {
      if (isEndOfTurn(clean[i]!)) {
        resumedAfter = i
        break
      }
    }
    return { point, after, how: random() < 0.5 ? "drop" : "close" }
  })
}

const runFlux = (plan: ReadonlyArray<FluxCut>) =>
  collectCut(plan, (listen, audio, reconnect) => listen.flux(audio, fluxOptions, reconnect))

/** The completed turns: index, transcript and audio window (3 decimals). */
const turnsOf = (events: ReadonlyArray<FluxEvent>) =>
  events.filter(isEndOfTurn).map((e) =>
    `${e.turn_index}: ${e.transcript} [${e.audio_window_start.toFixed(3)}, ${e.audio_window_end.toFixed(3)}]`
  )

/**
 * Where in the audio each connection was cut (seconds of the stream): the end of the audio window of its last
 * turn message (the client shifts a resumed connection's times to the stream's), else where it resumed.
 */
const dropPoints = (events: ReadonlyArray<FluxEvent>) => {
  const points: Array<number> = []
  let heard = 0
  for (const e of events) {
    if (e.type === "TurnInfo") heard = Math.max(heard, e.audio_window_end)
    else if (e.type === "Reconnected") {
      points.push(heard)
      heard = e.offset
    }
  }
  return points
}

/**
 * The fewest server messages a connection of the clean run's stream sends: one that resumes at the last
 * EndOfTurn before the final one hears Connected and the messages after that EndOfTurn.
 */
const fewestMessages = (clean: ReadonlyArray<FluxEvent>) => {
  const ends = clean.flatMap((e, i) => isEndOfTurn(e) ? [i] : [])
  return 1 + clean.length - 1 - ends[ends.length - 2]!
}

layer(emulatorLayer(), { excludeTestServices: true })("reconnect against the emulator", (it) => {
  it.effect(`Flux, ${DROPS} drops and 1011 closes at random points: the same turns as without drops`, () =>
    Effect.gen(function*() {
      const clean = yield* runFlux([])
      const turns = turnsOf(clean)
      assert.isAtLeast(turns.length, 5)
      // A margin of 3 messages under the fewest: a fault always fires before its connection ends.
      const maxAfter = fewestMessages(clean) - 3
      assert.isAtLeast(maxAfter, 30)
      const plan = fluxPlan(clean, DROPS, 2027, maxAfter)
      const cut = yield* runFlux(plan)
      assert.deepStrictEqual(turnsOf(cut), turns)

      const reconnects = cut.filter((e): e is Listen.Reconnected => e.type === "Reconnected")
      const offsets = new Set(reconnects.map((r) => r.offset.toFixed(3)))
      const resumed = reconnects.filter((r) => r.offset > 0).length
      const points = dropPoints(cut)
      const perFiveSeconds = Array.from({ length: Math.ceil(seconds / 5) }, (_, i) =>
        points.filter((p) => p >= 5 * i && p < 5 * (i + 1)).length)
      console.log(
        `Flux reconnect against the emulator: ${reconnects.length} reconnects for ${DROPS} faults (after ${Math.min(...plan.map((c) => c.after))}-${
          Math.max(...plan.map((c) => c.after))
        } messages), ${resumed} from mid-stream, resumed at ${offsets.size} turn boundaries (${
          [...offsets].join(", ")
        } s); drops per 5 s of audio: ${perFiveSeconds.join(", ")}; ${
          points.filter((p, i) => Math.abs(p - plan[i]!.point) <= 0.5).length
        } within 0.5 s of the planned point`
      )
      // Every fault was consumed, and the drops did not all fall before the first turn's end.
      assert.strictEqual(reconnects.length, DROPS)
      assert.isAtLeast(resumed, Math.ceil(DROPS / 2))
      assert.isAtLeast(offsets.size, 4)
      assert.isTrue(perFiveSeconds.every((n) => n > 0), "a drop in every 5 s of the audio")
      assert.isAtLeast(points.filter((p, i) => Math.abs(p - plan[i]!.point) <= 0.5).length, DROPS / 2)
      assert.isTrue(reconnects.every((r) => r.lostBytes === 0), "audio fell out of the replay buffer")
      assert.deepStrictEqual(reconnects.map((r) => r.reconnects), Array.from({ length: DROPS }, (_, i) => i + 1))

      // Monotonic: turn indexes never go back; no turn event starts before the previous EndOfTurn ended, and the
      // completed turns are 0, 1, 2, ... with windows in order.
      let index = 0
      let ended = 0
      for (const e of cut) {
        if (e.type !== "TurnInfo") continue
        assert.isAtLeast(e.turn_index, index, `turn ${e.turn_index} after turn ${index}`)
        index = e.turn_index
        assert.isAtLeast(e.audio_window_start + 1e-6, ended, `${e.event} of turn ${e.turn_index} starts before ${ended}`)
        if (e.event === "EndOfTurn") {
          assert.isAtLeast(e.audio_window_end, e.audio_window_start)
          ended = e.audio_window_end
        }
      }
      assert.deepStrictEqual(cut.filter(isEndOfTurn).map((e) => e.turn_index), turns.map((_, i) => i))
      // Every byte reached the emulator at least once (the clean run's and the cut run's connections).
      const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET" && e.path === "/v2/listen")
      assert.isAtLeast(sessions.length, DROPS + 2)
      assert.strictEqual(sessions.filter((e) => e.fault !== undefined).length, DROPS)
      assert.isAtLeast(sessions.reduce((n, e) => n + (e.socket?.audioBytes ?? 0), 0), 2 * pcm.byteLength)
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
      // Every fault was consumed (each connection sends at least 3 messages before the stream ends).
      assert.strictEqual(reconnects.length, DROPS)
      assert.isTrue(reconnects.every((r) => r.lostBytes === 0), "audio fell out of the replay buffer")

      // Monotonic: every final starts where the previous one ended or later, and so do its words.
      assertMonotonic(cut)
      const last = cut[cut.length - 1]!
      assert.isTrue(last.type === "Metadata" && Math.abs(last.duration - seconds) < 0.05, "Metadata covers the whole audio")
      // Every byte reached the emulator at least once.
      const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET")
      assert.isAtLeast(sessions.reduce((n, e) => n + (e.socket?.audioBytes ?? 0), 0), 2 * pcm.byteLength)
    }), sized(60_000, 600_000))
})
