/**
 * @since 0.1.0
 */

/**
 * Deepgram on Node.js.
 *
 * @since 0.1.0
 */
export * as NodeDeepgram from "./NodeDeepgram.js"

/**
 * WebSockets on Node with `ws`.
 *
 * @since 0.1.0
 */
export * as NodeDialer from "./NodeDialer.js"

/**
 * File uploads on Node with a native file stream.
 *
 * @since 0.1.0
 */
export * as NodeFiles from "./NodeFiles.js"

export {
  /**
   * The SDK on Node, configured from the environment.
   *
   * @since 0.1.0
   * @category layers
   */
  DeepgramLive
} from "./NodeDeepgram.js"

/**
 * The core modules, re-exported so that one import serves a Node program.
 *
 * @since 0.1.0
 */
export * from "@effect-deepgram/core"
