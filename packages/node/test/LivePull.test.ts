import { Listen } from "@effect-deepgram/node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Option, Stream } from "effect"
import { peerSdk, resultsFrame } from "./helpers.js"
import { scriptedPeer } from "./peer.js"

const results = resultsFrame("late words")

const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4])

describe("live event pulls (Node, ws)", () => {
  it.scopedLive("a pull interrupted while it waits loses no event: the next pull gets what arrived meanwhile", () =>
    Effect.gen(function*() {
      // The peer answers the audio 200 ms later, after the first pull has given up.
      const peer = yield* scriptedPeer((ws) =>
        ws.on("message", (_data, binary) => {
          if (binary) setTimeout(() => ws.send(results), 200)
        })
      )
      const listen = yield* Listen.Listen.pipe(
        Effect.provide(peerSdk(peer.url))
      )
      const pull = yield* Stream.toPull(listen.live(Stream.make(wav).pipe(Stream.concat(Stream.never))))
      const first = yield* Effect.timeoutOption(pull, "50 millis")
      assert.isTrue(Option.isNone(first))
      // The Results arrives while no pull waits; the interrupted pull's callback must not take it.
      yield* Effect.sleep("400 millis")
      const second = yield* Effect.timeoutFail(pull, { duration: "2 seconds", onTimeout: () => "no event" })
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(second).map((event) => event.type === "Results" ? event.channel.alternatives[0]?.transcript : event.type),
        ["late words"]
      )
    }))
})
