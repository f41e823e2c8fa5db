/**
 * The browser demo (examples/web) in a real Chromium: the demo server runs
 * in-process (with its in-process emulator), Chromium runs headless with a
 * fake microphone fed from the spacewalk recording resampled to 48 kHz, and
 * the page is driven like a user would: upload a file, then Start and Stop
 * live transcription.
 *
 * Every test opens its own page and checks only what happened during it, so
 * each one passes or fails on its own, in any order.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`;
 * `.ci/run` installs it). Without it the suite fails, naming the fix, unless
 * SKIP_WEB_DEMO=1 is set, which skips it visibly (the skipped test's title
 * says why).
 */
import type { DeepgramEmulator } from "@effect-deepgram/emulator"
import { assert, describe, it, layer } from "@effect/vitest"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, chromium, type Page } from "playwright-core"

const CHROMIUM = "/usr/bin/chromium"
const hasChromium = existsSync(CHROMIUM)
const skipRequested = process.env["SKIP_WEB_DEMO"] === "1"
const missingChromium = `${CHROMIUM} is missing: install it (apt-get install chromium) or set SKIP_WEB_DEMO=1 to skip this suite`
if (!hasChromium) console.warn(`web demo test: ${missingChromium}`)

const root = fileURLToPath(new URL("../../../", import.meta.url))
const wavPath = `${root}fixtures/spacewalk.wav`
const transcript = readFileSync(`${root}fixtures/spacewalk.txt`, "utf8").trim()
const screenshots = `${root}build/web-demo/`

/** Every wait in the page is bounded by this, unless a step says otherwise. */
const STEP_TIMEOUT = 10_000

// ---------------------------------------------------------------------------
// The demo server, imported at run time: examples/ is outside this package's
// TypeScript project, so its module is described here by what the test uses.

interface DemoServer {
  readonly url: string
  readonly target:
    | { readonly _tag: "Emulator"; readonly emulator: DeepgramEmulator.DeepgramEmulator }
    | { readonly _tag: "Deepgram" }
}

interface ServerModule {
  readonly make: (options?: { readonly port?: number }) => Effect.Effect<DemoServer, { readonly message: string }, Scope.Scope>
}

const isServerModule = (module: unknown): module is ServerModule =>
  typeof module === "object" && module !== null && "make" in module && typeof module.make === "function"

/** Starts the demo server; closing it (with its emulator) must not take more than 5 s. */
const startDemo = Effect.gen(function*() {
  const specifier = new URL("../../../examples/web/server.ts", import.meta.url).href
  const module: unknown = yield* Effect.promise(() => import(/* @vite-ignore */ specifier))
  if (!isServerModule(module)) return yield* Effect.dieMessage(`${specifier} exports no make`)
  const scope = yield* Effect.acquireRelease(
    Scope.make(),
    (scope) =>
      // Finalizers are uninterruptible: wait for the close in an interruptible region, so the bound holds.
      Scope.close(scope, Exit.void).pipe(
        Effect.disconnect,
        Effect.interruptible,
        Effect.timeoutFail({
          duration: "5 seconds",
          onTimeout: () => new Error("the demo server and its emulator did not shut down within 5 s")
        }),
        Effect.orDie
      )
  )
  return yield* module.make({ port: 0 }).pipe(Scope.extend(scope), Effect.orDieWith((error) => new Error(error.message)))
})

// ---------------------------------------------------------------------------
// A 48 kHz mono WAV for Chromium's fake microphone, resampled in code.

const readWav = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4))
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a WAV file")
  let format: { channels: number; sampleRate: number; bits: number } | undefined
  for (let offset = 12; offset + 8 <= bytes.byteLength;) {
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (tag(offset) === "fmt ") {
      format = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) }
    } else if (tag(offset) === "data") {
      if (format === undefined || format.bits !== 16) throw new Error("expected 16-bit PCM with fmt before data")
      const frames = Math.floor(Math.min(size, bytes.byteLength - body) / (2 * format.channels))
      const samples = new Float32Array(frames)
      for (let frame = 0; frame < frames; frame++) {
        let sum = 0
        for (let channel = 0; channel < format.channels; channel++) {
          sum += view.getInt16(body + (frame * format.channels + channel) * 2, true)
        }
        samples[frame] = sum / format.channels / 32768
      }
      return { sampleRate: format.sampleRate, samples }
    }
    offset = body + size + (size % 2)
  }
  throw new Error("no data chunk")
}

/** Linear interpolation to `rate`, written as a 16-bit mono WAV. */
const resampledWav = (bytes: Uint8Array, rate: number): Uint8Array => {
  const { sampleRate, samples } = readWav(bytes)
  const frames = Math.floor(samples.length * rate / sampleRate)
  const out = new Uint8Array(44 + frames * 2)
  const view = new DataView(out.buffer)
  const writeTag = (offset: number, text: string) => out.set(Array.from(text, (char) => char.charCodeAt(0)), offset)
  writeTag(0, "RIFF")
  view.setUint32(4, 36 + frames * 2, true)
  writeTag(8, "WAVE")
  writeTag(12, "fmt ")
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  writeTag(36, "data")
  view.setUint32(40, frames * 2, true)
  for (let i = 0; i < frames; i++) {
    const position = i * sampleRate / rate
    const index = Math.floor(position)
    const next = samples[Math.min(index + 1, samples.length - 1)]!
    const sample = samples[index]! + (next - samples[index]!) * (position - index)
    view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(sample * 32768))), true)
  }
  return out
}

// ---------------------------------------------------------------------------
// The environment: demo server, Chromium, one page.

interface PageRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

class Web extends Context.Tag("test/Web")<Web, {
  readonly demo: DemoServer
  readonly browser: Browser
}>() {}

/** A fresh page of the demo, closed with the test's scope, with what it requested and the errors it threw. */
interface DemoPage {
  readonly page: Page
  readonly requests: ReadonlyArray<PageRequest>
  readonly pageErrors: ReadonlyArray<string>
}

const launchChromium = (fakeMicrophone: string) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        timeout: STEP_TIMEOUT,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          `--use-file-for-fake-audio-capture=${fakeMicrophone}`,
          "--autoplay-policy=no-user-gesture-required"
        ]
      })
    ),
    (browser: Browser) =>
      Effect.promise(() => browser.close()).pipe(
        Effect.interruptible,
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("Chromium did not close within 10 s") }),
        Effect.orDie
      )
  )

const WebLive = Layer.scoped(
  Web,
  Effect.gen(function*() {
    const directory = yield* Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "web-demo-"))),
      (path) => Effect.sync(() => rmSync(path, { recursive: true, force: true }))
    )
    const fakeMicrophone = join(directory, "spacewalk-48k.wav")
    writeFileSync(fakeMicrophone, resampledWav(new Uint8Array(readFileSync(wavPath)), 48_000))

    const demo = yield* startDemo
    const browser = yield* launchChromium(fakeMicrophone)
    return { demo, browser }
  })
)

/** A page step; a failure (a timeout included) names the step. */
const step = <A>(description: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (cause) => new Error(`${description}: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`)
  })

const text = (page: Page, selector: string) =>
  step(`read ${selector}`, async () => (await page.textContent(selector))?.trim() ?? "")

const words = (value: string) => value.split(/\s+/).filter((word) => word !== "")

/** Opens the demo in a new page (a new browser context: no state shared with other tests). */
const openDemo = Effect.gen(function*() {
  const { browser, demo } = yield* Web
  const context = yield* Effect.acquireRelease(
    Effect.promise(() => browser.newContext({ viewport: { width: 900, height: 1000 } })),
    (context) => Effect.promise(() => context.close()).pipe(Effect.timeout("10 seconds"), Effect.ignore)
  )
  const page = yield* Effect.promise(() => context.newPage())
  page.setDefaultTimeout(STEP_TIMEOUT)
  // Keep the page's microphone streams reachable, so a test can make a microphone go away.
  yield* Effect.promise(() =>
    page.addInitScript(() => {
      const media = navigator.mediaDevices
      const getUserMedia = media.getUserMedia.bind(media)
      media.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints)
        const holder = window as unknown as { mediaStreams?: Array<MediaStream> }
        holder.mediaStreams = [...(holder.mediaStreams ?? []), stream]
        return stream
      }
    })
  )
  const requests: Array<PageRequest> = []
  const pageErrors: Array<string> = []
  page.on("request", (request) => {
    request.allHeaders().then((headers) => requests.push({ url: request.url(), headers }), () => undefined)
  })
  page.on("pageerror", (error) => pageErrors.push(error.message))
  yield* step("load the page", () => page.goto(demo.url))
  return { page, requests, pageErrors } satisfies DemoPage
})

/** The demo's emulator; its journal is cleared, so the test sees only its own requests. */
const freshJournal = Effect.gen(function*() {
  const { demo } = yield* Web
  assert.strictEqual(demo.target._tag, "Emulator", "the demo runs against its in-process emulator")
  if (demo.target._tag !== "Emulator") return yield* Effect.dieMessage("the demo is not using its emulator")
  yield* demo.target.emulator.clearJournal
  return demo.target.emulator
})

/**
 * The page used access tokens only: no request from the page carried an API key, every journal entry for
 * `path` with one of `methods` was authenticated with a bearer token, and only the demo server used the key
 * (to mint tokens).
 */
const assertTokensOnly = (
  demoPage: DemoPage,
  emulator: DeepgramEmulator.DeepgramEmulator,
  methods: ReadonlyArray<string>
) =>
  Effect.gen(function*() {
    assert.deepStrictEqual(demoPage.pageErrors, [])
    for (const request of demoPage.requests) {
      assert.notMatch(request.headers["authorization"] ?? "", /^token /i, `${request.url} sent an API key`)
    }
    const journal = yield* emulator.journal
    const listen = journal.filter((entry) => entry.path === "/v1/listen")
    assert.deepStrictEqual([...new Set(listen.map((entry) => entry.method))].sort(), [...methods].sort())
    for (const entry of listen) {
      assert.strictEqual(entry.authScheme, "bearer", `${entry.method} ${entry.path}`)
      assert.isTrue(entry.authenticated)
    }
    const keyed = journal.filter((entry) => entry.authScheme === "token").map((entry) => entry.path)
    assert.deepStrictEqual([...new Set(keyed)], ["/v1/auth/grant"])
    return listen
  })

const suite = () =>
  layer(WebLive, { timeout: "30 seconds", excludeTestServices: true })((it) => {
    it.scoped("uploads a chosen file with an access token and shows its transcript and facts", () =>
      Effect.gen(function*() {
        const emulator = yield* freshJournal
        const demoPage = yield* openDemo
        const { page } = demoPage
        yield* step("choose the file", () => page.setInputFiles("#file", wavPath))
        yield* step("press Transcribe", () => page.click("#transcribe"))
        yield* step("wait for the transcript", () => page.waitForSelector("#file-transcript:not([hidden])"))

        assert.strictEqual(yield* text(page, "#file-transcript"), transcript)
        const facts = yield* text(page, "#file-facts")
        assert.include(facts, "25.9 s")
        assert.include(facts, "spacewalk.wav")
        assert.match(yield* text(page, "#file-status"), /^Transcribed in /)

        const upload = demoPage.requests.find((request) => new URL(request.url).pathname === "/v1/listen")
        assert.match(upload?.headers["authorization"] ?? "", /^bearer /i, "the upload carried an access token")
        yield* assertTokensOnly(demoPage, emulator, ["POST"])
        mkdirSync(screenshots, { recursive: true })
        yield* step("screenshot", () => page.screenshot({ path: `${screenshots}web-demo.png`, fullPage: true }))
      }), 20_000)

    it.scoped("transcribes the microphone live with an access token: interim text replaced, finals appended, Stop ends it", () =>
      Effect.gen(function*() {
        const emulator = yield* freshJournal
        const demoPage = yield* openDemo
        const { page } = demoPage
        // Record every interim text the page shows.
        yield* step("watch interim results", () =>
          page.evaluate(() => {
            const interim = document.getElementById("live-interim")!
            const seen: Array<string> = []
            Object.assign(window, { interimSeen: seen })
            new MutationObserver(() => {
              if (interim.textContent !== "") seen.push(interim.textContent ?? "")
            }).observe(interim, { childList: true, characterData: true, subtree: true })
          }))
        yield* step("press Start", () => page.click("#start"))
        // A final transcript and an interim one, or the page's error (which fails the test at once).
        const outcome = yield* step("wait for final and interim transcripts from the microphone", async () => {
          const handle = await page.waitForFunction(() => {
            const status = document.getElementById("live-status")!
            if (status.classList.contains("error")) return `error: ${status.textContent}`
            const interims = (window as unknown as { interimSeen: Array<string> }).interimSeen
            return document.getElementById("live-final")!.textContent!.trim() !== "" && interims.length > 0 && "ok"
          }, null, { timeout: 15_000 })
          return handle.jsonValue()
        })
        assert.strictEqual(outcome, "ok")
        mkdirSync(screenshots, { recursive: true })
        yield* step("screenshot while listening", () => page.screenshot({ path: `${screenshots}web-demo-live.png` }))
        yield* step("press Stop", () => page.click("#stop"))
        yield* step(
          "wait for the live stream to end after Stop",
          () => page.waitForFunction(() => !(document.getElementById("start") as HTMLButtonElement).disabled)
        )

        const finals = words(yield* text(page, "#live-final"))
        assert.isAbove(finals.length, 0)
        assert.deepStrictEqual(finals, words(transcript).slice(0, finals.length), "finals are the script's first words")
        assert.strictEqual(yield* text(page, "#live-interim"), "")
        assert.match(yield* text(page, "#live-status"), /^Done/)
        const interims = yield* step("read the interim texts", () =>
          page.evaluate(() => (window as unknown as { interimSeen: Array<string> }).interimSeen))
        assert.isAbove(interims.length, 0, "interim results were shown")
        // Each interim text replaced the previous one: it is always one run of the script's words.
        const script = words(transcript).join(" ")
        for (const interim of interims) assert.include(script, words(interim).join(" "))

        const [live] = yield* assertTokensOnly(demoPage, emulator, ["GET"])
        assert.deepStrictEqual(live!.query["encoding"], ["linear16"])
        assert.deepStrictEqual(live!.query["interim_results"], ["true"])
        assert.match(live!.query["sample_rate"]?.[0] ?? "", /^\d+$/)
      }), 30_000)

    it.scoped("a microphone lost mid-stream ends the session with a typed error and keeps the transcript", () =>
      Effect.gen(function*() {
        const emulator = yield* freshJournal
        const demoPage = yield* openDemo
        const { page } = demoPage
        yield* step("press Start", () => page.click("#start"))
        yield* step("wait for a final transcript", () =>
          page.waitForFunction(() => document.getElementById("live-final")!.textContent!.trim() !== "", null, {
            timeout: 15_000
          }))
        yield* step("unplug the microphone", () =>
          page.evaluate(() => {
            const streams = (window as unknown as { mediaStreams: Array<MediaStream> }).mediaStreams
            for (const track of streams[streams.length - 1]!.getAudioTracks()) track.dispatchEvent(new Event("ended"))
          }))
        yield* step("wait for the session to end", () =>
          page.waitForFunction(() => !(document.getElementById("start") as HTMLButtonElement).disabled))
        assert.strictEqual(yield* text(page, "#live-status"), "The microphone was disconnected.")
        assert.isTrue(
          yield* step("read the status tone", () => page.evaluate(() => document.getElementById("live-status")!.classList.contains("error")))
        )
        assert.isAbove(words(yield* text(page, "#live-final")).length, 0, "the transcript so far is kept")
        yield* assertTokensOnly(demoPage, emulator, ["GET"])
      }), 30_000)
  })

if (hasChromium) {
  describe("web demo in Chromium", suite)
} else if (skipRequested) {
  describe.skip(`web demo in Chromium (SKIPPED: ${CHROMIUM} is missing and SKIP_WEB_DEMO=1)`, suite)
} else {
  describe("web demo in Chromium", () => {
    it("needs Chromium", () => {
      assert.fail(missingChromium)
    })
  })
}
