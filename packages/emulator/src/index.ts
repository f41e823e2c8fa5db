/**
 * @since 0.1.0
 */

/**
 * A Deepgram-compatible server that runs locally: the same paths, query parameters, auth headers and JSON
 * shapes as `api.deepgram.com`, with scripted transcripts, real audio metadata, fault injection and a request
 * journal.
 *
 * @since 0.1.0
 */
export * as DeepgramEmulator from "./DeepgramEmulator.js"

/**
 * Errors of the emulator's own API (starting the server, registering transcripts).
 *
 * @since 0.1.0
 */
export * as EmulatorError from "./EmulatorError.js"

/**
 * Faults the emulator can inject into its answers.
 *
 * @since 0.1.0
 */
export * as Fault from "./Fault.js"

/**
 * The request journal: what the emulator received and how it answered, for tests to assert on.
 *
 * @since 0.1.0
 */
export * as Journal from "./Journal.js"

/**
 * Scripts for the emulator's transcription engine.
 *
 * @since 0.1.0
 */
export * as Transcript from "./Transcript.js"
