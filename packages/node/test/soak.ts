// Sizes of the robustness suites (Idle, Fuzz, Leaks): small enough for `npm test`
// by default, the full counts when DEEPGRAM_SOAK=1 (bench/robustness.ts sets it).
export const soak = process.env["DEEPGRAM_SOAK"] === "1"

/** The CI size or the full size. */
export const sized = <A>(ci: A, full: A): A => soak ? full : ci
