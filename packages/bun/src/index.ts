/**
 * @since 0.1.0
 */

/**
 * Deepgram on Bun.
 *
 * @since 0.1.0
 */
export * as BunDeepgram from "./BunDeepgram.js"

/**
 * WebSockets on Bun.
 *
 * @since 0.1.0
 */
export * as BunDialer from "./BunDialer.js"

export {
  /**
   * The SDK on Bun, configured from the environment.
   *
   * @since 0.1.0
   * @category layers
   */
  DeepgramLive
} from "./BunDeepgram.js"

/**
 * The core modules, re-exported so that one import serves a Bun program.
 *
 * @since 0.1.0
 */
export * from "@effect-deepgram/core"
