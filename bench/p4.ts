// P4: decode rate of live `Results` frames, our schema decoders vs JSON.parse.
import type { Bench } from "./lib/result.js"
import { fixed, median, ratio, runChild, thousands } from "./lib/util.js"

const MESSAGES = 200_000
const ROUNDS = 3

type Contender = "jsonParse" | "schemaSync" | "resultsSync" | "decodeEither" | "decodeEffect"

interface ChildResult {
  readonly messages: number
  readonly rounds: number
  readonly bytes: number
  readonly times: Record<Contender, ReadonlyArray<number>>
}

const labels: Record<Contender, string> = {
  jsonParse: "JSON.parse (baseline)",
  schemaSync: "JSON.parse + Schema.decodeUnknownSync(ListenV1.ServerMessage)",
  resultsSync: "JSON.parse + Schema.decodeUnknownSync(ListenV1.Results) (no union)",
  decodeEither: "ListenV1.decodeServerMessageEither(text)",
  decodeEffect: "yield* ListenV1.decodeServerMessage(text) in Effect.gen"
}

export const p4: Bench = {
  id: "p4",
  title: "P4: decoding live Results messages",
  run: async () => {
    const child = await runChild<ChildResult>("p4-client.ts", [String(MESSAGES), String(ROUNDS)])
    const order: ReadonlyArray<Contender> = ["jsonParse", "schemaSync", "resultsSync", "decodeEither", "decodeEffect"]
    const rate = (name: Contender) => (MESSAGES / median(child.times[name])) * 1000
    const rows = order.map((name) => [
      labels[name],
      fixed(median(child.times[name]), 0),
      thousands(rate(name)),
      fixed((median(child.times[name]) * 1e6) / MESSAGES / 1000, 2),
      ratio(rate(name) / rate("jsonParse"))
    ])
    const best = Math.max(rate("schemaSync"), rate("decodeEither"))
    return {
      id: "p4",
      title: p4.title,
      setup:
        `${thousands(MESSAGES)} decodes of a ${child.bytes}-byte ListenV1 Results text frame (10 words; 64 variants) per round, ` +
        `in a child process (node --import tsx), warmed up, ${ROUNDS} rounds in rotating order, median reported.`,
      table: {
        columns: ["decoder", "ms (median)", "messages/s", "µs/msg", "rate vs JSON.parse"],
        rows
      },
      targets: [
        {
          name: "schema decode ≥ 0.5× JSON.parse rate",
          pass: best / rate("jsonParse") >= 0.5,
          detail: `decodeServerMessageEither ${(rate("decodeEither") / rate("jsonParse")).toFixed(2)}×, ` +
            `decodeUnknownSync(ServerMessage) ${(rate("schemaSync") / rate("jsonParse")).toFixed(2)}×`
        }
      ],
      notes: [],
      data: child
    }
  }
}
