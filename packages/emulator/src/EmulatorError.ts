/**
 * Errors of the emulator's own API (starting the server, registering transcripts).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * An error of the emulator's API.
 *
 * - `Serve`: the server could not listen (port taken, bad host).
 * - `Transcripts`: a transcript directory or audio file could not be read.
 * - `InvalidAudioKey`: `register` got a string that is not a SHA-256 hex digest.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorError extends Data.TaggedError("EmulatorError")<{
  readonly reason: "Serve" | "Transcripts" | "InvalidAudioKey"
  readonly description: string
  readonly cause?: unknown
}> {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `${this.reason}: ${this.description}`
  }
}
