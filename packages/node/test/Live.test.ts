import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Option, Stream } from "effect"
import { readFileSync } from "node:fs"
import { chunks, emulatorLayer, listen, sdkFor, silentSession, spacewalk, spacewalkTranscript, unkeptSession } from "./helpers.js"

const wav = new Uint8Array(readFileSync(spacewalk))
const chunked = (bytes: Uint8Array) => Stream.fromIterable(chunks(bytes))

const socketEntries = Effect.map(DeepgramEmulator.journal, (entries) => entries.filter((entry) => entry.method === "GET"))

// `keys` mode: only test-key (the key sdkFor sends) is accepted.
layer(emulatorLayer({ liveTimeout: "1500 millis", apiKeys: ["test-key"] }), { excludeTestServices: true })("live transcription against the emulator", (it) => {
  it.effect("a full session: interim and final results, then Metadata; the stream ends after the server's last message", () =>
    Effect.gen(function*() {
      const events = yield* listen((l) =>
        l.live(chunked(wav), { model: "nova-3", smart_format: true, interim_results: true }).pipe(Stream.runCollect)
      ).pipe(Effect.provide(sdkFor()))
      const all = Chunk.toReadonlyArray(events)
      const results = all.filter((e): e is Listen.LiveResults => e.type === "Results")
      assert.isTrue(results.some((r) => r.is_final === false), "interim results")
      const finals = results.filter((r) => r.is_final === true).map((r) => r.channel.alternatives[0]?.transcript ?? "")
      assert.strictEqual(finals.filter((t) => t !== "").join(" "), spacewalkTranscript)
      const last = all[all.length - 1]!
      assert.strictEqual(last.type, "Metadata")
      if (last.type === "Metadata") assert.approximately(last.duration, 25.93, 0.1)
    }))

  it.effect("the helpers: final transcripts only, and utterances", () =>
    Effect.gen(function*() {
      const utterances = yield* listen((l) =>
        l.live(chunked(wav), { smart_format: true, interim_results: true }).pipe(Listen.utterances, Stream.runCollect)
      ).pipe(Effect.provide(sdkFor()))
      assert.strictEqual(Chunk.toReadonlyArray(utterances).join(" "), spacewalkTranscript)
      assert.isAbove(Chunk.size(utterances), 1)
    }))

  it.effect("an idle session outlives the server's timeout because of keepalive", () =>
    Effect.gen(function*() {
      // The emulator closes with 1011 NET-0001 after 1.5 s without audio or KeepAlive.
      const events = yield* silentSession("400 millis", "3 seconds", new Uint8Array(3200))
      assert.strictEqual(Chunk.last(events).pipe(Option.map((e) => e.type), Option.getOrUndefined), "Metadata")
    }))

  it.effect("without keepalive the server's 1011 NET-0001 close is a typed error", () =>
    Effect.gen(function*() {
      const error = yield* unkeptSession
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag !== "DeepgramSocketError") return
      assert.strictEqual(error.code, 1011)
      assert.strictEqual(error.errCode, "NET-0001")
      assert.isString(error.requestId)
    }))

  it.effect("Finalize flushes pending words as from_finalize results", () =>
    Effect.gen(function*() {
      const finalized = yield* Effect.scoped(listen((l) =>
        Effect.gen(function*() {
          const session = yield* l.liveSession({ model: "nova-3", smart_format: true })
          yield* session.send(wav.subarray(0, 88_200 * 3))
          yield* session.finalize
          const fromFinalize = yield* session.events.pipe(
            Stream.filter((e) => e.type === "Results" && e.from_finalize === true),
            Stream.take(1),
            Stream.runCollect
          )
          yield* session.closeStream
          return fromFinalize
        })
      )).pipe(Effect.provide(sdkFor()))
      assert.strictEqual(Chunk.size(finalized), 1)
    }))

  it.effect("a refused handshake is typed: 401 for bad credentials, 400 for bad options", () =>
    Effect.gen(function*() {
      for (const credentials of [{ apiKey: "wrong-key" }, { accessToken: "not-a-token-wrong-key" }]) {
        const badCredentials = yield* listen((l) => l.live(chunked(wav), { model: "nova-3" }).pipe(Stream.runDrain)).pipe(
          Effect.provide(sdkFor(credentials)),
          Effect.flip
        )
        assert.strictEqual(badCredentials._tag, "DeepgramHandshakeError")
        assert.strictEqual(badCredentials._tag === "DeepgramHandshakeError" && badCredentials.status, 401)
        assert.isString(badCredentials._tag === "DeepgramHandshakeError" && badCredentials.dgError)
        assert.isString(badCredentials._tag === "DeepgramHandshakeError" && badCredentials.requestId)
        assert.notInclude(badCredentials.message, "wrong-key")
        assert.notInclude(String(badCredentials), "wrong-key")
      }
      const badOption = yield* listen((l) =>
        l.live(chunked(wav), { model: "nova-3" }, { query: { endpointing: "sometimes" } }).pipe(Stream.runDrain)
      ).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(badOption._tag, "DeepgramHandshakeError")
      assert.strictEqual(badOption._tag === "DeepgramHandshakeError" && badOption.status, 400)
      assert.isString(badOption._tag === "DeepgramHandshakeError" && badOption.requestId)
      assert.include(badOption._tag === "DeepgramHandshakeError" && badOption.dgError, "endpointing")
    }))

  it.effect("interruption mid-stream closes the socket", () =>
    Effect.gen(function*() {
      const audio = Stream.concat(chunked(wav.subarray(0, 88_200)), Stream.never)
      const fiber = yield* listen((l) => l.live(audio, { model: "nova-3" }).pipe(Stream.runDrain)).pipe(
        Effect.provide(sdkFor()),
        Effect.fork
      )
      yield* Effect.sleep("300 millis")
      yield* DeepgramEmulator.clearJournal
      yield* Fiber.interrupt(fiber)
      // The emulator journals a socket session when it has ended.
      let entries = yield* socketEntries
      for (let i = 0; i < 100 && entries.length === 0; i++) {
        yield* Effect.sleep("20 millis")
        entries = yield* socketEntries
      }
      assert.strictEqual(entries.length, 1)
      assert.strictEqual(entries[0]!.socket?.closedBy, "client")
      assert.strictEqual(entries[0]!.socket?.closeCode, 1000)
      assert.strictEqual(entries[0]!.socket?.audioBytes, 88_200)
    }))

  it.effect("Flux: Connected, turns with the transcript, Configure answered, CloseStream ends the stream", () =>
    Effect.gen(function*() {
      const pcm = wav.subarray(44)
      const events = yield* Effect.scoped(listen((l) =>
        Effect.gen(function*() {
          const session = yield* l.fluxSession({ model: "flux-general-en", encoding: "linear16", sample_rate: 44100 })
          yield* session.configure({ thresholds: { eot_threshold: 0.8 } })
          const collect = yield* Effect.fork(Stream.runCollect(session.events))
          yield* chunked(pcm).pipe(Stream.runForEach(session.send))
          yield* session.closeStream
          return yield* Fiber.join(collect)
        })
      )).pipe(Effect.provide(sdkFor()))
      const all = Chunk.toReadonlyArray(events)
      assert.strictEqual(all[0]!.type, "Connected")
      assert.isTrue(all.some((e) => e.type === "ConfigureSuccess"))
      const ends = all.filter((e) => e.type === "TurnInfo" && e.event === "EndOfTurn")
      assert.isAbove(ends.length, 0)
      const text = ends.map((e) => (e.type === "TurnInfo" ? e.transcript : "")).join(" ")
      assert.include(text.toLowerCase(), "spacewalk")
    }))
})
