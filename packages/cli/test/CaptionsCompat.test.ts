// Captions against @deepgram/captions 1.2.0 on responses from the emulator:
// byte-identical on the ordinary cases (a diarized response with utterances;
// a words-only response), once the reference's millisecond truncation is
// accounted for.
import { srt as refSrt, webvtt as refWebvtt } from "@deepgram/captions"
import { assert, describe, it } from "@effect/vitest"
import { Captions, Listen } from "@effect-deepgram/node"
import { Effect } from "effect"
import { spacewalk, testLayer, wav } from "./helpers.js"

const dialogue = wav(61, 7)
const script = [
  { text: "Good morning, everyone, and welcome to the quarterly review.", speaker: 0 },
  { text: "Thanks. Revenue grew eleven percent, mostly from the new enterprise plan.", speaker: 1 },
  { text: "That's great news! What about churn?", speaker: 0 },
  { text: "Churn is flat at two percent; we expect it to fall once onboarding ships next month.", speaker: 1 },
  { text: "Perfect. Let's take questions.", speaker: 2 }
]

const TestLayer = testLayer({ transcripts: [[dialogue, script]] })

// The reference formats `dayjs(seconds * 1000)`: a Date truncates the float, so 0.57 s prints as 00:00:00.569.
// Nudging every time by a nanosecond makes its truncation give the rounded millisecond.
const nudge = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(nudge)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, (key === "start" || key === "end") && typeof v === "number" ? v + 1e-9 : nudge(v)])
    )
    : value

const timestampLine = /^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d$/

const compare = (ours: string, reference: string, nudged: string) => {
  assert.strictEqual(ours, nudged)
  // Without the nudge, the only differences are timestamp lines where the reference lost a millisecond.
  const a = ours.split("\n")
  const b = reference.split("\n")
  assert.strictEqual(a.length, b.length)
  let differing = 0
  a.forEach((line, i) => {
    if (line !== b[i]) {
      differing++
      assert.match(line, timestampLine)
    }
  })
  return differing
}

describe("Captions vs @deepgram/captions", () => {
  it.layer(TestLayer, { timeout: 60_000 })((it) => {
    it.effect("a diarized response with utterances", () =>
      Effect.gen(function*() {
        const listen = yield* Listen.Listen
        const response = yield* listen.transcribe(dialogue, { diarize: true, utterances: true, punctuate: true })
        assert.isTrue((response.results.utterances?.length ?? 0) > 3)
        const vtt = yield* Captions.webvtt(response)
        const srt = yield* Captions.srt(response)
        compare(vtt, refWebvtt(response), refWebvtt(nudge(response)))
        compare(srt, refSrt(response), refSrt(nudge(response)))
        assert.include(vtt, "<v Speaker 1>")
        assert.include(srt, "[Speaker 2]\n")
      }))

    it.effect("a words-only response (the spacewalk sample), with and without diarization", () =>
      Effect.gen(function*() {
        const listen = yield* Listen.Listen
        for (const options of [{ smart_format: true }, { punctuate: true, diarize: true }, {}]) {
          const response = yield* listen.transcribeFile(spacewalk, options)
          assert.isTrue((response.results.channels[0]?.alternatives?.[0]?.words?.length ?? 0) > 50)
          assert.strictEqual(yield* Captions.webvtt(response), refWebvtt(response))
          assert.strictEqual(yield* Captions.srt(response), refSrt(response))
        }
      }))

    it.effect("a response without words (the reference throws)", () =>
      Effect.gen(function*() {
        const listen = yield* Listen.Listen
        const audio = wav(10, 8)
        const response = yield* listen.transcribe(audio, { diarize: true })
        // Unknown audio: no words. The reference throws on it; we give an empty SRT and a header-only WebVTT.
        assert.throws(() => refSrt(response))
        assert.strictEqual(yield* Captions.srt(response), "")
        assert.isTrue((yield* Captions.webvtt(response)).startsWith("WEBVTT\n\nNOTE\n"))
      }))
  })
})
