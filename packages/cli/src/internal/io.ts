/**
 * The terminal the commands talk to: stdin, stdout, stderr and whether they are terminals. The process's own by
 * default; a test (or an embedding program) runs a command on other streams with `withIO`.
 *
 * @internal
 */
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Stream from "effect/Stream"

// internal
export interface IO {
  /** The bytes of stdin, pulled with backpressure (each use reads on from where the last stopped). */
  readonly stdin: Stream.Stream<Uint8Array>
  readonly stdinIsTTY: boolean
  /** Writes to stdout, waiting for the stream to drain when it is full. */
  readonly out: (chunk: string | Uint8Array) => Effect.Effect<void>
  readonly err: (text: string) => Effect.Effect<void>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /** Width of the terminal on stdout (80 when unknown). */
  readonly columns: number
}

const writeTo = (stream: NodeJS.WriteStream) => (chunk: string | Uint8Array): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (stream.write(chunk)) resume(Effect.void)
    else stream.once("drain", () => resume(Effect.void))
  })

// internal: the process's stdio
export const processIO: IO = {
  stdin: NodeStream.fromReadable(() => process.stdin, (error) => error, { closeOnDone: false }).pipe(Stream.orDie),
  get stdinIsTTY() {
    return process.stdin.isTTY === true
  },
  out: writeTo(process.stdout),
  err: (text) => Effect.sync(() => void process.stderr.write(text)),
  get stdoutIsTTY() {
    return process.stdout.isTTY === true
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true
  },
  get columns() {
    return process.stdout.columns ?? 80
  }
}

// internal
export const currentIO: FiberRef.FiberRef<IO> = FiberRef.unsafeMake(processIO)

// internal: the current IO
export const io: Effect.Effect<IO> = FiberRef.get(currentIO)

// internal: runs `effect` with other stdio
export const withIO = (value: IO) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locally(effect, currentIO, value)

// internal: IO backed by memory, for tests (stdin from a stream, stdout and stderr collected)
export const memory = (options: {
  readonly stdin?: Stream.Stream<Uint8Array> | undefined
  readonly stdinIsTTY?: boolean | undefined
  readonly stdoutIsTTY?: boolean | undefined
  readonly stderrIsTTY?: boolean | undefined
} = {}): IO & { readonly stdout: () => string; readonly stdoutBytes: () => Uint8Array; readonly stderr: () => string } => {
  const out: Array<Uint8Array> = []
  let err = ""
  const encoder = new TextEncoder()
  return {
    stdin: options.stdin ?? Stream.empty,
    stdinIsTTY: options.stdinIsTTY ?? false,
    out: (chunk) => Effect.sync(() => void out.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice())),
    err: (text) => Effect.sync(() => void (err += text)),
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    columns: 80,
    stdout: () => Buffer.concat(out).toString("utf8"),
    stdoutBytes: () => new Uint8Array(Buffer.concat(out)),
    stderr: () => err
  }
}
