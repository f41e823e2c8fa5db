// File uploads on Node (NodeFiles + NodeDeepgram.layerHttpClient): the file goes over node:http from one reused
// buffer, is re-read on every attempt, keeps the per-attempt timeout alive while bytes flow, and leaves no file
// or socket open when the upload is interrupted or answered early.
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { DeepgramFiles, Listen, NodeDeepgram, NodeDialer, NodeFiles } from "@effect-deepgram/node"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Deepgram, DeepgramConfig } from "@effect-deepgram/core"
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer } from "effect"
import { existsSync, readFileSync, rmSync } from "node:fs"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { eventually, openHandles, scratchFile } from "./files.js"
import { emulatorLayer, peerSdk, sdkFor, spacewalk, spacewalkTranscript } from "./helpers.js"

const transcriptOf = (result: Listen.TranscriptionResponse) => result.results.channels[0]?.alternatives?.[0]?.transcript

const okBody = JSON.stringify({
  metadata: { request_id: "r", sha256: "s", created: "2026-01-01T00:00:00Z", duration: 1, channels: 1, models: [], model_info: {} },
  results: { channels: [{ alternatives: [{ transcript: "ok", confidence: 1, words: [] }] }] }
})

/** A loopback HTTP server with a handler of the test's own; closed with the scope. */
const server = (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; close: () => void; connections: () => number }>((resume) => {
      const s = createServer(handler)
      let connections = 0
      s.on("connection", () => connections++)
      s.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
          connections: () => connections,
          close: () => {
            s.closeAllConnections()
            s.close()
          }
        })))
    }),
    (s) => Effect.sync(s.close)
  )

const listen = <A, E, R>(f: (listen: Listen.Service) => Effect.Effect<A, E, R>) => Effect.flatMap(Listen.Listen, f)

layer(emulatorLayer(), { excludeTestServices: true })("file uploads against the emulator", (it) => {
  const fresh = Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (e) => Effect.zipRight(e.clearJournal, e.clearFaults))

  it.effect("a 2.3 MB file is sent whole and transcribed; a 503 replays the whole file", () =>
    Effect.gen(function*() {
      yield* fresh
      const size = readFileSync(spacewalk).byteLength
      assert.isAbove(size, 1024 * 1024)
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.injectFault(Fault.status(503), { times: 1 })
      const result = yield* listen((l) => l.transcribeFile(spacewalk, { model: "nova-3", smart_format: true })).pipe(
        Effect.provide(sdkFor())
      )
      assert.strictEqual(transcriptOf(result), spacewalkTranscript)
      const journal = yield* DeepgramEmulator.journal
      assert.strictEqual(journal.length, 2)
      // The 503 came after the body had been read whole, and the retry sent it whole again.
      assert.deepStrictEqual(journal.map((entry) => entry.bodySize), [size, size])
      assert.strictEqual(openHandles(spacewalk), 0)
    }))

  it.effect("a missing file is a typed error naming the path, with no request sent", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = yield* listen((l) => l.transcribeFile("/no/such/upload.wav")).pipe(
        Effect.provide(sdkFor()),
        Effect.flip
      )
      assert.strictEqual(error._tag, "DeepgramInputError")
      if (error._tag !== "DeepgramInputError") return
      assert.strictEqual(error.reason, "File")
      assert.strictEqual(error.path, "/no/such/upload.wav")
      assert.strictEqual((yield* DeepgramEmulator.journal).length, 0)
    }))
})

describe("file uploads over node:http", () => {
  it.scopedLive("the bytes arrive exactly, with the file's length and type", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(3 * 1024 * 1024 + 123)
      const received: Array<Buffer> = []
      let headers: IncomingMessage["headers"] = {}
      const peer = yield* server((req, res) => {
        headers = req.headers
        req.on("data", (chunk: Buffer) => received.push(chunk))
        req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(okBody))
      })
      const result = yield* listen((l) => l.transcribeFile(file.path)).pipe(Effect.provide(peerSdk(peer.url)))
      assert.strictEqual(transcriptOf(result), "ok")
      assert.isTrue(Buffer.concat(received).equals(file.bytes))
      assert.strictEqual(headers["content-length"], String(file.bytes.byteLength))
      assert.strictEqual(headers["content-type"], "application/octet-stream")
      assert.isUndefined(headers["transfer-encoding"])
      assert.strictEqual(openHandles(file.path), 0)
    }))

  it.scopedLive("uploads one after another share a kept-alive connection", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(2 * 1024 * 1024)
      let requests = 0
      const peer = yield* server((req, res) => {
        requests++
        req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(okBody))
      })
      yield* listen((l) => Effect.repeatN(l.transcribeFile(file.path), 2)).pipe(Effect.provide(peerSdk(peer.url)))
      assert.strictEqual(requests, 3)
      assert.strictEqual(peer.connections(), 1)
    }))

  it.scopedLive("an empty file is sent with content-length 0", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(0)
      let length: string | undefined
      const peer = yield* server((req, res) => {
        length = req.headers["content-length"]
        req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(okBody))
      })
      yield* listen((l) => l.transcribeFile(file.path)).pipe(Effect.provide(peerSdk(peer.url)))
      assert.strictEqual(length, "0")
    }))

  it.scopedLive("a slow upload that keeps sending outlasts the per-attempt timeout", () =>
    Effect.gen(function*() {
      // 24 MiB against a server that reads ~8 MB/s: ~3 s of sending (more than loopback's buffers hold)
      // against a 1 s timeout, which only progress keeps from firing.
      const file = yield* scratchFile(24 * 1024 * 1024)
      let bytes = 0
      const peer = yield* server((req, res) => {
        req.on("data", (chunk: Buffer) => {
          bytes += chunk.byteLength
          req.pause()
          setTimeout(() => req.resume(), Math.ceil(chunk.byteLength / 8000))
        })
        req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(okBody))
      })
      const started = Date.now()
      const result = yield* listen((l) => l.transcribeFile(file.path)).pipe(
        Effect.provide(peerSdk(peer.url, { timeout: "1 second" }))
      )
      assert.strictEqual(transcriptOf(result), "ok")
      assert.strictEqual(bytes, file.bytes.byteLength)
      assert.isAbove(Date.now() - started, 2000)
    }), 20_000)

  it.scopedLive("interrupting an upload closes the file and the connection", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(32 * 1024 * 1024)
      let bytes = 0
      let closed = false
      let request: IncomingMessage | undefined
      let hold = true
      const peer = yield* server((req) => {
        request = req
        // Reads a little, then stops reading: the client is left waiting on its writes.
        req.on("data", (chunk: Buffer) => {
          bytes += chunk.byteLength
          if (hold && bytes > 1024 * 1024) req.pause()
        })
        req.socket.on("close", () => {
          closed = true
        })
      })
      const fiber = yield* listen((l) => l.transcribeFile(file.path)).pipe(
        Effect.provide(peerSdk(peer.url, { timeout: "1 minute" })),
        Effect.fork
      )
      assert.isTrue(yield* eventually(() => bytes > 1024 * 1024), `received ${bytes}`)
      assert.strictEqual(openHandles(file.path), 1)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      // Reading again, the server sees the end of the connection the client closed.
      hold = false
      request?.resume()
      assert.isTrue(yield* eventually(() => closed && openHandles(file.path) === 0), `closed ${closed}, handles ${openHandles(file.path)}`)
      assert.isBelow(bytes, file.bytes.byteLength)
    }), 20_000)

  it.scopedLive("a server that answers before reading the body ends the upload, with its status", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(32 * 1024 * 1024)
      let bytes = 0
      const peer = yield* server((req, res) => {
        res.writeHead(413, { "content-type": "application/json" }).end(
          JSON.stringify({ err_code: "PAYLOAD_TOO_LARGE", err_msg: "too large" })
        )
        // The body is drained, not refused: a reset would race the answer on the wire.
        req.on("data", (chunk: Buffer) => {
          bytes += chunk.byteLength
        })
      })
      const error = yield* listen((l) => l.transcribeFile(file.path)).pipe(
        Effect.provide(peerSdk(peer.url)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "DeepgramApiError")
      if (error._tag !== "DeepgramApiError") return
      assert.strictEqual(error.status, 413)
      assert.strictEqual(error.errCode, "PAYLOAD_TOO_LARGE")
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      // The upload stopped at the answer: most of the file was never sent.
      assert.isBelow(bytes, file.bytes.byteLength / 2)
    }), 20_000)

  it.scopedLive("a file that cannot be read when the request is sent is a DeepgramInputError (File)", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(1000)
      const peer = yield* server((req, res) => req.resume().on("end", () => res.end("{}")))
      const upload = yield* NodeFiles.make.open(file.path, "audio/wav")
      rmSync(file.path)
      assert.isFalse(existsSync(file.path))
      const body = yield* upload.body
      const client = yield* HttpClient.HttpClient
      const error = yield* Effect.flip(client.execute(HttpClientRequest.post(`${peer.url}/v1/listen`).pipe(
        HttpClientRequest.setBody(body)
      )))
      assert.strictEqual(error._tag, "RequestError")
      const cause = error.cause
      assert.instanceOf(cause, Error)
      assert.strictEqual((cause as { _tag?: string })._tag, "DeepgramInputError")
      assert.strictEqual((cause as { reason?: string }).reason, "File")
      assert.include((cause as Error).message, file.path)
    }).pipe(Effect.provide(NodeDeepgram.layerHttpClient)))

  it.scopedLive("another HttpClient (undici) sends the file as an async iterable, progress included", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(2 * 1024 * 1024 + 7)
      const received: Array<Buffer> = []
      const peer = yield* server((req, res) => {
        req.on("data", (chunk: Buffer) => received.push(chunk))
        req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(okBody))
      })
      const Services = Deepgram.layer.pipe(
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.provide(NodeFiles.layer),
        Layer.provide(NodeDialer.layer),
        Layer.provideMerge(DeepgramConfig.selfHosted(peer.url))
      )
      let progress = 0
      const result = yield* listen((l) => l.transcribeFile(file.path)).pipe(Effect.provide(Services))
      assert.strictEqual(transcriptOf(result), "ok")
      assert.isTrue(Buffer.concat(received).equals(file.bytes))
      // The body reports progress through the fiber ref it is made under.
      const upload = yield* NodeFiles.make.open(file.path, "audio/wav")
      const body = yield* Effect.locally(upload.body, DeepgramFiles.currentUploadProgress, () => {
        progress++
      })
      assert.strictEqual(body._tag, "Raw")
      if (body._tag !== "Raw") return
      const iterable = body.body as AsyncIterable<Uint8Array>
      const chunks = yield* Effect.promise(async () => {
        const chunks: Array<Uint8Array> = []
        for await (const chunk of iterable) chunks.push(chunk)
        return chunks
      })
      assert.isTrue(Buffer.concat(chunks).equals(file.bytes))
      assert.isAbove(chunks.length, 1)
      assert.strictEqual(progress, chunks.length)
    }))
})
