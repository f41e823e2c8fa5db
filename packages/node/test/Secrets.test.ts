import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Listen, NodeDeepgram } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, LogLevel, Stream, Tracer } from "effect"
import { inspect } from "node:util"
import { emulatorLayer } from "./helpers.js"
import { scriptedPeer } from "./peer.js"

const SECRET = "dg-secret-9f8e7d6c5b4a"

/** Records every span (name and attributes) and every log line. */
const recorder = () => {
  const spans: Array<{ name: string; attributes: Map<string, unknown>; events: Array<unknown> }> = []
  const logs: Array<string> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      const events: Array<unknown> = []
      spans.push({ name, attributes, events })
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      return {
        _tag: "Span",
        name,
        spanId: String(spans.length),
        traceId: "trace",
        parent,
        context,
        get status() {
          return status
        },
        attributes,
        links,
        sampled: true,
        kind,
        end: (endTime, exit) => {
          status = { _tag: "Ended", startTime, endTime, exit }
          if (Exit.isFailure(exit)) events.push(Cause.pretty(exit.cause))
        },
        attribute: (key, value) => attributes.set(key, value),
        event: (eventName, _time, eventAttributes) => events.push({ eventName, eventAttributes }),
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
  const logger = Logger.make(({ annotations, cause, message, spans: logSpans }) => {
    logs.push(inspect({ message, cause: Cause.pretty(cause), annotations, logSpans }, { depth: 10 }))
  })
  const everything = () =>
    [
      ...logs,
      ...spans.map((span) => inspect({ name: span.name, attributes: [...span.attributes], events: span.events }, { depth: 10 }))
    ].join("\n")
  return { spans, logs, tracer, logger, everything }
}

const rec = recorder()

const forms = (error: unknown) => [String(error), inspect(error, { depth: 10 }), JSON.stringify(error), (error as Error).message]

describe("secrets never leak", () => {
  it.live("the API key appears in no error, log line or span attribute", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const sdk = NodeDeepgram.layer({
        baseUrl: emulator.url,
        apiKey: SECRET,
        timeout: "300 millis",
        retry: { retries: 1, baseDelay: "10 millis" }
      })
      const errors: Array<unknown> = []
      const run = <A, E>(effect: Effect.Effect<A, E, Listen.Listen>) =>
        effect.pipe(
          Effect.provide(sdk),
          Effect.tapErrorCause((cause) => Effect.logError("operation failed", cause)),
          Effect.flip,
          Effect.tap((error) => Effect.sync(() => errors.push(error))),
          Effect.option
        )
      const audio = new Uint8Array(1024)
      const listen = <A, E>(f: (l: Listen.Service) => Effect.Effect<A, E>) => Effect.flatMap(Listen.Listen, f)

      yield* emulator.injectFault(Fault.status(401))
      yield* run(listen((l) => l.transcribe(audio)))
      yield* emulator.injectFault(Fault.status(500), { times: 2 })
      yield* run(listen((l) => l.transcribe(audio)))
      yield* emulator.injectFault(Fault.latency("1 second"), { times: 2 })
      yield* run(listen((l) => l.transcribe(audio)))
      yield* emulator.injectFault(Fault.malformedBody())
      yield* run(listen((l) => l.transcribe(audio)))
      yield* emulator.injectFault(Fault.drop, { times: 2 })
      yield* run(listen((l) => l.transcribe(audio)))
      yield* run(listen((l) => l.transcribe(audio, { utt_split: "x" as unknown as number })))
      yield* run(listen((l) => l.transcribeFile("/missing.wav")))

      // A refused WebSocket handshake and a socket closed with an error.
      const refusing = yield* scriptedPeer(() => {}, { refuse: { status: 401, headers: { "dg-error": "Invalid credentials." } } })
      const closing = yield* scriptedPeer((ws) => ws.close(1011, "NET-0001 timeout"))
      for (const url of [refusing.url, closing.url]) {
        yield* Effect.gen(function*() {
          const l = yield* Listen.Listen
          return yield* l.live(Stream.never, { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runDrain)
        }).pipe(
          Effect.provide(NodeDeepgram.layer({ baseUrl: url, apiKey: SECRET })),
          Effect.tapErrorCause((cause) => Effect.logError("live failed", cause)),
          Effect.flip,
          Effect.tap((error) => Effect.sync(() => errors.push(error)))
        )
      }

      assert.isAtLeast(errors.length, 9)
      for (const error of errors) {
        for (const form of forms(error)) assert.notInclude(form, SECRET)
      }
      assert.isAbove(rec.spans.length, 10)
      assert.isTrue(rec.spans.some((span) => span.name.startsWith("Deepgram.listen.v1")))
      assert.isAbove(rec.logs.length, 5)
      assert.notInclude(rec.everything(), SECRET)
      // The operation spans carry what identifies a request, never a credential.
      const transcribeSpans = rec.spans.filter((span) => span.name === "Deepgram.listen.v1.media.transcribe")
      assert.isTrue(transcribeSpans.some((span) => typeof span.attributes.get("deepgram.request_id") === "string"))
      assert.isTrue(transcribeSpans.some((span) => span.attributes.get("http.response.status_code") === 401))
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(emulatorLayer())),
      Effect.withTracer(rec.tracer),
      Effect.provide(Logger.replace(Logger.defaultLogger, rec.logger)),
      Logger.withMinimumLogLevel(LogLevel.All)
    ))
})
