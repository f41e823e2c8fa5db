/**
 * The page: live transcription from the microphone and transcription of a
 * chosen file, each an Effect program run on a button press. Every program
 * first asks this page's server for a short-lived access token
 * (`POST /token`) and talks to Deepgram (or the emulator) with it.
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
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Microphone from "./microphone.js"

// ---------------------------------------------------------------------------
// Tokens

const Token = Schema.Struct({
  access_token: Schema.String,
  expires_in: Schema.Number,
  base_url: Schema.String
})

class TokenError extends Data.TaggedError("TokenError")<{ readonly message: string; readonly cause?: unknown }> {}

const ErrorBody = Schema.Struct({ err_msg: Schema.String })

/** A fresh access token from this page's server, which keeps the API key. */
const fetchToken = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const response = yield* client.post("/token")
  if (response.status !== 200) {
    const body = yield* Effect.orElseSucceed(response.json, () => undefined)
    const detail = Option.match(Schema.decodeUnknownOption(ErrorBody)(body), {
      onNone: () => `status ${response.status}`,
      onSome: (error) => error.err_msg
    })
    return yield* new TokenError({ message: `The server could not get an access token: ${detail}` })
  }
  return yield* HttpClientResponse.schemaBodyJson(Token)(response)
}).pipe(
  Effect.catchAll((error) =>
    Effect.fail(
      error._tag === "TokenError"
        ? error
        : new TokenError({ message: `Cannot get an access token: ${error.message}`, cause: error })
    )
  ),
  Effect.provide(FetchHttpClient.layer)
)

/** Runs a Deepgram program with a fresh token. */
const withDeepgram = <A, E>(program: Effect.Effect<A, E, Listen.Listen>) =>
  Effect.flatMap(fetchToken, (token) =>
    Effect.provide(program, BrowserDeepgram.layer({ baseUrl: token.base_url, accessToken: token.access_token })))

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
