/**
 * The Node pieces of the platform's HTTP server, without a module-level side
 * effect: `@effect/platform-node`'s server modules load undici, whose module
 * installs itself as the dispatcher behind the process's `fetch` when none is
 * set yet. The server module is loaded when an emulator starts, after Node's
 * `fetch` has set up its own dispatcher, and the Node request and response of
 * a platform request are read here rather than through those modules.
 *
 * @internal
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import type * as Http from "node:http"

/** @internal */
export const loadNodeHttpServer = Effect.promise(() => {
  // Reading a web class loads Node's fetch, which installs its dispatcher if none is set; undici then keeps it.
  void globalThis.Response
  return import("@effect/platform-node/NodeHttpServer")
})

/** The Node request behind a platform request (what `NodeHttpServerRequest.toIncomingMessage` returns). @internal */
export const incomingMessage = (request: HttpServerRequest.HttpServerRequest): Http.IncomingMessage =>
  request.source as Http.IncomingMessage

/** The Node response behind a platform request (what `NodeHttpServerRequest.toServerResponse` returns). @internal */
export const serverResponse = (request: HttpServerRequest.HttpServerRequest): Http.ServerResponse => {
  const response = (request as unknown as { readonly response: Http.ServerResponse | (() => Http.ServerResponse) })
    .response
  return typeof response === "function" ? response() : response
}
