import { Deepgram, DeepgramConfig, DeepgramSocket, Listen, NodeDeepgram, NodeDialer } from "@effect-deepgram/node"
import { NodeHttpClient } from "@effect/platform-node"
import { Socket } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Fiber, Layer, Option, Stream } from "effect"
import { resultsFrame } from "./helpers.js"
import { scriptedPeer, waitFor, WebSocket } from "./peer.js"

const metadata = JSON.stringify({
  type: "Metadata",
  transaction_key: "deprecated",
  request_id: "req-1",
  sha256: "0",
  created: "2026-01-01T00:00:00Z",
  duration: 1,
  channels: 1
})

const live = (url: string, apiKey = "secret-key") =>
  NodeDeepgram.layer({ baseUrl: url, apiKey, retry: { retries: 0 } })

const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4])

describe("socket layer (Node, ws)", () => {
  it.scopedLive("sends credentials in the Authorization header and options as query parameters", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.on("message", (data, binary) => {
        if (!binary && String(data).includes("CloseStream")) {
          ws.send(metadata)
          ws.close(1000)
        }
      }))
      const events = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(wav), { model: "nova-3", keyterm: ["a b", "c"], interim_results: true }).pipe(
          Stream.runCollect
        )
      }).pipe(Effect.provide(live(peer.url)))
      const request = peer.received.requests[0]!
      assert.strictEqual(request.headers.authorization, "Token secret-key")
      assert.strictEqual(request.headers["sec-websocket-protocol"], undefined)
      const url = new URL(request.url!, "http://x")
      assert.strictEqual(url.pathname, "/v1/listen")
      assert.deepStrictEqual(url.searchParams.getAll("keyterm"), ["a b", "c"])
      assert.strictEqual(url.searchParams.get("interim_results"), "true")
      assert.deepStrictEqual(Chunk.toReadonlyArray(events).map((e) => e.type), ["Metadata"])
      assert.deepStrictEqual(peer.received.binary, [wav])
      assert.deepStrictEqual(peer.received.text, [JSON.stringify({ type: "CloseStream" })])
    }))

  it.scopedLive("authenticates with the Sec-WebSocket-Protocol pair where headers are impossible", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.close(1000))
      // The browser path: the platform's WebSocketConstructor, which cannot set headers.
      const layer = Deepgram.layer.pipe(
        Layer.provide(DeepgramSocket.layerWebSocketConstructor),
        Layer.provide(
          Layer.succeed(
            Socket.WebSocketConstructor,
            (url, protocols) => new WebSocket(url, protocols) as unknown as globalThis.WebSocket
          )
        ),
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.provideMerge(DeepgramConfig.layer({ baseUrl: peer.url, apiKey: "secret-key" }))
      )
      yield* Effect.scoped(Effect.gen(function*() {
        const listen = yield* Listen.Listen
        const session = yield* listen.liveSession({ model: "nova-3" })
        yield* Stream.runDrain(session.events)
      })).pipe(Effect.provide(layer))
      const request = peer.received.requests[0]!
      const protocols = String(request.headers["sec-websocket-protocol"]).split(",").map((p) => p.trim())
      assert.deepStrictEqual(protocols, ["token", "secret-key"])
      assert.strictEqual(request.headers.authorization, undefined)
    }))

  it.scopedLive("a refused handshake is a typed error with status, dg-error and request id", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {}, {
        refuse: { status: 401, headers: { "dg-error": "Invalid credentials.", "dg-request-id": "req-401" } }
      })
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* Effect.scoped(listen.liveSession({ model: "nova-3" }))
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramHandshakeError")
      if (error._tag !== "DeepgramHandshakeError") return
      assert.strictEqual(error.status, 401)
      assert.strictEqual(error.dgError, "Invalid credentials.")
      assert.strictEqual(error.requestId, "req-401")
      assert.notInclude(error.message, "secret-key")
      assert.notInclude(String(error), "secret-key")
    }))

  it.scopedLive("close codes: 1011 with NET-0001 is a typed error after every earlier event", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(resultsFrame("one"))
        ws.send(resultsFrame("two"))
        ws.close(1011, "Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001")
      })
      const seen: Array<string> = []
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.never, { model: "nova-3", encoding: "linear16", sample_rate: 16000 }).pipe(
          Listen.finalTranscripts,
          Stream.runForEach((text) => Effect.sync(() => seen.push(text)))
        )
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.deepStrictEqual(seen, ["one", "two"])
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag !== "DeepgramSocketError") return
      assert.strictEqual(error.reason, "Closed")
      assert.strictEqual(error.code, 1011)
      assert.strictEqual(error.errCode, "NET-0001")
      assert.strictEqual(error.requestId, "req-1")
    }))

  it.scopedLive("a connection dropped without a close frame (1006) is an error, not a clean end", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(resultsFrame("before the drop"))
        setTimeout(() => ws.terminate(), 20)
      })
      const exit = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.never, { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runCollect)
      }).pipe(Effect.provide(live(peer.url)), Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(exit)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Dropped")
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.code, 1006)
    }))

  it.scopedLive("a drop after the end of input (CloseStream answered by no close frame) fails with code 1006", () =>
    Effect.gen(function*() {
      // All the input is sent, so the error is the socket's own close classification (not the audio summary).
      const peer = yield* scriptedPeer((ws) =>
        ws.on("message", (data, binary) => {
          if (!binary && data.toString().includes("CloseStream")) {
            ws.send(resultsFrame("last words"))
            setTimeout(() => ws.terminate(), 20)
          }
        })
      )
      const seen: Array<string> = []
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(new Uint8Array(320)), { encoding: "linear16", sample_rate: 16000 }).pipe(
          Listen.finalTranscripts,
          Stream.runForEach((text) => Effect.sync(() => seen.push(text)))
        )
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.deepStrictEqual(seen, ["last words"])
      assert.strictEqual(error._tag, "DeepgramSocketError")
      if (error._tag !== "DeepgramSocketError") return
      assert.strictEqual(error.reason, "Dropped")
      assert.strictEqual(error.code, 1006)
      assert.strictEqual(error.audio, undefined)
    }))

  it.scopedLive("1008 policy closes are typed errors", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.close(1008, "DATA-0000: invalid message"))
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.never, { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runCollect)
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.code, 1008)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.errCode, "DATA-0000")
    }))

  it.scopedLive("unknown message types arrive as Unknown and the stream goes on; malformed JSON is a typed error", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        ws.send(JSON.stringify({ type: "SomethingNew", value: 42 }))
        ws.send(resultsFrame("still here"))
        ws.send("{not json")
      })
      const seen: Array<Listen.LiveEvent> = []
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.never, { encoding: "linear16", sample_rate: 16000 }).pipe(
          Stream.runForEach((event) => Effect.sync(() => seen.push(event)))
        )
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.deepStrictEqual(seen.map((e) => e.type), ["Unknown", "Results"])
      const unknown = seen[0]!
      assert.isTrue(unknown.type === "Unknown" && (unknown.raw as Record<string, unknown>).value === 42)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Decode")
      assert.include(error.message, "{not json")
    }))

  it.scopedLive("a known message that fails its schema arrives as Invalid; strict: true fails the stream with a Decode error", () =>
    Effect.gen(function*() {
      const script = (ws: WebSocket) => {
        ws.send(resultsFrame("before"))
        ws.send(resultsFrame("bad start", { extra: { start: "not a number" } }))
        ws.send(resultsFrame("after"))
        ws.on("message", (data, binary) => {
          if (!binary && String(data).includes("CloseStream")) ws.close(1000)
        })
      }
      const lenient = yield* scriptedPeer(script)
      const events = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(wav), { model: "nova-3" }).pipe(Stream.runCollect)
      }).pipe(Effect.provide(live(lenient.url)))
      const all = Chunk.toReadonlyArray(events)
      assert.deepStrictEqual(all.map((e) => e.type), ["Results", "Invalid", "Results"])
      const invalid = all[1]!
      assert.isTrue(invalid.type === "Invalid" && invalid.messageType === "Results" && invalid.issue.includes("start"))

      const strict = yield* scriptedPeer(script)
      const seen: Array<string> = []
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(wav), { model: "nova-3" }, { strict: true }).pipe(
          Stream.runForEach((e) => Effect.sync(() => seen.push(e.type)))
        )
      }).pipe(Effect.provide(live(strict.url)), Effect.flip)
      assert.deepStrictEqual(seen, ["Results"])
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "Decode")
      assert.include(error.message, "strict mode")
      assert.include(error.message, "start")
    }))

  it.scopedLive("client messages are typed: checked against their schema, then sent as JSON text frames", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {})
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* Effect.scoped(Effect.gen(function*() {
          const flux = yield* listen.fluxSession({ model: "flux-general-en", encoding: "linear16", sample_rate: 16000 })
          yield* flux.configure({ thresholds: { eot_threshold: 0.7 } })
          // an unknown field is refused before anything is sent
          return yield* Effect.flip(flux.configure({ thresholds: { eot_threshold: 0.7 }, surprise: 1 } as Listen.FluxConfigure))
        }))
      }).pipe(Effect.provide(live(peer.url)))
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "surprise")
      yield* waitFor(() => peer.received.text.length >= 1)
      assert.deepStrictEqual(peer.received.text.map((t) => JSON.parse(t)), [{ thresholds: { eot_threshold: 0.7 }, type: "Configure" }])
    }))

  it.scopedLive("nothing sent after the end of input is lost: the drain delivers every message", () =>
    Effect.gen(function*() {
      // Twice: the close frame right behind the messages while the consumer is still busy with the first event
      // (so the rest and the close are read in one batch), and the close a little later.
      for (const closeDelay of [undefined, 30]) {
        const peer = yield* scriptedPeer((ws) =>
          ws.on("message", (data, binary) => {
            if (binary) return
            if (String(data).includes("CloseStream")) {
              for (let i = 0; i < 50; i++) ws.send(resultsFrame(`late ${i}`))
              ws.send(metadata)
              if (closeDelay === undefined) ws.close(1000)
              else setTimeout(() => ws.close(1000), closeDelay)
            }
          })
        )
        let first = true
        const busyWithFirst = closeDelay === undefined ? Effect.sleep("200 millis") : Effect.void
        const events = yield* Effect.gen(function*() {
          const listen = yield* Listen.Listen
          return yield* listen.live(Stream.make(wav, wav), { model: "nova-3" }).pipe(
            Stream.tap(() => {
              if (!first) return Effect.void
              first = false
              return busyWithFirst
            }),
            Stream.runCollect
          )
        }).pipe(Effect.provide(live(peer.url)))
        const all = Chunk.toReadonlyArray(events)
        assert.strictEqual(all.length, 51, `close delay ${closeDelay}`)
        assert.deepStrictEqual(
          all.slice(0, 50).map((e) => e.type === "Results" && e.channel.alternatives[0]?.transcript),
          Array.from({ length: 50 }, (_, i) => `late ${i}`)
        )
        assert.strictEqual(all[50]!.type, "Metadata")
        assert.strictEqual(peer.received.binary.length, 2)
      }
    }))

  it.scopedLive("keepalive: a JSON KeepAlive while no audio flows, none while it does", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {})
      yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        yield* Effect.scoped(Effect.gen(function*() {
          const session = yield* listen.liveSession({ encoding: "linear16", sample_rate: 16000 }, { keepAliveInterval: "100 millis" })
          yield* Effect.sleep("450 millis")
          const idle = peer.received.text.filter((t) => t.includes("KeepAlive")).length
          assert.isAtLeast(idle, 3)
          // while audio flows, no KeepAlive
          for (let i = 0; i < 20; i++) {
            yield* session.send(new Uint8Array(320))
            yield* Effect.sleep("25 millis")
          }
          assert.strictEqual(peer.received.text.filter((t) => t.includes("KeepAlive")).length, idle)
        }))
      }).pipe(Effect.provide(live(peer.url)))
    }))

  it.scopedLive("interruption closes the socket", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => ws.send(resultsFrame("hello")))
      const fiber = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.never, { encoding: "linear16", sample_rate: 16000 }).pipe(Stream.runDrain)
      }).pipe(Effect.provide(live(peer.url)), Effect.fork)
      yield* waitFor(() => peer.received.requests.length === 1)
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(fiber)
      yield* waitFor(() => peer.received.closes.length === 1)
      assert.deepStrictEqual(peer.received.closes, [1000])
    }))

  it.scopedLive("raw audio without encoding is refused before anything is sent", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer(() => {})
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(new Uint8Array([1, 2, 3, 4])), { model: "nova-3" }).pipe(Stream.runDrain)
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "encoding")
      assert.strictEqual(peer.received.binary.length, 0)
    }))

  it.scopedLive("encoding without sample_rate is an options error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* Effect.scoped(listen.liveSession({ encoding: "linear16" }))
      }).pipe(Effect.provide(live("http://127.0.0.1:9")), Effect.flip)
      assert.strictEqual(error._tag, "DeepgramInputError")
      assert.include(error.message, "sample_rate")
    }))

  it.scopedLive("binary and text frames keep their order", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) => {
        for (let i = 0; i < 100; i++) {
          ws.send(new Uint8Array([i]))
          ws.send(`{"type":"T${i}"}`)
        }
        ws.close(1000)
      })
      const raw = yield* NodeDialer.make.open({
        url: peer.url.replace("http", "ws"),
        headers: {},
        protocols: [],
        openTimeout: 5000
      })
      const order: Array<string> = []
      while (true) {
        const event = yield* raw.take
        if (event._tag === "Close") break
        order.push(event._tag === "Text" ? event.data : `bin:${event.data[0]}`)
      }
      const expected = Array.from({ length: 100 }, (_, i) => [`bin:${i}`, `{"type":"T${i}"}`]).flat()
      assert.deepStrictEqual(order, expected)
    }))

  it.scopedLive("Flux: pings keep it alive, no JSON KeepAlive; Configure is sent; a close without status after CloseStream is a normal end", () =>
    Effect.gen(function*() {
      let pings = 0
      const peer = yield* scriptedPeer((ws) => {
        ws.on("ping", () => pings++)
        ws.send(JSON.stringify({ type: "Connected", request_id: "flux-1", sequence_id: 0 }))
        ws.on("message", (data, binary) => {
          if (!binary && String(data).includes("CloseStream")) ws.close()
        })
      })
      const events = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* Effect.scoped(Effect.gen(function*() {
          const session = yield* listen.fluxSession(
            { model: "flux-general-en", encoding: "linear16", sample_rate: 16000 },
            { keepAliveInterval: "50 millis" }
          )
          yield* session.configure({ thresholds: { eot_threshold: 0.8 } })
          yield* Effect.sleep("300 millis")
          yield* session.closeStream
          const events = yield* Stream.runCollect(session.events)
          return { events, requestId: yield* session.requestId }
        }))
      }).pipe(Effect.provide(live(peer.url)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(events.events).map((e) => e.type), ["Connected"])
      assert.deepStrictEqual(events.requestId, Option.some("flux-1"))
      assert.isAtLeast(pings, 3)
      assert.isFalse(peer.received.text.some((t) => t.includes("KeepAlive")))
      assert.deepStrictEqual(JSON.parse(peer.received.text[0]!), { thresholds: { eot_threshold: 0.8 }, type: "Configure" })
      assert.strictEqual(new URL(peer.received.requests[0]!.url!, "http://x").pathname, "/v2/listen")
    }))

  it.scopedLive("an audio stream that fails ends the event stream with its error, after what was received", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) =>
        ws.on("message", (_data, binary) => {
          if (binary) ws.send(resultsFrame("heard"))
        })
      )
      const seen: Array<string> = []
      const audio: Stream.Stream<Uint8Array, "microphone unplugged"> = Stream.make<Array<Uint8Array>>(wav).pipe(
        Stream.concat(Stream.drain(Stream.fromEffect(Effect.sleep("100 millis")))),
        Stream.concat(Stream.fail("microphone unplugged" as const))
      )
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(audio, { model: "nova-3" }).pipe(
          Listen.finalTranscripts,
          Stream.runForEach((text) => Effect.sync(() => seen.push(text)))
        )
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.strictEqual(error, "microphone unplugged")
      assert.deepStrictEqual(seen, ["heard"])
      yield* waitFor(() => peer.received.closes.length === 1)
    }))

  it.scopedLive("a server that never closes after CloseStream fails the stream after closeTimeout", () =>
    Effect.gen(function*() {
      const peer = yield* scriptedPeer((ws) =>
        ws.on("message", (data, binary) => {
          if (!binary && String(data).includes("CloseStream")) ws.send(resultsFrame("last words"))
        })
      )
      const seen: Array<string> = []
      const started = Date.now()
      const error = yield* Effect.gen(function*() {
        const listen = yield* Listen.Listen
        return yield* listen.live(Stream.make(wav), { model: "nova-3" }, { closeTimeout: "300 millis" }).pipe(
          Listen.finalTranscripts,
          Stream.runForEach((text) => Effect.sync(() => seen.push(text)))
        )
      }).pipe(Effect.provide(live(peer.url)), Effect.flip)
      assert.strictEqual(error._tag === "DeepgramSocketError" && error.reason, "CloseTimeout")
      // The SDK gave up and dropped the connection: the error records that close (1006, no reason).
      assert.deepStrictEqual(error._tag === "DeepgramSocketError" && [error.code, error.closeReason], [1006, ""])
      assert.deepStrictEqual(seen, ["last words"])
      assert.isBelow(Date.now() - started, 5000)
    }))
})
