/**
 * Entry point of the `deepgram` command.
 *
 * @since 0.1.0
 */
console.log("deepgram")
