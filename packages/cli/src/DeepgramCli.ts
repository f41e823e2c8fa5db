/**
 * The `deepgram` command line.
 *
 * @since 0.1.0
 */

/**
 * The command's name.
 *
 * @since 0.1.0
 * @category constants
 */
export const name = "deepgram"
