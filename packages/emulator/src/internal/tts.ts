/**
 * The emulator's speech synthesizer: text to speech-like audio, deterministically.
 *
 * It does not speak words. Each word becomes voiced, syllable-like tones (a glottal pulse train of harmonics
 * under a vowel-like envelope, one syllable for about three letters, at a pitch that depends on the voice and
 * drifts within the sentence), words are separated by short gaps and punctuation adds pauses (commas 0.25 s,
 * sentence ends 0.45 s). The audio lasts about 1/14 s per character at speed 1, so its length follows the text.
 * The same text, model, sample rate and speed always give the same samples.
 *
 * Audio is produced unit by unit (a syllable or a pause), so a long text streams as it is synthesized, and
 * encoded on the fly:
 *
 * - `linear16` (16-bit little-endian PCM), `mulaw` and `alaw` (G.711, by hand), raw or in a WAV container whose
 *   sizes are known in advance (the plan gives the exact number of samples);
 * - `mp3` with `@breezystack/lamejs` (a pure JavaScript LAME port), mono at the requested bit rate;
 * - `opus` with `opusscript` (libopus compiled to WebAssembly), 20 ms packets at 48 kHz in an Ogg container
 *   written here (RFC 7845: `OpusHead`, `OpusTags`, then pages of about half a second);
 * - `flac` and `aac` are not produced: `encodingProblem` says so, and the routes answer 400.
 *
 * @internal
 */
import { Mp3Encoder } from "@breezystack/lamejs"
import OpusScript from "opusscript"
import { unitHash } from "./layout.js"

/** Characters per second of speech at speed 1. */
export const charsPerSecond = 14

const charSeconds = 1 / charsPerSecond
const commaPause = 0.25
const sentencePause = 0.45

/** One piece of the plan: a voiced syllable or a pause, with its exact length in samples. */
interface Unit {
  readonly voiced: boolean
  readonly samples: number
  /** Fundamental frequency (Hz) for a voiced unit. */
  readonly pitch: number
  /** Vowel colour (0..1), shifts the harmonic balance. */
  readonly colour: number
}

export interface Voice {
  /** The model name (the voice): decides the base pitch. */
  readonly model: string
  readonly sampleRate: number
  /** Speaking rate multiplier (default 1). */
  readonly speed?: number | undefined
}

/** A plan of the audio for a text: the units and the total number of samples. */
export interface Plan {
  readonly units: ReadonlyArray<Unit>
  readonly samples: number
  readonly sampleRate: number
}

const basePitch = (model: string): number => {
  // Feminine-sounding voices higher, others lower; the exact pitch varies per voice.
  const h = unitHash("voice", model)
  return 95 + h * 140
}

/**
 * Plans the audio of `text`: deterministic for the text and the voice.
 */
export const plan = (text: string, voice: Voice): Plan => {
  const speed = voice.speed !== undefined && voice.speed > 0 ? voice.speed : 1
  const rate = voice.sampleRate
  const units: Array<Unit> = []
  const base = basePitch(voice.model)
  let total = 0
  const push = (voiced: boolean, seconds: number, pitch = 0, colour = 0) => {
    const samples = Math.max(1, Math.round((seconds / speed) * rate))
    units.push({ voiced, samples, pitch, colour })
    total += samples
  }
  // Words (letters, digits and the like), spaces, punctuation.
  const tokens = text.match(/[\p{L}\p{N}'’-]+|[.!?…]+|[,;:—–]+|\s+|./gu) ?? []
  let syllableIndex = 0
  let sentencePosition = 0
  tokens.forEach((token, tokenIndex) => {
    if (/^[\p{L}\p{N}'’-]+$/u.test(token)) {
      const letters = [...token]
      const syllables = Math.max(1, Math.round(letters.length / 3))
      const per = Math.ceil(letters.length / syllables)
      for (let s = 0; s < syllables; s++) {
        const part = letters.slice(s * per, (s + 1) * per).join("")
        if (part === "") continue
        const h = unitHash(voice.model, tokenIndex, s, part)
        // Declination: the pitch falls slowly over a sentence, with a little jitter per syllable.
        const pitch = base * (1.12 - Math.min(0.2, sentencePosition * 0.012) + (h - 0.5) * 0.16)
        push(true, part.length * charSeconds, pitch, unitHash("colour", part))
        syllableIndex++
        sentencePosition++
      }
    } else if (/^\s+$/u.test(token)) {
      push(false, charSeconds)
    } else if (/^[.!?…]+$/u.test(token)) {
      push(false, sentencePause)
      sentencePosition = 0
    } else if (/^[,;:—–]+$/u.test(token)) {
      push(false, commaPause)
    } else {
      // Symbols count as a short voiced sound.
      push(true, charSeconds, base, unitHash("colour", token))
    }
  })
  void syllableIndex
  return { units, samples: total, sampleRate: rate }
}

/**
 * Seconds of audio for `text`.
 */
export const duration = (text: string, voice: Voice): number => {
  const planned = plan(text, voice)
  return planned.samples / planned.sampleRate
}

const renderUnit = (unit: Unit, rate: number): Int16Array => {
  const out = new Int16Array(unit.samples)
  if (!unit.voiced) return out
  const n = unit.samples
  const attack = Math.min(n / 4, rate * 0.015)
  const release = Math.min(n / 3, rate * 0.03)
  // Harmonic weights: a vowel-like spectrum whose balance depends on the colour.
  const weights = [1, 0.55 + unit.colour * 0.4, 0.35 + (1 - unit.colour) * 0.3, 0.18, 0.1]
  const norm = weights.reduce((a, b) => a + b, 0)
  const step = (2 * Math.PI * unit.pitch) / rate
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / attack, (n - i) / release)
    // A little vibrato-like glide within the syllable.
    const phase = step * i * (1 + 0.03 * Math.sin((Math.PI * i) / n))
    let v = 0
    for (let k = 0; k < weights.length; k++) v += weights[k]! * Math.sin(phase * (k + 1))
    out[i] = Math.round((v / norm) * envelope * 0.45 * 32767)
  }
  return out
}

/**
 * The samples of a plan, unit by unit (a syllable or a pause each, a few thousand samples), so that a long text
 * streams.
 */
export function* samples(planned: Plan): Generator<Int16Array> {
  for (const unit of planned.units) yield renderUnit(unit, planned.sampleRate)
}

// --- encodings --------------------------------------------------------------------------------------------

export type Encoding = "linear16" | "mulaw" | "alaw" | "mp3" | "flac" | "opus" | "aac"

export type Container = "wav" | "none" | "ogg"

const linear16 = (pcm: Int16Array): Uint8Array => {
  const out = new Uint8Array(pcm.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < pcm.length; i++) view.setInt16(i * 2, pcm[i]!, true)
  return out
}

/** G.711 µ-law of one 16-bit sample. */
export const mulawSample = (sample: number): number => {
  const bias = 0x84
  const clip = 32635
  let s = sample
  const sign = s < 0 ? 0x80 : 0
  if (s < 0) s = -s
  if (s > clip) s = clip
  s += bias
  let exponent = 7
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (s >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

/** G.711 A-law of one 16-bit sample. */
export const alawSample = (sample: number): number => {
  let s = sample >> 3
  let mask: number
  if (s >= 0) {
    mask = 0xd5
  } else {
    mask = 0x55
    s = -s - 1
  }
  const ends = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff]
  let segment = 0
  while (segment < 8 && s > ends[segment]!) segment++
  if (segment >= 8) return 0x7f ^ mask
  let value = segment << 4
  value |= segment < 2 ? (s >> 1) & 0x0f : (s >> segment) & 0x0f
  return value ^ mask
}

const companded = (pcm: Int16Array, encode: (sample: number) => number): Uint8Array => {
  const out = new Uint8Array(pcm.length)
  for (let i = 0; i < pcm.length; i++) out[i] = encode(pcm[i]!)
  return out
}

/** A WAV header for `dataBytes` of mono audio. */
export const wavHeader = (
  format: "linear16" | "mulaw" | "alaw",
  sampleRate: number,
  dataBytes: number
): Uint8Array => {
  const bits = format === "linear16" ? 16 : 8
  const tag = format === "linear16" ? 1 : format === "alaw" ? 6 : 7
  const out = new Uint8Array(44)
  const view = new DataView(out.buffer)
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i)
  }
  ascii(0, "RIFF")
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, "WAVE")
  ascii(12, "fmt ")
  view.setUint32(16, 16, true)
  view.setUint16(20, tag, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, (sampleRate * bits) / 8, true)
  view.setUint16(32, bits / 8, true)
  view.setUint16(34, bits, true)
  ascii(36, "data")
  view.setUint32(40, dataBytes, true)
  return out
}

/** What to produce. */
export interface Format {
  readonly encoding: Encoding
  readonly container: Container
  readonly sampleRate: number
  /** Bits per second, for mp3. */
  readonly bitRate: number
}

/**
 * Why the emulator cannot produce `format`, if it cannot.
 */
export const encodingProblem = (format: Format): string | undefined => {
  switch (format.encoding) {
    case "flac":
    case "aac":
      return `The emulator does not produce ${format.encoding} audio; use linear16, mulaw, alaw, mp3 or opus.`
    case "opus":
      return format.container === "ogg"
        ? format.sampleRate === 48000 ? undefined : "opus audio is produced at 48000 Hz only."
        : "The emulator produces opus audio in an ogg container only."
    default:
      return undefined
  }
}

/**
 * The content type of audio in `format`.
 */
export const contentType = (format: Format): string => {
  if (format.container === "wav") return "audio/wav"
  switch (format.encoding) {
    case "mp3":
      return "audio/mpeg"
    case "opus":
      return "audio/ogg"
    case "linear16":
      return `audio/l16;rate=${format.sampleRate};channels=1`
    case "mulaw":
      return `audio/basic;rate=${format.sampleRate}`
    case "alaw":
      return `audio/x-alaw-basic;rate=${format.sampleRate}`
    default:
      return "application/octet-stream"
  }
}

/**
 * Encodes a plan's audio in `format`, chunk by chunk (the container header first). `format` must be one that
 * `encodingProblem` accepts.
 */
export function* encode(planned: Plan, format: Format): Generator<Uint8Array> {
  switch (format.encoding) {
    case "mp3": {
      const encoder = new Mp3Encoder(1, planned.sampleRate, Math.round(format.bitRate / 1000))
      for (const pcm of samples(planned)) {
        const out = encoder.encodeBuffer(pcm)
        if (out.length > 0) yield new Uint8Array(out)
      }
      const tail = encoder.flush()
      if (tail.length > 0) yield new Uint8Array(tail)
      return
    }
    case "opus":
      yield* oggOpus(planned, format.bitRate)
      return
    case "mulaw":
    case "alaw":
    case "linear16": {
      const encoding = format.encoding
      const width = encoding === "linear16" ? 2 : 1
      if (format.container === "wav") yield wavHeader(encoding, planned.sampleRate, planned.samples * width)
      for (const pcm of samples(planned)) {
        yield encoding === "linear16"
          ? linear16(pcm)
          : companded(pcm, encoding === "mulaw" ? mulawSample : alawSample)
      }
      return
    }
    default:
      return
  }
}

/**
 * Encodes raw samples (no container) for the streaming channels.
 */
export const encodeRaw = (pcm: Int16Array, encoding: "linear16" | "mulaw" | "alaw"): Uint8Array =>
  encoding === "linear16" ? linear16(pcm) : companded(pcm, encoding === "mulaw" ? mulawSample : alawSample)

/**
 * Bytes per second of raw audio.
 */
export const byteRate = (encoding: "linear16" | "mulaw" | "alaw", sampleRate: number): number =>
  sampleRate * (encoding === "linear16" ? 2 : 1)

// --- Ogg Opus (RFC 7845) -----------------------------------------------------------------------------------

const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
    table[i] = r >>> 0
  }
  return table
})()

/** The CRC-32 of an Ogg page (polynomial 0x04c11db7, not reflected, initial value 0). */
const oggCrc = (bytes: Uint8Array): number => {
  let crc = 0
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0
  return crc
}

/** One Ogg page holding whole packets. */
const oggPage = (
  packets: ReadonlyArray<Uint8Array>,
  flags: number,
  granule: bigint,
  serial: number,
  sequence: number
): Uint8Array => {
  const lacing: Array<number> = []
  for (const packet of packets) {
    let length = packet.length
    while (length >= 255) {
      lacing.push(255)
      length -= 255
    }
    lacing.push(length)
  }
  const bodySize = packets.reduce((n, packet) => n + packet.length, 0)
  const page = new Uint8Array(27 + lacing.length + bodySize)
  const view = new DataView(page.buffer)
  page.set([0x4f, 0x67, 0x67, 0x53], 0)
  page[4] = 0
  page[5] = flags
  view.setBigInt64(6, granule, true)
  view.setUint32(14, serial, true)
  view.setUint32(18, sequence, true)
  page[26] = lacing.length
  page.set(lacing, 27)
  let offset = 27 + lacing.length
  for (const packet of packets) {
    page.set(packet, offset)
    offset += packet.length
  }
  view.setUint32(22, oggCrc(page), true)
  return page
}

const opusFrame = 960
const opusPreSkip = 312
/** Packets per page: 25 × 20 ms = half a second. */
const packetsPerPage = 25

function* oggOpus(planned: Plan, bitRate: number): Generator<Uint8Array> {
  const encoder = new OpusScript(48000, 1, OpusScript.Application.AUDIO)
  try {
    encoder.setBitrate(Math.min(510_000, Math.max(6000, bitRate)))
    // Complexity 0: the emulator needs speed, not the best quality.
    encoder.encoderCTL(4010, 0)
    const serial = 0x44470001
    let sequence = 0
    const head = new Uint8Array(19)
    const headView = new DataView(head.buffer)
    head.set(new TextEncoder().encode("OpusHead"), 0)
    head[8] = 1
    head[9] = 1
    headView.setUint16(10, opusPreSkip, true)
    headView.setUint32(12, planned.sampleRate, true)
    yield oggPage([head], 0x02, 0n, serial, sequence++)
    const vendor = new TextEncoder().encode("effect-deepgram emulator")
    const tags = new Uint8Array(8 + 4 + vendor.length + 4)
    tags.set(new TextEncoder().encode("OpusTags"), 0)
    new DataView(tags.buffer).setUint32(8, vendor.length, true)
    tags.set(vendor, 12)
    yield oggPage([tags], 0, 0n, serial, sequence++)

    const frame = Buffer.alloc(opusFrame * 2)
    let filled = 0
    let encoded = 0
    let packets: Array<Uint8Array> = []
    const total = planned.samples
    const flushFrame = () => {
      if (filled < opusFrame) frame.fill(0, filled * 2)
      packets.push(Uint8Array.from(encoder.encode(frame, opusFrame)))
      encoded += opusFrame
      filled = 0
    }
    const pageOf = (last: boolean) => {
      const granule = BigInt(opusPreSkip + (last ? total : Math.min(encoded, total)))
      const page = oggPage(packets, last ? 0x04 : 0, granule, serial, sequence++)
      packets = []
      return page
    }
    for (const pcm of samples(planned)) {
      for (let i = 0; i < pcm.length; i++) {
        frame.writeInt16LE(pcm[i]!, filled * 2)
        filled++
        if (filled === opusFrame) {
          flushFrame()
          if (packets.length === packetsPerPage) yield pageOf(false)
        }
      }
    }
    // The decoder drops the pre-skip at the start: pad the end so that every real sample is decoded.
    let padding = opusPreSkip
    while (filled > 0 || padding > 0) {
      const room = opusFrame - filled
      padding = Math.max(0, padding - room)
      flushFrame()
    }
    yield pageOf(true)
  } finally {
    encoder.delete()
  }
}
