/**
 * The SDK, loaded by a command when it runs: `--help` and parsing the command line need none of it.
 *
 * @internal
 */
import * as Effect from "effect/Effect"

/** @internal */
export const core = Effect.promise(() => import("@effect-deepgram/core"))
