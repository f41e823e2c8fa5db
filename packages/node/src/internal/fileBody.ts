// internal
import { DeepgramInputError } from "@effect-deepgram/core/DeepgramError"
import { close, open, read } from "node:fs"
import { open as openFile } from "node:fs/promises"
import type { ClientRequest } from "node:http"

/** The size of the one buffer a file upload reads into. */
export const CHUNK = 1024 * 1024

/** The size of the slices of that buffer written to the request: each one written is progress. */
export const SLICE = 256 * 1024

export const fileError = (path: string, cause: unknown) =>
  new DeepgramInputError({
    reason: "File",
    path,
    detail: `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause
  })

/**
 * A file as a request body (the `body` of a raw `HttpBody`): opened and read by
 * the request that sends it, so a new one per attempt replays the file. The
 * SDK's Node client writes it with `writeFile`; any other client sees an
 * async iterable of its bytes.
 */
export class FileBody {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly onProgress: () => void,
    readonly fs: FileSystem = nodeFileSystem
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const handle = await openFile(this.path, "r")
    try {
      let remaining = this.size
      while (remaining > 0) {
        const buffer = Buffer.allocUnsafe(Math.min(SLICE, remaining))
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null)
        if (bytesRead === 0) throw shortFile(this.size, remaining)
        remaining -= bytesRead
        this.onProgress()
        yield bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead)
      }
    } finally {
      await handle.close()
    }
  }
}

/** The node:fs calls that `writeFile` makes: a field of `FileBody`, so that tests can count and hold them. */
export interface FileSystem {
  readonly open: typeof open
  readonly read: typeof read
  readonly close: typeof close
}

const nodeFileSystem: FileSystem = { open, read, close }

export const isFileBody = (u: unknown): u is FileBody => u instanceof FileBody

const shortFile = (size: number, remaining: number) =>
  new Error(`the file ended after ${size - remaining} of its ${size} bytes`)

/**
 * Writes `file` into `request` and ends it: one reused buffer, the next read only
 * once the previous chunk's write has completed (its callback), so memory stays
 * flat whatever the file size and the socket's pace sets the disk's. Progress is
 * reported after every chunk. A read error goes to `onError`. The file is closed
 * when its last byte is read, on an error, or when the returned `stop` is called
 * (a read in flight finishes first; a write never gets the buffer after `stop`).
 */
export const writeFile = (
  request: ClientRequest,
  file: FileBody,
  onError: (cause: unknown) => void
): () => void => {
  let fd: number | undefined
  let reading = false
  let stopped = false
  let remaining = file.size
  let buffer: Buffer | undefined

  const release = () => {
    if (fd === undefined || reading) return
    const handle = fd
    fd = undefined
    file.fs.close(handle, () => {})
  }
  const stop = () => {
    stopped = true
    release()
  }
  const fail = (cause: unknown) => {
    stop()
    onError(cause)
  }

  const next = (): void => {
    if (stopped) return release()
    if (remaining === 0) {
      stop()
      request.end()
      return
    }
    buffer ??= Buffer.allocUnsafe(Math.min(CHUNK, file.size))
    const chunk = buffer
    reading = true
    file.fs.read(fd!, chunk, 0, Math.min(chunk.byteLength, remaining), null, (error, bytesRead) => {
      reading = false
      if (stopped) return release()
      if (error !== null) return fail(error)
      if (bytesRead === 0) return fail(shortFile(file.size, remaining))
      remaining -= bytesRead
      // The slices go out together; the buffer is read into again once the last one is written.
      let pending = Math.ceil(bytesRead / SLICE)
      for (let start = 0; start < bytesRead; start += SLICE) {
        request.write(chunk.subarray(start, Math.min(start + SLICE, bytesRead)), (error) => {
          // A failed write fails the request itself ("error" on it); the file only needs closing.
          if (error) return stop()
          file.onProgress()
          if (--pending === 0) next()
        })
      }
    })
  }

  file.fs.open(file.path, "r", (error, handle) => {
    if (error !== null) return fail(error)
    fd = handle
    // Stopped while opening: `next` closes it.
    next()
  })
  return stop
}
