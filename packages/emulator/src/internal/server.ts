/**
 * The router: REST endpoints, the five WebSocket channels and a catch-all, each run through the pipeline.
 *
 * @internal
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { randomUUID } from "node:crypto"
import { errorForStatus } from "./errors.js"
import type { Endpoint } from "./pipeline.js"
import { run } from "./pipeline.js"
import { routerPath } from "./spec.js"
import { restRoutes } from "./rest.js"
import { grant, listen, notFound } from "./routes.js"
import { speakV1, speakV2 } from "./speak.js"
import type { State } from "./state.js"
import type { Channel } from "./websocket.js"
import { channelPaths, endpoint as websocketEndpoint } from "./websocket.js"

type Handler = Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, HttpServerRequest.HttpServerRequest>

/** @internal */
export const router = (state: State) => {
  // The server answers in real time even when started under a TestClock.
  const clock = Clock.make()
  const handler = (endpoint: Endpoint): Handler =>
    run(state, endpoint).pipe(
      Effect.withClock(clock),
      // A defect still gets a Deepgram-shaped answer; interruptions (dropped connections) stay interruptions.
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.flatMap(
          Effect.sync(() => randomUUID()),
          (requestId) =>
            Effect.as(
              Effect.logError("emulator: unexpected failure", cause),
              HttpServerResponse.unsafeJson(errorForStatus(500, requestId), {
                status: 500,
                headers: { "dg-request-id": requestId }
              })
            )
        )
      )
    )
  let router = HttpRouter.empty.pipe(
    HttpRouter.post("/v1/listen", handler(listen)),
    HttpRouter.post("/v1/auth/grant", handler(grant)),
    HttpRouter.post("/v1/speak", handler(speakV1)),
    HttpRouter.post("/v2/speak", handler(speakV2))
  )
  for (const { endpoint, op } of restRoutes) {
    router = HttpRouter.route(op.method)(router, routerPath(op) as HttpRouter.PathInput, handler(endpoint))
  }
  for (const [channel, path] of Object.entries(channelPaths) as Array<[Channel, string]>) {
    router = HttpRouter.get(router, path as HttpRouter.PathInput, handler(websocketEndpoint(channel)))
  }
  return HttpRouter.all(router, "*", handler(notFound))
}
