/**
 * `deepgram listen [PATH|-]`: live transcription of a file at real-time pace or of raw audio on stdin, over
 * `/v1/listen` or Flux (`--model flux-*`), printing interim and final lines or live captions.
 *
 * @internal
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as NodeStream from "@effect/platform-node/NodeStream"
import type { Listen } from "@effect-deepgram/core"
import * as ListenV1 from "@effect-deepgram/schema/ListenV1"
import * as ListenV2 from "@effect-deepgram/schema/ListenV2"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as Connection from "./connection.js"
import { UsageError } from "./errors.js"
import * as Flags from "./flags.js"
import * as Globals from "./globals.js"
import * as IO from "./io.js"
import * as Sdk from "./sdk.js"
import { captionOptions, toCaptionOptions } from "./transcribe.js"

/** The PCM layout of a WAV file: where the samples start and how fast they play. @internal */
export const wavInfo = (bytes: Uint8Array): { readonly dataOffset: number; readonly byteRate: number; readonly sampleRate: number; readonly channels: number; readonly bits: number; readonly format: number } | undefined => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 44 || text(0) !== "RIFF" || text(8) !== "WAVE") return undefined
  let offset = 12
  let fmt: { byteRate: number; sampleRate: number; channels: number; bits: number; format: number } | undefined
  while (offset + 8 <= bytes.length) {
    const id = text(offset)
    const size = view.getUint32(offset + 4, true)
    if (id === "fmt ") {
      fmt = {
        format: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        byteRate: view.getUint32(offset + 16, true),
        bits: view.getUint16(offset + 22, true)
      }
    } else if (id === "data") {
      return fmt === undefined ? undefined : { ...fmt, dataOffset: offset + 8 }
    }
    offset += 8 + size + (size % 2)
  }
  return undefined
}

/** How much of a file is read to find the WAV header. */
const headerBytes = 64 * 1024

/** The start of a file (where a WAV header is). */
const readHead = (file: string): Effect.Effect<Uint8Array, UsageError> =>
  Effect.try({
    try: () => {
      const fd = fs.openSync(file, "r")
      try {
        const buffer = Buffer.alloc(headerBytes)
        const n = fs.readSync(fd, buffer, 0, headerBytes, 0)
        return new Uint8Array(buffer.subarray(0, n))
      } finally {
        fs.closeSync(fd)
      }
    },
    catch: (error) => new UsageError({ message: `listen: cannot read ${file}: ${(error as Error).message}` })
  })

/**
 * A file read from disk in chunks of `bytesPerSecond / 10`, one every 100 ms (as fast as it is taken when not paced):
 * only a chunk or two is in memory at a time.
 */
const paced = (file: string, start: number, bytesPerSecond: number | undefined): Stream.Stream<Uint8Array, UsageError> => {
  const chunk = Math.max(1, Math.round((bytesPerSecond ?? 32_000) / 10))
  const stream = NodeStream.fromReadable<UsageError, Uint8Array>(
    () => fs.createReadStream(file, { start, highWaterMark: chunk }),
    (error) => new UsageError({ message: `listen: cannot read ${file}: ${(error as Error).message}` }),
    { chunkSize: chunk }
  )
  if (bytesPerSecond === undefined) return stream
  // Each chunk leaves when the audio before it has played, by the clock (no drift from the time spent sending).
  return Stream.unwrap(Effect.map(Clock.currentTimeMillis, (startedAt) => {
    let sent = 0
    return Stream.mapEffect(stream, (bytes) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const due = startedAt + (sent / bytesPerSecond) * 1000
        sent += bytes.byteLength
        return Effect.as(due > now ? Effect.sleep(Duration.millis(due - now)) : Effect.void, bytes)
      }))
  }))
}

type Line = { readonly final: boolean; readonly text: string; readonly start: number; readonly label: string }

/** @internal */
export const command = () =>
  Command.make("listen", {
    input: Args.text({ name: "PATH|-" }).pipe(
      Args.withDefault("-"),
      Args.withDescription("an audio file (streamed at real-time pace) or - for raw audio on stdin (the default)")
    ),
    fast: Options.boolean("fast").pipe(Options.withDescription("send a file as fast as possible instead of in real time")),
    srt: Options.boolean("srt").pipe(Options.withDescription("print SRT captions as final results arrive")),
    vtt: Options.boolean("vtt").pipe(Options.withDescription("print WebVTT captions as final results arrive")),
    ...captionOptions,
    listen: Flags.options(ListenV1.LiveOptions, ListenV2.LiveOptions)
  }).pipe(
    Command.withDescription("Live transcription over the WebSocket (/v1/listen, or Flux with --model flux-*)"),
    Command.withHandler((args) =>
      Effect.gen(function*() {
        const globals = yield* Globals.root
        if (args.input.startsWith("-") && args.input !== "-") {
          return yield* new UsageError({ message: `unknown option ${args.input} (see deepgram listen --help)` })
        }
        const model = (() => {
          const values = args.listen["model"]
          return Array.isArray(values) ? values[values.length - 1] as string | undefined : undefined
        })()
        const flux = model?.startsWith("flux") === true
        if (args.srt && args.vtt) return yield* new UsageError({ message: "--srt and --vtt: choose one" })
        const captions = yield* toCaptionOptions(args)
        const stdin = args.input === "-"
        if (!stdin && !fs.existsSync(args.input)) return yield* new UsageError({ message: `listen: no such file ${args.input}` })
        const head = stdin ? undefined : yield* readHead(args.input)
        const wav = head === undefined ? undefined : wavInfo(head)

        const io = yield* IO.io
        const json = yield* Globals.json(globals)
        const tty = io.stdoutIsTTY && !json
        let interimShown = false
        const show = (line: Line) =>
          Effect.suspend(() => {
            if (json) {
              return io.out(`${JSON.stringify({ type: line.final ? "final" : "interim", start: line.start, transcript: line.text, ...(line.label === "" ? {} : { turn: line.label }) })}\n`)
            } else if (tty) {
              if (line.final) {
                interimShown = false
                return io.out(`\r\x1b[K${line.text}\n`)
              }
              const width = io.columns
              interimShown = true
              return io.out(`\r\x1b[K\x1b[2m${line.text.length > width - 1 ? `…${line.text.slice(-(width - 2))}` : line.text}\x1b[0m`)
            }
            return io.out(`${line.start.toFixed(2).padStart(7)}s ${line.final ? "final  " : "interim"} ${line.text}\n`)
          })

        const program = Effect.gen(function*() {
          const listen = yield* (yield* Sdk.core).Listen.Listen
          if (flux) {
            const options = yield* Flags.decode(ListenV2.LiveOptions, args.listen, "Flux (/v2/listen)")
            // Flux takes raw audio: a WAV file is sent as its PCM samples.
            const fluxOptions = wav !== undefined && wav.format === 1 && wav.bits === 16 && options.encoding === undefined
              ? { ...options, encoding: "linear16" as const, sample_rate: wav.sampleRate }
              : options
            if (fluxOptions.encoding === undefined || fluxOptions.sample_rate === undefined) {
              return yield* new UsageError({ message: "Flux needs raw audio: pass --encoding and --sample-rate (a 16-bit PCM WAV file is converted)" })
            }
            const audio = stdin
              ? io.stdin
              : paced(args.input, wav === undefined ? 0 : wav.dataOffset, args.fast ? undefined : wav?.byteRate ?? rawRate(fluxOptions))
            const events = listen.flux(audio, fluxOptions)
            return yield* output(events)
          }
          const options = yield* Flags.decode(ListenV1.LiveOptions, args.listen, "/v1/listen (live)")
          if (stdin && options.encoding === undefined) {
            return yield* new UsageError({ message: "stdin audio is raw: pass --encoding (e.g. linear16) and --sample-rate" })
          }
          const liveOptions: Listen.LiveOptions = {
            ...options,
            interim_results: options.interim_results ?? (!args.srt && !args.vtt)
          }
          const audio = stdin ? io.stdin : paced(args.input, 0, args.fast ? undefined : wav?.byteRate ?? rawRate(options))
          return yield* output(listen.live(audio, liveOptions))
        })

        function rawRate(options: { readonly encoding?: unknown; readonly sample_rate?: unknown }) {
          const width = options.encoding === "linear16" ? 2 : options.encoding === "linear32" ? 4 : options.encoding === "mulaw" || options.encoding === "alaw" ? 1 : undefined
          return width === undefined || typeof options.sample_rate !== "number" ? undefined : width * options.sample_rate
        }

        function output<E, R>(events: Stream.Stream<Listen.LiveEvent | Listen.FluxEvent, E, R>) {
          if (args.srt || args.vtt) {
            return Effect.flatMap(Sdk.core, ({ Captions }) => {
              const cues = Captions.fromLive(events, captions)
              return Stream.runForEach(args.srt ? Captions.liveSrt(cues) : Captions.liveVtt(cues), (text) => io.out(text))
            })
          }
          return Stream.runForEach(events, (event) => {
            if (event.type === "Results" && "channel" in event) {
              const text = event.channel.alternatives[0]?.transcript ?? ""
              if (text === "") return Effect.void
              return show({ final: event.is_final === true, text, start: event.start, label: "" })
            }
            if (event.type === "TurnInfo" && "event" in event) {
              if (event.transcript === "" || (event.event !== "Update" && event.event !== "EndOfTurn")) return Effect.void
              return show({ final: event.event === "EndOfTurn", text: event.transcript, start: event.audio_window_start, label: String(event.turn_index) })
            }
            return Effect.void
          }).pipe(Effect.zipRight(Effect.suspend(() => interimShown ? io.out("\r\x1b[K") : Effect.void)))
        }

        // Options are checked before connecting.
        yield* flux
          ? Effect.asVoid(Flags.decode(ListenV2.LiveOptions, args.listen, "Flux (/v2/listen)"))
          : Effect.asVoid(Flags.decode(ListenV1.LiveOptions, args.listen, "/v1/listen (live)"))
        yield* Effect.provide(program, Connection.layer(globals, stdin ? [] : [args.input]))
      })
    )
  )
