// Diagnostic, not part of `npm run bench`: where the time of one
// `listen.transcribe` goes. Peels the request path layer by layer against the
// same loopback server as P1 (in its own process), then times the pure-CPU
// steps on their own. All variants live in this process (each with its own
// runtime), warmed up, then interleaved over rounds; medians are reported.
// Client CPU is process.cpuUsage() (all threads of this process).
// Usage: npx tsx bench/p1-breakdown.ts [requests] [rounds]
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { DeepgramHttp, Listen, NodeDeepgram } from "@effect-deepgram/node"
import { ListenV1, Operations, ResponseDecoder } from "@effect-deepgram/schema"
import { Effect, Either, Layer, ManagedRuntime, ParseResult } from "effect"
import { performance } from "node:perf_hooks"
import { Agent, request } from "undici"
import { oursOver } from "./lib/ours.js"
import { noise, transcriptionResponseBody } from "./lib/fixtures.js"
import { API_KEY } from "./lib/key.js"
import { fixed, formatText, median, servePeer } from "./lib/util.js"

const WARMUP = 1000
const body = new Uint8Array(noise(1024))

interface Variant {
  readonly label: string
  /** `n` operations (I/O variants) or `10 n` calls (CPU-only steps). */
  readonly run: (n: number) => Promise<unknown>
  readonly perN: number
  readonly cleanup?: () => Promise<void>
}

const variants = (baseUrl: string): ReadonlyArray<() => Variant> => {
  const url = `${baseUrl}/v1/listen?model=nova-3`
  const headers = { authorization: `Token ${API_KEY}`, "content-type": "application/octet-stream" }
  const platformClient: Layer.Layer<HttpClient.HttpClient> = NodeHttpClient.layerUndici
  const leanClient: Layer.Layer<HttpClient.HttpClient> = NodeDeepgram.layerHttpClient
  /** The SDK's services over `client`, and `client` itself, in one runtime. */
  const effectVariant = <A, E>(
    label: string,
    client: Layer.Layer<HttpClient.HttpClient>,
    make: () => Effect.Effect<A, E, HttpClient.HttpClient | DeepgramHttp.DeepgramHttp | Listen.Listen>
  ) =>
  (): Variant => {
    const runtime = ManagedRuntime.make(Layer.merge(client, oursOver(client, baseUrl)))
    const once = make()
    return {
      label,
      perN: 1,
      run: (n) =>
        runtime.runPromise(Effect.gen(function*() {
          for (let i = 0; i < n; i++) yield* once
        })),
      cleanup: () => runtime.dispose()
    }
  }
  // As internal/http.ts calls the client: no platform span, no trace headers.
  const execute = () =>
    Effect.gen(function*() {
      const client = (yield* HttpClient.HttpClient).pipe(
        HttpClient.withTracerDisabledWhen(() => true),
        HttpClient.withTracerPropagation(false)
      )
      const response = yield* client.execute(
        HttpClientRequest.post(url).pipe(HttpClientRequest.setHeaders(headers), HttpClientRequest.bodyUint8Array(body))
      )
      return yield* response.json
    })
  const transcribe = () => Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(body, { model: "nova-3" }))
  const sync = (label: string, make: () => () => unknown) => (): Variant => {
    const once = make()
    return {
      label,
      perN: 10,
      run: async (n) => {
        for (let i = 0; i < n * 10; i++) once()
      }
    }
  }
  const transcribeResponse = Operations.operations["listen.v1.media.transcribe"].response
  return [
    () => {
      const dispatcher = new Agent()
      return {
        label: "undici 7 request() + JSON.parse (no Effect)",
        perN: 1,
        run: async (n) => {
          for (let i = 0; i < n; i++) {
            const res = await request(url, { method: "POST", headers, body, dispatcher })
            JSON.parse(await res.body.text())
          }
        },
        cleanup: () => dispatcher.close()
      }
    },
    () => ({
      label: "global fetch + res.json() (over undici 7's global Agent: undici is imported here)",
      perN: 1,
      run: async (n) => {
        for (let i = 0; i < n; i++) await (await fetch(url, { method: "POST", headers, body })).json()
      }
    }),
    effectVariant("@effect/platform layerUndici: execute + response.json (untraced)", platformClient, execute),
    effectVariant("our undici client (NodeDeepgram.layerHttpClient): execute + response.json", leanClient, execute),
    effectVariant("DeepgramHttp.request (Bytes body, response schema), our client", leanClient, () =>
      Effect.flatMap(DeepgramHttp.DeepgramHttp, (http) =>
        http.request({
          operation: "listen.v1.media.transcribe",
          method: "POST",
          path: "/v1/listen",
          query: { model: "nova-3" },
          body: { _tag: "Bytes", bytes: body, contentType: "application/octet-stream" },
          response: transcribeResponse,
          options: undefined
        }))),
    effectVariant("listen.transcribe(bytes, { model: \"nova-3\" }), our client (P1's path)", leanClient, transcribe),
    effectVariant("  … with Effect.withTracerEnabled(false) (no spans at all)", leanClient, () =>
      Effect.withTracerEnabled(transcribe(), false)),
    effectVariant("listen.transcribe over @effect/platform layerUndici (the client before)", platformClient, transcribe),
    sync("ParseResult.encodeUnknownEither(TranscribeOptions)({ model }, onExcessProperty: error)", () => {
      const encode = ParseResult.encodeUnknownEither(ListenV1.TranscribeOptions)
      return () => encode({ model: "nova-3" }, { onExcessProperty: "error" })
    }),
    sync("JSON.parse(response body)", () => {
      const text = transcriptionResponseBody.toString("utf8")
      return () => JSON.parse(text)
    }),
    sync("JSON.parse + Schema decode, onExcessProperty: preserve (the decode before)", () => {
      const text = transcriptionResponseBody.toString("utf8")
      const decode = ParseResult.decodeUnknownEither(transcribeResponse)
      return () => {
        if (Either.isLeft(decode(JSON.parse(text), { onExcessProperty: "preserve" }))) throw new Error("decode")
      }
    }),
    sync("JSON.parse + ResponseDecoder (compiled validator, Schema decode on a miss)", () => {
      const text = transcriptionResponseBody.toString("utf8")
      const decode = ResponseDecoder.make(transcribeResponse)
      return () => {
        if (Either.isLeft(decode(JSON.parse(text)))) throw new Error("decode")
      }
    }),
    sync("Effect.runSync(Effect.void.pipe(Effect.withSpan(name, { captureStackTrace: false, attributes })))", () => () =>
      Effect.runSync(
        Effect.void.pipe(
          Effect.withSpan("Deepgram.listen.v1.transcribe", { kind: "client", captureStackTrace: false, attributes: { a: 1 } })
        )
      )),
    sync("Effect.runSync(Effect.void) (runtime floor)", () => () => Effect.runSync(Effect.void))
  ]
}

const main = async () => {
  const n = Number(process.argv[2] ?? "2000")
  const rounds = Number(process.argv[3] ?? "7")
  const peer = await servePeer("http")
  const all = variants(peer.url).map((make) => make())
  for (const v of all) await v.run(WARMUP)
  const wall = all.map((): Array<number> => [])
  const cpu = all.map((): Array<number> => [])
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < all.length; j++) {
      const i = (j + r) % all.length
      const v = all[i]!
      const start = performance.now()
      const usage = process.cpuUsage()
      await v.run(n)
      const used = process.cpuUsage(usage)
      wall[i]!.push(((performance.now() - start) * 1000) / (n * v.perN))
      cpu[i]!.push((used.user + used.system) / (n * v.perN))
    }
  }
  for (const v of all) await v.cleanup?.()
  peer.stop()
  const rows = all.map((v, i) => ({ label: v.label, io: v.perN === 1, wall: median(wall[i]!), cpu: median(cpu[i]!) }))
  console.log(`Request path, µs per request (median of ${rounds} interleaved rounds × ${n}; server in another process):\n`)
  console.log(formatText({
    columns: ["path", "wall µs/req", "client CPU µs/req"],
    rows: rows.filter((r) => r.io).map((r) => [r.label, fixed(r.wall, 0), fixed(r.cpu, 0)])
  }))
  console.log(`\nCPU-only steps, µs per call:\n`)
  console.log(formatText({ columns: ["step", "CPU µs/call"], rows: rows.filter((r) => !r.io).map((r) => [r.label, fixed(r.cpu, 2)]) }))
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
