import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Agent, Auth, Listen, Manage, NodeDeepgram, Read, Speak } from "@effect-deepgram/node"
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
const rec2 = recorder()

const forms = (error: unknown) => [String(error), inspect(error, { depth: 10 }), JSON.stringify(error), (error as Error).message]

describe("secrets never leak", () => {
  it.live("the API key appears in no error, log line or span attribute", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const sdk = NodeDeepgram.layer({
        baseUrl: emulator.url,
        apiKey: SECRET,
        // Short enough for the latency fault below to time out, long enough for a cold first request on a busy machine.
        timeout: "1500 millis",
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
      yield* emulator.injectFault(Fault.latency("3 seconds"), { times: 2 })
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

  it.live("speak, read, manage, auth and agent: neither the API key nor an access token leaks", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-token-payload.signature-0f1e2d"
      const errors: Array<unknown> = []
      const values: Array<unknown> = []
      const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        effect.pipe(
          Effect.tapErrorCause((cause) => Effect.logError("operation failed", cause)),
          Effect.tap((value) => Effect.sync(() => values.push(value))),
          Effect.tapError((error) => Effect.sync(() => errors.push(error))),
          Effect.option
        )
      const settings: Agent.Settings = {
        audio: { input: { encoding: "linear16", sample_rate: 16000 } },
        agent: {
          listen: { provider: { type: "deepgram", model: "nova-3" } },
          think: { provider: { type: "open_ai", model: "gpt-4o-mini" }, prompt: "p" },
          speak: { provider: { type: "deepgram", model: "aura-2-thalia-en" } }
        }
      }
      const calls = Effect.gen(function*() {
        const speak = yield* Speak.Speak
        const read = yield* Read.Read
        const manage = yield* Manage.Manage
        const auth = yield* Auth.Auth
        yield* emulator.injectFault(Fault.status(401))
        yield* run(speak.generate("Hello there.", { model: "aura-2-thalia-en" }))
        yield* emulator.injectFault(Fault.status(500), { times: 2 })
        yield* run(Stream.runDrain(speak.audio("Hello there.", { model: "aura-2-thalia-en" })))
        yield* emulator.injectFault(Fault.malformedBody())
        yield* run(read.analyze("Some text to read.", { summarize: true, language: "en" }))
        yield* emulator.injectFault(Fault.status(403))
        yield* run(manage.projects.list())
        yield* emulator.injectFault(Fault.drop, { times: 2 })
        yield* run(auth.grant())
        yield* run(read.analyze("x", { summarise: true } as unknown as Read.Options))
      })
      // An API key, then an access token (Bearer), against the emulator.
      yield* calls.pipe(
        Effect.provide(NodeDeepgram.layer({ baseUrl: emulator.url, apiKey: SECRET, retry: { retries: 1, baseDelay: "10 millis" } }))
      )
      yield* calls.pipe(
        Effect.provide(NodeDeepgram.layer({ baseUrl: emulator.url, accessToken: TOKEN, retry: { retries: 1, baseDelay: "10 millis" } }))
      )

      // Refused and failed WebSockets on the new channels (speak v1 and agent).
      const refusing = yield* scriptedPeer(() => {}, { refuse: { status: 401, headers: { "dg-error": "Invalid credentials." } } })
      const closing = yield* scriptedPeer((ws) => ws.close(1011, "NET-0001 timeout"))
      for (const url of [refusing.url, closing.url]) {
        for (const credentials of [{ apiKey: SECRET }, { accessToken: TOKEN }]) {
          const sdk = NodeDeepgram.layer({ baseUrl: url, ...credentials })
          yield* run(Effect.flatMap(Speak.Speak, (speak) => Stream.runDrain(speak.live(Stream.make("Hello."))))).pipe(
            Effect.provide(sdk)
          )
          yield* run(Effect.flatMap(Agent.Agent, (agent) => Stream.runDrain(agent.converse(Stream.never, { settings })))).pipe(
            Effect.provide(sdk)
          )
        }
      }

      assert.isAtLeast(errors.length, 16)
      for (const error of errors) {
        for (const form of forms(error)) {
          assert.notInclude(form, SECRET)
          assert.notInclude(form, TOKEN)
        }
      }
      for (const value of values) assert.notInclude(inspect(value, { depth: 10 }), SECRET)
      assert.isTrue(rec2.spans.some((span) => span.name.includes("speak")), "speak spans")
      assert.isTrue(rec2.spans.some((span) => span.name.includes("manage")), "manage spans")
      assert.isAbove(rec2.logs.length, 10)
      assert.notInclude(rec2.everything(), SECRET)
      assert.notInclude(rec2.everything(), TOKEN)
    }).pipe(
      Effect.scoped,
      Effect.provide(emulatorLayer()),
      Effect.withTracer(rec2.tracer),
      Effect.provide(Logger.replace(Logger.defaultLogger, rec2.logger)),
      Logger.withMinimumLogLevel(LogLevel.All)
    ), 60_000)
})
