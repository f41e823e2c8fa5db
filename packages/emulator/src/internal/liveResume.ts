/**
 * Live streams resumed on a new connection.
 *
 * A client that reconnects after a drop sends again the audio that the server had not covered with final
 * results, from the middle of the stream. Deepgram hears that audio for what it is; the emulator, whose words
 * come from a script, must know where in the stream the new connection's audio belongs. So every raw-audio
 * `/v1/listen` and Flux (`/v2/listen`) stream whose words are known is remembered with the audio it has received so far (as positions
 * in the whole stream), and a new connection whose first bytes are not a registered fingerprint is looked up
 * there: if its bytes continue one of those streams from some point, it hears the same words, from that point
 * on, with times counted from its own start (as every Deepgram connection counts them). The transcript is thus
 * a function of the audio position, whichever connection brings the audio.
 *
 * Streams are forgotten when they end normally (`CloseStream`); the oldest are dropped beyond a few streams or
 * a total size.
 *
 * @internal
 */
import type { Word } from "./layout.js"

/** How many streams are remembered at most. */
const MAX_STREAMS = 16
/** How much audio all remembered streams hold at most. */
const MAX_TOTAL_BYTES = 256 * 1024 * 1024
/** A shorter overlap is only trusted at a point where a final result ended (where a client resumes). */
const TRUSTED_OVERLAP = 4096
/** The bytes searched for first. */
const NEEDLE = 64
/** At most this many places are checked per stream (audio of repeated bytes, such as digital silence). */
const MAX_CANDIDATES = 4096

/** @internal */
export interface LiveStream {
  readonly words: ReadonlyArray<Word>
  /** Bytes per second and per frame of the stream's raw audio. */
  readonly bytesPerSecond: number
  readonly frameBytes: number
  /** The audio received so far, by its position in the stream (the first `length` bytes are valid). */
  audio: Uint8Array
  length: number
  /** Where final results ended, in bytes from the start of the stream. */
  readonly finals: Array<number>
}

/** @internal */
export interface LiveStreams {
  readonly streams: Array<LiveStream>
}

/** @internal */
export const makeLiveStreams = (): LiveStreams => ({ streams: [] })

/**
 * Remembers a stream heard from its start, with its first bytes.
 *
 * @internal
 */
export const remember = (
  registry: LiveStreams,
  stream: Omit<LiveStream, "audio" | "length" | "finals">,
  head: Uint8Array
): LiveStream => {
  const remembered: LiveStream = { ...stream, audio: new Uint8Array(Math.max(head.length, 64 * 1024)), length: 0, finals: [] }
  write(remembered, 0, head)
  registry.streams.push(remembered)
  let total = registry.streams.reduce((sum, s) => sum + s.audio.length, 0)
  while (registry.streams.length > MAX_STREAMS || (total > MAX_TOTAL_BYTES && registry.streams.length > 1)) {
    total -= registry.streams.shift()!.audio.length
  }
  return remembered
}

/**
 * Stores audio received at `position` bytes of the stream (bytes sent again are the same bytes).
 *
 * @internal
 */
export const write = (stream: LiveStream, position: number, chunk: Uint8Array): void => {
  const end = position + chunk.length
  if (end <= stream.length) return
  if (end > stream.audio.length) {
    const grown = new Uint8Array(Math.max(end, stream.audio.length * 2))
    grown.set(stream.audio.subarray(0, stream.length))
    stream.audio = grown
  }
  const from = Math.max(position, stream.length)
  stream.audio.set(chunk.subarray(from - position), from)
  stream.length = end
}

/**
 * Notes that a final result ended at `seconds` of the stream.
 *
 * @internal
 */
export const finalAt = (stream: LiveStream, seconds: number): void => {
  stream.finals.push(Math.round(seconds * stream.bytesPerSecond))
}

/** @internal */
export const forget = (registry: LiveStreams, stream: LiveStream): void => {
  const index = registry.streams.indexOf(stream)
  if (index >= 0) registry.streams.splice(index, 1)
}

/** Whether `head` continues the stream's audio from `position` (on as many bytes as both have). */
const continuesAt = (stream: LiveStream, head: Uint8Array, position: number): number => {
  const overlap = Math.min(head.length, stream.length - position)
  for (let i = 0; i < overlap; i++) {
    if (stream.audio[position + i] !== head[i]) return -1
  }
  return overlap
}

/**
 * The remembered stream, and the position in it in bytes, that a new connection's first bytes continue; the
 * latest such position of the most recent stream.
 *
 * @internal
 */
export const locate = (
  registry: LiveStreams,
  head: Uint8Array,
  frameBytes: number
): { readonly stream: LiveStream; readonly position: number } | undefined => {
  if (head.length === 0) return undefined
  for (let s = registry.streams.length - 1; s >= 0; s--) {
    const stream = registry.streams[s]!
    if (stream.frameBytes !== frameBytes) continue
    const trusted = (position: number, overlap: number) =>
      overlap >= Math.min(head.length, TRUSTED_OVERLAP) ||
      stream.finals.some((end) => Math.abs(end - position) <= 2 * frameBytes)
    const needle = head.subarray(0, Math.min(NEEDLE, head.length))
    const audio = Buffer.from(stream.audio.buffer, stream.audio.byteOffset, stream.length)
    let best: number | undefined
    // Full needles anywhere, latest last.
    let checked = 0
    for (let at = audio.indexOf(needle); at >= 0 && checked < MAX_CANDIDATES; at = audio.indexOf(needle, at + 1)) {
      checked++
      if (at % frameBytes !== 0) continue
      const overlap = continuesAt(stream, head, at)
      if (overlap > 0 && trusted(at, overlap)) best = at
    }
    // The needle may run past the end of what the stream received (or start right at its end, where a final
    // result ended): the last few positions.
    const tail = stream.length - (stream.length % frameBytes)
    for (let at = tail; at > stream.length - needle.length && at >= 0; at -= frameBytes) {
      if (best !== undefined && best >= at) break
      const overlap = continuesAt(stream, head, at)
      if (overlap >= 0 && trusted(at, overlap)) {
        best = at
        break
      }
    }
    if (best !== undefined) return { stream, position: best }
  }
  return undefined
}

/** Bytes per sample of the raw encodings. */
const sampleWidth: Readonly<Record<string, number>> = { linear16: 2, linear32: 4, mulaw: 1, alaw: 1 }

const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/**
 * One connection's side of resuming: keeps its first bytes until its words are known, finds the stream they
 * continue, and keeps that stream's audio and covered positions up to date.
 *
 * @internal
 */
export interface Resumable {
  /** Takes a binary frame; `received`: the connection's bytes before it. */
  readonly push: (received: number, chunk: Uint8Array) => void
  /**
   * The words the connection hears and where its audio starts in their timeline (seconds): a remembered stream
   * it continues (raw audio that matches no registered audio only), else `registered`, else `fallback`.
   */
  readonly recognise: (
    registered: ReadonlyArray<Word> | undefined,
    fallback: () => ReadonlyArray<Word>,
    raw: boolean
  ) => { readonly words: ReadonlyArray<Word>; readonly offset: number }
  /** A result covering the audio up to `seconds` of the connection's own time was sent. */
  readonly covered: (seconds: number) => void
  /** The stream ended normally: no connection will resume it. */
  readonly complete: () => void
}

/** @internal */
export const makeResumable = (
  registry: LiveStreams,
  hint: { readonly encoding: string; readonly sampleRate: number; readonly channels: number } | undefined
): Resumable => {
  const frameBytes = hint === undefined ? 0 : (sampleWidth[hint.encoding] ?? 0) * hint.channels
  const bytesPerSecond = hint === undefined ? 0 : frameBytes * hint.sampleRate
  let pending: Array<Uint8Array> | undefined = []
  let stream: LiveStream | undefined
  let base = 0
  return {
    push: (received, chunk) => {
      if (pending !== undefined) pending.push(chunk)
      else if (stream !== undefined) write(stream, base + received, chunk)
    },
    recognise: (registered, fallback, raw) => {
      const head = concat(pending ?? [])
      pending = undefined
      const resumable = raw && frameBytes > 0
      const found = registered === undefined && resumable ? locate(registry, head, frameBytes) : undefined
      if (found !== undefined) {
        stream = found.stream
        base = found.position
        write(stream, base, head)
        return { words: stream.words, offset: base / bytesPerSecond }
      }
      const words = registered ?? fallback()
      if (resumable && words.length > 0) stream = remember(registry, { words, bytesPerSecond, frameBytes }, head)
      return { words, offset: 0 }
    },
    covered: (seconds) => {
      if (stream !== undefined) finalAt(stream, base / bytesPerSecond + seconds)
    },
    complete: () => {
      if (stream !== undefined) forget(registry, stream)
    }
  }
}
