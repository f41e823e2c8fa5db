// P6 entry, the official SDK doing the same job as p6/ours.ts: upload a
// chosen file, and transcribe microphone audio live with interim results.
// Bundled for the browser; never run by the bench.
import { DeepgramClient } from "@deepgram/sdk"

export const transcribeFile = async (accessToken: string, file: File) => {
  const client = new DeepgramClient({ accessToken })
  const result = await client.listen.v1.media.transcribeFile(file, { model: "nova-3", smart_format: true })
  return "results" in result ? result.results.channels[0]?.alternatives?.[0]?.transcript ?? "" : ""
}

export const transcribeLive = async (
  accessToken: string,
  audio: ReadableStream<Uint8Array>,
  sampleRate: number,
  onText: (text: string, isFinal: boolean) => void
) => {
  const client = new DeepgramClient({ accessToken })
  const socket = await client.listen.v1.connect({
    model: "nova-3",
    encoding: "linear16",
    sample_rate: sampleRate,
    interim_results: "true"
  })
  socket.on("message", (message) => {
    if (message.type === "Results") onText(message.channel.alternatives[0]?.transcript ?? "", message.is_final === true)
  })
  socket.connect()
  await socket.waitForOpen()
  const reader = audio.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    socket.sendMedia(value)
  }
  socket.sendCloseStream({ type: "CloseStream" })
}
