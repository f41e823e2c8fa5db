/**
 * Float32 audio samples (Web Audio, -1…1) to 16-bit little-endian PCM
 * (Deepgram's `linear16`).
 */

/** Converts samples to `linear16` bytes, clamping anything outside -1…1. */
export const toLinear16 = (samples: Float32Array): Uint8Array => {
  const bytes = new Uint8Array(samples.length * 2)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < samples.length; i++) {
    const sample = Math.max(-1, Math.min(1, samples[i]!))
    view.setInt16(i * 2, sample < 0 ? Math.round(sample * 0x8000) : Math.round(sample * 0x7fff), true)
  }
  return bytes
}
