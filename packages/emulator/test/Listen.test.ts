import { ErrorResponse, ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as Http from "node:http"
import { DeepgramEmulator } from "../src/index.js"
import type { Answer } from "./utils.js"
import { fixturesDir, localServer, postAudio, request, spacewalkPath, spacewalkTranscript, wav } from "./utils.js"

const decodeResponse = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)
const decodeAccepted = Schema.decodeUnknownSync(ListenV1.AcceptedResponse)
const decodeError = Schema.decodeUnknownSync(ErrorResponse.LegacyError)

const spacewalk = new Uint8Array(fs.readFileSync(spacewalkPath))

const listen = (query = "", body: Uint8Array = spacewalk, headers?: Record<string, string>) =>
  Effect.flatMap(DeepgramEmulator.url, (url) => postAudio(`${url}/v1/listen${query}`, body, headers))

const ok = (answer: Answer) => {
  assert.strictEqual(answer.status, 200, answer.text)
  return decodeResponse(answer.json)
}

const raw = (answer: Answer, ...path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined,
    answer.json
  )

const emulatorLayer = DeepgramEmulator.layer({ transcriptsDir: fixturesDir })

layer(emulatorLayer, { excludeTestServices: true })("POST /v1/listen", (it) => {
  it.effect("reports the real metadata of the spacewalk fixture", () =>
    Effect.gen(function*() {
      const answer = yield* listen()
      const response = ok(answer)
      const metadata = response.metadata
      assert.closeTo(metadata.duration, 25.93, 0.01)
      assert.strictEqual(metadata.channels, 1)
      assert.strictEqual(metadata.sha256, "154e291ecfa8be6ab8343560bcc109008fa7853eb5372533e8efdefc9b504c33")
      assert.match(metadata.request_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.strictEqual(answer.headers.get("dg-request-id"), metadata.request_id)
      assert.isFalse(Number.isNaN(Date.parse(metadata.created)))
      assert.strictEqual(metadata.models.length, 1)
      assert.property(metadata.model_info, metadata.models[0]!)
      const entries = yield* DeepgramEmulator.journal
      const audio = entries[entries.length - 1]!.audio!
      assert.strictEqual(audio.sampleRate, 44100)
      assert.strictEqual(audio.container, "WAVE")
    }))

  it.effect("transcribes the fixture from its sidecar, lower-cased without punctuation by default", () =>
    Effect.gen(function*() {
      const response = ok(yield* listen())
      assert.strictEqual(response.results.channels.length, 1)
      const alternative = response.results.channels[0]!.alternatives![0]!
      const expected = spacewalkTranscript.toLowerCase().replace(/[,.]/g, "")
      assert.strictEqual(alternative.transcript, expected)
      const words = alternative.words!
      assert.strictEqual(words.length, expected.split(" ").length)
      assert.strictEqual(words[0]!.word, "yeah")
      assert.isUndefined(words[0]!.punctuated_word)
      assert.isUndefined(words[0]!.speaker)
      assert.isAbove(alternative.confidence!, 0.9)
      // timings: increasing, with gaps, within the audio
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!
        assert.isBelow(word.start!, word.end!)
        if (i > 0) assert.isAbove(word.start!, words[i - 1]!.end!)
      }
      assert.isAbove(words[0]!.start!, 0)
      assert.isBelow(words[words.length - 1]!.end!, 25.94)
      assert.isAbove(words[words.length - 1]!.end!, 24)
    }))

  it.effect("is deterministic", () =>
    Effect.gen(function*() {
      const a = ok(yield* listen("?punctuate=true"))
      const b = ok(yield* listen("?punctuate=true"))
      assert.deepStrictEqual(a.results, b.results)
      assert.notStrictEqual(a.metadata.request_id, b.metadata.request_id)
    }))

  it.effect("punctuate and smart_format keep the punctuation", () =>
    Effect.gen(function*() {
      for (const query of ["?punctuate=true", "?smart_format=true"]) {
        const alternative = ok(yield* listen(query)).results.channels[0]!.alternatives![0]!
        assert.strictEqual(alternative.transcript, spacewalkTranscript)
        assert.strictEqual(alternative.words![0]!.punctuated_word, "Yeah,")
        assert.strictEqual(alternative.words![0]!.word, "yeah")
      }
      const smart = ok(yield* listen("?smart_format=true")).results.channels[0]!.alternatives![0]!
      assert.isDefined(smart.paragraphs)
    }))

  it.effect("diarize labels speakers; paragraphs group sentences", () =>
    Effect.gen(function*() {
      const alternative = ok(yield* listen("?diarize=true&paragraphs=true&punctuate=true")).results.channels[0]!
        .alternatives![0]!
      assert.isTrue(alternative.words!.every((word) => word.speaker === 0))
      const paragraphs = alternative.paragraphs!
      assert.isTrue(paragraphs.transcript!.startsWith("\nSpeaker 0: Yeah, as much"))
      assert.strictEqual(paragraphs.paragraphs!.length, 1)
      const paragraph = paragraphs.paragraphs![0]!
      assert.strictEqual(paragraph.sentences!.length, 2)
      assert.strictEqual(paragraph.num_words, alternative.words!.length)
      assert.strictEqual(paragraph.speaker, 0)
      assert.isTrue(paragraph.sentences![1]!.text!.startsWith("And I think"))
    }))

  it.effect("utterances split at sentence ends and at utt_split pauses", () =>
    Effect.gen(function*() {
      const response = ok(yield* listen("?utterances=true&punctuate=true"))
      const utterances = response.results.utterances!
      assert.strictEqual(utterances.length, 2)
      assert.strictEqual(utterances[0]!.channel, 0)
      assert.isTrue(utterances[0]!.transcript!.endsWith("just being normal."))
      assert.match(utterances[0]!.id!, /^[0-9a-f-]{36}$/)
      const fine = ok(yield* listen("?utterances=true&utt_split=0.01")).results.utterances!
      assert.strictEqual(fine.length, response.results.channels[0]!.alternatives![0]!.words!.length)
    }))

  it.effect("multichannel answers one channel per audio channel", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const stereo = wav({ sampleRate: 16000, channels: 2, seconds: 2 })
      yield* emulator.register(stereo, [
        { text: "Hello from the left.", channel: 0, speaker: 0 },
        { text: "And hello from the right.", channel: 1, speaker: 1 }
      ])
      const mixed = ok(yield* listen("?punctuate=true", stereo))
      assert.strictEqual(mixed.metadata.channels, 2)
      assert.closeTo(mixed.metadata.duration, 2, 0.001)
      assert.strictEqual(mixed.results.channels.length, 1)
      assert.strictEqual(
        mixed.results.channels[0]!.alternatives![0]!.transcript,
        "Hello from the left. And hello from the right."
      )
      const split = ok(yield* listen("?punctuate=true&multichannel=true&utterances=true&diarize=true", stereo))
      assert.deepStrictEqual(
        split.results.channels.map((channel) => channel.alternatives![0]!.transcript),
        ["Hello from the left.", "And hello from the right."]
      )
      assert.deepStrictEqual(split.results.utterances!.map((u) => [u.channel, u.speaker]), [[0, 0], [1, 1]])
    }))

  it.effect("summarize, topics, intents, sentiment, detect_entities give valid structures", () =>
    Effect.gen(function*() {
      const answer = yield* listen(
        "?summarize=v2&topics=true&intents=true&sentiment=true&detect_entities=true&detect_language=true"
      )
      const response = ok(answer)
      assert.strictEqual(response.results.summary!.result, "success")
      assert.isTrue(response.results.summary!.short!.startsWith("Yeah, as much"))
      assert.deepStrictEqual(response.results.topics!.results!.topics!.segments, [])
      assert.deepStrictEqual(response.results.intents!.results!.intents!.segments, [])
      assert.deepStrictEqual(response.results.sentiments!.segments, [])
      assert.strictEqual(response.results.sentiments!.average!.sentiment, "neutral")
      assert.isDefined(response.metadata.summary_info)
      assert.isDefined(response.metadata.topics_info)
      assert.isDefined(response.metadata.intents_info)
      assert.isDefined(response.metadata.sentiment_info)
      assert.deepStrictEqual(response.results.channels[0]!.alternatives![0]!.entities, [])
      assert.strictEqual(response.results.channels[0]!.detected_language, "en")
    }))

  it.effect("search finds the scripted words", () =>
    Effect.gen(function*() {
      const channel = ok(yield* listen("?search=first%20spacewalk&search=moon")).results.channels[0]!
      assert.strictEqual(channel.search!.length, 2)
      assert.strictEqual(channel.search![0]!.query, "first spacewalk")
      assert.strictEqual(channel.search![0]!.hits!.length, 1)
      assert.strictEqual(channel.search![0]!.hits![0]!.snippet, "first spacewalk")
      assert.deepStrictEqual(channel.search![1]!.hits, [])
    }))

  it.effect("echoes extra and tag", () =>
    Effect.gen(function*() {
      const answer = yield* listen("?extra=team:blue&extra=run:42&tag=ci&tag=emulator")
      const response = ok(answer)
      assert.deepStrictEqual(response.metadata.tags, ["ci", "emulator"])
      assert.deepStrictEqual(raw(answer, "metadata", "extra"), { team: "blue", run: "42" })
    }))

  it.effect("unknown audio gets an empty result with real metadata", () =>
    Effect.gen(function*() {
      const audio = wav({ sampleRate: 8000, channels: 1, seconds: 0.75 })
      const response = ok(yield* listen("?punctuate=true&utterances=true&paragraphs=true", audio))
      assert.closeTo(response.metadata.duration, 0.75, 0.001)
      const alternative = response.results.channels[0]!.alternatives![0]!
      assert.strictEqual(alternative.transcript, "")
      assert.deepStrictEqual(alternative.words, [])
      assert.strictEqual(alternative.confidence, 0)
      assert.deepStrictEqual(response.results.utterances, [])
      assert.strictEqual(alternative.paragraphs!.transcript, "")
    }))

  it.effect("bytes that are not audio are Deepgram's 400 (more in Rejects.test.ts)", () =>
    Effect.gen(function*() {
      const answer = yield* listen("", new Uint8Array(64 * 1024).fill(0x5a))
      assert.strictEqual(answer.status, 400)
      assert.strictEqual(decodeError(answer.json).err_msg, "Bad Request: failed to process audio: corrupt or unsupported data")
    }))

  it.effect("raw linear16 takes its duration from encoding, sample_rate and channels", () =>
    Effect.gen(function*() {
      const pcm = new Uint8Array(16000 * 2 * 2 * 3) // 3 s of 16 kHz stereo
      const response = ok(yield* listen("?encoding=linear16&sample_rate=16000&channels=2", pcm))
      assert.closeTo(response.metadata.duration, 3, 1e-9)
      assert.strictEqual(response.metadata.channels, 2)
    }))

  it.effect("an empty body is a 400", () =>
    Effect.gen(function*() {
      const answer = yield* listen("", new Uint8Array(0))
      assert.strictEqual(answer.status, 400)
      const error = decodeError(answer.json)
      assert.strictEqual(error.err_code, "Bad Request")
      assert.strictEqual(error.request_id, answer.headers.get("dg-request-id"))
    }))

  it.effect("invalid query parameters are a Deepgram-shaped 400", () =>
    Effect.gen(function*() {
      for (
        const query of [
          "?utt_split=abc",
          "?punctuate=maybe",
          "?callback_method=GET&callback=http://127.0.0.1:9/x",
          "?encoding=bogus",
          "?summarize=v9",
          "?diarize_model=v7",
          "?callback=not%20a%20url",
          "?sample_rate=1.5"
        ]
      ) {
        const answer = yield* listen(query)
        assert.strictEqual(answer.status, 400, query)
        const error = decodeError(answer.json)
        assert.strictEqual(error.err_code, "Bad Request")
        assert.isString(error.err_msg)
        assert.strictEqual(error.request_id, answer.headers.get("dg-request-id"))
        assert.deepStrictEqual(Object.keys(answer.json as object).sort(), ["err_code", "err_msg", "request_id"])
      }
      // open values are accepted
      assert.strictEqual((yield* listen("?model=not%20a%20model&language=xx&version=whatever&foo=bar")).status, 200)
    }))

  it.effect("transcribes { url } by fetching it", () =>
    Effect.gen(function*() {
      const origin = yield* localServer((req, res) => {
        if (req.url === "/spacewalk.wav") {
          res.writeHead(200, { "content-type": "audio/wav" })
          fs.createReadStream(spacewalkPath).pipe(res)
        } else {
          res.writeHead(404).end()
        }
      })
      const url = yield* DeepgramEmulator.url
      const answer = yield* request(`${url}/v1/listen?punctuate=true`, {
        method: "POST",
        headers: { authorization: "Token test", "content-type": "application/json" },
        body: JSON.stringify({ url: `${origin}/spacewalk.wav` })
      })
      const response = ok(answer)
      assert.strictEqual(response.results.channels[0]!.alternatives![0]!.transcript, spacewalkTranscript)
      assert.closeTo(response.metadata.duration, 25.93, 0.01)

      const missing = yield* request(`${url}/v1/listen`, {
        method: "POST",
        headers: { authorization: "Token test", "content-type": "application/json" },
        body: JSON.stringify({ url: `${origin}/missing.wav` })
      })
      assert.strictEqual(missing.status, 400)
      assert.strictEqual(decodeError(missing.json).err_code, "REMOTE_CONTENT_ERROR")

      for (const body of ["{", "[]", JSON.stringify({ url: 42 }), JSON.stringify({ url: "ftp://x/y" })]) {
        const bad = yield* request(`${url}/v1/listen`, {
          method: "POST",
          headers: { authorization: "Token test", "content-type": "application/json" },
          body
        })
        assert.strictEqual(bad.status, 400, body)
        assert.strictEqual(decodeError(bad.json).err_code, "Bad Request")
      }
    }).pipe(Effect.scoped))

  it.effect("callback mode answers { request_id } and POSTs the result", () =>
    Effect.gen(function*() {
      const received: Array<{ method: string; headers: Http.IncomingHttpHeaders; body: string }> = []
      let notify: () => void = () => {}
      const arrived = new Promise<void>((resolve) => {
        notify = resolve
      })
      const origin = yield* localServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          received.push({ method: req.method!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") })
          res.writeHead(200).end()
          if (received.length === 2) notify()
        })
      })
      const first = yield* listen(`?punctuate=true&callback=${encodeURIComponent(`${origin}/hook`)}`)
      assert.strictEqual(first.status, 200)
      const accepted = decodeAccepted(first.json)
      assert.deepStrictEqual(Object.keys(first.json as object), ["request_id"])
      assert.strictEqual(first.headers.get("dg-request-id"), accepted.request_id)
      const second = yield* listen(
        `?callback_method=PUT&callback=${encodeURIComponent(`http://user:pa%24s@${new URL(origin).host}/put`)}`
      )
      const secondId = decodeAccepted(second.json).request_id
      yield* Effect.promise(() => arrived).pipe(Effect.timeout("10 seconds"))

      const post = received.find((r) => r.method === "POST")!
      const result = decodeResponse(JSON.parse(post.body))
      assert.strictEqual(result.metadata.request_id, accepted.request_id)
      assert.strictEqual(result.results.channels[0]!.alternatives![0]!.transcript, spacewalkTranscript)
      assert.strictEqual(post.headers["content-type"], "application/json")
      assert.isString(post.headers["dg-token"])
      assert.notInclude(post.body, "test-key")
      assert.notInclude(JSON.stringify(post.headers), "test-key")

      const put = received.find((r) => r.method === "PUT")!
      assert.strictEqual(decodeResponse(JSON.parse(put.body)).metadata.request_id, secondId)
      assert.strictEqual(put.headers["authorization"], `Basic ${Buffer.from("user:pa$s").toString("base64")}`)
    }).pipe(Effect.scoped))
})

describe("other routes", () => {
  layer(DeepgramEmulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("unknown paths are a Deepgram-shaped 404, wrong methods a 405", () =>
      Effect.gen(function*() {
        const url = yield* DeepgramEmulator.url
        const missing = yield* request(`${url}/v1/nothing`)
        assert.strictEqual(missing.status, 404)
        assert.strictEqual(decodeError(missing.json).err_code, "NOT_FOUND")
        assert.strictEqual(missing.headers.get("dg-request-id"), decodeError(missing.json).request_id)
        const wrong = yield* request(`${url}/v1/auth/grant`, { method: "PUT" })
        assert.strictEqual(wrong.status, 405)
        assert.strictEqual(wrong.headers.get("allow"), "POST")
      }))
  })

  it.scopedLive("cors: off by default, preflights answered when enabled", () =>
    Effect.gen(function*() {
      const preflight = (url: string) =>
        request(`${url}/v1/listen`, {
          method: "OPTIONS",
          headers: {
            origin: "http://127.0.0.1:1234",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type"
          }
        })
      const plain = yield* DeepgramEmulator.make()
      assert.isNull((yield* preflight(plain.url)).headers.get("access-control-allow-origin"))
      const open = yield* DeepgramEmulator.make({ cors: true })
      const answer = yield* preflight(open.url)
      assert.isBelow(answer.status, 300)
      assert.strictEqual(answer.headers.get("access-control-allow-origin"), "*")
      const posted = yield* postAudio(`${open.url}/v1/listen`, wav({ sampleRate: 8000, channels: 1, seconds: 0.2 }), {
        authorization: "Token t",
        origin: "http://127.0.0.1:1234"
      })
      assert.strictEqual(posted.headers.get("access-control-allow-origin"), "*")
      assert.include(posted.headers.get("access-control-expose-headers") ?? "", "dg-request-id")
    }))
})
