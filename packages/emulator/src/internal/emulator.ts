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
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
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
import { toSegments } from "../Transcript.js"
import { makeAuthenticator } from "./auth.js"
import { makeLiveStreams } from "./liveResume.js"
import { makeManageState } from "./manageState.js"
import { loadNodeHttpServer } from "./nodeHttp.js"
import type { LiveKey, Registry } from "./registry.js"
import { loadDirectory, register, registerFile } from "./registry.js"
import { router } from "./server.js"
import { makeSocketServer } from "./socket.js"
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
    const fingerprints = yield* Ref.make<ReadonlyMap<string, LiveKey>>(new Map())
    const registry: Registry = { transcripts, fingerprints }
    const nodeServer = Http.createServer()
    const sockets = yield* makeSocketServer(nodeServer)

    const auth = makeAuthenticator(mode, keys)
    const state: State = {
      auth,
      journal: yield* Ref.make(Chunk.empty<Journal.Entry>()),
      journalLimit: Math.max(1, options.journalLimit ?? 10_000),
      seq: yield* Ref.make(0),
      faults: yield* Ref.make<ReadonlyArray<QueuedFault>>([]),
      latency: yield* Ref.make(Duration.decode(options.latency ?? Duration.zero)),
      transcripts,
      fingerprints,
      liveTranscript: options.liveTranscript !== undefined ? toSegments(options.liveTranscript) : undefined,
      liveStreams: makeLiveStreams(),
      liveTimeout: Duration.decode(options.liveTimeout ?? Duration.seconds(10)),
      fluxTimeout: Duration.decode(options.fluxTimeout ?? Duration.seconds(60)),
      agentTimeout: Duration.decode(options.agentTimeout ?? Duration.seconds(10)),
      agentTriggers: options.agentTriggers ?? [],
      speakTimeout: Duration.decode(options.speakTimeout ?? Duration.seconds(60)),
      speakPace: Math.max(0, options.speakPace ?? 0),
      sockets,
      sessions: new Set(),
      background: scope,
      client,
      logRequests: options.logRequests ?? false,
      fetchTimeout: Duration.decode(options.fetchTimeout ?? Duration.minutes(2)),
      callbackTimeout: Duration.decode(options.callbackTimeout ?? Duration.seconds(30)),
      manage: makeManageState({
        defaultProject: options.defaultProject ?? true,
        projects: options.projects ?? [],
        apiKeys: keys,
        auth
      })
    }

    for (const [audio, script] of transcriptPairs(options.transcripts ?? [])) {
      yield* register(registry, audio, script)
    }
    const directories = typeof options.transcriptsDir === "string"
      ? [options.transcriptsDir]
      : options.transcriptsDir ?? []
    for (const directory of directories) {
      yield* loadDirectory(registry, directory).pipe(Effect.provide(fileSystem))
    }

    const host = options.host ?? "127.0.0.1"
    // Large uploads may take a while; Effect handles timeouts where they matter.
    nodeServer.requestTimeout = 0
    const NodeHttpServer = yield* loadNodeHttpServer
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
    yield* Effect.addFinalizer(() =>
      Effect.zipRight(sockets.terminateAll, Effect.sync(() => nodeServer.closeAllConnections()))
    )
    const app = router(state)
    yield* HttpServer.serveEffect(
      options.cors === true
        ? HttpMiddleware.cors({
          // Speak's metadata headers too, so that a page can read them.
          exposedHeaders: ["dg-request-id", "retry-after", "dg-model-name", "dg-model-uuid", "dg-char-count"]
        })(app)
        : app
    ).pipe(Effect.provideService(HttpServer.HttpServer, server))

    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const base = `${formatHost(host)}:${port}`

    const service: DeepgramEmulator = {
      url: `http://${base}`,
      wsUrl: `ws://${base}`,
      host,
      port,
      // A connection that is closing records its entry a moment later: wait for it.
      journal: Effect.suspend(() =>
        Effect.forEach(
          [...state.sessions].filter((session) => !session.open()),
          (session) => Deferred.await(session.recorded),
          { discard: true }
        )
      ).pipe(
        Effect.timeout("5 seconds"),
        Effect.ignore,
        Effect.zipRight(Ref.get(state.journal)),
        Effect.map(Chunk.toReadonlyArray)
      ),
      clearJournal: Ref.set(state.journal, Chunk.empty()),
      register: (audio, script) => register(registry, audio, script),
      registerFile: (path, script) => registerFile(registry, path, script).pipe(Effect.provide(fileSystem)),
      loadTranscripts: (directory) => loadDirectory(registry, directory).pipe(Effect.provide(fileSystem)),
      transcriptFor: (sha256) =>
        Effect.map(Ref.get(transcripts), (map) => Option.fromNullable(map.get(sha256.toLowerCase()))),
      clearTranscripts: Effect.zipRight(Ref.set(transcripts, new Map()), Ref.set(fingerprints, new Map())),
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
