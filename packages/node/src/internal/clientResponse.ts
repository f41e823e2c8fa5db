// internal
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import type * as Option from "effect/Option"
import type * as Stream from "effect/Stream"

/** Response headers as Node's HTTP stacks give them (node:http's `IncomingHttpHeaders`, undici's record). */
export type RawHeaders = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * The platform's `HttpClientResponse` over one of Node's HTTP stacks: what does not depend on how the body is
 * read (headers, cookies, JSON and URL-encoded bodies through `text`, errors, inspection) is here once; the
 * body readers are each transport's.
 */
export abstract class ClientResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly rawHeaders: RawHeaders
  ) {
    super()
  }

  abstract readonly status: number
  abstract readonly remoteAddress: Option.Option<string>
  abstract readonly text: Effect.Effect<string, HttpClientError.ResponseError>
  abstract readonly arrayBuffer: Effect.Effect<ArrayBuffer, HttpClientError.ResponseError>
  abstract readonly formData: Effect.Effect<FormData, HttpClientError.ResponseError>
  abstract readonly stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError>

  /** A failure to read or decode the body. */
  protected readonly decodeError = (cause: unknown): HttpClientError.ResponseError =>
    new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.rawHeaders as Headers.Input)
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies !== undefined) return this.cachedCookies
    const header = this.rawHeaders["set-cookie"]
    return this.cachedCookies = header === undefined
      ? Cookies.empty
      : Cookies.fromSetCookie(typeof header === "string" ? [header] : header)
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => text === "" ? null : JSON.parse(text) as unknown, catch: this.decodeError }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: this.decodeError }))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}
