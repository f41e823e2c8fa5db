/**
 * @since 0.1.0
 */

/**
 * The `deepgram` command line.
 *
 * @since 0.1.0
 */
export * as DeepgramCli from "./DeepgramCli.js"
