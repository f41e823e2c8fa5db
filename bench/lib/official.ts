// @deepgram/sdk v5 against a loopback base URL.
import { DeepgramClient } from "@deepgram/sdk"
import { API_KEY } from "./key.js"

/**
 * `environment` takes one URL per endpoint family (`base` for REST,
 * `production` for the listen/speak WebSockets, `agent` and `agentRest` for
 * the voice agent); `baseUrl` would override all of them with a single URL.
 * SDK-level retries are disabled (`maxRetries: 0`).
 */
export const officialClient = (baseUrl: string) => {
  const wsUrl = baseUrl.replace(/^http/, "ws")
  return new DeepgramClient({
    apiKey: API_KEY,
    environment: { base: baseUrl, production: wsUrl, agent: wsUrl, agentRest: baseUrl },
    maxRetries: 0
  })
}
