/**
 * `npm run demo:telemetry`: the SDK's spans exported through
 * `@effect/opentelemetry`. Every operation is one client span
 * (`Deepgram.<operation>`) with its outcome, request id and attempts; here
 * they go to the console, in production to any OpenTelemetry exporter (OTLP,
 * Jaeger, …). Offline through the emulator, or Deepgram with a key.
 */
import { Listen, Speak } from "@effect-deepgram/node"
import { NodeSdk } from "@effect/opentelemetry"
import { BatchSpanProcessor, ConsoleSpanExporter } from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Stream } from "effect"
import { DeepgramOrEmulator, fixtures, runMain } from "./runtime.js"

const Tracing = NodeSdk.layer(() => ({
  resource: { serviceName: "effect-deepgram-demo" },
  spanProcessor: new BatchSpanProcessor(new ConsoleSpanExporter())
}))

const program = Effect.gen(function*() {
  const listen = yield* Listen.Listen
  const result = yield* listen.transcribeFile(`${fixtures}spacewalk.wav`, { model: "nova-3" })
  yield* Console.log(result.results.channels[0]?.alternatives?.[0]?.transcript)
  const speak = yield* Speak.Speak
  const bytes = yield* speak.audio("Traced speech.", { encoding: "linear16", container: "wav" }).pipe(
    Stream.runFold(0, (n, chunk) => n + chunk.byteLength)
  )
  yield* Console.log(`${bytes} bytes of audio`)
}).pipe(Effect.withSpan("demo"))

runMain(program.pipe(Effect.provide(DeepgramOrEmulator), Effect.provide(Tracing)))
