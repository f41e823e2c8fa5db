// Agent latency client (child process, one contender per process): connects to /v1/agent/converse, sends Settings,
// and answers every FunctionCallRequest with a trivial handler until the server closes.
// Usage: node bench/agent-latency-client.ts ours|ws <baseUrl>
import type { Agent as AgentModule } from "@effect-deepgram/node"
import { once } from "node:events"
import { API_KEY } from "./lib/key.js"

const [mode = "", baseUrl = ""] = process.argv.slice(2)

const settings = {
  audio: { input: { encoding: "linear16", sample_rate: 16000 } },
  agent: { think: { provider: { type: "open_ai", model: "gpt-4o-mini" } } }
}

/** The trivial handler: echoes its argument. */
const lookup = (city: string) => ({ city, celsius: 21 })

const ours = async () => {
  const { Agent, NodeDeepgram } = await import("@effect-deepgram/node")
  const { Effect, ManagedRuntime, Schema, Stream } = await import("effect")
  const runtime = ManagedRuntime.make(NodeDeepgram.layer({ baseUrl, apiKey: API_KEY, retry: { retries: 0 } }))
  const weather = Agent.tool({
    name: "get_weather",
    description: "Weather for a city",
    parameters: Schema.Struct({ city: Schema.String }),
    handler: ({ city }) => Effect.succeed(lookup(city))
  })
  // No audio: the conversation lasts until the server closes it.
  return runtime.runPromise(Effect.flatMap(Agent.Agent, (agent) =>
    agent.converse(Stream.never, { settings: settings as AgentModule.Settings, tools: [weather] }).pipe(
      Stream.runFold(0, (n, event) => (event.type === "ToolCallCompleted" ? n + 1 : n))
    )))
}

const rawWs = async () => {
  const { WebSocket } = await import("ws")
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/v1/agent/converse`, {
    headers: { authorization: `Token ${API_KEY}` },
    perMessageDeflate: false
  })
  let answered = 0
  ws.on("message", (data: Buffer, isBinary) => {
    if (isBinary) return
    const message = JSON.parse(data.toString("utf8")) as {
      readonly type?: string
      readonly functions?: ReadonlyArray<{ id: string; name: string; arguments: string; client_side: boolean }>
    }
    if (message.type !== "FunctionCallRequest") return
    for (const call of message.functions ?? []) {
      const args = JSON.parse(call.arguments) as { readonly city: string }
      const content = JSON.stringify(lookup(args.city))
      ws.send(JSON.stringify({ type: "FunctionCallResponse", id: call.id, name: call.name, content }))
      answered++
    }
  })
  const closed = once(ws, "close")
  await once(ws, "open")
  ws.send(JSON.stringify({ type: "Settings", ...settings }))
  await closed
  return answered
}

const main = async () => {
  const run = mode === "ours" ? ours : mode === "ws" ? rawWs : undefined
  if (run === undefined) throw new Error(`unknown contender ${mode}`)
  const answered = await run()
  process.stdout.write(`${JSON.stringify({ mode, answered })}\n`)
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
