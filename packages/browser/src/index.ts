/**
 * @since 0.1.0
 */

/**
 * Deepgram in browsers.
 *
 * @since 0.1.0
 */
export * as BrowserDeepgram from "./BrowserDeepgram.js"

/**
 * The core modules, re-exported so that one import serves a browser program.
 *
 * @since 0.1.0
 */
export * from "@effect-deepgram/core"
