import { srt as refSrt, webvtt as refWebvtt } from "@deepgram/captions"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import * as Captions from "../src/Captions.js"
import type { LiveEvent, TranscriptionResponse } from "../src/Listen.js"

interface W {
  readonly word: string
  readonly start: number
  readonly end: number
  readonly speaker?: number
  readonly punctuated_word?: string
}

const words = (text: string, from = 0, step = 0.5, speaker?: number): Array<W> =>
  text.split(" ").map((word, i) => ({
    word: word.toLowerCase().replace(/[^a-z']/g, ""),
    punctuated_word: word,
    start: from + i * step,
    end: from + i * step + step * 0.8,
    ...(speaker === undefined ? {} : { speaker })
  }))

const response = (channels: ReadonlyArray<ReadonlyArray<W>>, extra: object = {}): TranscriptionResponse =>
  ({
    metadata: { request_id: "req-1", created: "2026-01-01T00:00:00.000Z", duration: 12.5, channels: channels.length },
    results: {
      channels: channels.map((ws) => ({ alternatives: [{ transcript: ws.map((w) => w.word).join(" "), confidence: 1, words: ws }] })),
      ...extra
    }
  }) as unknown as TranscriptionResponse

describe("Captions", () => {
  it("timestamps: rounded milliseconds, hours past 24", () => {
    assert.strictEqual(Captions.timestamp(0.57, "vtt"), "00:00:00.570")
    assert.strictEqual(Captions.timestamp(1.0005, "srt"), "00:00:01,001")
    assert.strictEqual(Captions.timestamp(90061.2375, "srt"), "25:01:01,238")
    assert.strictEqual(Captions.timestamp(100 * 3600, "vtt"), "100:00:00.000")
    assert.strictEqual(Captions.timestamp(-1, "vtt"), "00:00:00.000")
  })

  it.effect("milliseconds are rounded where @deepgram/captions truncates", () =>
    Effect.gen(function*() {
      // 1.005 * 1000 is 1004.9999999999999 in floating point
      const r = response([[{ word: "hi", punctuated_word: "Hi", start: 1.005, end: 1.15 }]])
      const ours = yield* Captions.srt(r)
      assert.strictEqual(ours, "1\n00:00:01,005 --> 00:00:01,150\nHi\n")
      assert.include(refSrt(r), "00:00:01,004")
    }))

  it.effect("words-only, single speaker: same bytes as @deepgram/captions", () =>
    Effect.gen(function*() {
      const r = response([words("One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen.", 0.25)])
      assert.strictEqual(yield* Captions.webvtt(r), refWebvtt(r))
      assert.strictEqual(yield* Captions.srt(r), refSrt(r))
      assert.strictEqual((yield* Captions.cues(r)).length, 3)
    }))

  it.effect("empty words: no cues instead of a TypeError", () =>
    Effect.gen(function*() {
      const r = response([[]])
      assert.throws(() => refSrt(r))
      assert.strictEqual(yield* Captions.srt(r), "")
      assert.strictEqual(
        yield* Captions.webvtt(r),
        "WEBVTT\n\nNOTE\nTranscription provided by Deepgram\nRequest Id: req-1\nCreated: 2026-01-01T00:00:00.000Z\nDuration: 12.5\nChannels: 1\n"
      )
      assert.strictEqual(yield* Captions.webvtt(r, { note: false }), "WEBVTT\n")
    }))

  it.effect("a diarized response whose first speaker is 1", () =>
    Effect.gen(function*() {
      const r = response([[...words("Hello there.", 0, 0.5, 1), ...words("Hi!", 2, 0.5, 0)]])
      assert.throws(() => refSrt(r))
      assert.strictEqual(
        yield* Captions.srt(r),
        "1\n00:00:00,000 --> 00:00:00,900\n[Speaker 1]\nHello there.\n\n2\n00:00:02,000 --> 00:00:02,400\n[Speaker 0]\nHi!\n"
      )
      const vtt = yield* Captions.webvtt(r, { speakerLabels: false, note: false })
      assert.strictEqual(vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nHello there.\n\n00:00:02.000 --> 00:00:02.400\nHi!\n")
    }))

  it.effect("utterances are preferred over words and chunked by words per cue", () =>
    Effect.gen(function*() {
      const ws = words("a b c d e f g h i j", 0, 0.5, 0)
      const r = response([ws], {
        utterances: [
          { start: 0, end: 2.4, channel: 0, speaker: 0, transcript: "a b c d e", words: ws.slice(0, 5), id: "u1" },
          { start: 2.5, end: 4.9, channel: 0, speaker: 0, transcript: "f g h i j", words: ws.slice(5), id: "u2" }
        ]
      })
      const cues = yield* Captions.cues(r, { wordsPerCue: 3 })
      assert.deepStrictEqual(cues.map((cue) => cue.lines.join("|")), ["a b c", "d e", "f g h", "i j"])
      assert.strictEqual(yield* Captions.srt(r, { wordsPerCue: 3 }), refSrt(r, 3))
      assert.strictEqual(yield* Captions.webvtt(r), refWebvtt(r))
    }))

  it.effect("characters per line and lines per cue", () =>
    Effect.gen(function*() {
      const r = response([words("The quick brown fox jumps over the lazy dog and keeps on running far away.")])
      const cues = yield* Captions.cues(r, { wordsPerCue: 100, charactersPerLine: 16, linesPerCue: 2 })
      for (const cue of cues) {
        assert.isAtMost(cue.lines.length, 2)
        for (const line of cue.lines) assert.isAtMost(line.length, 16)
      }
      assert.deepStrictEqual(cues.map((cue) => cue.lines), [
        ["The quick brown", "fox jumps over"],
        ["the lazy dog and", "keeps on running"],
        ["far away."]
      ])
      const srt = yield* Captions.srt(r, { wordsPerCue: 100, charactersPerLine: 16, linesPerCue: 2 })
      assert.include(srt, "1\n00:00:00,000 --> 00:00:02,900\nThe quick brown\nfox jumps over\n\n2\n")
    }))

  it.effect("multichannel: every channel merged in time order and labelled, or one channel", () =>
    Effect.gen(function*() {
      const r = response([words("left one", 0, 1), words("right one", 0.5, 1)])
      const cues = yield* Captions.cues(r)
      assert.deepStrictEqual(cues.map((cue) => [cue.channel, cue.lines[0]]), [[0, "left"], [1, "right"], [0, "one"], [1, "one"]])
      const vtt = yield* Captions.webvtt(r, { note: false })
      assert.include(vtt, "<v Channel 1>right")
      const only = yield* Captions.srt(r, { channel: 1 })
      assert.strictEqual(only, "1\n00:00:00,500 --> 00:00:02,300\nright one\n")
      const missing = yield* Effect.either(Captions.srt(r, { channel: 2 }))
      assert.isTrue(Either.isLeft(missing) && missing.left.reason === "InvalidOptions")
    }))

  it.effect("typed errors: malformed words and invalid options", () =>
    Effect.gen(function*() {
      const bad = response([[{ word: "hi", start: Number.NaN, end: 1 }]])
      const error = yield* Effect.flip(Captions.srt(bad))
      assert.strictEqual(error._tag, "CaptionsError")
      assert.strictEqual(error.reason, "MalformedResponse")
      assert.strictEqual(error.path, "results.channels[0].alternatives[0].words[0].start")
      const noResults = yield* Effect.flip(Captions.srt({ metadata: {} } as unknown as TranscriptionResponse))
      assert.strictEqual(noResults.path, "results")
      const invalid = yield* Effect.flip(Captions.webvtt(response([[]]), { wordsPerCue: 0 }))
      assert.strictEqual(invalid.message, "InvalidOptions: wordsPerCue: expected a positive integer, got 0")
    }))

  it.effect("live: cues from final results only, rendered as they arrive", () =>
    Effect.gen(function*() {
      const result = (isFinal: boolean, ws: Array<W>, channel = 0) =>
        ({
          type: "Results",
          channel_index: [channel, 1],
          duration: 1,
          start: 0,
          is_final: isFinal,
          channel: { alternatives: [{ transcript: "", confidence: 1, words: ws.map((w) => ({ ...w, confidence: 1 })) }] },
          metadata: { request_id: "r", model_info: { name: "n", version: "v", arch: "a" }, model_uuid: "m" }
        }) as unknown as LiveEvent
      const events = Stream.make(
        result(false, words("hello wor")),
        result(true, words("Hello world, how are you?")),
        { type: "UtteranceEnd", channel: [0, 1], last_word_end: 3 } as unknown as LiveEvent,
        result(true, words("Fine, thanks.", 4))
      )
      const srt = Chunk.toReadonlyArray(yield* Stream.runCollect(Captions.liveSrt(Captions.fromLive(events, { wordsPerCue: 3 }))))
      assert.deepStrictEqual(srt, [
        "1\n00:00:00,000 --> 00:00:01,400\nHello world, how\n\n",
        "2\n00:00:01,500 --> 00:00:02,400\nare you?\n\n",
        "3\n00:00:04,000 --> 00:00:04,900\nFine, thanks.\n\n"
      ])
      const vtt = yield* Stream.runCollect(Captions.liveVtt(Captions.fromLive(events)))
      assert.strictEqual(
        Chunk.join(vtt, ""),
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.400\nHello world, how are you?\n\n00:00:04.000 --> 00:00:04.900\nFine, thanks.\n\n"
      )
    }))

  it.effect("live Flux: EndOfTurn messages become cues", () =>
    Effect.gen(function*() {
      const turn = (event: string, transcript: string) => ({
        type: "TurnInfo",
        request_id: "r",
        sequence_id: 1,
        event,
        turn_index: 0,
        audio_window_start: 1,
        audio_window_end: 3,
        transcript,
        words: transcript.split(" ").map((word) => ({ word, confidence: 1 })),
        end_of_turn_confidence: 0.9
      })
      const cues = yield* Stream.runCollect(
        Captions.fromLive(Stream.make(turn("Update", "hi"), turn("EndOfTurn", "hi there")) as unknown as Stream.Stream<LiveEvent>)
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(cues).map((cue) => [cue.start, cue.end, cue.lines[0]]), [[1, 3, "hi there"]])
    }))
})
