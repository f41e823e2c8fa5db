// R4, fuzz: generated malformed, truncated, oversized and hostile server data,
// through the real SDK over loopback and through the schema decoders. Every
// outcome must be a value (known, Unknown or Invalid events; responses) or a
// typed DeepgramError: no defect, no untyped failure, no hang, no prototype
// pollution. `npm test` runs a few hundred cases per property; DEEPGRAM_SOAK=1
// (bench/robustness.ts) runs 10,000.
import { AgentV1, ListenV1, ListenV2, SpeakV1, SpeakV2 } from "@effect-deepgram/schema"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Either, Exit, ManagedRuntime, Schema, Stream } from "effect"
import fc from "fast-check"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"
import { resultsFrame } from "./helpers.js"
import { sized } from "./soak.js"

const SOCKET_RUNS = sized(150, 10_000)
const HTTP_RUNS = sized(150, 10_000)
const DECODER_RUNS = sized(2_000, 10_000)

const typedErrors = new Set([
  "DeepgramConfigError",
  "DeepgramInputError",
  "DeepgramApiError",
  "DeepgramDecodeError",
  "DeepgramTimeoutError",
  "DeepgramTransportError",
  "DeepgramHandshakeError",
  "DeepgramSocketError"
])

/** Success, or failures that are all typed DeepgramErrors: no die, no interruption. */
const assertTyped = (exit: Exit.Exit<unknown, unknown>, context: unknown) => {
  if (Exit.isSuccess(exit)) return
  const cause = exit.cause
  if (Cause.isDie(cause) || Cause.isInterrupted(cause)) {
    assert.fail(`defect or interruption for ${JSON.stringify(context).slice(0, 500)}:\n${Cause.pretty(cause)}`)
  }
  for (const error of Cause.failures(cause)) {
    const tag = (error as { readonly _tag?: unknown })._tag
    assert.isTrue(typeof tag === "string" && typedErrors.has(tag), `untyped failure ${String(tag)}: ${Cause.pretty(cause)}`)
  }
}

const assertNoPollution = () => {
  const probe = {} as Record<string, unknown>
  assert.isUndefined(probe["polluted"], "Object.prototype was polluted")
}

// ---------------------------------------------------------------------------
// What servers send

const listenTypes = ["Results", "Metadata", "SpeechStarted", "UtteranceEnd", "Error", "Warning"]
const fluxTypes = ["Connected", "TurnInfo", "ConfigureSuccess", "ConfigureFailure", "Error", "FatalError"]
const fieldNames = [
  "channel", "alternatives", "transcript", "confidence", "words", "word", "start", "end", "duration", "is_final",
  "speech_final", "from_finalize", "channel_index", "metadata", "request_id", "model_info", "model_uuid", "sha256",
  "created", "channels", "models", "transaction_key", "timestamp", "last_word_end", "description", "message",
  "variant", "code", "sequence_id", "event", "turn_index", "audio_window_start", "audio_window_end",
  "end_of_turn_confidence", "languages", "thresholds", "err_code", "err_msg"
]

const results = resultsFrame("hello world", { requestId: "r" })
const metadata = JSON.stringify({
  type: "Metadata",
  transaction_key: "deprecated",
  request_id: "r",
  sha256: "0",
  created: "2026-01-01T00:00:00Z",
  duration: 1,
  channels: 1
})
const turnInfo = JSON.stringify({
  type: "TurnInfo",
  request_id: "r",
  sequence_id: 1,
  event: "Update",
  turn_index: 0,
  audio_window_start: 0,
  audio_window_end: 1,
  transcript: "hi",
  words: [],
  end_of_turn_confidence: 0.5
})
const connected = JSON.stringify({ type: "Connected", request_id: "r", sequence_id: 0 })
const samples = [results, metadata, turnInfo, connected]

const hostile: ReadonlyArray<string> = [
  "{\"type\":\"Results\",\"__proto__\":{\"polluted\":true}}",
  "{\"type\":\"Metadata\",\"constructor\":{\"prototype\":{\"polluted\":true}}}",
  "{\"__proto__\":{\"polluted\":true},\"type\":\"TurnInfo\",\"event\":\"__proto__\"}",
  "[".repeat(100_000) + "]".repeat(100_000),
  "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
  "{\"type\":\"Results\",\"duration\":1e400,\"start\":-1e400}",
  `{"type":"${"x".repeat(2_000_000)}"}`,
  `{"type":"Results","channel":{"alternatives":[{"transcript":"${"a".repeat(3_000_000)}"}]}}`,
  "null",
  "[]",
  "\"Results\"",
  "{\"type\":null}",
  "{\"type\":{\"toString\":1}}",
  "{\"type\":\"toString\"}",
  "{\"type\":\"hasOwnProperty\"}",
  "{\"type\":\"Results\",\"channel\":{\"alternatives\":null}}",
  "\uD800\uDFFF\uD800",
  "{\"type\":\"Results\"\u0000}",
  "",
  " ",
  "{\"type\":\"Metadata\",\"duration\":\"NaN\",\"channels\":-1}",
  "{\"type\":\"Error\",\"description\":" + JSON.stringify("e".repeat(100_000)) + "}"
]

const jsonValue = fc.jsonValue({ maxDepth: 3 })

/** A message object with a known or random type and random (often wrong) fields. */
const messageObject = (types: ReadonlyArray<string>) =>
  fc.tuple(
    fc.oneof(fc.constantFrom(...types), fc.string({ maxLength: 20 })),
    fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 10 })), jsonValue, { maxKeys: 8 })
  ).map(([type, fields]) => JSON.stringify({ ...fields, type }))

/** A real message with one field replaced, removed, or given another type. */
const mutated = fc.tuple(fc.constantFrom(...samples), fc.constantFrom(...fieldNames), fc.option(jsonValue)).map(
  ([sample, field, value]) => {
    const object = JSON.parse(sample) as Record<string, unknown>
    if (value === null) delete object[field]
    else object[field] = value
    return JSON.stringify(object)
  }
)

const truncated = fc.tuple(fc.constantFrom(...samples), fc.nat()).map(([sample, n]) => sample.slice(0, n % sample.length))

const textFrame = (types: ReadonlyArray<string>) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...samples), weight: 2 },
    { arbitrary: messageObject(types), weight: 4 },
    { arbitrary: mutated, weight: 4 },
    { arbitrary: truncated, weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 2 },
    { arbitrary: fc.constantFrom(...hostile), weight: 1 }
  )

type Frame = { readonly text: string } | { readonly binary: Uint8Array }

const frame = (types: ReadonlyArray<string>): fc.Arbitrary<Frame> =>
  fc.oneof(
    { arbitrary: textFrame(types).map((text) => ({ text })), weight: 9 },
    { arbitrary: fc.uint8Array({ maxLength: 512 }).map((binary) => ({ binary })), weight: 1 }
  )

type Ending =
  | { readonly _tag: "Close"; readonly code: number; readonly reason: string }
  | { readonly _tag: "Terminate" }

const ending: fc.Arbitrary<Ending> = fc.oneof(
  fc.record({
    _tag: fc.constant("Close" as const),
    code: fc.constantFrom(1000, 1001, 1008, 1011, 4000, 4999),
    reason: fc.oneof(fc.constantFrom("", "NET-0001", "DATA-0000 bad"), fc.string({ maxLength: 100 }))
  }),
  fc.constant({ _tag: "Terminate" as const })
)

interface Script {
  readonly frames: ReadonlyArray<Frame>
  /** Ends when the client's CloseStream arrives (the normal flow), or right after the frames. */
  readonly waitForCloseStream: boolean
  readonly ending: Ending
}

const script = (types: ReadonlyArray<string>): fc.Arbitrary<Script> =>
  fc.record({ frames: fc.array(frame(types), { maxLength: 12 }), waitForCloseStream: fc.boolean(), ending })

/** Utf-8 byte length, for close reasons (at most 123 bytes on the wire). */
const clip = (reason: string) => {
  let out = reason
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1)
  return out
}

/**
 * A loopback server (the HTTP server `make` builds, and its WebSocket server if
 * any) that answers with what was last `play`ed; closed with the scope.
 */
const playServer = <A>(
  initial: A,
  make: (current: () => A) => { readonly server: Server; readonly wss?: WebSocketServer }
) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; play: (next: A) => void; readonly close: () => Promise<void> }>((resume) => {
      let current = initial
      const { server, wss } = make(() => current)
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          play: (next) => {
            current = next
          },
          close: () =>
            new Promise<void>((done) => {
              for (const client of wss?.clients ?? []) client.terminate()
              wss?.close()
              server.close(() => done())
              server.closeAllConnections()
            })
        })))
    }),
    (server) => Effect.promise(server.close)
  )

/** A loopback WebSocket server that plays the current script to every connection. */
const socketServer = playServer<Script>(
  { frames: [], waitForCloseStream: false, ending: { _tag: "Close", code: 1000, reason: "" } },
  (current) => {
    const server = createServer()
    const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 * 1024 })
    wss.on("connection", (ws) => {
      ws.on("error", () => {})
      const { ending, frames, waitForCloseStream } = current()
      for (const f of frames) ws.send("text" in f ? f.text : f.binary, { binary: !("text" in f) })
      const end = () => {
        if (ending._tag === "Terminate") ws.terminate()
        else ws.close(ending.code, clip(ending.reason))
      }
      if (!waitForCloseStream) return end()
      ws.on("message", (data, binary) => {
        if (!binary && String(data).includes("CloseStream")) end()
      })
    })
    return { server, wss }
  }
)

const sdk = (url: string, retries = 0) =>
  ManagedRuntime.make(
    NodeDeepgram.layer({ baseUrl: url, apiKey: "fuzz-key", retry: { retries, baseDelay: "1 millis", maxDelay: "5 millis" } })
  )

const pcm = new Uint8Array(3200)

const count = (seen: { events: number; types: Set<string> }, events: Iterable<unknown>) => {
  for (const event of events) {
    seen.events++
    seen.types.add(String((event as { readonly type?: unknown }).type))
  }
}

/** The two live endpoints: what the scripts play, how the SDK opens a session, and the event types some run must reach. */
const socketCases: ReadonlyArray<{
  readonly name: string
  readonly types: ReadonlyArray<string>
  readonly open: (listen: Listen.Service) => Stream.Stream<unknown, unknown>
  readonly reached: ReadonlyArray<string>
}> = [
  {
    name: "listen v1",
    types: listenTypes,
    open: (listen) =>
      listen.live(Stream.make(pcm), { model: "nova-3", encoding: "linear16", sample_rate: 16000 }, { closeTimeout: "2 seconds" }),
    reached: ["Results", "Metadata", "Unknown", "Invalid"]
  },
  {
    name: "Flux",
    types: fluxTypes,
    open: (listen) =>
      listen.flux(Stream.make(pcm), { model: "flux-general-en", encoding: "linear16", sample_rate: 16000 }, {
        closeTimeout: "2 seconds"
      }),
    reached: ["Connected", "TurnInfo", "Unknown", "Invalid"]
  }
]

describe("R4: fuzzed server messages through the real socket", () => {
  for (const { name, open, reached, types } of socketCases) {
    it.scopedLive(`${name}: ${SOCKET_RUNS} scripts`, () =>
      Effect.gen(function*() {
        const server = yield* socketServer
        const runtime = sdk(server.url)
        yield* Effect.addFinalizer(() => runtime.disposeEffect)
        const seen = { events: 0, types: new Set<string>() }
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(script(types), async (s) => {
              server.play(s)
              const exit = await runtime.runPromiseExit(
                Effect.flatMap(Listen.Listen, (listen) =>
                  open(listen).pipe(Stream.runForEach((event) => Effect.sync(() => count(seen, [event]))))).pipe(
                    Effect.timeoutFail({ duration: "20 seconds", onTimeout: () => new Error("hang") })
                  )
              )
              assertTyped(exit, s)
              assertNoPollution()
            }),
            { numRuns: SOCKET_RUNS }
          )
        )
        // The runs reached the decoders: known, Unknown and Invalid events all came through.
        assert.isAbove(seen.events, SOCKET_RUNS)
        assert.includeMembers([...seen.types], [...reached])
      }), sized(120_000, 3_600_000))
  }
})

// ---------------------------------------------------------------------------
// HTTP bodies

const transcription = JSON.stringify({
  metadata: {
    transaction_key: "deprecated",
    request_id: "r",
    sha256: "0",
    created: "2026-01-01T00:00:00Z",
    duration: 1,
    channels: 1,
    models: ["m"],
    model_info: { m: { name: "n", version: "v", arch: "a" } }
  },
  results: { channels: [{ alternatives: [{ transcript: "hello", confidence: 0.9, words: [] }] }] }
})

const responseFields = ["metadata", "results", "channels", "alternatives", "transcript", "err_code", "err_msg", "category", "message", "details", "request_id"]

type Reply =
  | {
    readonly _tag: "Reply"
    readonly status: number
    readonly contentType: string | undefined
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  | { readonly _tag: "Cut"; readonly status: number; readonly body: string }
  | { readonly _tag: "Destroy" }

const httpBody = fc.oneof(
  { arbitrary: fc.constant(transcription), weight: 2 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...responseFields), fc.option(jsonValue)).map(([field, value]) => {
      const object = JSON.parse(transcription) as Record<string, unknown>
      if (value === null) delete object[field]
      else object[field] = value
      return JSON.stringify(object)
    }),
    weight: 3
  },
  { arbitrary: fc.nat().map((n) => transcription.slice(0, n % transcription.length)), weight: 2 },
  {
    arbitrary: fc.dictionary(fc.constantFrom(...responseFields), jsonValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
    weight: 3
  },
  {
    arbitrary: fc.string({ maxLength: 50 }).map((title) =>
      `<!DOCTYPE html><html><head><title>${title}</title><style>body{}</style></head><body><h1>502 Bad Gateway</h1>${
        "<p>filler</p>".repeat(200)
      }</body></html>`
    ),
    weight: 1
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 300 }), weight: 2 },
  { arbitrary: fc.constantFrom(...hostile), weight: 1 }
)

const reply: fc.Arbitrary<Reply> = fc.oneof(
  {
    arbitrary: fc.record({
      _tag: fc.constant("Reply" as const),
      status: fc.oneof(fc.constantFrom(200, 200, 200, 400, 401, 402, 403, 404, 408, 413, 429, 500, 502, 503, 504), fc.integer({ min: 200, max: 599 })),
      contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/html", "text/plain", undefined),
      headers: fc.record({
        "dg-request-id": fc.string({ maxLength: 40 }),
        "retry-after": fc.constantFrom("0", "1", "-1", "abc", "1e10", "Wed, 21 Oct 2015 07:28:00 GMT", "")
      }, { requiredKeys: [] }),
      body: httpBody
    }),
    weight: 9
  },
  { arbitrary: fc.record({ _tag: fc.constant("Cut" as const), status: fc.constantFrom(200, 500), body: httpBody }), weight: 1 },
  { arbitrary: fc.constant({ _tag: "Destroy" as const }), weight: 1 }
)

const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, "")

const httpServer = playServer<Reply>({ _tag: "Destroy" }, (current) => {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on("end", () => {
      const r = current()
      switch (r._tag) {
        case "Destroy":
          return req.socket.destroy()
        case "Cut": {
          // Promises more bytes than it sends, then drops the connection.
          res.writeHead(r.status, { "content-type": "application/json", "content-length": Buffer.byteLength(r.body) + 100 })
          res.write(r.body)
          return setTimeout(() => req.socket.destroy(), 5)
        }
        case "Reply": {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(r.headers)) headers[name] = headerSafe(value)
          if (r.contentType !== undefined) headers["content-type"] = r.contentType
          res.writeHead(r.status, headers)
          return res.end(r.body)
        }
      }
    })
  })
  return { server }
})

describe("R4: fuzzed HTTP answers to the real SDK", () => {
  for (const retries of [0, 2]) {
    it.scopedLive(`prerecorded, ${retries} retries: ${HTTP_RUNS} answers`, () =>
      Effect.gen(function*() {
        const server = yield* httpServer
        const runtime = sdk(server.url, retries)
        yield* Effect.addFinalizer(() => runtime.disposeEffect)
        const outcomes = new Set<string>()
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(reply, async (r) => {
              server.play(r)
              const exit = await runtime.runPromiseExit(
                Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(pcm, { model: "nova-3" }, { timeout: "5 seconds" }))
              )
              assertTyped(exit, r)
              assertNoPollution()
              outcomes.add(Exit.isSuccess(exit) ? "Success" : String(Cause.failures(exit.cause).pipe((c) => [...c][0]?._tag)))
            }),
            { numRuns: HTTP_RUNS }
          )
        )
        assert.includeMembers([...outcomes], ["Success", "DeepgramApiError", "DeepgramDecodeError", "DeepgramTransportError"])
      }), sized(120_000, 3_600_000))
  }

  // Found at full size: the typed error kept the ParseError as its cause, whose message renders the
  // 100,000-deep value; Cause.pretty (a log line, runPromise's FiberFailure) then overflowed the stack.
  it.scopedLive("a body nested 100,000 deep gives a DeepgramDecodeError that Cause.pretty can render", () =>
    Effect.gen(function*() {
      const server = yield* httpServer
      const runtime = sdk(server.url)
      yield* Effect.addFinalizer(() => runtime.disposeEffect)
      for (const body of [hostile[3]!, hostile[4]!]) {
        server.play({ _tag: "Reply", status: 200, contentType: "application/json", headers: {}, body })
        const exit = yield* Effect.promise(() =>
          runtime.runPromiseExit(Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(pcm, { model: "nova-3" })))
        )
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isSuccess(exit)) return
        const error = Cause.squash(exit.cause) as { readonly _tag?: string; readonly cause?: { readonly message?: string } }
        assert.strictEqual(error._tag, "DeepgramDecodeError")
        assert.include(error.cause?.message ?? "", "nested too deeply")
        // Rendering the whole failure, the way a log or an unhandled rejection would, does not throw.
        assert.include(Cause.pretty(exit.cause), "DeepgramDecodeError")
      }
    }))
})

// ---------------------------------------------------------------------------
// The decoders themselves

const decoders: ReadonlyArray<readonly [string, (text: string) => Either.Either<unknown, unknown>]> = [
  ["ListenV1", ListenV1.decodeServerMessageEither],
  ["ListenV2", ListenV2.decodeServerMessageEither],
  ["SpeakV1", SpeakV1.decodeServerMessageEither],
  ["SpeakV2", SpeakV2.decodeServerMessageEither],
  ["AgentV1", AgentV1.decodeServerMessageEither]
]

describe("R4: fuzzed text through the schema decoders", () => {
  for (const [name, decode] of decoders) {
    it(`${name}.decodeServerMessageEither never throws (${DECODER_RUNS} inputs)`, () => {
      fc.assert(
        fc.property(textFrame([...listenTypes, ...fluxTypes]), (text) => {
          const result = decode(text)
          assert.isTrue(Either.isEither(result))
          if (Either.isLeft(result)) {
            assert.strictEqual((result.left as { readonly _tag?: string })._tag, "MessageDecodeError")
          }
          assertNoPollution()
        }),
        { numRuns: DECODER_RUNS }
      )
    })
  }

  it(`ListenV1.TranscriptionResponse decodes any JSON to a value or a ParseError (${DECODER_RUNS} inputs)`, () => {
    const decode = Schema.decodeUnknownEither(ListenV1.TranscriptionResponse)
    fc.assert(
      fc.property(httpBody, (text) => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          return
        }
        const result = decode(json)
        assert.isTrue(Either.isEither(result))
        assertNoPollution()
      }),
      { numRuns: DECODER_RUNS }
    )
  })
})
