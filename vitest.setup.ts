import { addEqualityTesters } from "@effect/vitest"
import { beforeEach } from "vitest"

addEqualityTesters()

// Vitest reads every line of a failure's stack with a regular expression that backtracks catastrophically on a
// long line full of quotes, such as the JSON that @effect/vitest puts in the message of an Effect that failed
// with a plain value: the run then spins for minutes (and, in `npm run mutate`, a killed mutant becomes a
// timeout). The message is still reported from `message`; such a stack keeps its frames and its first line cut
// to MAX_HEAD characters.
const MAX_HEAD = 200

interface ReportedError {
  stack?: string
  cause?: unknown
}

const framesOnly = (error: ReportedError, depth = 0): void => {
  if (typeof error.stack === "string") {
    const lines = error.stack.split("\n")
    const firstFrame = lines.findIndex((line) => /^\s+at /.test(line))
    const head = firstFrame === -1 ? lines : lines.slice(0, firstFrame)
    if (head.some((line) => line.length > MAX_HEAD)) {
      error.stack = [head[0]!.slice(0, MAX_HEAD), ...(firstFrame === -1 ? [] : lines.slice(firstFrame))].join("\n")
    }
  }
  if (depth < 8 && typeof error.cause === "object" && error.cause !== null) framesOnly(error.cause, depth + 1)
}

beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) framesOnly(error)
  })
})
