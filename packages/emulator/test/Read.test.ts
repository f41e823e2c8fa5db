/**
 * `POST /v1/read`: deterministic text intelligence derived from the text, `{ url }` bodies, callbacks, and
 * validation of what the client sends.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { DeepgramEmulator } from "../src/index.js"
import { call, decoded, failure } from "./rest.js"

const text = "I love this product and the support team was wonderful. " +
  "Can you tell me about pricing for the enterprise plan? " +
  "The billing portal was slow and the invoice was wrong. " +
  "Please cancel my old subscription. " +
  "Thanks for the help with the enterprise pricing."

const analyze = (url: string, query: Record<string, string | boolean | ReadonlyArray<string>>, body: unknown = { text }) =>
  call(url, "read.v1.text.analyze", { query, body })

/** A loopback server answering `text` on every GET and recording POST bodies. */
const textServer = (content: string) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly posted: Deferred.Deferred<{ headers: Http.IncomingHttpHeaders; body: string }> }>(
      (resume) => {
        const posted = Deferred.unsafeMake<{ headers: Http.IncomingHttpHeaders; body: string }>(
          undefined as never
        )
        const server = Http.createServer((request, response) => {
          if (request.method === "GET") {
            response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "text/plain" })
            response.end(request.url === "/missing" ? "not here" : content)
            return
          }
          const chunks: Array<Buffer> = []
          request.on("data", (chunk: Buffer) => chunks.push(chunk))
          request.on("end", () => {
            response.writeHead(200)
            response.end()
            Deferred.unsafeDone(posted, Effect.succeed({ headers: request.headers, body: Buffer.concat(chunks).toString() }))
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const port = (server.address() as AddressInfo).port
          resume(Effect.succeed(Object.assign({ url: `http://127.0.0.1:${port}`, posted }, { server })))
        })
      }
    ),
    (handle) =>
      Effect.async<void>((resume) => {
        ;(handle as unknown as { server: Http.Server }).server.close(() => resume(Effect.void))
      })
  )

describe("POST /v1/read", () => {
  it.scopedLive("summary, topics, intents and sentiment derived from the text, deterministically", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const query = { summarize: "v2", topics: true, intents: true, sentiment: true, language: "en" }
      const answer = yield* analyze(url, query)
      const result = decoded("read.v1.text.analyze", answer)
      const again = decoded("read.v1.text.analyze", yield* analyze(url, query))

      const metadata = result.metadata.metadata
      assert.strictEqual(metadata.request_id, answer.headers.get("dg-request-id"))
      assert.strictEqual(metadata.language, "en")
      assert.strictEqual(metadata.summary_info.input_tokens, text.split(" ").length)
      assert.isString(metadata.sentiment_info.model_uuid)
      assert.isString(metadata.topics_info.model_uuid)
      assert.isString(metadata.intents_info.model_uuid)
      assert.deepStrictEqual(again.results, result.results, "same text, same results")

      // Five sentences: the summary is the first two.
      assert.strictEqual(
        result.results.summary.results.summary.text,
        "I love this product and the support team was wonderful. Can you tell me about pricing for the enterprise plan?"
      )

      const sentiments = result.results.sentiments
      assert.deepStrictEqual(
        sentiments.segments.map((s: { sentiment: string }) => s.sentiment),
        ["positive", "neutral", "negative", "negative", "positive"]
      )
      assert.deepStrictEqual(
        sentiments.segments.map((s: { start_word: number; end_word: number }) => [s.start_word, s.end_word]),
        [[0, 9], [10, 19], [20, 29], [30, 34], [35, 42]]
      )
      assert.strictEqual(sentiments.segments[2].text, "The billing portal was slow and the invoice was wrong.")
      for (const segment of sentiments.segments) {
        assert.isTrue(segment.sentiment_score >= -1 && segment.sentiment_score <= 1)
      }
      assert.strictEqual(sentiments.average.sentiment, "neutral")

      const topics = result.results.topics.results.topics.segments
      assert.include(topics[1].topics.map((t: { topic: string }) => t.topic), "Enterprise")
      for (const segment of topics) {
        for (const topic of segment.topics) assert.isTrue(topic.confidence_score > 0 && topic.confidence_score < 1)
      }

      const intents = result.results.intents.results.intents.segments
      assert.deepStrictEqual(
        intents.map((s: { intents: Array<{ intent: string }> }) => s.intents.map((i) => i.intent)),
        [["Ask about enterprise"], ["Cancel service", "Request subscription"], ["Express gratitude"]]
      )
      assert.strictEqual(intents[0].start_word, 10)
    }))

  it.scopedLive("only the features asked for; custom topics and intents, strict or extended", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const plain = decoded("read.v1.text.analyze", yield* analyze(url, {}))
      assert.deepStrictEqual(plain.results, {})
      assert.deepStrictEqual(Object.keys(plain.metadata.metadata).sort(), ["created", "language", "request_id"])

      const strict = decoded(
        "read.v1.text.analyze",
        yield* analyze(url, {
          custom_topic: ["invoice", "pricing"],
          custom_topic_mode: "strict",
          custom_intent: "cancel",
          custom_intent_mode: "strict"
        })
      )
      assert.deepStrictEqual(
        strict.results.topics.results.topics.segments.map((s: { topics: Array<{ topic: string }> }) =>
          s.topics.map((t) => t.topic)
        ),
        [["pricing"], ["invoice"], ["pricing"]]
      )
      assert.deepStrictEqual(
        strict.results.intents.results.intents.segments.map((s: { intents: Array<{ intent: string }> }) =>
          s.intents.map((i) => i.intent)
        ),
        [["cancel"]]
      )
      const extended = decoded("read.v1.text.analyze", yield* analyze(url, { topics: true, custom_topic: "invoice" }))
      const third = extended.results.topics.results.topics.segments[2].topics.map((t: { topic: string }) => t.topic)
      assert.strictEqual(third[0], "invoice")
      assert.isTrue(third.length > 1)
    }))

  it.scopedLive("{ url } bodies are downloaded; a failed download is REMOTE_CONTENT_ERROR", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const server = yield* textServer(text)
      const fromUrl = decoded("read.v1.text.analyze", yield* analyze(url, { sentiment: true }, { url: `${server.url}/t.txt` }))
      const fromText = decoded("read.v1.text.analyze", yield* analyze(url, { sentiment: true }))
      assert.deepStrictEqual(fromUrl.results, fromText.results)
      const missing = yield* analyze(url, { sentiment: true }, { url: `${server.url}/missing` })
      assert.strictEqual(
        failure(missing, 400, "REMOTE_CONTENT_ERROR"),
        "Could not download the text from the provided URL: the server answered 404."
      )
    }))

  it.scopedLive("callback mode answers { request_id } and POSTs the result", () =>
    Effect.gen(function*() {
      const { url } = yield* DeepgramEmulator.make()
      const server = yield* textServer("")
      const answer = yield* analyze(url, { summarize: true, callback: `${server.url}/hook` })
      assert.strictEqual(answer.status, 200)
      const requestId = answer.headers.get("dg-request-id")
      assert.deepStrictEqual(answer.json, { request_id: requestId })
      const delivered = yield* Deferred.await(server.posted)
      assert.strictEqual(delivered.headers["dg-request-id"], requestId!)
      const result = decoded("read.v1.text.analyze", {
        status: 200,
        headers: new Headers({ "content-type": "application/json" }),
        text: delivered.body,
        json: JSON.parse(delivered.body)
      })
      assert.strictEqual(result.metadata.metadata.request_id, requestId)
      assert.isString(result.results.summary.results.summary.text)
    }))

  it.scopedLive("bad input: Deepgram's error shape with a precise message; characters journaled", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const { url } = emulator
      const bad = (query: Record<string, string | boolean>, body: unknown) =>
        Effect.map(analyze(url, query, body), (answer) => failure(answer, 400, undefined))
      assert.strictEqual(yield* bad({}, { text: "   " }), "The text is empty.")
      assert.strictEqual(
        yield* bad({ summarize: "v9" }, { text }),
        "Invalid query parameter 'summarize': expected \"v2\" or a boolean (true or false), got 'v9'."
      )
      assert.strictEqual(yield* bad({ sentiments: true }, { text }), "Unknown query parameter 'sentiments'.")
      assert.strictEqual(yield* bad({}, { txt: text }), "Expected an object with `url` or `text`.")
      assert.strictEqual(yield* bad({}, { text: 42 }), "Invalid field 'text': expected a string, got 42.")
      assert.strictEqual(
        yield* bad({ custom_topic_mode: "loose" }, { text }),
        "Invalid query parameter 'custom_topic_mode': expected one of extended, strict, got 'loose'."
      )
      assert.strictEqual(
        yield* bad({ language: "fr" }, { text }),
        "Text intelligence supports English only: language 'fr' is not supported."
      )
      assert.strictEqual(
        yield* bad({ callback: "ftp://example.com" }, { text }),
        "Invalid query parameter 'callback': expected an http(s) URL, got 'ftp://example.com'."
      )
      failure(yield* call(url, "read.v1.text.analyze", { body: { text }, authorization: "" }), 401, "INVALID_AUTH")

      yield* emulator.clearJournal
      decoded("read.v1.text.analyze", yield* analyze(url, {}))
      const [entry] = yield* emulator.journal
      assert.strictEqual(entry!.characters, text.length)
      assert.strictEqual(entry!.path, "/v1/read")
    }))
})
