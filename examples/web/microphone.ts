/**
 * The microphone as a `Stream` of 16-bit little-endian PCM chunks: the
 * samples come from an AudioWorklet (or, where there is none, a
 * ScriptProcessor), are converted on the main thread and queued in a
 * `Mailbox`, which `stop` ends after the chunks already captured.
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Mailbox from "effect/Mailbox"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { toLinear16 } from "./pcm.js"

/** The microphone could not be opened. */
export class MicrophoneError extends Data.TaggedError("MicrophoneError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** A running capture. */
export interface Capture {
  /** The sample rate of `audio` (the audio context's, often 48 000). */
  readonly sampleRate: number
  /** How the samples are taken. */
  readonly method: "AudioWorklet" | "ScriptProcessor"
  /** `linear16` mono chunks of about 40 ms; ends after `stop`, fails if the microphone goes away. */
  readonly audio: Stream.Stream<Uint8Array, MicrophoneError>
  /** Stops the microphone and ends `audio` once the chunks already captured are read. */
  readonly stop: Effect.Effect<void>
}

/** Samples per chunk: about 43 ms at 48 kHz. */
const FRAMES = 2048
/** Chunks kept while the network is slower than the microphone (about 20 s); the oldest go first. */
const CAPACITY = 512
const PROCESSOR = "sample-capture"

// Runs on the audio thread: collects FRAMES samples of the first input channel and posts them.
const processorSource = `
class SampleCapture extends AudioWorkletProcessor {
  constructor() {
    super()
    this.chunk = new Float32Array(${FRAMES})
    this.filled = 0
  }
  process(inputs) {
    const samples = inputs[0] && inputs[0][0]
    if (samples === undefined) return true
    let offset = 0
    while (offset < samples.length) {
      const n = Math.min(samples.length - offset, this.chunk.length - this.filled)
      this.chunk.set(samples.subarray(offset, offset + n), this.filled)
      this.filled += n
      offset += n
      if (this.filled === this.chunk.length) {
        this.port.postMessage(this.chunk, [this.chunk.buffer])
        this.chunk = new Float32Array(${FRAMES})
        this.filled = 0
      }
    }
    return true
  }
}
registerProcessor("${PROCESSOR}", SampleCapture)
`

const describe = (cause: unknown): string => {
  if (cause instanceof DOMException) {
    switch (cause.name) {
      case "NotAllowedError":
        return "Microphone access was denied."
      case "NotFoundError":
        return "No microphone was found."
      case "NotReadableError":
        return "The microphone is in use by another application."
    }
  }
  return `Cannot open the microphone: ${cause instanceof Error ? cause.message : String(cause)}`
}

const userMedia = Effect.acquireRelease(
  Effect.tryPromise({
    try: () => navigator.mediaDevices.getUserMedia({ audio: true }),
    catch: (cause) => new MicrophoneError({ message: describe(cause), cause })
  }),
  (media) => Effect.sync(() => media.getTracks().forEach((track) => track.stop()))
)

const audioContext = Effect.acquireRelease(
  Effect.try({
    try: () => new AudioContext(),
    catch: (cause) => new MicrophoneError({ message: describe(cause), cause })
  }),
  (context) => Effect.ignore(Effect.tryPromise(() => context.close()))
)

type OnSamples = (samples: Float32Array) => void

const disconnectOnClose = (...nodes: ReadonlyArray<AudioNode>) =>
  Effect.addFinalizer(() => Effect.sync(() => nodes.forEach((node) => node.disconnect())))

const viaWorklet = (context: AudioContext, source: AudioNode, onSamples: OnSamples) =>
  Effect.gen(function*() {
    const url = URL.createObjectURL(new Blob([processorSource], { type: "text/javascript" }))
    yield* Effect.tryPromise({
      try: () => context.audioWorklet.addModule(url),
      catch: (cause) => new MicrophoneError({ message: describe(cause), cause })
    }).pipe(Effect.ensuring(Effect.sync(() => URL.revokeObjectURL(url))))
    const node = new AudioWorkletNode(context, PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: "explicit"
    })
    node.port.onmessage = (event: MessageEvent<Float32Array>) => onSamples(event.data)
    // The node outputs silence; connecting it keeps it processing.
    source.connect(node).connect(context.destination)
    yield* disconnectOnClose(source, node)
    return "AudioWorklet" as const
  })

const viaScriptProcessor = (context: AudioContext, source: AudioNode, onSamples: OnSamples) =>
  Effect.gen(function*() {
    const node = context.createScriptProcessor(FRAMES, 1, 1)
    // The input buffer is reused between events: copy it.
    node.onaudioprocess = (event) => onSamples(event.inputBuffer.getChannelData(0).slice())
    source.connect(node).connect(context.destination)
    yield* disconnectOnClose(source, node)
    return "ScriptProcessor" as const
  })

/**
 * Opens the microphone (asking for permission) for the current scope: the
 * tracks are stopped and the audio context closed when the scope closes.
 */
export const capture: Effect.Effect<Capture, MicrophoneError, Scope.Scope> = Effect.gen(function*() {
  const media = yield* userMedia
  const context = yield* audioContext
  yield* Effect.ignore(Effect.tryPromise(() => context.resume()))
  const mailbox = yield* Mailbox.make<Uint8Array, MicrophoneError>({ capacity: CAPACITY, strategy: "sliding" })
  const onSamples: OnSamples = (samples) => {
    mailbox.unsafeOffer(toLinear16(samples))
  }
  const source = context.createMediaStreamSource(media)
  const method = typeof AudioWorkletNode === "function" && context.audioWorklet !== undefined
    ? yield* viaWorklet(context, source, onSamples).pipe(
      Effect.orElse(() => viaScriptProcessor(context, source, onSamples))
    )
    : yield* viaScriptProcessor(context, source, onSamples)

  const stop = Effect.zipRight(
    Effect.sync(() => media.getTracks().forEach((track) => track.stop())),
    Effect.asVoid(mailbox.end)
  )
  // A microphone unplugged or revoked fails the audio: the live stream then ends with this
  // error, after every result received so far (the page keeps the transcript).
  for (const track of media.getAudioTracks()) {
    track.addEventListener("ended", () =>
      Effect.runFork(mailbox.fail(new MicrophoneError({ message: "The microphone was disconnected.", cause: undefined }))))
  }
  return { sampleRate: context.sampleRate, method, audio: Mailbox.toStream(mailbox), stop }
})
