/**
 * Error bodies returned by the Deepgram REST API (the spec's `ErrorResponse`): a plain text error, the legacy
 * `{ err_code, err_msg, request_id }` object and the modern `{ category, message, details, request_id }` object.
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

/**
 * A plain text error body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TextError: typeof Api.ErrorResponseTextError = Api.ErrorResponseTextError

/**
 * @since 0.1.0
 * @category models
 */
export type TextError = Api.ErrorResponseTextError

/**
 * The legacy error object `{ err_code, err_msg, request_id }` (every field optional).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LegacyError: typeof Api.ErrorResponseLegacyError = Api.ErrorResponseLegacyError

/**
 * @since 0.1.0
 * @category models
 */
export interface LegacyError extends Api.ErrorResponseLegacyError {}

/**
 * The modern error object `{ category, message, details, request_id }` (every field optional).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ModernError: typeof Api.ErrorResponseModernError = Api.ErrorResponseModernError

/**
 * @since 0.1.0
 * @category models
 */
export interface ModernError extends Api.ErrorResponseModernError {}

/**
 * Any of the three error body shapes. Every field of the two object shapes is optional, so an object decodes
 * as the shape it matches exactly, else as the shape whose own keys it carries (`err_code`/`err_msg` → legacy,
 * `category`/`message`/`details` → modern), else as an (empty) legacy error: decoding an object never fails.
 * Use {@link normalize} to pull the useful fields out of any body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorResponse: typeof Api.ErrorResponse = Api.ErrorResponse

/**
 * @since 0.1.0
 * @category models
 */
export type ErrorResponse = Api.ErrorResponse

/**
 * The useful fields of any error body.
 *
 * @since 0.1.0
 * @category models
 */
export interface Normalized {
  readonly err_code?: string
  readonly err_msg?: string
  readonly category?: string
  readonly request_id?: string
}

const MAX_TEXT = 2000

const text = (value: unknown): string | undefined => {
  if (typeof value === "string") return value.length > 0 ? value : undefined
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  return undefined
}

const first = (record: Record<string, unknown>, keys: ReadonlyArray<string>): string | undefined => {
  for (const key of keys) {
    const value = text(record[key])
    if (value !== undefined) return value
  }
  return undefined
}

const fromRecord = (record: Record<string, unknown>): Normalized => {
  const nested = typeof record.error === "object" && record.error !== null && !Array.isArray(record.error)
    ? fromRecord(record.error as Record<string, unknown>)
    : undefined
  const err_code = first(record, ["err_code", "code", "error_code"]) ?? nested?.err_code
  const err_msg = first(record, ["err_msg", "message", "description", "details", "error", "reason", "msg"]) ??
    nested?.err_msg
  const category = first(record, ["category"]) ?? nested?.category
  const request_id = first(record, ["request_id", "requestId"]) ??
    (typeof record.metadata === "object" && record.metadata !== null
      ? text((record.metadata as Record<string, unknown>).request_id)
      : undefined) ??
    nested?.request_id
  return {
    ...(err_code !== undefined ? { err_code } : {}),
    ...(err_msg !== undefined ? { err_msg } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(request_id !== undefined ? { request_id } : {})
  }
}

const fromText = (body: string): Normalized => {
  const trimmed = body.trim()
  if (trimmed.length === 0) return {}
  if (trimmed.startsWith("{") || trimmed.startsWith("\"")) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (typeof parsed === "string") return fromText(parsed)
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        return fromRecord(parsed as Record<string, unknown>)
      }
    } catch {
      // not JSON: treat as text
    }
  }
  return { err_msg: trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed }
}

/**
 * Extracts `err_code`, `err_msg`, `category` and `request_id` from any error body: one of the three spec shapes,
 * a JSON string or bytes holding one, a WebSocket error message (`{ type: "Error", code, description }`) or any
 * other JSON. Never throws; fields it cannot find are absent.
 *
 * - legacy `{ err_code, err_msg, request_id }` → copied
 * - modern `{ category, message, details, request_id }` → `err_msg` is `message` (else `details`)
 * - text → `err_msg` is the text (up to 2000 characters)
 *
 * @example
 * ```ts
 * import { ErrorResponse } from "@effect-deepgram/schema"
 *
 * ErrorResponse.normalize({ err_code: "INVALID_AUTH", err_msg: "Invalid credentials.", request_id: "r-1" })
 * // { err_code: "INVALID_AUTH", err_msg: "Invalid credentials.", request_id: "r-1" }
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const normalize = (body: unknown): Normalized => {
  try {
    if (typeof body === "string") return fromText(body)
    if (body instanceof Uint8Array) return fromText(new TextDecoder().decode(body))
    if (body instanceof ArrayBuffer) return fromText(new TextDecoder().decode(new Uint8Array(body)))
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      return fromRecord(body as Record<string, unknown>)
    }
    return {}
  } catch {
    return {}
  }
}
