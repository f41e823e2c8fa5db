/**
 * Temporary access tokens (`POST /v1/auth/grant`): exchange an API key for a short-lived JWT usable as
 * `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

/**
 * The JSON body of `POST /v1/auth/grant`: an optional `ttl_seconds`.
 *
 * @example
 * ```ts
 * import { AuthV1 } from "@effect-deepgram/schema"
 *
 * const request: AuthV1.GrantRequest = { ttl_seconds: 60 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const GrantRequest: typeof Api.GrantV1Request = Api.GrantV1Request

/**
 * @since 0.1.0
 * @category models
 */
export interface GrantRequest extends Api.GrantV1Request {}

/**
 * The granted token: `{ access_token, expires_in }`.
 *
 * @since 0.1.0
 * @category models
 */
export const GrantResponse: typeof Api.GrantV1Response = Api.GrantV1Response

/**
 * @since 0.1.0
 * @category models
 */
export interface GrantResponse extends Api.GrantV1Response {}
