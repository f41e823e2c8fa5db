// internal
import * as Duration from "effect/Duration"

const trim = (value: number): string => String(Math.round(value * 10) / 10)

/** A duration in human units: `250 ms`, `1.5 s`, `60 s`, `2 min 5 s`, `1 h 2 min`. */
export const formatDuration = (input: Duration.DurationInput): string => {
  const duration = Duration.decode(input)
  if (!Duration.isFinite(duration)) return "forever"
  const millis = Duration.toMillis(duration)
  if (millis < 1000) return `${Math.round(millis)} ms`
  if (millis <= 60_000) return `${trim(millis / 1000)} s`
  const totalSeconds = Math.round(millis / 1000)
  if (totalSeconds < 3600) {
    const seconds = totalSeconds % 60
    return seconds === 0 ? `${Math.floor(totalSeconds / 60)} min` : `${Math.floor(totalSeconds / 60)} min ${seconds} s`
  }
  const minutes = Math.floor(totalSeconds / 60) % 60
  return minutes === 0 ? `${Math.floor(totalSeconds / 3600)} h` : `${Math.floor(totalSeconds / 3600)} h ${minutes} min`
}
