/**
 * The page: live transcription from the microphone and transcription of a
 * chosen file, each an Effect program run on a button press. The page's one
 * Deepgram client gets short-lived access tokens from this page's server
 * (`POST /token`), refreshing them before they expire, and talks to
 * Deepgram (or the emulator) with them.
 */
// Direct module imports keep the page's bundle small (a barrel import pulls in whole namespaces).
import * as BrowserDeepgram from "@effect-deepgram/browser/BrowserDeepgram"
import * as Listen from "@effect-deepgram/core/Listen"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Microphone from "./microphone.js"

// ---------------------------------------------------------------------------
// Tokens

const PageConfig = Schema.Struct({ base_url: Schema.String })

class ConfigError extends Data.TaggedError("ConfigError")<{ readonly message: string; readonly cause?: unknown }> {}

/** Where this page's server says Deepgram is (hosted, or the emulator in the demo). */
const fetchBaseUrl = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const response = yield* client.get("/config")
  const config = yield* HttpClientResponse.schemaBodyJson(PageConfig)(response)
  return config.base_url
}).pipe(
  Effect.catchAll((error) => new ConfigError({ message: `Cannot reach this page's server: ${error.message}`, cause: error })),
  Effect.provide(FetchHttpClient.layer)
)

/**
 * One Deepgram client for the page. Its access tokens come from this page's
 * server (`POST /token`, which keeps the API key), are fetched when first
 * needed and refreshed shortly before they expire.
 */
const deepgram = Effect.runSync(Effect.cached(Effect.map(fetchBaseUrl, (baseUrl) =>
  ManagedRuntime.make(BrowserDeepgram.layerTokenEndpoint("/token", { method: "POST", baseUrl })))))

/** Runs a Deepgram program with the page's client. */
const withDeepgram = <A, E>(program: Effect.Effect<A, E, Listen.Listen>) =>
  Effect.flatMap(deepgram, (runtime) => Effect.provide(program, runtime))

// ---------------------------------------------------------------------------
// The page

const byId = <T extends HTMLElement>(id: string, type: { new(): T }): T => {
  const element = document.getElementById(id)
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page`)
  return element
}

const ui = {
  start: byId("start", HTMLButtonElement),
  stop: byId("stop", HTMLButtonElement),
  liveStatus: byId("live-status", HTMLElement),
  liveFinal: byId("live-final", HTMLElement),
  liveInterim: byId("live-interim", HTMLElement),
  fileForm: byId("file-form", HTMLFormElement),
  file: byId("file", HTMLInputElement),
  transcribe: byId("transcribe", HTMLButtonElement),
  fileStatus: byId("file-status", HTMLElement),
  fileFacts: byId("file-facts", HTMLElement),
  fileTranscript: byId("file-transcript", HTMLElement)
}

type Tone = "idle" | "active" | "error"

const setStatus = (element: HTMLElement, text: string, tone: Tone = "idle") => {
  element.textContent = text
  element.classList.toggle("active", tone === "active")
  element.classList.toggle("error", tone === "error")
}

const describeCause = (cause: Cause.Cause<{ readonly message: string }>): string =>
  Option.match(Cause.failureOption(cause), {
    onSome: (error) => error.message,
    onNone: () => Cause.isInterruptedOnly(cause) ? "Stopped." : `Unexpected error: ${Cause.pretty(cause)}`
  })

const seconds = (value: number) => `${value.toFixed(1)} s`

// ---------------------------------------------------------------------------
// Live transcription

/** Finals are appended; the latest interim result is shown after them until its final arrives. */
const showLiveEvent = (event: Listen.LiveEvent) => {
  if (event.type !== "Results") return
  const text = event.channel.alternatives[0]?.transcript ?? ""
  const separator = ui.liveFinal.textContent === "" ? "" : " "
  if (event.is_final === true) {
    if (text !== "") ui.liveFinal.append(separator + text)
    ui.liveInterim.textContent = ""
  } else {
    ui.liveInterim.textContent = text === "" ? "" : separator + text
  }
}

type LiveMetadata = Extract<Listen.LiveEvent, { readonly type: "Metadata" }>
const isMetadata = (event: Listen.LiveEvent): event is LiveMetadata => event.type === "Metadata"

const liveTranscription = Effect.gen(function*() {
  setStatus(ui.liveStatus, "Opening the microphone…")
  const microphone = yield* Microphone.capture
  ui.stop.onclick = () => {
    ui.stop.disabled = true
    setStatus(ui.liveStatus, "Finishing…")
    Effect.runFork(microphone.stop)
  }
  ui.stop.disabled = false
  yield* withDeepgram(Effect.gen(function*() {
    const listen = yield* Listen.Listen
    setStatus(ui.liveStatus, `Listening (${microphone.sampleRate / 1000} kHz)…`, "active")
    const metadata = yield* listen.live(microphone.audio, {
      model: "nova-3",
      encoding: "linear16",
      sample_rate: microphone.sampleRate,
      channels: 1,
      interim_results: true,
      smart_format: true
    }).pipe(
      Stream.tap((event) => Effect.sync(() => showLiveEvent(event))),
      Stream.filter(isMetadata),
      Stream.runLast
    )
    setStatus(
      ui.liveStatus,
      Option.match(metadata, {
        onNone: () => "Done.",
        onSome: (last) => `Done: ${seconds(last.duration)} of audio (request ${last.request_id}).`
      })
    )
  }))
}).pipe(Effect.scoped)

ui.start.addEventListener("click", () => {
  ui.start.disabled = true
  ui.liveFinal.textContent = ""
  ui.liveInterim.textContent = ""
  liveTranscription.pipe(
    Effect.catchAllCause((cause) => Effect.sync(() => setStatus(ui.liveStatus, describeCause(cause), "error"))),
    Effect.ensuring(Effect.sync(() => {
      ui.liveInterim.textContent = ""
      ui.stop.disabled = true
      ui.stop.onclick = null
      ui.start.disabled = false
    })),
    Effect.runFork
  )
})

// ---------------------------------------------------------------------------
// Prerecorded

const showFacts = (facts: ReadonlyArray<readonly [string, string]>) => {
  ui.fileFacts.replaceChildren(
    ...facts.flatMap(([term, description]) => {
      const dt = document.createElement("dt")
      dt.textContent = term
      const dd = document.createElement("dd")
      dd.textContent = description
      return [dt, dd]
    })
  )
  ui.fileFacts.hidden = false
}

const transcribeFile = (file: File) =>
  Effect.gen(function*() {
    setStatus(ui.fileStatus, `Transcribing ${file.name}…`, "active")
    const started = performance.now()
    const result = yield* withDeepgram(
      Effect.flatMap(Listen.Listen, (listen) => listen.transcribe(file, { model: "nova-3", smart_format: true }))
    )
    const elapsed = (performance.now() - started) / 1000
    const alternative = result.results.channels[0]?.alternatives?.[0]
    const transcript = alternative?.transcript ?? ""
    ui.fileTranscript.textContent = transcript === "" ? "(no speech recognised)" : transcript
    ui.fileTranscript.hidden = false
    showFacts([
      ["File", `${file.name} (${(file.size / 1024).toFixed(0)} KiB)`],
      ["Duration", seconds(result.metadata.duration)],
      ["Channels", String(result.metadata.channels)],
      ["Words", String(alternative?.words?.length ?? 0)],
      ["Confidence", alternative?.confidence === undefined ? "n/a" : alternative.confidence.toFixed(2)],
      ["Request id", result.metadata.request_id]
    ])
    setStatus(ui.fileStatus, `Transcribed in ${seconds(elapsed)}.`)
  })

ui.fileForm.addEventListener("submit", (event) => {
  event.preventDefault()
  const file = ui.file.files?.[0]
  if (file === undefined) return
  ui.transcribe.disabled = true
  ui.fileFacts.hidden = true
  ui.fileTranscript.hidden = true
  transcribeFile(file).pipe(
    Effect.catchAllCause((cause) => Effect.sync(() => setStatus(ui.fileStatus, describeCause(cause), "error"))),
    Effect.ensuring(Effect.sync(() => {
      ui.transcribe.disabled = false
    })),
    Effect.runFork
  )
})
