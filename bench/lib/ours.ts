// Our SDK against a loopback base URL.
import { NodeDeepgram } from "@effect-deepgram/node"
import { ManagedRuntime } from "effect"
import { API_KEY } from "./key.js"

/** The layer is built once, into a runtime that every program runs on. */
export const oursRuntime = (baseUrl: string) =>
  ManagedRuntime.make(NodeDeepgram.layer({ baseUrl, apiKey: API_KEY, retry: { retries: 0 } }))
