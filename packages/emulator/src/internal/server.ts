/**
 * The router: REST endpoints, the five WebSocket channels and a catch-all, each run through the pipeline.
 *
 * @internal
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { Endpoint } from "./pipeline.js"
import { run } from "./pipeline.js"
import { grant, listen, notFound } from "./routes.js"
import type { State } from "./state.js"
import type { Channel } from "./websocket.js"
import { channelPaths, endpoint as websocketEndpoint } from "./websocket.js"

type Handler = Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, HttpServerRequest.HttpServerRequest>

/** @internal */
export const router = (state: State) => {
  // The server answers in real time even when started under a TestClock.
  const clock = Clock.make()
  const handler = (endpoint: Endpoint): Handler => Effect.withClock(run(state, endpoint), clock)
  let router = HttpRouter.empty.pipe(
    HttpRouter.post("/v1/listen", handler(listen)),
    HttpRouter.post("/v1/auth/grant", handler(grant))
  )
  for (const [channel, path] of Object.entries(channelPaths) as Array<[Channel, string]>) {
    router = HttpRouter.get(router, path as HttpRouter.PathInput, handler(websocketEndpoint(channel)))
  }
  return HttpRouter.all(router, "*", handler(notFound))
}
