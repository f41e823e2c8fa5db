import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it, layer } from "@effect/vitest"
import { DeepgramEmulator, Fault } from "@effect-deepgram/emulator"
import { Batch, DeepgramError, Listen } from "@effect-deepgram/node"
import { Chunk, Effect, Layer, Stream } from "effect"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { root, testLayer, wav } from "./helpers.js"

const TestLayer = testLayer({ journalLimit: 200 }).pipe(Layer.provideMerge(NodeFileSystem.layer))

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/** Most requests the server had in progress at one time, from the journal. */
const maxOverlap = (entries: ReadonlyArray<{ readonly timestamp: Date; readonly durationMillis: number }>) => {
  const events = entries.flatMap((e) => {
    const start = e.timestamp.getTime()
    return [[start, 1], [start + e.durationMillis, -1]] as const
  }).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let current = 0
  let max = 0
  for (const [, delta] of events) {
    current += delta
    max = Math.max(max, current)
  }
  return max
}

const manifestLines = (path: string) =>
  readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as { id: string; status: string })

layer(TestLayer, { timeout: 120_000, excludeTestServices: true })("Batch.transcribeAll", (it) => {
    it.effect("bounded concurrency, one result per input, per-input failures do not stop the run", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        yield* emulator.clearJournal
        yield* emulator.setLatency("150 millis")
        const dir = mkdtempSync(join(tmpdir(), "batch-"))
        const inputs: Array<Batch.Input> = []
        for (let i = 0; i < 10; i++) {
          writeFileSync(join(dir, `${i}.wav`), wav(0.5, 100 + i))
          inputs.push(join(dir, `${i}.wav`))
        }
        writeFileSync(join(dir, "empty.wav"), new Uint8Array())
        inputs.push(join(dir, "missing.wav"), join(dir, "empty.wav"), { id: "bytes", audio: wav(0.5, 999) })
        const results = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll(inputs, { concurrency: 3 })))
        yield* emulator.setLatency(0)
        assert.strictEqual(results.length, 13)
        const failed = results.filter((r) => r._tag === "Failed").map((r) => r.id).sort()
        assert.deepStrictEqual(failed, [join(dir, "empty.wav"), join(dir, "missing.wav")])
        const missing = results.find((r) => r.id === join(dir, "missing.wav"))
        assert.strictEqual(missing?._tag === "Failed" && missing.error._tag, "DeepgramInputError")
        const ok = results.filter((r) => r._tag === "Transcribed")
        assert.strictEqual(ok.length, 11)
        assert.strictEqual(ok.find((r) => r.id === join(dir, "3.wav"))?.bytes, wav(0.5, 103).byteLength)
        const overlap = maxOverlap((yield* emulator.journal).filter((e) => e.path === "/v1/listen"))
        assert.isAtMost(overlap, 3)
        assert.isAtLeast(overlap, 2)
      }))

    it.effect("a 429 pauses every worker for Retry-After, then the limited input is tried again", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        yield* emulator.clearJournal
        yield* emulator.setLatency("50 millis")
        yield* emulator.injectFault(Fault.status(429, { retryAfter: 1 }), { path: "/v1/listen" })
        const inputs = Array.from({ length: 8 }, (_, i) => ({ id: `in-${i}`, audio: wav(0.2, 200 + i) }))
        const results = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll(inputs, { concurrency: 3 })))
        yield* emulator.setLatency(0)
        assert.deepStrictEqual(results.map((r) => r._tag), Array(8).fill("Transcribed"))
        assert.strictEqual(results.reduce((n, r) => n + (r._tag === "Transcribed" ? r.attempts : 0), 0), 9)
        const journal = (yield* emulator.journal).filter((e) => e.path === "/v1/listen")
        const limited = journal.find((e) => e.status === 429)!
        const answered = limited.timestamp.getTime() + limited.durationMillis
        // Requests already on the wire finish; a worker that finished one just as the 429 was being read may
        // start one more (within 200 ms); after that none starts until Retry-After (1 s) has passed.
        const started = journal.map((e) => e.timestamp.getTime() - answered).filter((t) => t > 0)
        const early = started.filter((t) => t < 200)
        assert.isBelow(early.length, 3)
        assert.deepStrictEqual(started.filter((t) => t >= 200 && t < 900), [])
        assert.isAbove(started.filter((t) => t >= 900).length, 0)
      }))

    it.effect("a stream is never sent twice (429, 503, a drop fail with notRetried); a file or bytes are replayed", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        const listen = yield* Listen.Listen
        const dir = mkdtempSync(join(tmpdir(), "batch-once-"))
        const file = join(dir, "replay.wav")
        const audio = wav(0.3, 701)
        writeFileSync(file, audio)
        const requests = Effect.map(emulator.journal, (entries) => entries.filter((e) => e.path === "/v1/listen"))
        const fault = (f: Fault.Fault) => emulator.injectFault(f, { path: "/v1/listen", times: 1 })
        const once = { retry: { baseDelay: "10 millis" } } as const

        // Batch: a 429 to a stream fails the input at once (no shared-backoff retry), keeping status and request id.
        yield* emulator.clearJournal
        yield* fault(Fault.status(429, { retryAfter: 0 }))
        const [limited] = Chunk.toReadonlyArray(
          yield* Stream.runCollect(Batch.transcribeAll([{ id: "s", audio: Stream.make(audio) }], { requestOptions: once }))
        )
        assert.strictEqual(limited?._tag, "Failed")
        const error = limited?._tag === "Failed" ? limited.error : undefined
        assert.strictEqual(error?._tag, "DeepgramApiError")
        if (error?._tag !== "DeepgramApiError") return
        assert.strictEqual(error.status, 429)
        assert.strictEqual(error.requestId, (yield* requests)[0]?.requestId)
        assert.isDefined(error.requestId)
        assert.match(error.message, /status 429.*; not retried: a stream body cannot be replayed/)
        assert.isFalse(DeepgramError.isRetryable(error))
        assert.strictEqual(limited?._tag === "Failed" && limited.attempts, 1)
        assert.strictEqual((yield* requests).length, 1)

        // Listen.transcribe: a 503 or a dropped connection is not retried for a stream.
        yield* emulator.clearJournal
        yield* fault(Fault.status(503))
        const unavailable = yield* Effect.flip(listen.transcribe(Stream.make(audio), {}, once))
        assert.strictEqual(unavailable._tag === "DeepgramApiError" && unavailable.status, 503)
        assert.match(unavailable.message, /not retried: a stream body cannot be replayed/)
        yield* fault(Fault.drop)
        const dropped = yield* Effect.flip(listen.transcribe(Stream.make(audio), {}, once))
        assert.strictEqual(dropped._tag, "DeepgramTransportError")
        assert.match(dropped.message, /not retried: a stream body cannot be replayed/)
        assert.strictEqual((yield* requests).length, 2)

        // A file and bytes are replayed whole, through a 429 (Batch) and a 503 (the request's retry).
        yield* emulator.clearJournal
        yield* fault(Fault.status(429, { retryAfter: 0 }))
        const results = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll([file], { requestOptions: once })))
        assert.strictEqual(results[0]?._tag === "Transcribed" && results[0].attempts, 2)
        yield* fault(Fault.status(503))
        yield* listen.transcribeFile(file, {}, once)
        yield* fault(Fault.status(503))
        yield* listen.transcribe(audio, {}, once)
        const sent = yield* requests
        assert.deepStrictEqual(sent.map((e) => e.status), [429, 200, 503, 200, 503, 200])
        assert.isTrue(sent.every((e) => e.bodySize === audio.byteLength && e.sha256 === sha(audio)))
      }))

    it.effect("the manifest: a re-run skips what is done and retries what failed", () =>
      Effect.gen(function*() {
        const fs = yield* FileSystem.FileSystem
        const dir = mkdtempSync(join(tmpdir(), "batch-"))
        const manifest = join(dir, "manifest.jsonl")
        const inputs: Array<Batch.Input> = [
          { id: "a", audio: wav(0.2, 301) },
          { id: "b", audio: wav(0.2, 302) },
          join(dir, "late.wav")
        ]
        const saved: Array<string> = []
        const first = Chunk.toReadonlyArray(
          yield* Stream.runCollect(Batch.transcribeAll(inputs, { manifest, onResult: (r) => Effect.sync(() => saved.push(r.id)) }))
        )
        assert.deepStrictEqual(first.map((r) => `${r.id}:${r._tag}`).sort(), [`${join(dir, "late.wav")}:Failed`, "a:Transcribed", "b:Transcribed"])
        assert.deepStrictEqual(manifestLines(manifest).map((l) => `${l.id}:${l.status}`).sort(), [`${join(dir, "late.wav")}:failed`, "a:done", "b:done"])
        yield* fs.writeFile(join(dir, "late.wav"), wav(0.2, 303))
        const second = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll(inputs, { manifest })))
        assert.deepStrictEqual(second.map((r) => `${r.id}:${r._tag}`).sort(), [`${join(dir, "late.wav")}:Transcribed`, "a:Skipped", "b:Skipped"])
        assert.deepStrictEqual(saved.sort(), ["a", "b"])
        // A line cut short by a crash is ignored.
        yield* fs.writeFileString(manifest, `${readFileSync(manifest, "utf8")}{"id":"a","sta`)
        const third = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll(inputs, { manifest })))
        assert.deepStrictEqual(third.map((r) => r._tag), ["Skipped", "Skipped", "Skipped"])
        const invalid = yield* Effect.flip(Stream.runDrain(Batch.transcribeAll(inputs, { concurrency: 0 })))
        assert.strictEqual(invalid._tag, "BatchError")
      }))

    it.effect("interrupted (Ctrl-C) mid-run: uploads in flight are cancelled, the manifest holds only finished inputs", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        yield* emulator.setLatency("300 millis")
        const dir = mkdtempSync(join(tmpdir(), "batch-int-"))
        const manifest = join(dir, "manifest.jsonl")
        const inputs = Array.from({ length: 12 }, (_, i) => ({ id: `int-${i}`, audio: wav(0.2, 600 + i) }))
        const saved: Array<string> = []
        const onResult = (r: Batch.Transcribed) => Effect.sync(() => saved.push(r.id))
        // Interrupted after the third result, with two more uploads in flight.
        const first = yield* Batch.transcribeAll(inputs, { concurrency: 2, manifest, onResult }).pipe(Stream.take(3), Stream.runCollect)
        assert.strictEqual(first.length, 3)
        const recorded = manifestLines(manifest)
        assert.deepStrictEqual(recorded.map((l) => l.id).sort(), [...saved].sort())
        assert.isTrue(recorded.every((l) => l.status === "done"))
        const second = Chunk.toReadonlyArray(yield* Stream.runCollect(Batch.transcribeAll(inputs, { concurrency: 4, manifest, onResult })))
        yield* emulator.setLatency(0)
        assert.strictEqual(second.filter((r) => r._tag === "Skipped").length, recorded.length)
        assert.strictEqual(second.filter((r) => r._tag === "Transcribed").length, 12 - recorded.length)
        const done = manifestLines(manifest).filter((l) => l.status === "done").map((l) => l.id)
        assert.strictEqual(new Set(done).size, 12)
        assert.strictEqual(done.length, 12)
      }))

    it.effect("killed mid-run (SIGKILL) and re-run: nothing done twice, nothing missed", () =>
      Effect.gen(function*() {
        const emulator = yield* DeepgramEmulator.DeepgramEmulator
        yield* emulator.clearJournal
        yield* emulator.setLatency("40 millis")
        const dir = mkdtempSync(join(tmpdir(), "batch-crash-"))
        const manifest = join(dir, "manifest.jsonl")
        const digests = new Map<string, string>()
        for (let i = 0; i < 40; i++) {
          const path = join(dir, `${String(i).padStart(2, "0")}.wav`)
          const bytes = wav(0.2, 400 + i)
          writeFileSync(path, bytes)
          digests.set(sha(bytes), path)
        }
        const child = fileURLToPath(new URL("./fixtures/batch-child.ts", import.meta.url))
        const env = { ...process.env, BATCH_DIR: dir, BATCH_MANIFEST: manifest, BATCH_URL: emulator.url }
        const run = (killAfter: number | undefined) =>
          Effect.async<number | null>((resume) => {
            const proc = spawn(process.execPath, ["--import", "tsx", child], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] })
            let lines = 0
            proc.stdout.on("data", (data: Buffer) => {
              lines += data.toString().split("\n").filter((l) => l !== "").length
              if (killAfter !== undefined && lines >= killAfter) proc.kill("SIGKILL")
            })
            proc.on("exit", (code) => resume(Effect.succeed(code)))
            return Effect.sync(() => proc.kill("SIGKILL"))
          })
        const killed = yield* run(10)
        assert.strictEqual(killed, null)
        const afterKill = manifestLines(manifest)
        const done1 = new Set(afterKill.filter((l) => l.status === "done").map((l) => l.id))
        assert.isAtLeast(done1.size, 10)
        assert.isBelow(done1.size, 40)
        const journal1 = yield* emulator.journal
        yield* emulator.clearJournal
        assert.strictEqual(yield* run(undefined), 0)
        yield* emulator.setLatency(0)
        const lines = manifestLines(manifest)
        const doneIds = lines.filter((l) => l.status === "done").map((l) => l.id)
        assert.strictEqual(doneIds.length, 40, "each input recorded done exactly once")
        assert.strictEqual(new Set(doneIds).size, 40)
        const requests2 = (yield* emulator.journal).filter((e) => e.path === "/v1/listen").map((e) => digests.get(e.sha256 ?? "")!)
        for (const path of requests2) assert.isFalse(done1.has(path), `${path} was done before the kill and uploaded again`)
        assert.strictEqual(requests2.length, 40 - done1.size)
        assert.isAtLeast(journal1.filter((e) => e.path === "/v1/listen").length, done1.size)
      }), { timeout: 120_000 })
})

describe("Batch.transcribeAll at scale", () => {
  // 10,000 inputs take minutes on a shared CI machine; the test runs 1,000 (BATCH_TOTAL=10000 runs the full
  // size) and checks that the heap does not grow with the number of inputs.
  it.live("constant memory: the heap after a tenth of the inputs and after all of them is the same", () =>
    Effect.async<string>((resume) => {
      const script = fileURLToPath(new URL("./fixtures/batch-memory.ts", import.meta.url))
      const proc = spawn(process.execPath, ["--expose-gc", "--import", "tsx", script], {
        cwd: root,
        env: { ...process.env, BATCH_TOTAL: process.env["BATCH_TOTAL"] ?? "1000" },
        stdio: ["ignore", "pipe", "inherit"]
      })
      let out = ""
      proc.stdout.on("data", (data: Buffer) => (out += data.toString()))
      proc.on("exit", () => resume(Effect.succeed(out)))
      return Effect.sync(() => proc.kill("SIGKILL"))
    }).pipe(Effect.map((out) => {
      const { other, samples, transcribed } = JSON.parse(out) as { transcribed: number; other: number; samples: Record<string, number> }
      const total = Number(process.env["BATCH_TOTAL"] ?? "1000")
      assert.strictEqual(transcribed, total)
      assert.strictEqual(other, 0)
      const growth = samples[String(total)]! - samples[String(Math.round(total / 10))]!
      assert.isBelow(growth, 4 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB`)
    })), { timeout: 600_000 })
})
