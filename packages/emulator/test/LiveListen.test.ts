import { ErrorResponse, ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as NodePath from "node:path"
import { DeepgramEmulator } from "../src/index.js"
import type { Client } from "./live.js"
import { connect, silence, spacewalk, spacewalkPcm, spacewalkSentences, stream, typeOf } from "./live.js"
import { fixturesDir, sampleDir, spacewalkTranscript, wav } from "./utils.js"

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

const start = (options: DeepgramEmulator.Options = {}) =>
  DeepgramEmulator.make({ transcriptsDir: fixturesDir, ...options })

type Results = ListenV1.Results

/** Decodes every message with the schema package; none may be unknown. */
const decodeAll = (client: Client): Array<ListenV1.ServerMessage> =>
  client.frames.map((frame) => {
    const decoded = ListenV1.decodeServerMessageEither(frame)
    assert.isTrue(Either.isRight(decoded), frame)
    const message = Either.getOrThrow(decoded)
    assert.notStrictEqual(message.type, "Unknown", frame)
    return message
  })

const resultsOf = (messages: ReadonlyArray<ListenV1.ServerMessage>): Array<Results> =>
  messages.filter((message): message is Results => message.type === "Results")

const transcriptOf = (results: ReadonlyArray<Results>): string =>
  results.map((result) => result.channel.alternatives[0]!.transcript).filter((text) => text !== "").join(" ")

const finals = (results: ReadonlyArray<Results>) => results.filter((result) => result.is_final === true)

describe("/v1/listen WebSocket", () => {
  it.scopedLive("streams spacewalk.wav: interim and final results, Metadata, close 1000", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?model=nova-3&punctuate=true&interim_results=true`)
      assert.match(String(client.headers["dg-request-id"]), /^[0-9a-f-]{36}$/)
      yield* stream(client, spacewalk, 4096)
      yield* client.send({ type: "CloseStream" })
      const closed = yield* client.closed
      assert.deepStrictEqual(closed, { code: 1000, reason: "" })

      const messages = decodeAll(client)
      const results = resultsOf(messages)
      const interims = results.filter((result) => result.is_final === false)
      assert.isAtLeast(interims.length, 10)
      assert.strictEqual(transcriptOf(finals(results)), spacewalkTranscript)
      // final results tile the audio: each starts where the previous one ended
      let end = 0
      for (const result of finals(results)) {
        assert.closeTo(result.start, end, 0.002)
        end = result.start + result.duration
        for (const word of result.channel.alternatives[0]!.words) {
          assert.isAtLeast(word.start, result.start - 0.002)
          assert.isAtMost(word.end, end + 0.002)
        }
      }
      // interim results only hold words of the current phrase, heard so far
      for (const interim of interims) {
        for (const word of interim.channel.alternatives[0]!.words) {
          assert.isAtMost(word.end, interim.start + interim.duration)
        }
      }
      assert.isTrue(results.some((result) => result.speech_final === true))
      const first = results[0]!
      assert.deepStrictEqual(first.channel_index, [0, 1])
      assert.strictEqual(first.metadata.request_id, client.headers["dg-request-id"])
      assert.strictEqual(first.metadata.model_info.name, "nova-3")
      assert.strictEqual(first.channel.alternatives[0]!.words[0]!.punctuated_word, "Yeah,")

      const metadata = messages[messages.length - 1]!
      assert.strictEqual(metadata.type, "Metadata")
      if (metadata.type === "Metadata") {
        assert.strictEqual(metadata.sha256, sha256(spacewalk))
        assert.closeTo(metadata.duration, 25.93, 0.01)
        assert.strictEqual(metadata.channels, 1)
        assert.strictEqual(metadata.request_id, client.headers["dg-request-id"])
      }
      const raw = client.messages[client.messages.length - 1] as { models: Array<string>; model_info: object }
      assert.strictEqual(raw.models.length, 1)
      assert.property(raw.model_info, raw.models[0]!)

      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.status, 101)
      assert.strictEqual(entry!.path, "/v1/listen")
      assert.deepStrictEqual(entry!.query["interim_results"], ["true"])
      assert.strictEqual(entry!.authScheme, "token")
      assert.strictEqual(entry!.bodySize, spacewalk.length)
      assert.strictEqual(entry!.audio?.container, "WAVE")
      assert.deepStrictEqual(entry!.socket, {
        protocol: undefined,
        audioBytes: spacewalk.length,
        audioFrames: Math.ceil(spacewalk.length / 4096),
        messagesReceived: 1,
        messagesSent: messages.length,
        closeCode: 1000,
        closeReason: "",
        closedBy: "server"
      })
    }))

  it.scopedLive("without punctuation, the words are lower-cased; the same words as a pre-recorded request", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(`${emulator.wsUrl}/v1/listen`)
      yield* stream(client, spacewalk)
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      const live = finals(resultsOf(decodeAll(client))).flatMap((result) => result.channel.alternatives[0]!.words)
      const response = yield* Effect.promise(() =>
        fetch(`${emulator.url}/v1/listen`, {
          method: "POST",
          headers: { authorization: "Token k" },
          body: spacewalk as Uint8Array<ArrayBuffer>
        }).then((r) => r.json())
      )
      const recorded = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)(response)
      const words = recorded.results.channels[0]!.alternatives![0]!.words!
      assert.deepStrictEqual(
        live.map((word) => [word.word, word.start, word.end, word.confidence]),
        words.map((word) => [word.word, word.start, word.end, word.confidence])
      )
      assert.isUndefined(live[0]!.punctuated_word)
    }))

  it.scopedLive("raw PCM taken out of a registered WAV file is recognised (encoding, sample_rate)", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(
        `${emulator.wsUrl}/v1/listen?encoding=linear16&sample_rate=44100&channels=1&punctuate=true`
      )
      yield* stream(client, spacewalkPcm, 3200)
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      const messages = decodeAll(client)
      assert.strictEqual(transcriptOf(finals(resultsOf(messages))), spacewalkTranscript)
      const metadata = messages[messages.length - 1]!
      assert.isTrue(metadata.type === "Metadata" && Math.abs(metadata.duration - 25.93) < 0.01)
    }))

  it.scopedLive("a WAV file with metadata chunks: streamed as is or as raw samples, both are recognised", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const plain = wav({ sampleRate: 16000, channels: 1, seconds: 3 })
      // RIFF header, fmt chunk, then a LIST chunk of odd size (padded) before the data chunk
      const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([5, 0, 0, 0]), Buffer.from("INFOx"), Buffer.alloc(1)])
      const file = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)])
      file.writeUInt32LE(file.length - 8, 4)
      yield* emulator.register(file, "Chunks are skipped.")
      const samples = plain.subarray(44)
      for (const [query, audio] of [["", file], ["?encoding=linear16&sample_rate=16000", samples]] as const) {
        const client = yield* connect(`${emulator.wsUrl}/v1/listen${query}`)
        yield* stream(client, audio, 2000)
        yield* client.send({ type: "CloseStream" })
        yield* client.closed
        assert.strictEqual(transcriptOf(finals(resultsOf(decodeAll(client)))), "chunks are skipped", query)
      }
    }))

  it.scopedLive("results follow the audio received: nothing is transcribed ahead of it", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?punctuate=true`)
      // the first 7 s: the first sentence is not over yet
      yield* stream(client, spacewalk.subarray(0, 44 + 88200 * 7))
      const partial = yield* client.waitFor((message) =>
        typeOf(message) === "Results" && JSON.stringify(message).includes("team,")
      )
      assert.isDefined(partial)
      yield* Effect.sleep("200 millis")
      const heard = transcriptOf(resultsOf(decodeAll(client)))
      assert.isTrue(spacewalkSentences[0]!.startsWith(heard), heard)
      assert.notInclude(heard, "normal")
      yield* stream(client, spacewalk.subarray(44 + 88200 * 7))
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      assert.strictEqual(transcriptOf(finals(resultsOf(decodeAll(client)))), spacewalkTranscript)
    }))

  it.scopedLive("other containers (Ogg): the words come with CloseStream, timed by the parsed duration", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const path = NodePath.join(sampleDir, "tone-16k-stereo.ogg")
      yield* emulator.registerFile(path, "Two tones.")
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?punctuate=true`)
      yield* stream(client, new Uint8Array(fs.readFileSync(path)), 1000)
      yield* client.send({ type: "CloseStream" })
      assert.strictEqual((yield* client.closed).code, 1000)
      const messages = decodeAll(client)
      const results = resultsOf(messages)
      assert.strictEqual(transcriptOf(finals(results)), "Two tones.")
      const metadata = messages[messages.length - 1]!
      assert.isTrue(metadata.type === "Metadata" && metadata.channels === 2)
      assert.closeTo(metadata.type === "Metadata" ? metadata.duration : 0, 1.5, 0.01)
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.audio?.container, "Ogg")
    }))

  it.scopedLive("Finalize: the words heard so far come back with from_finalize", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?punctuate=true`)
      // 3 s: in the middle of the first phrase after "Yeah,"
      yield* stream(client, spacewalk.subarray(0, 44 + 88200 * 3))
      yield* client.send({ type: "Finalize" })
      const finalized = (yield* client.waitFor((message) =>
        (message as { from_finalize?: boolean }).from_finalize === true
      )) as Results
      assert.isTrue(finalized.is_final)
      const text = finalized.channel.alternatives[0]!.transcript
      assert.isTrue(text.startsWith("as much as it's worth"), text)
      assert.strictEqual(finalized.start + finalized.duration, 3)
      // a second Finalize with nothing new gives an empty from_finalize result
      yield* client.send({ type: "Finalize" })
      yield* Effect.sleep("100 millis")
      const fromFinalize = resultsOf(decodeAll(client)).filter((result) => result.from_finalize === true)
      assert.strictEqual(fromFinalize.length, 2)
      assert.strictEqual(fromFinalize[1]!.channel.alternatives[0]!.transcript, "")
      // the rest of the stream: every word exactly once
      yield* stream(client, spacewalk.subarray(44 + 88200 * 3))
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      assert.strictEqual(transcriptOf(finals(resultsOf(decodeAll(client)))), spacewalkTranscript)
    }))

  it.scopedLive("vad_events and utterance_end_ms; the default live transcript for unknown audio", () =>
    Effect.gen(function*() {
      const emulator = yield* start({ liveTranscript: "Hello there. How are you?" })
      const client = yield* connect(
        `${emulator.wsUrl}/v1/listen?encoding=linear16&sample_rate=16000&punctuate=true&vad_events=true` +
          "&utterance_end_ms=1000&interim_results=true"
      )
      yield* stream(client, silence(5), 3200)
      yield* client.waitFor((message) => typeOf(message) === "UtteranceEnd")
      const messages = decodeAll(client)
      const types = messages.map((message) => message.type)
      const speechStarted = messages.filter((message) => message.type === "SpeechStarted")
      assert.strictEqual(speechStarted.length, 2)
      // speech starts before the first result with words
      const firstWords = types.findIndex((_, i) => {
        const message = messages[i]!
        return message.type === "Results" && message.channel.alternatives[0]!.words.length > 0
      })
      assert.isBelow(types.indexOf("SpeechStarted"), firstWords)
      const results = resultsOf(messages)
      assert.strictEqual(transcriptOf(finals(results)), "Hello there. How are you?")
      const lastWord = finals(results).flatMap((result) => result.channel.alternatives[0]!.words).pop()!
      const utteranceEnd = messages.find((message) => message.type === "UtteranceEnd")
      assert.isTrue(utteranceEnd?.type === "UtteranceEnd" && utteranceEnd.last_word_end === lastWord.end)
      assert.deepStrictEqual(utteranceEnd?.type === "UtteranceEnd" ? utteranceEnd.channel : [], [0, 1])
      // the speech_final result comes before the utterance end
      assert.isBelow(
        types.lastIndexOf("Results", types.indexOf("UtteranceEnd")),
        types.indexOf("UtteranceEnd")
      )
      assert.isTrue(results.some((result) => result.speech_final === true))
      yield* client.send({ type: "CloseStream" })
      assert.strictEqual((yield* client.closed).code, 1000)
    }))

  it.scopedLive("unknown audio without a default script gives empty results", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const client = yield* connect(`${emulator.wsUrl}/v1/listen?encoding=mulaw&sample_rate=8000`)
      yield* stream(client, new Uint8Array(8000 * 7).fill(0xff), 800)
      yield* client.send({ type: "CloseStream" })
      yield* client.closed
      const messages = decodeAll(client)
      const results = resultsOf(messages)
      assert.isAtLeast(results.length, 2)
      assert.isTrue(
        results.every((result) => result.is_final === true && result.channel.alternatives[0]!.transcript === "")
      )
      const metadata = messages[messages.length - 1]!
      assert.isTrue(metadata.type === "Metadata" && metadata.duration === 7)
    }))

  it.scopedLive("NET-0001: closes with 1011 after liveTimeout without audio or text; KeepAlive prevents it", () =>
    Effect.gen(function*() {
      const emulator = yield* start({ liveTimeout: "300 millis" })
      const idle = yield* connect(`${emulator.wsUrl}/v1/listen`)
      const started = Date.now()
      assert.deepStrictEqual(yield* idle.closed, {
        code: 1011,
        reason:
          "Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001"
      })
      assert.isAtLeast(Date.now() - started, 250)

      const kept = yield* connect(`${emulator.wsUrl}/v1/listen`)
      for (let i = 0; i < 8; i++) {
        yield* kept.send({ type: "KeepAlive" })
        yield* Effect.sleep("100 millis")
      }
      assert.strictEqual(kept.ws.readyState, kept.ws.OPEN)
      assert.strictEqual((yield* kept.closed).code, 1011)
      const entries = yield* emulator.journal
      assert.deepStrictEqual(entries.map((entry) => entry.socket?.closeCode), [1011, 1011])
      assert.strictEqual(entries[1]!.socket?.messagesReceived, 8)
    }))

  it.scopedLive("an unknown message type or invalid JSON closes with 1008", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const unknown = yield* connect(`${emulator.wsUrl}/v1/listen`)
      yield* unknown.send({ type: "Reset" })
      const closed = yield* unknown.closed
      assert.strictEqual(closed.code, 1008)
      assert.match(closed.reason, /^MESSAGE-0000: .*"Reset"/)
      const invalid = yield* connect(`${emulator.wsUrl}/v1/listen`)
      yield* invalid.send("{not json")
      const invalidClosed = yield* invalid.closed
      assert.strictEqual(invalidClosed.code, 1008)
      assert.match(invalidClosed.reason, /^DATA-0000: /)
    }))

  it.scopedLive("auth: header or subprotocol (echoed); bad credentials are refused with 401 and dg-error", () =>
    Effect.gen(function*() {
      const emulator = yield* start({ apiKeys: ["secret-key"] })
      const url = `${emulator.wsUrl}/v1/listen`
      const byHeader = yield* connect(url, { headers: { authorization: "Token secret-key" } })
      assert.isUndefined(byHeader.headers["sec-websocket-protocol"])
      const byProtocol = yield* connect(url, { protocols: ["token", "secret-key"] })
      assert.strictEqual(byProtocol.headers["sec-websocket-protocol"], "token")
      assert.isDefined(byProtocol.headers["dg-request-id"])
      const { access_token } = yield* emulator.mintAccessToken()
      const byBearer = yield* connect(url, { protocols: ["bearer", access_token] })
      assert.strictEqual(byBearer.headers["sec-websocket-protocol"], "bearer")

      const wrong = [{ protocols: ["token", "wrong-key"] }, { headers: { authorization: "Token wrong" } }, {}]
      for (const options of wrong) {
        const refused = yield* Effect.flip(connect(url, options))
        assert.strictEqual(refused.status, 401)
        assert.strictEqual(refused.headers["dg-error"], "Invalid credentials.")
        const body = Schema.decodeUnknownSync(ErrorResponse.LegacyError)(JSON.parse(refused.body))
        assert.strictEqual(body.err_code, "INVALID_AUTH")
        assert.strictEqual(body.request_id, refused.headers["dg-request-id"])
      }
      yield* byProtocol.send({ type: "CloseStream" })
      yield* byProtocol.closed
      const entries = yield* emulator.journal
      const accepted = entries.find((entry) => entry.socket?.protocol === "token")
      assert.strictEqual(accepted?.authScheme, "token")
      assert.notInclude(JSON.stringify(entries), "secret-key")
    }))

  it.scopedLive("invalid options refuse the handshake with 400 and dg-error", () =>
    Effect.gen(function*() {
      const emulator = yield* start()
      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        ["interim_results=maybe", /interim_results/],
        ["encoding=wav", /encoding/],
        ["encoding=linear16", /sample_rate/],
        ["sample_rate=16k&encoding=linear16", /sample_rate/],
        ["utterance_end_ms=soon", /utterance_end_ms/],
        ["endpointing=later", /endpointing/],
        ["redact=everything", /redact/],
        ["model=nova-3&keywords=spacewalk", /Nova-3/]
      ]
      for (const [query, pattern] of cases) {
        const refused = yield* Effect.flip(connect(`${emulator.wsUrl}/v1/listen?${query}`))
        assert.strictEqual(refused.status, 400, query)
        assert.match(String(refused.headers["dg-error"]), pattern, query)
        const body = JSON.parse(refused.body) as { err_code: string; err_msg: string; request_id: string }
        assert.strictEqual(body.err_code, "INVALID_QUERY_PARAMETER")
        assert.strictEqual(body.err_msg, refused.headers["dg-error"])
        assert.strictEqual(body.request_id, refused.headers["dg-request-id"])
      }
      // accepted: endpointing as a number or false, keyterm with nova-3, unknown parameters
      const ok = yield* connect(
        `${emulator.wsUrl}/v1/listen?endpointing=300&model=nova-3&keyterm=spacewalk&no_such_option=1`
      )
      yield* ok.send({ type: "CloseStream" })
      assert.strictEqual((yield* ok.closed).code, 1000)
    }))
})
