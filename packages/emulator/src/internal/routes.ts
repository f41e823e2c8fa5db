/**
 * The REST endpoints.
 *
 * @internal
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import type { ListenV1 } from "@effect-deepgram/schema"
import type { AudioInfo } from "../Journal.js"
import { isUnusable, probe } from "./audio.js"
import { corruptAudio, errorBody, errorForStatus } from "./errors.js"
import { buildResponse } from "./listen.js"
import { last, listenParameters, validate } from "./params.js"
import { decodeBody, methodsFor, operation } from "./spec.js"
import type { Endpoint, Reply, RequestContext } from "./pipeline.js"
import { rawHint, reply } from "./pipeline.js"

const badRequest = (context: RequestContext, message: string): Reply =>
  reply(400, errorBody("Bad Request", message, context.requestId))

const parseJsonObject = (text: string): Either.Either<Record<string, unknown>, string> => {
  if (text.trim() === "") return Either.right({})
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? Either.right(value as Record<string, unknown>)
      : Either.left("The JSON body must be an object.")
  } catch {
    return Either.left("The request body is not valid JSON.")
  }
}

/** Downloads `{ url }` audio and probes it like an upload. */
const fetchAudio = (context: RequestContext, url: string): Effect.Effect<AudioInfo, string> =>
  context.state.client.get(url).pipe(
    Effect.flatMap((response): Effect.Effect<AudioInfo, unknown> => {
      if (response.status < 200 || response.status >= 300) {
        return Effect.fail(`the server answered ${response.status}`)
      }
      const length = Number(response.headers["content-length"])
      return probe(response.stream, {
        size: Number.isFinite(length) && length > 0 ? length : undefined,
        raw: rawHint(context.query)
      })
    }),
    Effect.timeoutFail({
      duration: context.state.fetchTimeout,
      onTimeout: () => `timed out after ${Duration.format(context.state.fetchTimeout)}`
    }),
    Effect.mapError((cause) => typeof cause === "string" ? cause : "the download failed")
  )

/** A callback URL without its user info, and the headers to send there (request id, Basic auth from the user info). */
export const callbackTarget = (
  context: RequestContext,
  target: string
): { readonly url: URL; readonly headers: Record<string, string> } => {
  const url = new URL(target)
  const headers: Record<string, string> = { "dg-request-id": context.requestId }
  if (url.username !== "" || url.password !== "") {
    const user = decodeURIComponent(url.username)
    const password = decodeURIComponent(url.password)
    headers["authorization"] = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`
    url.username = ""
    url.password = ""
  }
  return { url, headers }
}

/**
 * POSTs (or PUTs) the result to the callback URL; failures are logged, never surfaced to the client.
 *
 * @internal
 */
export const deliverCallback = (
  context: RequestContext,
  target: string,
  method: "POST" | "PUT",
  payload: unknown
): Effect.Effect<void> => {
  const { headers, url } = callbackTarget(context, target)
  if (context.credential.scheme === "token" && context.credential.value !== undefined) {
    headers["dg-token"] = context.state.auth.keyId(context.credential.value)
  }
  const request = HttpClientRequest.make(method)(url.toString()).pipe(
    HttpClientRequest.setHeaders(headers),
    HttpClientRequest.bodyUnsafeJson(payload)
  )
  return context.state.client.execute(request).pipe(
    Effect.flatMap((response) => response.text),
    Effect.timeout(context.state.callbackTimeout),
    Effect.catchAll((error) =>
      Effect.logWarning(`callback delivery to ${url.origin}${url.pathname} failed: ${error._tag}`)
    ),
    Effect.asVoid
  )
}

/**
 * `POST /v1/listen`: pre-recorded transcription of an upload or of `{ url }`.
 *
 * @internal
 */
export const listen: Endpoint = {
  body: "audio",
  authenticate: true,
  handle: (context) =>
    Effect.gen(function*() {
      const invalid = validate(listenParameters, context.query)
      if (Either.isLeft(invalid)) return badRequest(context, invalid.left)

      let audio: AudioInfo
      if (context.body._tag === "Json") {
        const parsed = parseJsonObject(context.body.text)
        if (Either.isLeft(parsed)) return badRequest(context, parsed.left)
        const url = parsed.right["url"]
        if (typeof url !== "string" || !URL.canParse(url)) {
          return badRequest(context, "The JSON body must be an object with a valid `url`.")
        }
        const protocol = new URL(url).protocol
        if (protocol !== "http:" && protocol !== "https:") {
          return badRequest(context, "The `url` must use http or https.")
        }
        const fetched = yield* Effect.either(fetchAudio(context, url))
        if (Either.isLeft(fetched)) {
          return reply(
            400,
            errorBody(
              "REMOTE_CONTENT_ERROR",
              `Could not download the media from the provided URL: ${fetched.left}.`,
              context.requestId
            )
          )
        }
        audio = fetched.right
      } else if (context.body._tag === "Audio") {
        audio = context.body.audio
      } else {
        return badRequest(context, "No audio was provided.")
      }

      if (audio.size === 0) {
        return reply(
          400,
          errorBody("Bad Request", "The audio is empty (no bytes were received).", context.requestId),
          { audio }
        )
      }

      const transcripts = yield* Ref.get(context.state.transcripts)
      const script = transcripts.get(audio.sha256)
      // Bytes registered with a transcript are audio by definition; anything else must decode.
      if (script === undefined && isUnusable(audio)) return reply(400, corruptAudio(context.requestId), { audio })
      const result = buildResponse({
        requestId: context.requestId,
        created: context.arrived,
        audio,
        script,
        query: context.query
      })

      const callback = last(context.query, "callback")
      if (callback !== undefined) {
        const method = last(context.query, "callback_method") === "PUT" ? "PUT" : "POST"
        const accepted: typeof ListenV1.AcceptedResponse.Encoded = { request_id: context.requestId }
        return reply(200, accepted, {
          audio,
          after: deliverCallback(context, callback, method, result)
        })
      }
      return reply(200, result, { audio })
    })
}

/**
 * `POST /v1/auth/grant`: mints a short-lived access token (JWT) for an API key.
 *
 * @internal
 */
export const grant: Endpoint = {
  body: "json",
  authenticate: true,
  handle: (context) =>
    Effect.gen(function*() {
      if (context.state.auth.mode !== "none" && context.credential.scheme !== "token") {
        return reply(
          403,
          errorBody("FORBIDDEN", "Access tokens can only be granted to an API key.", context.requestId)
        )
      }
      const parsed = decodeBody(operation("auth.v1.tokens.grant"), context.body._tag === "Json" ? context.body.text : "")
      if (Either.isLeft(parsed)) return badRequest(context, parsed.left)
      const ttl = (parsed.right as { readonly ttl_seconds?: number }).ttl_seconds ?? 30
      if (!Number.isFinite(ttl) || ttl < 1 || ttl > 3600) {
        return badRequest(context, `Invalid field 'ttl_seconds': expected a number of seconds from 1 to 3600, got ${ttl}.`)
      }
      if (Object.keys(context.query).length > 0) {
        return badRequest(context, `Unknown query parameter '${Object.keys(context.query)[0]}'.`)
      }
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const key = context.credential.scheme === "token" ? context.credential.value : undefined
      return reply(200, context.state.auth.mint(ttl, now, key === undefined ? undefined : context.state.auth.keyId(key)))
    })
}

/**
 * Paths with a REST method, for 405 answers.
 */
const restMethods: Readonly<Record<string, string>> = {
  "/v1/listen": "POST",
  "/v1/auth/grant": "POST",
  "/v1/speak": "POST",
  "/v2/speak": "POST"
}

/**
 * Anything without a route: 405 for a known path with another method, 501 for a known endpoint the emulator
 * does not implement yet, 404 otherwise.
 *
 * @internal
 */
export const notFound: Endpoint = {
  body: "json",
  authenticate: false,
  handle: (context) => {
    const method = context.request.method
    const specMethods = methodsFor(context.path)
    const known = restMethods[context.path] ?? (specMethods.length > 0 ? specMethods.join(", ") : undefined)
    return Effect.succeed(
      known !== undefined && known !== method
        ? reply(405, errorForStatus(405, context.requestId), { headers: { allow: known } })
        : known !== undefined
        ? reply(
          501,
          errorBody("NOT_IMPLEMENTED", `${method} ${context.path} is not emulated yet.`, context.requestId)
        )
        : reply(404, errorBody("NOT_FOUND", `No such endpoint: ${method} ${context.path}.`, context.requestId))
    )
  }
}
