// The `deepgram` command run as a child process (`node bin/deepgram.js …`), against an emulator in this
// process (--base-url) so that the journal shows what the CLI sent, or against its own in-process emulator.
import { assert, layer } from "@effect/vitest"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { emulatorLayer, fixtures, root, spacewalk, wav } from "./helpers.js"

const bin = join(root, "packages/cli/bin/deepgram.js")

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const cli = (args: ReadonlyArray<string>, options: { readonly env?: Record<string, string>; readonly input?: Uint8Array; readonly until?: RegExp } = {}) =>
  Effect.async<Run>((resume) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env }
    for (const name of ["DEEPGRAM_API_KEY", "DEEPGRAM_ACCESS_TOKEN", "DEEPGRAM_TOKEN", "DEEPGRAM_BASE_URL", "DEEPGRAM_HOST", "DEEPGRAM_PROFILE"]) {
      if (options.env?.[name] === undefined) delete env[name]
    }
    env["DEEPGRAM_CONFIG_FILE"] ??= join(mkdtempSync(join(tmpdir(), "dg-config-")), "config.json")
    const proc = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    proc.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
      if (options.until?.test(stdout)) proc.kill("SIGTERM")
    })
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    proc.on("exit", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    if (options.input !== undefined) proc.stdin.end(options.input)
    else proc.stdin.end()
    return Effect.sync(() => proc.kill("SIGKILL"))
  })

const listenRequests = Effect.map(
  Effect.flatMap(DeepgramEmulator.DeepgramEmulator, (emulator) => emulator.journal),
  (journal) => journal.filter((e) => e.path === "/v1/listen")
)

layer(emulatorLayer(), { timeout: 300_000, excludeTestServices: true })("deepgram CLI", (it) => {
  it.effect("--help lists every command; a bad command line exits 2", () =>
    Effect.gen(function*() {
      const help = yield* cli(["--help"])
      assert.strictEqual(help.code, 0)
      for (const command of ["transcribe", "listen", "speak", "read", "projects", "keys", "members", "usage", "requests", "models", "billing", "api", "emulator", "profile"]) {
        assert.include(help.stdout, `- ${command}`)
      }
      const unknown = yield* cli(["transcribe", "--no-such-flag", "x.wav"])
      assert.strictEqual(unknown.code, 2)
    }), 300_000)

  it.effect("transcribe a directory to SRT (in-process emulator), then resume: nothing is transcribed twice", () =>
    Effect.gen(function*() {
      const out = mkdtempSync(join(tmpdir(), "dg-captions-"))
      const first = yield* cli(["transcribe", "fixtures", "--format", "srt", "--out", out, "--smart-format"])
      assert.strictEqual(first.code, 0, first.stderr)
      assert.include(first.stderr, "in-process emulator")
      const srt = readFileSync(join(out, "spacewalk.srt"), "utf8")
      assert.match(srt, /^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\nYeah, as much as/)
      // stdout is not a terminal: one JSON line per input
      const line = JSON.parse(first.stdout.trim()) as { status: string; output: string; words: number }
      assert.strictEqual(line.status, "done")
      assert.strictEqual(line.words, 59)
      const again = yield* cli(["transcribe", "fixtures", "--format", "srt", "--out", out])
      assert.strictEqual(again.code, 0)
      assert.strictEqual((JSON.parse(again.stdout.trim()) as { status: string }).status, "skipped")
      assert.strictEqual(readFileSync(join(out, "spacewalk.srt"), "utf8"), srt)
    }), 300_000)

  it.effect("flags are validated before any upload; per-file failures are reported and exit 1", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.clearJournal
      const remote = ["--base-url", emulator.url, "--api-key", "cli-test-key"]
      const badEncoding = yield* cli(["transcribe", spacewalk, "--encoding", "mp9", ...remote])
      assert.strictEqual(badEncoding.code, 2)
      assert.match(badEncoding.stderr, /--encoding: expected one of linear16, flac, .*got "mp9"/)
      assert.strictEqual(badEncoding.stderr.trim().split("\n").length, 1)
      const badNumber = yield* cli(["transcribe", spacewalk, "--utt-split", "soon", ...remote])
      assert.strictEqual(badNumber.code, 2)
      assert.include(badNumber.stderr, "--utt-split")
      const badCaption = yield* cli(["transcribe", spacewalk, "--format", "srt", "--words-per-cue", "0", ...remote])
      assert.strictEqual(badCaption.code, 2)
      assert.include(badCaption.stderr, "--words-per-cue: expected a positive integer")
      assert.strictEqual((yield* listenRequests).length, 0, "nothing was uploaded")

      const dir = mkdtempSync(join(tmpdir(), "dg-mixed-"))
      mkdirSync(join(dir, "nested"))
      copyFileSync(spacewalk, join(dir, "nested", "good.wav"))
      writeFileSync(join(dir, "other.wav"), wav(1, 55))
      writeFileSync(join(dir, "empty.wav"), new Uint8Array())
      writeFileSync(join(dir, "notes.mp3"), "this is not audio at all")
      const run = yield* cli(["transcribe", dir, "--format", "json", "-j", "2", ...remote])
      assert.strictEqual(run.code, 1, run.stderr)
      const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { input: string; status: string; output?: string })
      assert.strictEqual(lines.length, 4)
      assert.deepStrictEqual(lines.filter((l) => l.status === "done").map((l) => l.output!.replace(dir, "")).sort(), ["/nested/good.json", "/other.json"])
      assert.strictEqual(lines.filter((l) => l.status === "failed").length, 2)
      assert.match(run.stderr, /error: .*empty\.wav/)
      assert.match(run.stderr, /error: .*notes\.mp3/)
      assert.match(run.stderr, /2\/4 done|4\/4 done/)
      const json = JSON.parse(readFileSync(join(dir, "nested", "good.json"), "utf8")) as { metadata: { duration: number } }
      assert.isAbove(json.metadata.duration, 25)
      // every upload carried the key given on the command line
      const requests = yield* listenRequests
      assert.isTrue(requests.length >= 4 && requests.every((r) => r.authScheme === "token"))
    }), 300_000)

  it.effect("stdin and globs; -o text prints a line per input", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      yield* emulator.registerFile(spacewalk, readFileSync(join(fixtures, "spacewalk.txt"), "utf8"))
      const remote = ["--base-url", emulator.url, "--api-key", "cli-test-key"]
      const stdin = yield* cli(["transcribe", "-", "--format", "txt", "--smart-format", ...remote], { input: readFileSync(spacewalk) })
      assert.strictEqual(stdin.code, 0, stdin.stderr)
      assert.match(stdin.stdout, /^Yeah, as much as it's worth celebrating/)
      const out = mkdtempSync(join(tmpdir(), "dg-glob-"))
      const glob = yield* cli(["transcribe", "fixtures/*.wav", "--format", "vtt", "--out", out, "-o", "text", ...remote])
      assert.strictEqual(glob.code, 0, glob.stderr)
      assert.match(glob.stdout, /^✓ fixtures\/spacewalk\.wav -> /)
      assert.isTrue(readFileSync(join(out, "spacewalk.vtt"), "utf8").startsWith("WEBVTT\n\nNOTE\n"))
    }), 300_000)

  it.effect("listen: interim and final lines from a file; live SRT; Flux", () =>
    Effect.gen(function*() {
      const text = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "-o", "text", "--smart-format"])
      assert.strictEqual(text.code, 0, text.stderr)
      assert.match(text.stdout, /interim /)
      assert.match(text.stdout, /final +Yeah,/)
      const srt = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "--srt", "--punctuate"])
      assert.strictEqual(srt.code, 0, srt.stderr)
      assert.match(srt.stdout, /^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\nYeah,/)
      const flux = yield* cli(["listen", "fixtures/spacewalk.wav", "--fast", "--model", "flux-general-en"])
      assert.strictEqual(flux.code, 0, flux.stderr)
      const events = flux.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; transcript: string })
      assert.isTrue(events.some((e) => e.type === "final" && e.transcript.startsWith("Yeah, as much")))
      const raw = yield* cli(["listen", "-"], { input: new Uint8Array(10) })
      assert.strictEqual(raw.code, 2)
      assert.include(raw.stderr, "--encoding")
      // Raw PCM on stdin (the sample without its WAV header) streams and closes cleanly; the in-process emulator
      // has no script for headerless audio, so it answers with empty results (nothing printed).
      const pcm = readFileSync(spacewalk).subarray(44)
      const stdin = yield* cli(["listen", "--encoding", "linear16", "--sample-rate", "44100", "-o", "text"], { input: pcm })
      assert.strictEqual(stdin.code, 0, stdin.stderr)
      assert.include(stdin.stderr, "in-process emulator")
    }), 300_000)

  it.effect("profiles: written 0600, used with --profile, the environment wins, a missing one exits 2", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const config = join(mkdtempSync(join(tmpdir(), "dg-profile-")), "deepgram", "config.json")
      const env = { DEEPGRAM_CONFIG_FILE: config }
      const set = yield* cli(["profile", "set", "work", "--key", "profile-key-123", "--url", emulator.url], { env })
      assert.strictEqual(set.code, 0, set.stderr)
      assert.strictEqual(statSync(config).mode & 0o777, 0o600)
      const list = yield* cli(["profile", "list"], { env })
      assert.include(list.stdout, "\"name\":\"work\"")
      assert.notInclude(list.stdout, "profile-key-123")
      yield* emulator.clearJournal
      const used = yield* cli(["--profile", "work", "transcribe", "-", "--format", "txt"], { env, input: wav(0.5, 77) })
      assert.strictEqual(used.code, 0, used.stderr)
      assert.include(used.stderr, `${emulator.url} (profile work)`)
      assert.strictEqual((yield* listenRequests).length, 1)
      const missing = yield* cli(["transcribe", "-", "--profile", "nope"], { env, input: wav(0.5, 78) })
      assert.strictEqual(missing.code, 2)
      assert.include(missing.stderr, `no profile "nope"`)
      const unreachable = yield* cli(["--profile", "work", "transcribe", "-", "--format", "txt"], {
        env: { ...env, DEEPGRAM_BASE_URL: "http://127.0.0.1:9" },
        input: wav(0.5, 79)
      })
      assert.strictEqual(unreachable.code, 1)
      assert.include(unreachable.stderr, "127.0.0.1:9")
    }), 300_000)

  it.effect("speak, read, the management commands (destructive ones need --yes; --dry-run sends nothing) and api", () =>
    Effect.gen(function*() {
      const emulator = yield* DeepgramEmulator.DeepgramEmulator
      const remote = ["--base-url", emulator.url, "--api-key", "cli-test-key"]
      const out = join(mkdtempSync(join(tmpdir(), "dg-speak-")), "hello.wav")
      const speak = yield* cli(["speak", "Hello from the command line.", "-o", out, "--model", "aura-2-thalia-en", ...remote])
      assert.strictEqual(speak.code, 0, speak.stderr)
      assert.strictEqual(readFileSync(out).subarray(0, 4).toString(), "RIFF")
      const read = yield* cli(["read", "-", "--summarize", "v2", "--topics", "-o", "text", ...remote], {
        input: new TextEncoder().encode("The meeting went well. We agreed to ship the new billing page next week.")
      })
      assert.strictEqual(read.code, 0, read.stderr)
      assert.match(read.stdout, /^Summary: .+\nTopics: /)
      const created = yield* cli(["keys", "create", "--comment", "from-cli", "--scopes", "member", ...remote])
      assert.strictEqual(created.code, 0, created.stderr)
      const key = JSON.parse(created.stdout) as { api_key_id: string; comment: string }
      assert.strictEqual(key.comment, "from-cli")
      const refused = yield* cli(["keys", "delete", key.api_key_id, ...remote])
      assert.strictEqual(refused.code, 2)
      assert.include(refused.stderr, "--yes")
      yield* emulator.clearJournal
      const dry = yield* cli(["keys", "delete", key.api_key_id, "--dry-run", ...remote])
      assert.strictEqual(dry.code, 0, dry.stderr)
      assert.include(JSON.parse(dry.stdout).path as string, `/keys/${key.api_key_id}`)
      assert.isFalse((yield* emulator.journal).some((entry) => entry.method === "DELETE"))
      const deleted = yield* cli(["keys", "delete", key.api_key_id, "--yes", ...remote])
      assert.strictEqual(deleted.code, 0, deleted.stderr)
      const keys = yield* cli(["api", "GET", "/v1/projects/c0ffee00-d9e1-4a7c-8e11-000000000001/keys", ...remote])
      assert.strictEqual(keys.code, 0, keys.stderr)
      assert.notInclude(keys.stdout, key.api_key_id)
      const missing = yield* cli(["api", "GET", "/v1/projects/nope", ...remote])
      assert.strictEqual(missing.code, 1)
      assert.match(missing.stderr, /status 4\d\d/)
    }), 300_000)

  it.effect("emulator: runs the emulator's launcher", () =>
    Effect.gen(function*() {
      const run = yield* cli(["emulator", "--port", "0", "--quiet"], { until: /listening on http:\/\/127\.0\.0\.1:\d+/ })
      assert.match(run.stdout, /Deepgram emulator listening on http:\/\/127\.0\.0\.1:\d+/)
      const help = yield* cli(["emulator", "--help"])
      assert.include(help.stdout, "--transcripts")
      assert.isFalse(existsSync(join(root, "config.json")))
    }), 300_000)
})
