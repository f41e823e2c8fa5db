// P4 client (child process): decode rate of live `Results` text frames.
// Usage: node --import tsx bench/p4-client.ts <messages> <rounds>
import { ListenV1 } from "@effect-deepgram/schema"
import { Effect, Either, Schema } from "effect"
import { performance } from "node:perf_hooks"
import { tenWordResultsText } from "./lib/fixtures.js"

const [messagesArg = "200000", roundsArg = "5"] = process.argv.slice(2)
const N = Number(messagesArg)
const rounds = Number(roundsArg)

// 64 distinct frames (different start times), like a real session.
const base = JSON.parse(tenWordResultsText) as { start: number }
const texts = Array.from({ length: 64 }, (_, i) => JSON.stringify({ ...base, start: base.start + i * 1.5 }))

type Contender = "jsonParse" | "schemaSync" | "resultsSync" | "decodeEither" | "decodeEffect"

const decodeServerMessageSync = Schema.decodeUnknownSync(ListenV1.ServerMessage)
const decodeResultsSync = Schema.decodeUnknownSync(ListenV1.Results)

const words = (message: ListenV1.ServerMessage) =>
  message.type === "Results" ? message.channel.alternatives[0]?.words.length ?? 0 : 0

// Each returns a checksum (words seen) so that no work can be skipped.
const contenders: Record<Contender, (n: number) => number> = {
  jsonParse: (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) {
      const json = JSON.parse(texts[i & 63]!) as { channel: { alternatives: Array<{ words: Array<unknown> }> } }
      sum += json.channel.alternatives[0]?.words.length ?? 0
    }
    return sum
  },
  schemaSync: (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum += words(decodeServerMessageSync(JSON.parse(texts[i & 63]!)))
    return sum
  },
  resultsSync: (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum += decodeResultsSync(JSON.parse(texts[i & 63]!)).channel.alternatives[0]?.words.length ?? 0
    return sum
  },
  decodeEither: (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) {
      const result = ListenV1.decodeServerMessageEither(texts[i & 63]!)
      if (Either.isLeft(result)) throw result.left
      sum += words(result.right)
    }
    return sum
  },
  decodeEffect: (n) =>
    Effect.runSync(Effect.gen(function*() {
      let sum = 0
      for (let i = 0; i < n; i++) sum += words(yield* ListenV1.decodeServerMessage(texts[i & 63]!))
      return sum
    }))
}

const order = Object.keys(contenders) as Array<Contender>
for (const name of order) {
  if (contenders[name](1000) !== 10_000) throw new Error(`${name}: unexpected checksum`)
  contenders[name](Math.min(N, 20_000))
}
const times: Record<Contender, Array<number>> = { jsonParse: [], schemaSync: [], resultsSync: [], decodeEither: [], decodeEffect: [] }
for (let round = 0; round < rounds; round++) {
  for (let j = 0; j < order.length; j++) {
    const name = order[(j + round) % order.length]!
    const start = performance.now()
    const sum = contenders[name](N)
    times[name].push(performance.now() - start)
    if (sum !== N * 10) throw new Error(`${name}: unexpected checksum ${sum}`)
  }
}
process.stdout.write(`${JSON.stringify({ messages: N, rounds, bytes: texts[0]!.length, times })}\n`)
