// R3, idle: a live session that stays silent far longer than the server's idle
// timeout survives, because the SDK keeps it alive (KeepAlive messages on
// /v1/listen, WebSocket pings on Flux). Full size (DEEPGRAM_SOAK=1, run by
// bench/robustness.ts): 60 s of silence against Deepgram's 10 s timeout. In
// `npm test` the same ratio, ten times shorter: 6 s of silence against a 1 s
// timeout, with the keepalive interval scaled alike (4 s -> 400 ms).
import { Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Chunk, Duration, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import { chunks, emulatorLayer, listen, sdkFor, silentSession, spacewalk, spacewalkTranscript, unkeptSession } from "./helpers.js"
import { sized } from "./soak.js"

const timeout = sized(Duration.seconds(1), Duration.seconds(10))
const silence = sized(Duration.seconds(6), Duration.seconds(60))
/** Listen v1: the SDK's default (4 s) at full size. */
const keepAlive = sized<Duration.DurationInput | undefined>("400 millis", undefined)
/** Flux: Deepgram's Flux timeout is 60 s with pings every 20 s; the same ratio against the short timeout. */
const fluxPing = sized<Duration.DurationInput>("330 millis", "3300 millis")
const testTimeout = Duration.toMillis(silence) + 60_000

const wav = new Uint8Array(readFileSync(spacewalk))
const pcm = (seconds: number) => new Uint8Array(16000 * 2 * seconds)

layer(emulatorLayer({ liveTimeout: timeout, fluxTimeout: timeout }), { excludeTestServices: true })("R3: idle sessions", (it) => {
  it.effect(`a live stream with ${Duration.format(silence)} of silence in the middle keeps its transcript`, () =>
    Effect.gen(function*() {
      const all = chunks(wav)
      const half = Math.floor(all.length / 2)
      // The audio source stops producing for the whole silence: nothing is sent but KeepAlive.
      const audio = Stream.fromIterable(all.slice(0, half)).pipe(
        Stream.concat(Stream.fromEffect(Effect.sleep(silence)).pipe(Stream.drain)),
        Stream.concat(Stream.fromIterable(all.slice(half)))
      )
      const events = yield* listen((l) =>
        l.live(audio, { model: "nova-3", smart_format: true }, { keepAliveInterval: keepAlive }).pipe(Stream.runCollect)
      ).pipe(Effect.provide(sdkFor()))
      const list = Chunk.toReadonlyArray(events)
      const finals = list
        .filter((e): e is Listen.LiveResults => e.type === "Results" && e.is_final === true)
        .map((r) => r.channel.alternatives[0]?.transcript ?? "")
        .filter((t) => t !== "")
      assert.strictEqual(finals.join(" "), spacewalkTranscript)
      assert.strictEqual(list[list.length - 1]?.type, "Metadata")
    }), testTimeout)

  it.effect(`a session opened and left silent for ${Duration.format(silence)} still transcribes`, () =>
    Effect.gen(function*() {
      const events = yield* silentSession(keepAlive, silence, pcm(1))
      const last = Chunk.last(events)
      assert.strictEqual(last._tag === "Some" ? last.value.type : undefined, "Metadata")
      if (last._tag === "Some" && last.value.type === "Metadata") assert.approximately(last.value.duration, 1, 0.01)
    }), testTimeout)

  it.effect("the control: the same silence without keepalive is the server's typed 1011 close", () =>
    Effect.gen(function*() {
      const error = yield* unkeptSession
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag === "DeepgramSocketError") assert.strictEqual(error.code, 1011)
    }), testTimeout)

  it.effect(`a Flux stream silent for ${Duration.format(silence)} is kept open by pings`, () =>
    Effect.gen(function*() {
      const audio = Stream.make(pcm(1)).pipe(
        Stream.concat(Stream.fromEffect(Effect.sleep(silence)).pipe(Stream.drain)),
        Stream.concat(Stream.make(pcm(1)))
      )
      const events = yield* listen((l) =>
        l.flux(audio, { model: "flux-general-en", encoding: "linear16", sample_rate: 16000 }, {
          keepAliveInterval: fluxPing
        }).pipe(Stream.runCollect)
      ).pipe(Effect.provide(sdkFor()))
      const types = Chunk.toReadonlyArray(events).map((e) => e.type)
      assert.include(types, "Connected")
    }), testTimeout)

  it.effect("the control: the same Flux silence without pings is the server's typed close", () =>
    Effect.gen(function*() {
      const audio = Stream.make(pcm(1)).pipe(Stream.concat(Stream.fromEffect(Effect.sleep(silence)).pipe(Stream.drain)))
      const error = yield* listen((l) =>
        l.flux(audio, { model: "flux-general-en", encoding: "linear16", sample_rate: 16000 }, {
          keepAliveInterval: "1 hour"
        }).pipe(Stream.runDrain)
      ).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramSocketError")
    }), testTimeout)
})
