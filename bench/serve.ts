// Starts one loopback peer in its own process and prints its URL on stdout:
// `npx tsx bench/serve.ts http|ws`. Used by bench/p1-breakdown.ts and handy
// for poking a client by hand. Stops on SIGTERM / SIGINT or when stdin closes.
import { httpPeer, wsPeer } from "./lib/servers.js"

const kind = process.argv[2] ?? "http"
const peer = kind === "ws" ? await wsPeer() : await httpPeer()
process.stdout.write(`${peer.url}\n`)
const stop = () => {
  void peer.close().then(() => process.exit(0))
}
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
process.stdin.on("end", stop)
process.stdin.resume()
