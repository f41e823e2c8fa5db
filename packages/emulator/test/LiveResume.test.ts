// A /v1/listen stream resumed on a new connection from the middle of its audio (what a client does after a
// drop): the emulator hears that part of the stream, with times counted from the new connection's start.
import { ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { DeepgramEmulator } from "../src/index.js"
import type { Client } from "./live.js"
import { connect, spacewalkPcm, stream } from "./live.js"
import { fixturesDir } from "./utils.js"

const BYTES_PER_SECOND = 88200
const query = "encoding=linear16&sample_rate=44100&channels=1&punctuate=true"

const finals = (client: Client): Array<ListenV1.Results> =>
  client.frames.flatMap((frame) => {
    const message = Either.getOrThrow(ListenV1.decodeServerMessageEither(frame))
    return message.type === "Results" && message.is_final === true ? [message] : []
  })

/** Words with their times moved by `offset` seconds, to 3 decimals. */
const wordsOf = (results: ReadonlyArray<ListenV1.Results>, offset = 0) =>
  results.flatMap((result) =>
    result.channel.alternatives[0]!.words.map((w) => `${w.word}@${(w.start + offset).toFixed(3)}`)
  )

describe("/v1/listen: a stream resumed on a new connection", () => {
  it.scopedLive("continues the words from where its audio starts, timed from the connection's start", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ transcriptsDir: fixturesDir })
      const url = `${emulator.wsUrl}/v1/listen?${query}`

      const whole = yield* connect(url)
      yield* stream(whole, spacewalkPcm, 4410)
      yield* whole.send({ type: "CloseStream" })
      yield* whole.closed
      const expected = wordsOf(finals(whole))
      assert.isAbove(expected.length, 50)

      // The first 12 s, then the connection is dropped without CloseStream.
      const first = yield* connect(url)
      yield* stream(first, spacewalkPcm.subarray(0, 12 * BYTES_PER_SECOND), 4410)
      yield* first.waitFor((m) => (m as { readonly start?: number }).start !== undefined && finals(first).length >= 2)
      first.ws.terminate()
      yield* first.closed
      // Resume where the last final result received ended, as a reconnecting client does (frame aligned).
      const heard = finals(first)
      const last = heard[heard.length - 1]!
      const end = last.start + last.duration
      const position = Math.floor(end * BYTES_PER_SECOND / 2) * 2
      const offset = position / BYTES_PER_SECOND
      assert.isAbove(offset, 1)

      const second = yield* connect(url)
      yield* stream(second, spacewalkPcm.subarray(position), 4410)
      yield* second.send({ type: "CloseStream" })
      yield* second.closed
      const resumed = finals(second)
      // Timed from the new connection's start: the first result starts at 0.
      assert.closeTo(resumed[0]!.start, 0, 0.002)
      assert.deepStrictEqual([...wordsOf(heard), ...wordsOf(resumed, offset)], expected)
    }))

  it.scopedLive("audio that continues no stream heard before is not taken for one", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make({ transcriptsDir: fixturesDir })
      const url = `${emulator.wsUrl}/v1/listen?${query}`
      const first = yield* connect(url)
      yield* stream(first, spacewalkPcm.subarray(0, 6 * BYTES_PER_SECOND), 4410)
      yield* first.waitFor(() => finals(first).length >= 1)
      first.ws.terminate()
      yield* first.closed
      // Other audio (its bytes reversed) from the middle: no words, as for any unknown audio.
      const other = spacewalkPcm.slice(8 * BYTES_PER_SECOND, 14 * BYTES_PER_SECOND).reverse()
      const second = yield* connect(url)
      yield* stream(second, other, 4410)
      yield* second.send({ type: "CloseStream" })
      yield* second.closed
      assert.deepStrictEqual(wordsOf(finals(second)), [])
    }))
})
