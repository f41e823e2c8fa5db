// The Node file-upload transport in detail: `writeFile` against a request of the test's own (slices, progress,
// short files, read and write errors, stop at every stage), and the client of `make` against loopback servers
// (transport errors, early answers, interruption, keep-alive and its end with the client's scope, https, and
// which requests go to the default client).
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Scope } from "effect"
import { readdirSync, readFileSync, readlinkSync } from "node:fs"
import type { ClientRequest, IncomingMessage, ServerResponse } from "node:http"
import { createServer } from "node:http"
import { createServer as createTlsServer } from "node:https"
import type { AddressInfo, Server, Socket } from "node:net"
import * as fs from "node:fs"
import { CHUNK, FileBody, type FileSystem, SLICE, writeFile } from "../src/internal/fileBody.js"
import { make } from "../src/internal/httpClient.js"
import { eventually as eventuallyWithin, openHandles, scratchFile } from "./files.js"

// node:fs as the transport sees it (`FileBody.fs`): the same functions, counted, and `open` held back while a test asks.
const fsCalls = {
  reads: 0,
  closes: 0,
  holdOpens: false,
  heldOpens: [] as Array<() => void>
}
const countingFs: FileSystem = {
  open: ((...args: Array<unknown>) => {
    const run = () => Reflect.apply(fs.open, undefined, args)
    if (fsCalls.holdOpens) fsCalls.heldOpens.push(run)
    else run()
  }) as typeof fs.open,
  read: ((...args: Array<unknown>) => {
    fsCalls.reads++
    Reflect.apply(fs.read, undefined, args)
  }) as typeof fs.read,
  close: ((...args: Array<unknown>) => {
    fsCalls.closes++
    Reflect.apply(fs.close, undefined, args)
  }) as typeof fs.close
}

/** Counts from zero, opens not held; opens held by the test run when it ends. */
const freshFs = Effect.acquireRelease(
  Effect.sync(() => {
    fsCalls.reads = 0
    fsCalls.closes = 0
    fsCalls.holdOpens = false
  }),
  () => Effect.sync(releaseOpens)
)

const holdOpens = () => {
  fsCalls.holdOpens = true
}

const releaseOpens = () => {
  fsCalls.holdOpens = false
  for (const run of fsCalls.heldOpens.splice(0)) run()
}

/** Waits up to 2 s for `check` to hold: a planted bug that stops an event fails the test quickly. */
const eventually = (check: () => boolean) => eventuallyWithin(check, 2)

/**
 * A request as `writeFile` uses one: writes recorded, each with its callback, which the test calls when
 * `autoComplete` is off (otherwise on the next tick, as a socket with room would).
 */
class FakeRequest {
  readonly writes: Array<{ readonly bytes: Buffer; readonly done: (error?: Error) => void }> = []
  ends = 0
  private readonly waiters = new Set<() => void>()

  constructor(readonly autoComplete: boolean) {}

  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean {
    this.writes.push({ bytes: Buffer.from(chunk), done: callback })
    if (this.autoComplete) process.nextTick(callback)
    this.wake()
    return true
  }

  end(): void {
    this.ends++
    this.wake()
  }

  /** Waits for `check`, tested after every write and end. */
  until(check: () => boolean): Effect.Effect<void> {
    return Effect.async<void>((resume) => {
      const waiter = () => {
        if (!check()) return
        this.waiters.delete(waiter)
        resume(Effect.void)
      }
      this.waiters.add(waiter)
      waiter()
      return Effect.sync(() => this.waiters.delete(waiter))
    })
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter()
  }

  // writeFile only writes and ends: the rest of ClientRequest is never touched.
  get asClientRequest(): ClientRequest {
    return this as unknown as ClientRequest
  }
}

const upload = (request: FakeRequest, path: string, size: number) => {
  const progress = { count: 0 }
  const errors: Array<unknown> = []
  const stop = writeFile(request.asClientRequest, new FileBody(path, size, () => progress.count++, countingFs), (error) => {
    errors.push(error)
  })
  return { stop, progress, errors }
}

describe("writeFile", { timeout: 5_000 }, () => {
  it.scopedLive("a file goes out in 256 KiB slices of the 1 MiB buffer, each slice one progress, then ends", () =>
    Effect.gen(function*() {
      yield* freshFs
      for (const size of [CHUNK, CHUNK + 1]) {
        const file = yield* scratchFile(size)
        const request = new FakeRequest(true)
        const { errors, progress } = upload(request, file.path, size)
        yield* request.until(() => request.ends > 0)
        const slices = size === CHUNK ? [SLICE, SLICE, SLICE, SLICE] : [SLICE, SLICE, SLICE, SLICE, 1]
        assert.deepStrictEqual(request.writes.map((write) => write.bytes.byteLength), slices)
        assert.isTrue(Buffer.concat(request.writes.map((write) => write.bytes)).equals(file.bytes))
        assert.strictEqual(progress.count, slices.length)
        assert.strictEqual(request.ends, 1)
        assert.deepStrictEqual(errors, [])
        // Closed once its last byte is read, whatever the request does next.
        assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      }
    }))

  it.scopedLive("an empty file ends the request at once and is closed", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(0)
      const request = new FakeRequest(true)
      const { errors } = upload(request, file.path, 0)
      yield* request.until(() => request.ends > 0)
      assert.strictEqual(request.writes.length, 0)
      assert.deepStrictEqual(errors, [])
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
    }))

  it.scopedLive("a file shorter than its size is an error saying how much it had, and is closed", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(1000)
      const request = new FakeRequest(true)
      const { errors } = upload(request, file.path, 1500)
      yield* eventually(() => errors.length > 0)
      assert.strictEqual(errors.length, 1)
      assert.strictEqual((errors[0] as Error).message, "the file ended after 1000 of its 1500 bytes")
      assert.isTrue(Buffer.concat(request.writes.map((write) => write.bytes)).equals(file.bytes))
      assert.strictEqual(request.ends, 0)
      // The error's handler here does not call stop: writeFile closes the file itself.
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
    }))

  it.scopedLive("a read error goes to onError, nothing is written, and the file is closed", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(0)
      // A directory opens for reading on Linux, and then fails to read (EISDIR).
      const { errors } = upload(new FakeRequest(true), file.dir, 10)
      yield* eventually(() => errors.length > 0)
      assert.strictEqual(errors.length, 1)
      assert.strictEqual((errors[0] as NodeJS.ErrnoException).code, "EISDIR")
      assert.isTrue(yield* eventually(() => openHandles(file.dir) === 0))
    }))

  it.scopedLive("a failed write stops the upload: no progress, no further read, no end, the file closed", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(2 * CHUNK)
      const request = new FakeRequest(false)
      const { errors, progress } = upload(request, file.path, 2 * CHUNK)
      yield* request.until(() => request.writes.length === 4)
      for (const write of request.writes) write.done(new Error("the socket is gone"))
      assert.strictEqual(progress.count, 0)
      assert.strictEqual(fsCalls.reads, 1)
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      assert.strictEqual(fsCalls.reads, 1)
      assert.strictEqual(request.writes.length, 4)
      assert.strictEqual(request.ends, 0)
      // The request reports its own failure: the file only needed closing.
      assert.deepStrictEqual(errors, [])
    }))

  it.scopedLive("stop during a read: the file is closed once the read is done, and nothing more is written", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(2 * CHUNK)
      const request = new FakeRequest(false)
      const { progress, stop } = upload(request, file.path, 2 * CHUNK)
      yield* request.until(() => request.writes.length === 4)
      // The last callback starts the next read; stop comes while it is in flight.
      for (const write of request.writes) write.done()
      assert.strictEqual(fsCalls.reads, 2)
      stop()
      // Not closed under the read.
      assert.strictEqual(fsCalls.closes, 0)
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      assert.strictEqual(fsCalls.closes, 1)
      assert.strictEqual(request.writes.length, 4)
      assert.strictEqual(progress.count, 4)
      assert.strictEqual(request.ends, 0)
    }))

  it.scopedLive("stop before the file is open: it is closed as soon as it opens, and never read", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(1000)
      holdOpens()
      const request = new FakeRequest(true)
      const { errors, stop } = upload(request, file.path, 1000)
      stop()
      releaseOpens()
      assert.isTrue(yield* eventually(() => fsCalls.closes === 1 && openHandles(file.path) === 0))
      assert.strictEqual(fsCalls.reads, 0)
      assert.strictEqual(request.writes.length, 0)
      assert.strictEqual(request.ends, 0)
      assert.deepStrictEqual(errors, [])
    }))
})

/** A listening server on loopback, with its TCP connections counted; closed with the scope. */
const listening = <S extends Server>(server: S, scheme: "http" | "https") =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly connections: Array<Socket>; readonly closed: () => number }>(
      (resume) => {
        const connections: Array<Socket> = []
        let closed = 0
        server.on("connection", (socket: Socket) => {
          connections.push(socket)
          socket.on("close", () => closed++)
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
            connections,
            closed: () => closed
          })))
      }
    ),
    ({ connections }) =>
      Effect.async<void>((resume) => {
        for (const socket of connections) socket.destroy()
        server.close(() => resume(Effect.void))
      })
  )

const httpServer = (handler: (request: IncomingMessage, response: ServerResponse) => void) =>
  listening(createServer(handler), "http")

/** A port on loopback with nothing listening on it. */
const closedPort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** The default client of `make` in these tests: answers every request itself, recording it. */
const defaultClient = () => {
  const seen: Array<HttpClientRequest.HttpClientRequest> = []
  let loads = 0
  const loadDefault = () => {
    loads++
    return Promise.resolve(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request) =>
        Effect.sync(() => {
          seen.push(request)
          return HttpClientResponse.fromWeb(request, new Response("from the default client"))
        })
      )
    ))
  }
  return { seen, loads: () => loads, loadDefault }
}

const fileRequest = (url: string, path: string, size: number) =>
  HttpClientRequest.post(url).pipe(
    HttpClientRequest.setBody(HttpBody.raw(new FileBody(path, size, () => {}, countingFs), { contentLength: size }))
  )

const okServer = () =>
  httpServer((request, response) => request.resume().on("end", () => response.end("ok")))

describe("file uploads over node:http(s) (make)", { timeout: 5_000 }, () => {
  it.scopedLive("a closed port fails with a Transport RequestError, and the file is never read", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(1000)
      const port = yield* closedPort
      const client = yield* make(defaultClient().loadDefault)
      holdOpens()
      const error = yield* Effect.flip(client.execute(fileRequest(`http://127.0.0.1:${port}/v1/listen`, file.path, 1000)))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
      assert.strictEqual((error.cause as NodeJS.ErrnoException).code, "ECONNREFUSED")
      // The file opens after the request failed: it is closed unread.
      releaseOpens()
      assert.isTrue(yield* eventually(() => fsCalls.closes === 1 && openHandles(file.path) === 0))
      assert.strictEqual(fsCalls.reads, 0)
    }))

  it.scopedLive("a connection dropped mid-upload fails with a Transport RequestError, and the file is closed", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(8 * CHUNK)
      let received = 0
      const peer = yield* httpServer((request) =>
        request.on("data", (chunk: Buffer) => {
          received += chunk.byteLength
          if (received > CHUNK) request.socket.destroy()
        })
      )
      const client = yield* make(defaultClient().loadDefault)
      const error = yield* Effect.flip(client.execute(fileRequest(peer.url, file.path, 8 * CHUNK)))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      assert.isBelow(received, 8 * CHUNK)
    }))

  it.scopedLive("a file that ends early fails with an Encode RequestError, and the half-sent request is abandoned", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(CHUNK + 1000)
      let received = 0
      const peer = yield* httpServer((request) => request.on("data", (chunk: Buffer) => (received += chunk.byteLength)))
      const client = yield* make(defaultClient().loadDefault)
      const error = yield* Effect.flip(client.execute(fileRequest(peer.url, file.path, 2 * CHUNK)))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Encode")
      assert.strictEqual((error.cause as { readonly _tag: string })._tag, "DeepgramInputError")
      // The server had part of a body it was told is longer: the connection is closed, not left waiting for the rest.
      assert.isTrue(yield* eventually(() => peer.closed() === 1))
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0))
      assert.isAtMost(received, CHUNK + 1000)
    }))

  it.scopedLive("an answer before the whole file is sent stops the upload; the connection ends once it is read", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(8 * CHUNK)
      let received = 0
      let serverRequest: IncomingMessage | undefined
      const peer = yield* httpServer((request, response) => {
        serverRequest = request
        request.on("data", (chunk: Buffer) => {
          received += chunk.byteLength
        })
        // Reads a first chunk, then answers and reads no more (until the test says so).
        request.once("data", () => {
          request.pause()
          response.writeHead(413, { "content-type": "text/plain" }).end("too large")
        })
      })
      const client = yield* make(defaultClient().loadDefault)
      const response = yield* client.execute(fileRequest(peer.url, file.path, 8 * CHUNK))
      assert.strictEqual(response.status, 413)
      // The server reads no more, so only stopping the upload closes the file.
      assert.isTrue(yield* eventually(() => openHandles(file.path) === 0), "the file is closed")
      assert.strictEqual(peer.closed(), 0)
      assert.strictEqual(yield* response.text, "too large")
      // The request never ended, so its connection cannot carry another: it is closed (which the server
      // sees once it reads again).
      serverRequest?.resume()
      assert.isTrue(yield* eventually(() => peer.closed() === 1), "the connection is closed")
      assert.isBelow(received, 8 * CHUNK)
    }))

  it.scopedLive("an error after the answer leaves the answer readable", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(8 * CHUNK)
      let serverSocket: Socket | undefined
      const peer = yield* httpServer((request, response) => {
        serverSocket = request.socket
        request.once("data", () => {
          request.pause()
          response.writeHead(413, { "content-type": "text/plain" }).end("too large")
        })
      })
      const client = yield* make(defaultClient().loadDefault)
      const response = yield* client.execute(fileRequest(peer.url, file.path, 8 * CHUNK))
      assert.strictEqual(response.status, 413)
      // The client's socket, by the inode of its fd: gone once the client has seen the reset below.
      const clientSocket = socketInode(serverSocket!.remotePort!, serverSocket!.localPort!)
      assert.isDefined(clientSocket)
      serverSocket!.resetAndDestroy()
      assert.isTrue(yield* eventually(() => !hasFd(`socket:[${clientSocket}]`)), "the client saw the reset")
      // The whole answer had arrived before the reset: its body is still there to read.
      assert.strictEqual(yield* response.text.pipe(Effect.timeout("2 seconds")), "too large")
    }))

  it.scopedLive("interrupting an upload on a scoped client closes the file and the connection at once", () =>
    Effect.gen(function*() {
      yield* freshFs
      const file = yield* scratchFile(1000)
      const peer = yield* okServer()
      // With `withScope` the request's signal fires only when the scope closes: interruption alone must
      // end the request.
      const client = HttpClient.withScope(yield* make(defaultClient().loadDefault))
      holdOpens()
      const fiber = yield* Effect.fork(client.execute(fileRequest(peer.url, file.path, 1000)))
      assert.isTrue(yield* eventually(() => peer.connections.length === 1))
      assert.isTrue(Exit.isInterrupted(yield* Fiber.interrupt(fiber)))
      releaseOpens()
      assert.isTrue(yield* eventually(() => peer.closed() === 1), "the connection is closed")
      assert.isTrue(yield* eventually(() => fsCalls.closes === 1 && openHandles(file.path) === 0))
      assert.strictEqual(fsCalls.reads, 0)
    }))

  it.scopedLive("uploads share a kept-alive connection, closed with the client's scope", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(1000)
      const peer = yield* okServer()
      const scope = yield* Scope.make()
      const client = yield* Scope.extend(make(defaultClient().loadDefault), scope)
      for (let i = 0; i < 2; i++) {
        const response = yield* client.execute(fileRequest(peer.url, file.path, 1000))
        assert.strictEqual(yield* response.text, "ok")
      }
      assert.strictEqual(peer.connections.length, 1)
      assert.strictEqual(peer.closed(), 0)
      yield* Scope.close(scope, Exit.void)
      assert.isTrue(yield* eventually(() => peer.closed() === 1), "the connection is closed")
    }))

  it.scopedLive("https URLs go over TLS, kept alive, and the connection is closed with the client's scope", () =>
    Effect.gen(function*() {
      // The agent is the client's own, with no way to trust a test certificate but this.
      const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED
      yield* Effect.acquireRelease(
        Effect.sync(() => {
          process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
        }),
        () =>
          Effect.sync(() => {
            if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
            else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous
          })
      )
      const file = yield* scratchFile(100_000)
      const received: Array<Buffer> = []
      const peer = yield* listening(
        createTlsServer({ key: testKey, cert: testCertificate }, (request, response) => {
          const chunks: Array<Buffer> = []
          request.on("data", (chunk: Buffer) => chunks.push(chunk))
          request.on("end", () => {
            received.push(Buffer.concat(chunks))
            response.end("ok")
          })
        }),
        "https"
      )
      const scope = yield* Scope.make()
      const client = yield* Scope.extend(make(defaultClient().loadDefault), scope)
      for (let i = 0; i < 2; i++) {
        const response = yield* client.execute(fileRequest(`${peer.url}/v1/listen`, file.path, 100_000))
        assert.strictEqual(yield* response.text, "ok")
      }
      assert.strictEqual(received.length, 2)
      assert.isTrue(received.every((body) => body.equals(file.bytes)))
      assert.strictEqual(peer.connections.length, 1)
      yield* Scope.close(scope, Exit.void)
      assert.isTrue(yield* eventually(() => peer.closed() === 1), "the connection is closed")
    }))

  it.scopedLive("requests without a file go to the default client, loaded once, on the first of them", () =>
    Effect.gen(function*() {
      const file = yield* scratchFile(1000)
      const peer = yield* okServer()
      const other = defaultClient()
      const client = yield* make(other.loadDefault)
      const response = yield* client.execute(fileRequest(peer.url, file.path, 1000))
      assert.strictEqual(yield* response.text, "ok")
      assert.strictEqual(other.loads(), 0)
      const requests = [
        HttpClientRequest.get(peer.url),
        HttpClientRequest.post(peer.url).pipe(HttpClientRequest.bodyText("text")),
        // A raw body that is not a file.
        HttpClientRequest.post(peer.url).pipe(HttpClientRequest.setBody(HttpBody.raw("raw text")))
      ]
      const texts = yield* Effect.forEach(
        requests,
        (request) => Effect.flatMap(client.execute(request), (response) => response.text),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(texts, requests.map(() => "from the default client"))
      assert.strictEqual(other.loads(), 1)
      assert.deepStrictEqual(other.seen.map((request) => request.body._tag), ["Empty", "Uint8Array", "Raw"])
      yield* Effect.flatMap(client.execute(requests[0]!), (response) => response.text)
      assert.strictEqual(other.loads(), 1)
      assert.strictEqual(other.seen.length, 4)
      assert.strictEqual(peer.connections.length, 1)
    }))
})

/** The inode of the loopback TCP socket from `localPort` to `remotePort` (Linux: /proc/self/net/tcp). */
const socketInode = (localPort: number, remotePort: number): string | undefined => {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0")
  for (const line of readFileSync("/proc/self/net/tcp", "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/)
    if (fields[1] === `0100007F:${hex(localPort)}` && fields[2] === `0100007F:${hex(remotePort)}`) return fields[9]
  }
  return undefined
}

/** Whether one of this process's file descriptors is `link`. */
const hasFd = (link: string): boolean =>
  readdirSync("/proc/self/fd").some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === link
    } catch {
      return false
    }
  })

// A throwaway self-signed certificate for 127.0.0.1 (EC P-256, valid to 2126), for the https test only.
const testKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/JDxtBQy/5PYSJDo
eZvKbX7jO2Hm3uzWgd7+uyVRQLyhRANCAASUa4fZSEmmak1VDBWlnF8TWoeaWVMi
O24e6ZYKfIWCuhPDYX3K9UwP2BwzOOmOEKqldpvk/DHVV8cDucCqd504
-----END PRIVATE KEY-----
`
const testCertificate = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUeA4KDIS6Uk9Ho9NvOQBfmxGqJ48wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEzMDIyNDA1NVoYDzIxMjYxMTA2
MjI0MDU1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASUa4fZSEmmak1VDBWlnF8TWoeaWVMiO24e6ZYKfIWCuhPDYX3K9UwP
2BwzOOmOEKqldpvk/DHVV8cDucCqd504o2QwYjAdBgNVHQ4EFgQUsNS8Ma07miA8
Jkqzd+sTwpWMYNAwHwYDVR0jBBgwFoAUsNS8Ma07miA8Jkqzd+sTwpWMYNAwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IDyucFCDHvvxIyaDr84ODduG8qdl4ozwiiJrbUUcF8JtAiA7pTd2oZLyVv1VROAO
Irah/Q7wu5pWGltpCjQWz4jmdw==
-----END CERTIFICATE-----
`
