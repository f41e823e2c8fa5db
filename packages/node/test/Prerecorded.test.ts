import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { DeepgramHttp, Listen } from "@effect-deepgram/node"
import { assert, layer } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { emulatorLayer, sdkFor, spacewalk, spacewalkTranscript } from "./helpers.js"

const transcriptOf = (result: Listen.TranscriptionResponse) => result.results.channels[0]?.alternatives?.[0]?.transcript

const lastEntry = Effect.map(DeepgramEmulator.journal, (entries) => entries[entries.length - 1]!)

const fault = (f: Fault.Fault, times = 1) =>
  Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) => emulator.injectFault(f, { times }))

const attempts = Effect.map(DeepgramEmulator.journal, (entries) => entries.length)

const fresh = Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) =>
  Effect.zipRight(emulator.clearJournal, emulator.clearFaults))

const withListen = <A, E, R>(f: (listen: Listen.Service) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Listen.Listen, f)

/** Serves one file on loopback, for `transcribeUrl` and callbacks. */
const fileServer = (bytes: Uint8Array) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; close: () => void }>((resume) => {
      const server = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "audio/wav", "content-length": bytes.byteLength })
        res.end(bytes)
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/spacewalk.wav`,
          close: () => server.close()
        })))
    }),
    (server) => Effect.sync(server.close)
  )

layer(emulatorLayer(), { excludeTestServices: true })("prerecorded transcription against the emulator", (it) => {
  it.effect("transcribes a file streamed from disk", () =>
    Effect.gen(function*() {
      yield* fresh
      const [result, response] = yield* withListen((listen) =>
        DeepgramHttp.withResponse(listen.transcribeFile(spacewalk, { model: "nova-3", smart_format: true }))
      ).pipe(Effect.provide(sdkFor()))
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      assert.approximately(result.metadata.duration, 25.93, 0.05)
      assert.strictEqual(result.metadata.channels, 1)
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.requestId, result.metadata.request_id)
      const words = result.results.channels[0]?.alternatives?.[0]?.words ?? []
      assert.strictEqual(words.length, spacewalkTranscript.split(" ").length)
      assert.isTrue(words.every((w, i) => w.start! < w.end! && (i === 0 || words[i - 1]!.end! <= w.start!)))
      const entry = yield* lastEntry
      assert.strictEqual(entry.bodySize, readFileSync(spacewalk).byteLength)
      assert.strictEqual(entry.authScheme, "token")
    }))

  it.effect("transcribes bytes and a one-shot stream (constant memory upload)", () =>
    Effect.gen(function*() {
      const bytes = new Uint8Array(readFileSync(spacewalk))
      const fromBytes = yield* withListen((listen) => listen.transcribe(bytes, { punctuate: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(fromBytes), spacewalkTranscript)
      const chunks = Stream.fromIterable(
        Array.from({ length: Math.ceil(bytes.byteLength / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536))
      )
      const fromStream = yield* withListen((listen) => listen.transcribe(chunks, { punctuate: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(fromStream), spacewalkTranscript)
    }))

  it.effect("transcribes a Blob (how browsers upload a chosen file), retried like bytes", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(503))
      const blob = new Blob([readFileSync(spacewalk)], { type: "audio/wav" })
      const result = yield* withListen((listen) => listen.transcribe(blob, { punctuate: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      const entries = yield* DeepgramEmulator.journal
      assert.strictEqual(entries.length, 2)
      assert.strictEqual(entries[1]!.headers["content-type"], "audio/wav")
      assert.strictEqual(entries[1]!.bodySize, blob.size)
    }))

  it.effect("an audio stream that fails mid-upload is a typed input error carrying the stream's error", () =>
    Effect.gen(function*() {
      const failing = Stream.concat(Stream.make(new Uint8Array(readFileSync(spacewalk)).subarray(0, 65536)), Stream.fail("disk on fire"))
      const error = yield* withListen((listen) => listen.transcribe(failing)).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      if (error._tag !== "DeepgramInputError") return
      assert.strictEqual(error.reason, "AudioStream")
      assert.strictEqual(error.cause, "disk on fire")
    }))

  it.effect("transcribes a URL the server fetches", () =>
    Effect.gen(function*() {
      const server = yield* fileServer(new Uint8Array(readFileSync(spacewalk)))
      const result = yield* withListen((listen) => listen.transcribeUrl(server.url, { smart_format: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
    }).pipe(Effect.scoped))

  it.effect("encodes options as Deepgram expects: repeated arrays, lowercase booleans, extra query and headers", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* withListen((listen) =>
        listen.transcribe(new Uint8Array(readFileSync(spacewalk)), {
          model: "nova-3",
          keyterm: ["spacewalk", "all-female"],
          smart_format: true,
          diarize: false,
          utt_split: 0.9,
          tag: ["a", "b"]
        }, { query: { brand_new_option: "yes" }, headers: { "x-trace": "t1" } })
      ).pipe(Effect.provide(sdkFor({ sessionId: "session-42" })))
      const entry = yield* lastEntry
      assert.deepStrictEqual(entry.query.keyterm, ["spacewalk", "all-female"])
      assert.deepStrictEqual(entry.query.smart_format, ["true"])
      assert.deepStrictEqual(entry.query.diarize, ["false"])
      assert.deepStrictEqual(entry.query.utt_split, ["0.9"])
      assert.deepStrictEqual(entry.query.tag, ["a", "b"])
      assert.deepStrictEqual(entry.query.brand_new_option, ["yes"])
      assert.strictEqual(entry.headers["x-trace"], "t1")
      assert.strictEqual(entry.headers["x-deepgram-session-id"], "session-42")
      assert.match(entry.headers["user-agent"]!, /^effect-deepgram\//)
    }))

  it.effect("invalid option values are refused before sending, naming the field", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = yield* withListen((listen) =>
        listen.transcribe(new Uint8Array(4), { utt_split: "soon" as unknown as number })
      ).pipe(Effect.provide(sdkFor()), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "utt_split")
      assert.strictEqual(yield* attempts, 0)
    }))

  it.effect("an unreadable file path is an error naming the path", () =>
    Effect.gen(function*() {
      const error = yield* withListen((listen) => listen.transcribeFile("/no/such/audio.wav")).pipe(
        Effect.provide(sdkFor()),
        Effect.flip
      )
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "/no/such/audio.wav")
    }))

  it.effect("callback mode answers with a request id and the server POSTs the result", () =>
    Effect.gen(function*() {
      const received: Array<string> = []
      const callback = yield* Effect.acquireRelease(
        Effect.async<{ url: string; close: () => void }>((resume) => {
          const server = createServer((req, res) => {
            let body = ""
            req.on("data", (chunk) => (body += chunk))
            req.on("end", () => {
              received.push(body)
              res.end("ok")
            })
          })
          server.listen(0, "127.0.0.1", () =>
            resume(Effect.succeed({
              url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
              close: () => server.close()
            })))
        }),
        (server) => Effect.sync(server.close)
      )
      const accepted = yield* withListen((listen) =>
        listen.transcribe(new Uint8Array(readFileSync(spacewalk)), { callback: callback.url })
      ).pipe(Effect.provide(sdkFor()))
      // The narrowed type has a request id and no results.
      assert.isString(accepted.request_id)
      assert.isFalse("results" in accepted)
      const start = Date.now()
      while (received.length === 0 && Date.now() - start < 5000) yield* Effect.sleep("20 millis")
      const delivered = JSON.parse(received[0]!)
      assert.strictEqual(delivered.metadata.request_id, accepted.request_id)
      assert.strictEqual(delivered.results.channels[0].alternatives[0].transcript.toLowerCase().includes("spacewalk"), true)
    }).pipe(Effect.scoped))
})

layer(emulatorLayer(), { excludeTestServices: true })("retries, timeouts and errors", (it) => {
  const small = new Uint8Array(readFileSync(spacewalk))
  const transcribe = (options?: Parameters<typeof sdkFor>[0], request?: Listen.ConnectOptions & Record<string, unknown>) =>
    withListen((listen) => listen.transcribe(small, { punctuate: true }, request)).pipe(Effect.provide(sdkFor(options)))

  it.effect("retries 503 twice by default, then succeeds", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(503), 2)
      const result = yield* transcribe()
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      assert.strictEqual(yield* attempts, 3)
    }))

  it.effect("gives up after the policy's retries with a typed error carrying the request id", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(503), 5)
      const error = yield* Effect.flip(transcribe())
      assert.strictEqual(yield* attempts, 3)
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 503)
      const entries = yield* DeepgramEmulator.journal
      assert.strictEqual(error.requestId, entries[2]!.requestId)
    }))

  it.effect("retry settings per client and per request", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(500), 10)
      yield* Effect.flip(transcribe({ retry: { retries: 0 } }))
      assert.strictEqual(yield* attempts, 1)
      yield* fresh
      yield* fault(Fault.status(500), 10)
      yield* Effect.flip(transcribe({}, { retry: { retries: 4 } }))
      assert.strictEqual(yield* attempts, 5)
      yield* fresh
      yield* fault(Fault.status(500), 10)
      yield* Effect.flip(transcribe({}, { retry: false }))
      assert.strictEqual(yield* attempts, 1)
    }))

  it.effect("honours Retry-After", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(429, { retryAfter: 1 }))
      const start = Date.now()
      yield* transcribe()
      assert.isAtLeast(Date.now() - start, 950)
      assert.strictEqual(yield* attempts, 2)
    }))

  it.effect("does not retry 400/401", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(400), 3)
      const error = yield* Effect.flip(transcribe())
      assert.strictEqual(yield* attempts, 1)
      assert.strictEqual(error._tag === "DeepgramApiError" && error.status, 400)
    }))

  it.effect("never retries a one-shot streamed body", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(503), 3)
      const error = yield* withListen((listen) => listen.transcribe(Stream.make(small))).pipe(
        Effect.provide(sdkFor()),
        Effect.flip
      )
      assert.strictEqual(yield* attempts, 1)
      assert.strictEqual(error._tag === "DeepgramApiError" && error.status, 503)
    }))

  it.effect("retries a file upload (it can be re-read)", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.status(502), 1)
      const result = yield* withListen((listen) => listen.transcribeFile(spacewalk, { punctuate: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      assert.strictEqual(yield* attempts, 2)
    }))

  it.effect("times out per attempt, and timeouts are retried", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.latency("2 seconds"), 5)
      const error = yield* Effect.flip(transcribe({ timeout: "200 millis", retry: { retries: 1 } }))
      assert.strictEqual(error._tag, "DeepgramTimeoutError")
      // two attempts consumed two of the five queued faults
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      assert.strictEqual((yield* emulator.pendingFaults).length, 3)
      yield* emulator.clearFaults
    }))

  it.effect("a dropped connection is a transport error, retried", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* fault(Fault.drop, 1)
      const result = yield* transcribe()
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      assert.strictEqual(yield* attempts, 2)
      yield* fresh
      yield* fault(Fault.drop, 5)
      const error = yield* Effect.flip(transcribe())
      assert.strictEqual(error._tag, "DeepgramTransportError")
    }))

  it.effect("a non-JSON, truncated or schema-violating body is a decode error with status, request id and excerpt", () =>
    Effect.gen(function*() {
      for (const f of [Fault.malformedBody(), Fault.truncatedJson, Fault.schemaViolation]) {
        yield* fresh
        yield* fault(f)
        const error = yield* Effect.flip(transcribe())
        assert.strictEqual(error._tag, "DeepgramDecodeError", f._tag)
        if (error._tag !== "DeepgramDecodeError") continue
        assert.strictEqual(error.status, 200)
        assert.strictEqual(error.requestId, (yield* lastEntry).requestId)
        assert.isAbove(error.excerpt.length, 0)
        assert.isAtMost(error.excerpt.length, 201)
        assert.strictEqual(yield* attempts, 1)
      }
    }))

  it.effect("Deepgram's 400 for an invalid value reaches the caller typed", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = yield* Effect.flip(transcribe({}, { query: { utt_split: "abc" } }))
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 400)
      assert.isString(error.errMsg)
      assert.strictEqual(error.requestId, (yield* lastEntry).requestId)
    }))
})

layer(emulatorLayer({ auth: "keys", apiKeys: ["good-key"] }), { excludeTestServices: true })("auth modes", (it) => {
  const bytes = new Uint8Array(readFileSync(spacewalk))
  it.effect("an API key is sent as Token", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* withListen((listen) => listen.transcribe(bytes)).pipe(Effect.provide(sdkFor({ apiKey: "good-key" })))
      assert.strictEqual((yield* lastEntry).authScheme, "token")
    }))

  it.effect("an access token is sent as Bearer", () =>
    Effect.gen(function*() {
      yield* fresh
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const token = yield* emulator.mintAccessToken()
      yield* withListen((listen) => listen.transcribe(bytes)).pipe(
        Effect.provide(sdkFor({ apiKey: undefined, accessToken: token.access_token }))
      )
      assert.strictEqual((yield* lastEntry).authScheme, "bearer")
    }))

  it.effect("a wrong key is a typed 401 with the request id", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = yield* withListen((listen) => listen.transcribe(bytes)).pipe(
        Effect.provide(sdkFor({ apiKey: "bad-key" })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 401)
      assert.strictEqual(error.errCode, "INVALID_AUTH")
      assert.strictEqual(error.requestId, (yield* lastEntry).requestId)
      assert.strictEqual(yield* attempts, 1)
    }))
})

layer(emulatorLayer({ auth: "none" }), { excludeTestServices: true })("self-hosted (no credentials)", (it) => {
  it.effect("works without credentials and sends no Authorization header", () =>
    Effect.gen(function*() {
      yield* fresh
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const result = yield* withListen((listen) => listen.transcribeFile(spacewalk, { smart_format: true })).pipe(
        Effect.provide(NodeDeepgramSelfHosted(emulator.url))
      )
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      const entry = yield* lastEntry
      assert.strictEqual(entry.authScheme, "none")
      assert.isUndefined(entry.headers.authorization)
    }))
})

import { NodeDeepgram } from "@effect-deepgram/node"
const NodeDeepgramSelfHosted = (url: string) => NodeDeepgram.layer({ baseUrl: url })
