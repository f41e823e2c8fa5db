// Timeouts and deadlines: a server that never answers fails fast and says so in human units; a slow upload
// that keeps sending is not cut off.
import { DeepgramConfig, Listen, Manage, NodeDeepgram } from "@effect-deepgram/node"
import { assert, describe, it, layer } from "@effect/vitest"
import { Chunk, Duration, Effect, Schedule, Stream } from "effect"
import { readFileSync } from "node:fs"
import { createServer, type Socket } from "node:net"
import type { AddressInfo } from "node:net"
import { emulatorLayer, sdkFor, spacewalk } from "./helpers.js"

/** A TCP server that accepts connections and never answers. */
const silentServer = Effect.acquireRelease(
  Effect.async<{ url: string; close: () => void }>((resume) => {
    const sockets = new Set<Socket>()
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
          for (const socket of sockets) socket.destroy()
          server.close()
        }
      })))
  }),
  (server) => Effect.sync(server.close)
)

/** The SDK pointed at any server, with fast retries. */
const direct = (baseUrl: string, options: DeepgramConfig.Options) =>
  NodeDeepgram.layer({ baseUrl, apiKey: "k", retry: { baseDelay: "10 millis", maxDelay: "50 millis" }, ...options })

describe("deadlines", () => {
  it.scopedLive("a server that never answers fails at the deadline, counting attempts, in human units", () =>
    Effect.gen(function*() {
      const server = yield* silentServer
      const started = Date.now()
      const error = yield* Effect.flip(
        Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
          Effect.provide(direct(server.url, { timeout: "1 second", deadline: "1.5 seconds" }))
        )
      )
      const took = Date.now() - started
      assert.strictEqual(error._tag, "DeepgramTimeoutError")
      if (error._tag !== "DeepgramTimeoutError") return
      assert.strictEqual(error.kind, "deadline")
      assert.strictEqual(error.attempts, 2)
      assert.isAtLeast(took, 1400)
      assert.isBelow(took, 5000)
      assert.approximately(Duration.toMillis(error.elapsed!), 1500, 400)
      assert.match(error.message, /^manage\.v1\.projects\.list: GET http:\/\/127\.0\.0\.1:\d+\/v1\/projects missed its deadline of 1\.5 s \(2 attempts, 1\.\d s in total\)$/)
    }))

  it.scopedLive("without a deadline, each attempt times out and the retries run out", () =>
    Effect.gen(function*() {
      const server = yield* silentServer
      const error = yield* Effect.flip(
        Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
          Effect.provide(direct(server.url, { timeout: "300 millis", deadline: false }))
        )
      )
      assert.strictEqual(error._tag, "DeepgramTimeoutError")
      if (error._tag !== "DeepgramTimeoutError") return
      assert.strictEqual(error.kind, "attempt")
      assert.strictEqual(error.attempts, 3)
      assert.match(error.message, /timed out after 300 ms without progress \(3 attempts, /)
    }))

  it.live("a refused connection keeps its cause in the message", () =>
    Effect.gen(function*() {
      // Port 9 (discard) has no listener on loopback here.
      const error = yield* Effect.flip(
        Effect.flatMap(Manage.Manage, (m) => m.projects.list()).pipe(
          Effect.provide(direct("http://127.0.0.1:9", { retry: { retries: 0 } }))
        )
      )
      assert.strictEqual(error._tag, "DeepgramTransportError")
      assert.strictEqual(
        error.message,
        "manage.v1.projects.list: GET http://127.0.0.1:9/v1/projects failed in transport: connect ECONNREFUSED 127.0.0.1:9"
      )
    }))

  it.live("the defaults fail a hanging server in well under a minute", () =>
    Effect.gen(function*() {
      const config = yield* DeepgramConfig.make({ apiKey: "k" })
      assert.isDefined(config.deadline)
      assert.isBelow(Duration.toMillis(config.deadline!), 60_000)
      assert.isBelow(Duration.toMillis(config.timeout), 60_000)
      const none = yield* DeepgramConfig.make({ apiKey: "k", deadline: false })
      assert.isUndefined(none.deadline)
      const bad = yield* Effect.flip(DeepgramConfig.make({ apiKey: "k", deadline: "-1 seconds" }))
      assert.strictEqual(bad._tag, "DeepgramConfigError")
    }))
})

layer(emulatorLayer(), { excludeTestServices: true })("slow uploads", (it) => {
  it.effect("an upload that keeps sending outlasts the per-attempt timeout", () =>
    Effect.gen(function*() {
      const bytes = readFileSync(spacewalk)
      const pieces = Chunk.toArray(Chunk.chunksOf(Chunk.unsafeFromArray(Array.from(bytes.subarray(0, 200_000))), 20_000))
      // Ten pieces, 400 ms apart: 4 s of uploading against a 1.5 s timeout.
      const trickle = Stream.fromIterable(pieces).pipe(
        Stream.map((piece) => Uint8Array.from(Chunk.toArray(piece))),
        Stream.schedule(Schedule.spaced("400 millis"))
      )
      const started = Date.now()
      const result = yield* Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(trickle)).pipe(
        Effect.provide(sdkFor({ timeout: "1.5 seconds" }))
      )
      assert.isAtLeast(Date.now() - started, 3600)
      assert.isAbove(result.metadata.duration, 0)
    }))
})
