// The SDK's spans through @effect/opentelemetry into an in-memory exporter: names, attributes, no secrets.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Manage, Speak } from "@effect-deepgram/node"
import { NodeSdk } from "@effect/opentelemetry"
import { assert, layer } from "@effect/vitest"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Effect, Stream } from "effect"
import { emulatorLayer, sdkFor } from "./helpers.js"

const SECRET = "dg-secret-key-for-the-telemetry-test"

/** Keeps its spans past the provider's shutdown (the stock one forgets them then). */
class KeepingExporter extends InMemorySpanExporter {
  override shutdown() {
    return Promise.resolve()
  }
}
const project = DeepgramEmulator.defaultProjectId

const traced = <A, E, R>(exporter: InMemorySpanExporter, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provide(sdkFor({ apiKey: SECRET })),
    Effect.provide(NodeSdk.layer(() => ({
      resource: { serviceName: "telemetry-test" },
      spanProcessor: new SimpleSpanProcessor(exporter)
    })))
  )

layer(emulatorLayer(), { excludeTestServices: true })("OpenTelemetry spans", (it) => {
  it.effect("one client span per operation, with its outcome, request id and attempts", () =>
    Effect.gen(function*() {
      const exporter = new KeepingExporter()
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.injectFault(Fault.status(503), { times: 1 })
      yield* traced(exporter, Effect.flatMap(Manage.Manage, (m) => m.projects.get(project)))
      yield* traced(
        exporter,
        Effect.flatMap(Speak.Speak, (s) => Stream.runDrain(s.audio("Traced.", { encoding: "linear16", container: "wav" })))
      )
      const spans = exporter.getFinishedSpans()
      const get = spans.find((span) => span.name === "Deepgram.manage.v1.projects.get")
      assert.isDefined(get, `spans: ${spans.map((s) => s.name).join(", ")}`)
      assert.strictEqual(get!.kind, 2 /* CLIENT */)
      assert.strictEqual(get!.attributes["deepgram.operation"], "manage.v1.projects.get")
      assert.strictEqual(get!.attributes["deepgram.deployment"], "emulator")
      assert.strictEqual(get!.attributes["http.request.method"], "GET")
      assert.strictEqual(get!.attributes["http.response.status_code"], 200)
      assert.strictEqual(get!.attributes["deepgram.attempts"], 2, "the 503 was retried once")
      assert.isString(get!.attributes["deepgram.request_id"])
      const speak = spans.find((span) => span.name === "Deepgram.speak.v1.audio.generate")
      assert.isDefined(speak)
      assert.strictEqual(speak!.attributes["deepgram.attempts"], 1)
      // No span carries the key, in any attribute, event or status.
      assert.notInclude(JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events, s.status])), SECRET)
    }))

  it.effect("a failed operation's span records the error without secrets", () =>
    Effect.gen(function*() {
      const exporter = new KeepingExporter()
      const error = yield* Effect.flip(traced(exporter, Effect.flatMap(Manage.Manage, (m) => m.keys.get(project, "missing"))))
      assert.strictEqual(error._tag, "DeepgramApiError")
      const span = exporter.getFinishedSpans().find((s) => s.name === "Deepgram.manage.v1.projects.keys.get")
      assert.isDefined(span)
      assert.strictEqual(span!.status.code, 2 /* ERROR */)
      assert.strictEqual(span!.attributes["http.response.status_code"], 404)
      assert.notInclude(JSON.stringify([span!.attributes, span!.events, span!.status]), SECRET)
    }))
})
