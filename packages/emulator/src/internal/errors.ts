/**
 * Deepgram-shaped error bodies (the "legacy" `{ err_code, err_msg, request_id }` shape of the spec's
 * `ErrorResponse`, which is what the REST API answers).
 *
 * @internal
 */

import type { ErrorResponse } from "@effect-deepgram/schema"

/** @internal */
export type ErrorBody = typeof ErrorResponse.LegacyError.Encoded

/** @internal */
export const errorBody = (errCode: string, errMsg: string, requestId: string): ErrorBody => ({
  err_code: errCode,
  err_msg: errMsg,
  request_id: requestId
})

const byStatus: Readonly<Record<number, readonly [string, string]>> = {
  400: ["Bad Request", "Bad Request."],
  401: ["INVALID_AUTH", "Invalid credentials."],
  402: ["ASR_PAYMENT_REQUIRED", "Project does not have enough credits for an ASR request."],
  403: ["FORBIDDEN", "Insufficient permissions."],
  404: ["NOT_FOUND", "Not found."],
  405: ["METHOD_NOT_ALLOWED", "Method not allowed."],
  408: ["REQUEST_TIMEOUT", "Request timed out."],
  413: ["PAYLOAD_TOO_LARGE", "Payload too large."],
  426: ["UPGRADE_REQUIRED", "This endpoint only accepts WebSocket connections."],
  429: ["TOO_MANY_REQUESTS", "Too many requests. Please try again later."],
  500: ["INTERNAL_SERVER_ERROR", "Internal server error."],
  501: ["NOT_IMPLEMENTED", "Not implemented."],
  502: ["BAD_GATEWAY", "Bad gateway."],
  503: ["SERVICE_UNAVAILABLE", "Service unavailable. Please try again later."],
  504: ["GATEWAY_TIMEOUT", "Gateway timeout."]
}

/**
 * The default error body for a status.
 *
 * @internal
 */
export const errorForStatus = (status: number, requestId: string): ErrorBody => {
  const known = byStatus[status]
  return known !== undefined
    ? errorBody(known[0], known[1], requestId)
    : errorBody(status >= 500 ? "INTERNAL_SERVER_ERROR" : "Bad Request", `HTTP ${status}.`, requestId)
}

/**
 * Deepgram's answer to a body it cannot decode as audio (not audio at all, or a damaged container), word for
 * word: the `err_msg` of Deepgram's 400s repeats the `err_code`.
 *
 * @internal
 */
export const corruptAudio = (requestId: string): ErrorBody =>
  errorBody("Bad Request", "Bad Request: failed to process audio: corrupt or unsupported data", requestId)

/** @internal */
export const invalidAuth = (requestId: string): ErrorBody =>
  errorBody("INVALID_AUTH", "Invalid credentials.", requestId)
