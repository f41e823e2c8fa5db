import { ListenV2 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { DeepgramEmulator } from "../src/index.js"
import type { Client } from "./live.js"
import { connect, silence, spacewalk, spacewalkPcm, spacewalkSentences, stream, typeOf } from "./live.js"
import { fixturesDir } from "./utils.js"

const start = (options: DeepgramEmulator.Options = {}) =>
  DeepgramEmulator.make({ transcriptsDir: fixturesDir, ...options })

type TurnInfo = ListenV2.TurnInfo

const decodeAll = (client: Client): Array<ListenV2.ServerMessage> =>
  client.frames.map((frame) => {
    const decoded = ListenV2.decodeServerMessageEither(frame)
    assert.isTrue(Either.isRight(decoded), frame)
    const message = Either.getOrThrow(decoded)
    assert.notStrictEqual(message.type, "Unknown", frame)
    return message
  })

const turnsOf = (messages: ReadonlyArray<ListenV2.ServerMessage>): Array<TurnInfo> =>
  messages.filter((message): message is TurnInfo => message.type === "TurnInfo")

const flux = (url: string, query = "") => connect(`${url}/v2/listen?model=flux-general-en${query}`)

describe("/v2/listen (Flux) WebSocket", () => {
  it.scopedLive("Connected, StartOfTurn, Update, EndOfTurn per sentence; CloseStream closes without a status", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* flux(emulator.wsUrl)
      yield* client.waitFor((message) => typeOf(message) === "Connected")
      yield* stream(client, spacewalk, 5120)
      yield* client.send({ type: "CloseStream" })
      assert.deepStrictEqual(yield* client.closed, { code: 1005, reason: "" })

      const messages = decodeAll(client)
      assert.deepStrictEqual(messages[0], {
        type: "Connected",
        request_id: String(client.headers["dg-request-id"]),
        sequence_id: 0
      })
      // every message carries the next sequence_id
      assert.deepStrictEqual(
        messages.map((message) => "sequence_id" in message ? message.sequence_id : -1),
        messages.map((_, i) => i)
      )
      const turns = turnsOf(messages)
      const ends = turns.filter((turn) => turn.event === "EndOfTurn")
      assert.deepStrictEqual(ends.map((turn) => turn.transcript), spacewalkSentences)
      assert.deepStrictEqual(ends.map((turn) => turn.turn_index), [0, 1])
      assert.isAtLeast(ends[0]!.end_of_turn_confidence, 0.7)
      assert.deepStrictEqual(
        turns.filter((turn) => turn.event === "StartOfTurn").map((turn) => turn.turn_index),
        [0, 1]
      )
      assert.strictEqual(turns.filter((turn) => turn.event === "StartOfTurn")[0]!.transcript, "Yeah,")
      assert.isFalse(turns.some((turn) => turn.event === "EagerEndOfTurn" || turn.event === "TurnResumed"))
      // updates about every 240 ms of audio, with the turn so far
      const updates = turns.filter((turn) => turn.event === "Update")
      assert.closeTo(updates.length, 25.93 / 0.24, 2)
      const inTurn = updates.filter((turn) => turn.turn_index === 0 && turn.words.length > 3)
      assert.isTrue(inTurn.every((turn) => spacewalkSentences[0]!.startsWith(turn.transcript)))
      assert.isTrue(inTurn.every((turn) => turn.audio_window_start === 0))
      // the second turn's window starts where the first one ended
      assert.strictEqual(ends[1]!.audio_window_start, ends[0]!.audio_window_end)
      assert.isTrue(ends[0]!.words.every((word) => typeof word.word === "string" && word.confidence > 0.9))

      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.path, "/v2/listen")
      assert.strictEqual(entry!.socket?.closeCode, 1005)
      assert.strictEqual(entry!.socket?.messagesSent, messages.length)
    }))

  it.scopedLive("eager_eot_threshold: EagerEndOfTurn before EndOfTurn, TurnResumed when speech goes on", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* flux(emulator.wsUrl, "&encoding=linear16&sample_rate=44100&eager_eot_threshold=0.5")
      yield* stream(client, spacewalkPcm, 4410)
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      const events = turnsOf(decodeAll(client)).map((turn) => turn.event).filter((event) => event !== "Update")
      // commas give eager ends that resume; sentence ends give an eager end right before the end of the turn
      assert.strictEqual(events[0], "StartOfTurn")
      assert.isTrue(events.includes("TurnResumed"))
      const firstEnd = events.indexOf("EndOfTurn")
      assert.strictEqual(events[firstEnd - 1], "EagerEndOfTurn")
      for (let i = 0; i < events.length; i++) {
        if (events[i] === "TurnResumed") assert.strictEqual(events[i - 1], "EagerEndOfTurn")
      }
      assert.strictEqual(events.filter((event) => event === "EndOfTurn").length, 2)
    }))

  it.scopedLive("Configure: ConfigureSuccess echoes what is in force; invalid values give ConfigureFailure", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* flux(emulator.wsUrl, "&eot_threshold=0.8&keyterm=spacewalk")
      yield* client.send({ type: "Configure", thresholds: { eot_threshold: 0.95 } })
      yield* client.send({ type: "Configure", thresholds: { eager_eot_threshold: 0.85 } })
      yield* client.send({ type: "Configure", thresholds: { eot_timeout_ms: 100 } })
      yield* client.send({ type: "Configure", language_hints: ["en"] })
      yield* client.send({ type: "Configure", thresholds: { eot_threshold: 0.6, eager_eot_threshold: 0.4 } })
      yield* client.send({ type: "Configure", keyterms: ["Deepgram", "Flux"] })
      yield* client.waitFor((message) =>
        typeOf(message) === "ConfigureSuccess" && (message as { keyterms: Array<string> }).keyterms.length === 2
      )
      const messages = decodeAll(client)
      assert.deepStrictEqual(messages.map((message) => message.type), [
        "Connected",
        "ConfigureFailure",
        "ConfigureFailure",
        "ConfigureFailure",
        "ConfigureFailure",
        "ConfigureSuccess",
        "ConfigureSuccess"
      ])
      assert.deepStrictEqual(messages[5], {
        type: "ConfigureSuccess",
        request_id: String(client.headers["dg-request-id"]),
        thresholds: { eot_threshold: 0.6, eot_timeout_ms: 5000, eager_eot_threshold: 0.4 },
        keyterms: ["spacewalk"],
        sequence_id: 5
      })
      const last = messages[6]!
      assert.deepStrictEqual(last.type === "ConfigureSuccess" ? last.keyterms : [], ["Deepgram", "Flux"])

      // language hints on the multilingual model
      const multi = yield* connect(`${emulator.wsUrl}/v2/listen?model=flux-general-multi&language_hint=en`)
      yield* multi.send({ type: "Configure", language_hints: ["en", "es"] })
      const success = yield* multi.waitFor((message) => typeOf(message) === "ConfigureSuccess")
      assert.deepStrictEqual((success as { language_hints: Array<string> }).language_hints, ["en", "es"])
    }))

  it.scopedLive("KeepAlive is not a Flux message: Error, then a close without a status", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* flux(emulator.wsUrl)
      yield* client.send({ type: "KeepAlive" })
      assert.strictEqual((yield* client.closed).code, 1005)
      const messages = decodeAll(client)
      assert.deepStrictEqual(messages.map((message) => message.type), ["Connected", "Error"])
      const error = messages[1]!
      assert.isTrue(error.type === "Error" && error.sequence_id === 1 && error.description.includes("ping"))
    }))

  it.scopedLive("times out after fluxTimeout without audio or pings; pings keep the stream open", () =>
    Effect.gen(function*() {
      const emulator = yield* start({ fluxTimeout: "300 millis" })
      const idle = yield* flux(emulator.wsUrl)
      assert.strictEqual((yield* idle.closed).code, 1011)

      const pinged = yield* flux(emulator.wsUrl)
      let pongs = 0
      pinged.ws.on("pong", () => pongs++)
      for (let i = 0; i < 8; i++) {
        pinged.ws.ping()
        yield* Effect.sleep("100 millis")
      }
      assert.strictEqual(pinged.ws.readyState, pinged.ws.OPEN)
      assert.isAtLeast(pongs, 7)
      // audio keeps it open too
      for (let i = 0; i < 4; i++) {
        yield* pinged.send(silence(0.1))
        yield* Effect.sleep("100 millis")
      }
      assert.strictEqual(pinged.ws.readyState, pinged.ws.OPEN)
      assert.strictEqual((yield* pinged.closed).code, 1011)
    }))

  it.scopedLive("handshake: a Flux model is required and options are validated (400 with dg-error)", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        ["", /model/],
        ["model=nova-3", /Flux model/],
        ["model=flux-general-en&eot_threshold=1.2", /eot_threshold/],
        ["model=flux-general-en&eot_threshold=0.6&eager_eot_threshold=0.8", /eager_eot_threshold/],
        ["model=flux-general-en&eot_timeout_ms=50", /eot_timeout_ms/],
        ["model=flux-general-en&language_hint=en", /multilingual/],
        ["model=flux-general-en&encoding=mp3", /encoding/],
        ["model=flux-general-en&encoding=linear16", /sample_rate/],
        ["model=flux-general-en&redact=pci", /redact/]
      ]
      for (const [query, pattern] of cases) {
        const refused = yield* Effect.flip(connect(`${emulator.wsUrl}/v2/listen?${query}`))
        assert.strictEqual(refused.status, 400, query)
        assert.match(String(refused.headers["dg-error"]), pattern, query)
        assert.isDefined(refused.headers["dg-request-id"])
      }
    }))
})
