import * as Effect from "effect/Effect"
import type * as Http from "node:http"
import * as NodeHttp from "node:http"
import type { AddressInfo } from "node:net"
import * as NodePath from "node:path"
import { fileURLToPath } from "node:url"

export const repoRoot = NodePath.resolve(NodePath.dirname(fileURLToPath(import.meta.url)), "../../..")
export const fixturesDir = NodePath.join(repoRoot, "fixtures")
export const spacewalkPath = NodePath.join(fixturesDir, "spacewalk.wav")
export const sampleDir = NodePath.join(NodePath.dirname(fileURLToPath(import.meta.url)), "fixtures")

export const spacewalkTranscript =
  "Yeah, as much as it's worth celebrating the first spacewalk with an all-female team, I think many of us are " +
  "looking forward to it just being normal. And I think if it signifies anything, it is to honor the women who " +
  "came before us who were skilled and qualified and didn't get the same opportunities that we have today."

/**
 * A PCM WAV file with a sine tone on every channel (a different pitch per channel).
 */
export const wav = (options: {
  readonly sampleRate: number
  readonly channels: number
  readonly seconds: number
}): Uint8Array => {
  const { channels, sampleRate, seconds } = options
  const frames = Math.round(sampleRate * seconds)
  const dataSize = frames * channels * 2
  const buffer = Buffer.alloc(44 + dataSize)
  buffer.write("RIFF", 0, "ascii")
  buffer.writeUInt32LE(36 + dataSize, 4)
  buffer.write("WAVE", 8, "ascii")
  buffer.write("fmt ", 12, "ascii")
  buffer.writeUInt32LE(16, 16)
  buffer.writeUInt16LE(1, 20)
  buffer.writeUInt16LE(channels, 22)
  buffer.writeUInt32LE(sampleRate, 24)
  buffer.writeUInt32LE(sampleRate * channels * 2, 28)
  buffer.writeUInt16LE(channels * 2, 32)
  buffer.writeUInt16LE(16, 34)
  buffer.write("data", 36, "ascii")
  buffer.writeUInt32LE(dataSize, 40)
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < channels; channel++) {
      const value = Math.round(Math.sin(2 * Math.PI * (220 * (channel + 1)) * frame / sampleRate) * 8000)
      buffer.writeInt16LE(value, 44 + (frame * channels + channel) * 2)
    }
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

/**
 * `fetch` that reads the whole answer; fails when the connection breaks.
 */
export const request = (url: string, init?: RequestInit): Effect.Effect<Answer, unknown> =>
  Effect.tryPromise({
    try: async () => {
      const response = await fetch(url, init)
      const text = await response.text()
      let json: unknown = undefined
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers, text, json }
    },
    catch: (cause) => cause
  })

export const postAudio = (
  url: string,
  body: Uint8Array,
  headers: Record<string, string> = { authorization: "Token test-key" }
): Effect.Effect<Answer, unknown> =>
  request(url, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...headers },
    body: body as Uint8Array<ArrayBuffer>
  })

/**
 * A loopback HTTP server for the duration of the scope.
 */
export const localServer = (handler: Http.RequestListener) =>
  Effect.acquireRelease(
    Effect.async<Http.Server>((resume) => {
      const server = NodeHttp.createServer(handler)
      server.listen(0, "127.0.0.1", () => {
        resume(Effect.succeed(server))
      })
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))
