/**
 * The RIFF/WAVE header of a stream: where the samples start and how many bytes make a second.
 *
 * music-metadata parses whole files (and is used for everything else), but a live stream needs these two facts
 * as soon as the header has arrived, before the stream ends, and the data offset is not something the parser
 * reports. Only the chunk layout is read here (`fmt ` and the start of `data`).
 *
 * @internal
 */

/** @internal */
export interface WavHeader {
  /** Offset of the first sample (just after the `data` chunk header). */
  readonly dataOffset: number
  /** Declared size of the `data` chunk (streamed files often declare 0 or 0xFFFFFFFF). */
  readonly dataSize: number
  readonly byteRate: number
  readonly channels: number
  readonly sampleRate: number
  readonly bitsPerSample: number
  /** The `fmt ` format tag (1 PCM, 3 float, 6 A-law, 7 µ-law, 0xFFFE extensible). */
  readonly format: number
}

/** @internal */
export type WavParse =
  | { readonly _tag: "Parsed"; readonly header: WavHeader }
  | { readonly _tag: "NeedMore" }
  | { readonly _tag: "NotWav" }

/** Headers larger than this are not looked at (metadata chunks before `data` are usually small). */
const maxHeaderBytes = 1024 * 1024

const ascii = (bytes: Uint8Array, offset: number): string =>
  String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!)

/**
 * Whether the bytes start like a WAV file (`RIFF`/`RF64` ... `WAVE`); needs 12 bytes.
 *
 * @internal
 */
export const looksLikeWav = (head: Uint8Array): boolean =>
  head.length >= 12 && (ascii(head, 0) === "RIFF" || ascii(head, 0) === "RF64") && ascii(head, 8) === "WAVE"

/**
 * Reads the header at the start of `head`.
 *
 * @internal
 */
export const parseWavHeader = (head: Uint8Array): WavParse => {
  if (head.length < 12) return { _tag: "NeedMore" }
  if (!looksLikeWav(head)) return { _tag: "NotWav" }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  let format: { format: number; channels: number; sampleRate: number; byteRate: number; bits: number } | undefined
  let position = 12
  while (position <= maxHeaderBytes) {
    if (position + 8 > head.length) return { _tag: "NeedMore" }
    const id = ascii(head, position)
    const size = view.getUint32(position + 4, true)
    if (id === "data") {
      if (format === undefined) return { _tag: "NotWav" }
      const byteRate = format.byteRate > 0
        ? format.byteRate
        : format.sampleRate * format.channels * Math.ceil(format.bits / 8)
      if (byteRate <= 0) return { _tag: "NotWav" }
      return {
        _tag: "Parsed",
        header: {
          dataOffset: position + 8,
          dataSize: size,
          byteRate,
          channels: Math.max(1, format.channels),
          sampleRate: format.sampleRate,
          bitsPerSample: format.bits,
          format: format.format
        }
      }
    }
    if (id === "fmt ") {
      if (size < 16) return { _tag: "NotWav" }
      if (position + 8 + 16 > head.length) return { _tag: "NeedMore" }
      const base = position + 8
      format = {
        format: view.getUint16(base, true),
        channels: view.getUint16(base + 2, true),
        sampleRate: view.getUint32(base + 4, true),
        byteRate: view.getUint32(base + 8, true),
        bits: view.getUint16(base + 14, true)
      }
    }
    position += 8 + size + (size % 2)
  }
  return { _tag: "NotWav" }
}
