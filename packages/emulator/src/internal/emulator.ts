/**
 * Starting an emulator: state, the Node HTTP server, the router, the service.
 *
 * @internal
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServer from "@effect/platform/HttpServer"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Http from "node:http"
import type { DeepgramEmulator, Options } from "../DeepgramEmulator.js"
import { EmulatorError } from "../EmulatorError.js"
import type * as Journal from "../Journal.js"
import type { Script, Segment } from "../Transcript.js"
import { makeAuthenticator } from "./auth.js"
import { hashFile, loadDirectory, register } from "./registry.js"
import { router } from "./server.js"
import type { QueuedFault, State } from "./state.js"

const reveal = (key: string | Redacted.Redacted): string =>
  typeof key === "string" ? key : Redacted.value(key) as string

const transcriptPairs = (
  transcripts: NonNullable<Options["transcripts"]>
): Iterable<readonly [string | Uint8Array, Script]> =>
  Symbol.iterator in transcripts
    ? transcripts as Iterable<readonly [string | Uint8Array, Script]>
    : Object.entries(transcripts as Readonly<Record<string, Script>>)

const formatHost = (host: string): string => host.includes(":") ? `[${host}]` : host

/** @internal */
export const make = (options: Options = {}) =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const fileSystem = yield* Layer.build(NodeFileSystem.layer)
    const client = yield* HttpClient.HttpClient.pipe(Effect.provide(FetchHttpClient.layer))
    const keys = (options.apiKeys ?? []).map(reveal)
    const mode = options.auth ?? (keys.length > 0 ? "keys" : "any")
    const transcripts = yield* Ref.make<ReadonlyMap<string, ReadonlyArray<Segment>>>(new Map())

    const state: State = {
      auth: makeAuthenticator(mode, keys),
      journal: yield* Ref.make(Chunk.empty<Journal.Entry>()),
      journalLimit: Math.max(1, options.journalLimit ?? 10_000),
      seq: yield* Ref.make(0),
      faults: yield* Ref.make<ReadonlyArray<QueuedFault>>([]),
      latency: yield* Ref.make(Duration.decode(options.latency ?? Duration.zero)),
      transcripts,
      background: scope,
      client,
      logRequests: options.logRequests ?? false,
      fetchTimeout: Duration.decode(options.fetchTimeout ?? Duration.minutes(2)),
      callbackTimeout: Duration.decode(options.callbackTimeout ?? Duration.seconds(30))
    }

    for (const [audio, script] of transcriptPairs(options.transcripts ?? [])) {
      yield* register(transcripts, audio, script)
    }
    const directories = typeof options.transcriptsDir === "string"
      ? [options.transcriptsDir]
      : options.transcriptsDir ?? []
    for (const directory of directories) {
      yield* loadDirectory(transcripts, directory).pipe(Effect.provide(fileSystem))
    }

    const host = options.host ?? "127.0.0.1"
    const nodeServer = Http.createServer()
    // Large uploads may take a while; Effect handles timeouts where they matter.
    nodeServer.requestTimeout = 0
    const server = yield* NodeHttpServer.make(() => nodeServer, { port: options.port ?? 0, host }).pipe(
      Effect.mapError((error) =>
        new EmulatorError({
          reason: "Serve",
          description: `cannot listen on ${host}:${options.port ?? 0}`,
          cause: error
        })
      )
    )
    // Runs before the server's own finalizer: open connections must not keep `close` waiting.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const app = router(state)
    yield* HttpServer.serveEffect(
      options.cors === true ? HttpMiddleware.cors({ exposedHeaders: ["dg-request-id", "retry-after"] })(app) : app
    ).pipe(Effect.provideService(HttpServer.HttpServer, server))

    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const base = `${formatHost(host)}:${port}`

    const service: DeepgramEmulator = {
      url: `http://${base}`,
      wsUrl: `ws://${base}`,
      host,
      port,
      journal: Effect.map(Ref.get(state.journal), Chunk.toReadonlyArray),
      clearJournal: Ref.set(state.journal, Chunk.empty()),
      register: (audio, script) => register(transcripts, audio, script),
      registerFile: (path, script) =>
        hashFile(path).pipe(
          Effect.flatMap((key) => register(transcripts, key, script)),
          Effect.provide(fileSystem)
        ),
      loadTranscripts: (directory) => loadDirectory(transcripts, directory).pipe(Effect.provide(fileSystem)),
      transcriptFor: (sha256) =>
        Effect.map(Ref.get(transcripts), (map) => Option.fromNullable(map.get(sha256.toLowerCase()))),
      clearTranscripts: Ref.set(transcripts, new Map()),
      injectFault: (fault, faultOptions) =>
        Ref.update(state.faults, (queue) => [
          ...queue,
          ...Array.from(
            { length: Math.max(1, faultOptions?.times ?? 1) },
            () => ({ fault, path: faultOptions?.path })
          )
        ]),
      pendingFaults: Effect.map(Ref.get(state.faults), (queue) => queue.map((queued) => queued.fault)),
      clearFaults: Ref.set(state.faults, []),
      setLatency: (latency) => Ref.set(state.latency, Duration.decode(latency)),
      mintAccessToken: (mintOptions) =>
        Effect.map(Clock.currentTimeMillis, (now) => state.auth.mint(mintOptions?.ttlSeconds ?? 30, now)),
      addApiKey: (key) => Effect.sync(() => state.auth.addKey(reveal(key)))
    }
    return service
  })
