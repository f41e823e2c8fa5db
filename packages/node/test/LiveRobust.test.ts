import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { assert, describe, it, layer } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import { assertMonotonic, emulatorLayer, finals, type LiveRunEvent, sdkFor, spacewalk, transcriptOf } from "./helpers.js"
import { contentPeer, randomPlan, WINDOW, wordAudio } from "./reconnectPeer.js"

const wav = new Uint8Array(readFileSync(spacewalk))
const pcm = wav.subarray(44)
const chunked = (bytes: Uint8Array, size = 8820) =>
  Stream.fromIterable(Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)))

const listen = <A, E, R>(f: (listen: Listen.Service) => Effect.Effect<A, E, R>) => Effect.flatMap(Listen.Listen, f)

const raw44k = { model: "nova-3", encoding: "linear16", sample_rate: 44100 } as const

layer(emulatorLayer({ liveTimeout: "3 seconds" }), { excludeTestServices: true })("a live stream and its audio, against the emulator", (it) => {
  it.effect("a server close with 1000 while input remains is an Incomplete error with the audio sent, code and reason", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.injectFault(Fault.socketClose(1000, { reason: "bye", after: 1 }))
      const seen: Array<string> = []
      const audio = Stream.concat(chunked(pcm.subarray(0, 44100 * 2 * 4)), Stream.never)
      const error = yield* listen((l) =>
        l.live(audio, raw44k).pipe(Stream.runForEach((e) => Effect.sync(() => seen.push(e.type))))
      ).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag !== "DeepgramSocketError") return
      assert.strictEqual(error.reason, "Incomplete")
      assert.strictEqual(error.code, 1000)
      assert.strictEqual(error.closeReason, "bye")
      assert.strictEqual(error.audio?.sentBytes, 44100 * 2 * 4)
      assert.include(error.message, "352,800 bytes of audio sent (4.0 s)")
      assert.deepStrictEqual(seen, ["Results"])
    }))

  it.effect("a close without status (1005) or with 1011 while input remains says how much audio was sent", () =>
    Effect.gen(function*() {
      for (const code of [1005, 1011]) {
        yield* DeepgramEmulator.injectFault(Fault.socketClose(code, { reason: code === 1011 ? "NET-0000: oops" : "", after: 0 }))
        const error = yield* listen((l) =>
          l.live(Stream.concat(chunked(pcm.subarray(0, 88200)), Stream.never), raw44k).pipe(Stream.runDrain)
        ).pipe(Effect.provide(sdkFor()), Effect.flip)
        assert.strictEqual(error._tag, "DeepgramSocketError")
        if (error._tag !== "DeepgramSocketError") return
        assert.strictEqual(error.code, code)
        assert.strictEqual(error.reason, code === 1005 ? "Incomplete" : "Closed")
        assert.isDefined(error.audio)
        assert.include(error.message, "of audio sent")
      }
    }))

  it.effect("reconnect: drops at random points lose no audio; timestamps stay monotonic; the stream ends with Metadata", () =>
    Effect.gen(function*() {
      const plan = randomPlan(4, 2, 7)
      // Sessions of earlier tests are journaled when they end: let them.
      yield* Effect.sleep("300 millis")
      for (const cut of plan) {
        yield* DeepgramEmulator.injectFault(
          cut.how === "drop" ? Fault.socketDrop({ after: cut.after }) : Fault.socketClose(1011, { reason: "NET-0000", after: cut.after })
        )
      }
      yield* DeepgramEmulator.clearJournal
      const events = yield* listen((l) =>
        l.live(chunked(pcm), { ...raw44k, interim_results: true }, { reconnect: { baseDelay: "5 millis", retries: 3 } }).pipe(
          Stream.runCollect
        )
      ).pipe(Effect.provide(sdkFor()))
      const all = Chunk.toReadonlyArray(events)
      const reconnects = all.filter((e): e is Listen.Reconnected => e.type === "Reconnected")
      assert.strictEqual(reconnects.length, plan.length)
      let offset = 0
      for (const r of reconnects) {
        assert.isAtLeast(r.offset, offset)
        assert.strictEqual(r.lostBytes, 0)
        offset = r.offset
      }
      const end = assertMonotonic(all)
      const last = all[all.length - 1]!
      assert.strictEqual(last.type, "Metadata")
      // The last connection's Metadata is shifted onto the stream's timeline: the whole audio.
      if (last.type === "Metadata") assert.approximately(last.duration, pcm.byteLength / 88200, 0.05)
      assert.isAtMost(end, pcm.byteLength / 88200 + 0.05)
      // Every byte reached the server at least once; what was re-sent is what had not been covered.
      const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET")
      const received = sessions.reduce((n, e) => n + (e.socket?.audioBytes ?? 0), 0)
      assert.strictEqual(sessions.length, plan.length + 1)
      assert.isAtLeast(received, pcm.byteLength)
      assert.isAtMost(received, pcm.byteLength + reconnects.reduce((n, r) => n + r.replayedBytes, 0))
    }))

  it.effect("reconnect, Flux: a drop mid-stream reconnects; turn windows and indexes stay monotonic", () =>
    Effect.gen(function*() {
      yield* Effect.sleep("300 millis")
      yield* DeepgramEmulator.injectFault(Fault.socketDrop({ after: 3 }))
      const events = yield* listen((l) =>
        l.flux(chunked(pcm), { model: "flux-general-en", encoding: "linear16", sample_rate: 44100 }, {
          reconnect: { baseDelay: "5 millis" }
        }).pipe(Stream.runCollect)
      ).pipe(Effect.provide(sdkFor()))
      const all = Chunk.toReadonlyArray(events)
      const reconnected = all.filter((e): e is Listen.Reconnected => e.type === "Reconnected")
      assert.strictEqual(reconnected.length, 1)
      assert.strictEqual(reconnected[0]!.code, 1006)
      assert.isTrue(all.indexOf(reconnected[0]!) > 0)
      let end = 0
      let turn = 0
      // The turn in progress at the drop is heard again from its start (its updates go back in time, as interim
      // results do); completed turns never move back.
      for (const e of all) {
        if (e.type !== "TurnInfo") continue
        assert.isAtLeast(e.turn_index, turn)
        turn = e.turn_index
        if (e.event !== "EndOfTurn") continue
        assert.isAtLeast(e.audio_window_start + 1e-6, end)
        end = e.audio_window_end
      }
      assert.isAbove(all.filter((e) => e.type === "TurnInfo").length, 0)
    }))

  it.effect("reconnect: a policy that runs out fails with a typed Reconnect error", () =>
    Effect.gen(function*() {
      yield* DeepgramEmulator.injectFault(Fault.socketDrop({ after: 1 }))
      for (let i = 0; i < 2; i++) yield* DeepgramEmulator.injectFault(Fault.status(503))
      const error = yield* listen((l) =>
        l.live(chunked(pcm), raw44k, { reconnect: { baseDelay: "5 millis", retries: 2 } }).pipe(Stream.runDrain)
      ).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Reconnect")
      if (error._tag !== "DeepgramSocketError") return
      assert.strictEqual(error.attempts, 2)
      assert.strictEqual(error.code, 1006)
      assert.include(error.message, "gave up reconnecting after 2 attempts")
      yield* DeepgramEmulator.clearJournal
    }))

  it.effect("reconnect needs raw audio: a container is refused", () =>
    Effect.gen(function*() {
      const error = yield* listen((l) => l.live(chunked(wav), { model: "nova-3" }, { reconnect: true }).pipe(Stream.runDrain))
        .pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "reconnect")
    }))

  it.effect("soak: 25 concurrent real-time sessions of 5 s each keep real time, deliver everything and leave no handle open", () =>
    Effect.gen(function*() {
      const handles = () =>
        process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "Timeout").length
      const before = handles()
      // 25 × 5 s in `npm test` (the emulator shares the process and CI machines are shared); bench/p5 runs 1,000.
      const sessionsCount = 25
      const seconds = 5
      const bytesPerChunk = 3200
      const chunk = new Uint8Array(bytesPerChunk).fill(1)
      const session = Effect.gen(function*() {
        // Lateness: when the SDK pulled each chunk (it is written to the socket as it is pulled) against its place
        // on a drift-free real-time schedule (chunk k at t0 + k × 100 ms; a late source catches up, like the control).
        const pulled: Array<number> = []
        let t0 = 0
        const audio = Stream.range(0, seconds * 10 - 1).pipe(
          Stream.mapEffect((k) =>
            Effect.suspend(() => {
              // The schedule starts once the first chunk is written, i.e. once the socket is open.
              if (k === 1) t0 = Date.now() - 100
              return Effect.as(Effect.sleep(Math.max(0, t0 + k * 100 - Date.now())), chunk)
            })
          ),
          Stream.tap(() => Effect.sync(() => pulled.push(Date.now())))
        )
        const events = yield* listen((l) =>
          l.live(audio, { encoding: "linear16", sample_rate: 16000 }, { openTimeout: "30 seconds" }).pipe(Stream.runCollect)
        )
        const lateness = pulled.slice(1).map((t, k) => t - (t0 + (k + 1) * 100))
        return { lateness, events: Chunk.toReadonlyArray(events) }
      })
      yield* DeepgramEmulator.clearJournal
      // A control: a plain JS timer on the same 100 ms schedule, in the same process, for as long as the sessions
      // run. How late it fires is the machine's share (CI machines are shared); the SDK must not add to it.
      const control: Array<number> = []
      const controlStart = Date.now()
      let controlTimer: ReturnType<typeof setTimeout> | undefined
      const tick = () => {
        const k = control.length + 1
        control.push(Date.now() - (controlStart + k * 100))
        controlTimer = setTimeout(tick, Math.max(0, controlStart + (k + 1) * 100 - Date.now()))
      }
      controlTimer = setTimeout(tick, 100)
      const runs = yield* Effect.all(Array.from({ length: sessionsCount }, () => session), { concurrency: "unbounded" }).pipe(
        Effect.provide(sdkFor()),
        Effect.ensuring(Effect.sync(() => clearTimeout(controlTimer)))
      )
      control.sort((a, b) => a - b)
      // Real time: the chunks go out on schedule, up to the lateness of the control timer (the machine's own load)
      // × 1.5 plus a margin; a data path that falls behind (the old one: tens of seconds at 250 sessions) fails.
      const lateness = runs.flatMap((run) => run.lateness).sort((a, b) => a - b)
      assert.strictEqual(lateness.length, sessionsCount * (seconds * 10 - 1))
      const p = (values: ReadonlyArray<number>, q: number) => values[Math.min(values.length - 1, Math.floor(values.length * q))]!
      const bound = (q: number, margin: number) => Math.max(0, p(control, q)) * 1.5 + margin
      assert.isBelow(p(lateness, 0.5), bound(0.5, 1000), `control p50 ${p(control, 0.5)} ms`)
      assert.isBelow(p(lateness, 0.95), bound(0.95, 2000), `control p95 ${p(control, 0.95)} ms`)
      for (const run of runs) {
        const last = run.events[run.events.length - 1]!
        assert.strictEqual(last.type, "Metadata")
        if (last.type === "Metadata") assert.approximately(last.duration, seconds, 0.01)
      }
      const sessions = (yield* DeepgramEmulator.journal).filter((e) => e.method === "GET")
      assert.strictEqual(sessions.length, sessionsCount)
      for (const entry of sessions) assert.strictEqual(entry.socket?.audioBytes, seconds * 10 * bytesPerChunk)
      // Every server message reached the stream: the emulator's count matches what each stream delivered.
      const sent = sessions.reduce((n, e) => n + (e.socket?.messagesSent ?? 0), 0)
      assert.strictEqual(runs.reduce((n, r) => n + r.events.length, 0), sent)
      for (let i = 0; i < 100 && handles() > before; i++) yield* Effect.sleep("20 millis")
      assert.isAtMost(handles(), before)
    }), { timeout: 60_000 })
})

describe("reconnect against a peer whose transcript follows the audio", () => {
  const run = (drops: number, seed: number) =>
    Effect.gen(function*() {
      const peer = yield* contentPeer(randomPlan(drops, 4, seed))
      const events = yield* listen((l) =>
        l.live(Stream.fromIterable(wordAudio(200)), { encoding: "linear16", sample_rate: 16000 }, {
          reconnect: { baseDelay: "1 millis", maxDelay: "5 millis" }
        }).pipe(Stream.runCollect)
      ).pipe(Effect.provide(NodeDeepgram.layer({ baseUrl: peer.url, apiKey: "k", retry: { retries: 0 } })))
      return { events: Chunk.toReadonlyArray(events), connections: peer.connections(), bytes: peer.bytes() }
    })

  it.scopedLive("10 drops and 1011 closes at random points: the same words at the same times as without drops", () =>
    Effect.gen(function*() {
      const clean = yield* run(0, 1)
      const cut = yield* run(10, 42)
      assert.strictEqual(clean.connections, 1)
      assert.strictEqual(cut.connections, 11)
      assert.strictEqual(cut.events.filter((e) => e.type === "Reconnected").length, 10)
      const words = (events: ReadonlyArray<LiveRunEvent>) =>
        finals(events).flatMap((r) => r.channel.alternatives[0]!.words.map((w) => `${w.word}@${w.start.toFixed(3)}`))
      assert.strictEqual(transcriptOf(cut.events), transcriptOf(clean.events))
      assert.deepStrictEqual(words(cut.events), words(clean.events))
      assert.strictEqual(words(clean.events).length, 200)
      assertMonotonic(cut.events)
      assert.isAtLeast(cut.bytes, 200 * WINDOW)
      const last = cut.events[cut.events.length - 1]!
      assert.isTrue(last.type === "Metadata" && Math.abs(last.duration - 20) < 1e-6)
    }))
})
