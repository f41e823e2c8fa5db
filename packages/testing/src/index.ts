/**
 * @since 0.1.0
 */

/**
 * `DeepgramLive` against an in-process emulator, for your own tests.
 *
 * @since 0.1.0
 */
export * as DeepgramTest from "./DeepgramTest.js"
