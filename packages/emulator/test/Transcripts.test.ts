import { ListenV1 } from "@effect-deepgram/schema"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as NodePath from "node:path"
import { DeepgramEmulator, Transcript } from "../src/index.js"
import { postAudio, spacewalkTranscript, wav } from "./utils.js"

const decodeResponse = Schema.decodeUnknownSync(ListenV1.TranscriptionResponse)
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

const transcribe = (url: string, audio: Uint8Array, query = "?punctuate=true") =>
  Effect.map(postAudio(`${url}/v1/listen${query}`, audio), (answer) => {
    assert.strictEqual(answer.status, 200, answer.text)
    return decodeResponse(answer.json)
  })

const transcriptOf = (response: ListenV1.TranscriptionResponse, channel = 0) =>
  response.results.channels[channel]!.alternatives![0]!.transcript

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(NodePath.join(os.tmpdir(), "dg-emulator-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

describe("Transcript.parseSidecar", () => {
  it("plain text is one string with normalised whitespace", () => {
    assert.strictEqual(Transcript.parseSidecar("  Hello,\n  world.\n"), "Hello, world.")
  })

  it("speaker and channel markers start segments", () => {
    assert.deepStrictEqual(
      Transcript.parseSidecar(
        "[speaker 0] Hello there.\nHow are you?\n[speaker:1][channel 1] Fine!\n\n[speaker 0] Good."
      ),
      [
        { text: "Hello there. How are you?", speaker: 0, channel: 0 },
        { text: "Fine!", speaker: 1, channel: 1 },
        { text: "Good.", speaker: 0, channel: 1 }
      ]
    )
  })
})

describe("transcript registry", () => {
  it.scopedLive("register by bytes or by digest; invalid digests fail", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      const a = wav({ sampleRate: 8000, channels: 1, seconds: 1 })
      const b = wav({ sampleRate: 8000, channels: 1, seconds: 2 })
      assert.strictEqual(yield* emulator.register(a, "First audio."), sha256(a))
      yield* emulator.register(sha256(b).toUpperCase(), "Second audio.")
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, a)), "First audio.")
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, b)), "Second audio.")
      assert.deepStrictEqual(
        yield* emulator.transcriptFor(sha256(b)),
        Option.some([{ text: "Second audio." }])
      )
      const invalid = yield* Effect.either(emulator.register("not-a-digest", "x"))
      assert.isTrue(Either.isLeft(invalid) && invalid.left.reason === "InvalidAudioKey")
      yield* emulator.clearTranscripts
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, a)), "")
    }))

  it.scopedLive("the transcripts option takes a record or pairs", () =>
    Effect.gen(function*() {
      const a = wav({ sampleRate: 8000, channels: 1, seconds: 1 })
      const b = wav({ sampleRate: 16000, channels: 1, seconds: 1 })
      const fromRecord = yield* DeepgramEmulator.make({ transcripts: { [sha256(a)]: "From a record." } })
      assert.strictEqual(transcriptOf(yield* transcribe(fromRecord.url, a)), "From a record.")
      const fromPairs = yield* DeepgramEmulator.make({ transcripts: [[b, [{ text: "From pairs." }]]] })
      assert.strictEqual(transcriptOf(yield* transcribe(fromPairs.url, b)), "From pairs.")
    }))

  it.scopedLive("sidecar files: X.txt and X.wav.txt, recursively", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const one = wav({ sampleRate: 8000, channels: 1, seconds: 1.5 })
      const two = wav({ sampleRate: 8000, channels: 2, seconds: 1 })
      const three = wav({ sampleRate: 8000, channels: 1, seconds: 0.5 })
      fs.mkdirSync(NodePath.join(dir, "nested"))
      fs.writeFileSync(NodePath.join(dir, "one.wav"), one)
      fs.writeFileSync(NodePath.join(dir, "one.txt"), "One, the first.\n")
      fs.writeFileSync(NodePath.join(dir, "nested", "two.wav"), two)
      fs.writeFileSync(NodePath.join(dir, "nested", "two.wav.txt"), "[channel 0] Left side.\n[channel 1] Right side.")
      fs.writeFileSync(NodePath.join(dir, "three.wav"), three) // no sidecar
      const emulator = yield* DeepgramEmulator.make({ transcriptsDir: dir })
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, one)), "One, the first.")
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, one, "")), "one the first")
      const split = yield* transcribe(emulator.url, two, "?punctuate=true&multichannel=true")
      assert.deepStrictEqual([transcriptOf(split, 0), transcriptOf(split, 1)], ["Left side.", "Right side."])
      assert.strictEqual(transcriptOf(yield* transcribe(emulator.url, three)), "")
      // registerFile and loadTranscripts at run time
      const other = yield* DeepgramEmulator.make()
      assert.strictEqual(yield* other.loadTranscripts(dir), 2)
      assert.strictEqual(yield* other.registerFile(NodePath.join(dir, "three.wav"), "Three."), sha256(three))
      assert.strictEqual(transcriptOf(yield* transcribe(other.url, three)), "Three.")
      const missing = yield* Effect.either(DeepgramEmulator.make({ transcriptsDir: NodePath.join(dir, "nope") }))
      assert.isTrue(Either.isLeft(missing) && missing.left.reason === "Transcripts")
    }))

  it.scopedLive("diarized scripts", () =>
    Effect.gen(function*() {
      const audio = wav({ sampleRate: 8000, channels: 1, seconds: 4 })
      const emulator = yield* DeepgramEmulator.make({
        transcripts: [[audio, Transcript.parseSidecar("[speaker 0] Are you there?\n[speaker 1] Yes, I am here.")]]
      })
      const response = yield* transcribe(emulator.url, audio, "?diarize=true&punctuate=true&paragraphs=true")
      const alternative = response.results.channels[0]!.alternatives![0]!
      assert.deepStrictEqual(alternative.words!.map((word) => word.speaker), [0, 0, 0, 1, 1, 1, 1])
      assert.strictEqual(
        alternative.paragraphs!.transcript,
        "\nSpeaker 0: Are you there?\n\nSpeaker 1: Yes, I am here."
      )
    }))

  it.scopedLive("words spread over the duration, whatever it is", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.make()
      for (const seconds of [0.2, 3, 60]) {
        const audio = wav({ sampleRate: 8000, channels: 1, seconds })
        yield* emulator.register(audio, spacewalkTranscript)
        const words = (yield* transcribe(emulator.url, audio)).results.channels[0]!.alternatives![0]!.words!
        assert.isAtLeast(words[0]!.start!, 0)
        assert.isAtMost(words[words.length - 1]!.end!, seconds)
        assert.isAbove(words[words.length - 1]!.end!, seconds * 0.9)
        for (let i = 1; i < words.length; i++) assert.isAtLeast(words[i]!.start!, words[i - 1]!.end!)
      }
      // raw audio of unknown duration still gets timings
      const raw = new Uint8Array(1000).fill(9)
      yield* emulator.register(raw, "Some words here.")
      const response = yield* transcribe(emulator.url, raw)
      assert.strictEqual(response.metadata.duration, 0)
      const words = response.results.channels[0]!.alternatives![0]!.words!
      assert.strictEqual(words.length, 3)
      assert.isAbove(words[2]!.end!, words[0]!.start!)
    }))
})
