/**
 * Printing: data on stdout, status on stderr, and the transcript formats.
 *
 * @internal
 */
import type { Captions, Listen } from "@effect-deepgram/core"
import * as Effect from "effect/Effect"
import { io } from "./io.js"
import * as Sdk from "./sdk.js"

/** A status line on stderr (stdout stays clean for pipes). @internal */
export const status = (line: string): Effect.Effect<void> => Effect.flatMap(io, (io) => io.err(`${line}\n`))

/** A line of data on stdout. @internal */
export const print = (line: string): Effect.Effect<void> => Effect.flatMap(io, (io) => io.out(`${line}\n`))

/** Data on stdout, as it is. @internal */
export const write = (chunk: string | Uint8Array): Effect.Effect<void> => Effect.flatMap(io, (io) => io.out(chunk))

/** @internal */
export type Format = "json" | "txt" | "srt" | "vtt" | "table"

/** @internal */
export const extension: Record<Exclude<Format, "table">, string> = { json: "json", txt: "txt", srt: "srt", vtt: "vtt" }

/** The plain transcript: paragraphs when present, else each channel's transcript. @internal */
export const transcriptText = (response: Listen.TranscriptionResponse): string => {
  const channels = response.results.channels ?? []
  const texts = channels.map((channel) => {
    const alternative = channel.alternatives?.[0]
    const paragraphs = (alternative as { paragraphs?: { transcript?: string } } | undefined)?.paragraphs?.transcript
    return (paragraphs ?? alternative?.transcript ?? "").trim()
  })
  return channels.length > 1 ? texts.map((text, i) => `[channel ${i}]\n${text}`).join("\n\n") : texts[0] ?? ""
}

/** A transcript in one of the file formats. @internal */
export const render = (
  response: Listen.TranscriptionResponse,
  format: Exclude<Format, "table">,
  captions: Captions.Options
): Effect.Effect<string, Captions.CaptionsError> => {
  switch (format) {
    case "json":
      return Effect.succeed(`${JSON.stringify(response, null, 2)}\n`)
    case "txt":
      return Effect.succeed(`${transcriptText(response)}\n`)
    case "srt":
      return Effect.flatMap(Sdk.core, (sdk) => sdk.Captions.srt(response, captions))
    case "vtt":
      return Effect.flatMap(Sdk.core, (sdk) => sdk.Captions.webvtt(response, captions))
  }
}

/** A plain text table. @internal */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

/** Bytes in human units. @internal */
export const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
