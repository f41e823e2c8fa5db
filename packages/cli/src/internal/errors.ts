/**
 * The CLI's own errors and exit codes.
 *
 * @internal
 */
import * as Data from "effect/Data"

/**
 * A bad command line: an invalid flag value, a missing profile, an input that does not exist. Exit code 2.
 *
 * @internal
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/**
 * Something failed after the command line was accepted (an API error, some inputs failed). Exit code 1; the
 * details were already reported.
 *
 * @internal
 */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{ readonly message: string }> {}
