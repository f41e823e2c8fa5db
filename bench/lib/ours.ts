// Our SDK against a loopback base URL.
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Deepgram, NodeDeepgram, NodeDialer, NodeFiles } from "@effect-deepgram/node"
import { Layer, ManagedRuntime } from "effect"
import { API_KEY } from "./key.js"

/** The layer is built once, into a runtime that every program runs on. */
export const oursRuntime = (baseUrl: string) =>
  ManagedRuntime.make(NodeDeepgram.layer({ baseUrl, apiKey: API_KEY, retry: { retries: 0 } }))

/** The SDK's services over the given HTTP client (the rest as `NodeDeepgram` has it), with retries off. */
export const oursOver = (http: Layer.Layer<HttpClient.HttpClient>, baseUrl: string) =>
  Deepgram.configured(
    Deepgram.layer.pipe(
      Layer.provide(http),
      Layer.provide(NodeFileSystem.layer),
      Layer.provide(NodeFiles.layer),
      Layer.provide(NodeDialer.layer)
    )
  ).layer({ baseUrl, apiKey: API_KEY, retry: { retries: 0 } })
