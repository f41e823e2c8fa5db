// DeepgramError.isRetryable: which failures a retry can fix. Every status at
// the edges of the table, and every error kind.
import { assert, describe, it } from "@effect/vitest"
import { Duration } from "effect"
import { DeepgramError } from "../src/index.js"

const api = (status: number) =>
  new DeepgramError.DeepgramApiError({
    status,
    method: "POST",
    url: "https://api.deepgram.com/v1/listen",
    requestId: undefined,
    errCode: undefined,
    errMsg: undefined,
    category: undefined,
    retryAfter: undefined,
    excerpt: ""
  })

describe("DeepgramError.isRetryable", () => {
  it("retries 408, 429 and 5xx but 501 and 505; nothing else of the 4xx", () => {
    const retried = [408, 429, 500, 502, 503, 504, 506, 507, 508, 510, 511, 520, 529, 599]
    const final = [400, 401, 402, 403, 404, 405, 407, 409, 410, 413, 415, 422, 428, 430, 499, 501, 505]
    assert.deepStrictEqual(retried.filter((status) => !DeepgramError.isRetryable(api(status))), [])
    assert.deepStrictEqual(final.filter((status) => DeepgramError.isRetryable(api(status)) !== false), [])
  })

  it("an error marked notRetried (a one-shot stream body was already sent) is never retryable", () => {
    const marked = new DeepgramError.DeepgramApiError({ ...api(503), notRetried: "the stream body was sent once" })
    assert.strictEqual(DeepgramError.isRetryable(marked), false)
    assert.strictEqual(DeepgramError.isRetryable(new DeepgramError.DeepgramApiError({ ...api(503), notRetried: undefined })), true)
  })

  it("retries timeouts and transport failures; never configuration, input, decode, handshake or socket errors", () => {
    const where = { method: "GET", url: "https://api.deepgram.com/v1/projects" }
    assert.isTrue(DeepgramError.isRetryable(new DeepgramError.DeepgramTimeoutError({ ...where, timeout: Duration.seconds(1) })))
    assert.isTrue(DeepgramError.isRetryable(new DeepgramError.DeepgramTransportError({ ...where, detail: "ECONNRESET" })))
    const never: ReadonlyArray<DeepgramError.DeepgramError> = [
      new DeepgramError.DeepgramConfigError({ reason: "MissingCredentials", detail: "" }),
      new DeepgramError.DeepgramInputError({ reason: "InvalidOptions", detail: "" }),
      new DeepgramError.DeepgramDecodeError({ ...where, status: 200, requestId: undefined, excerpt: "", issue: "" }),
      new DeepgramError.DeepgramHandshakeError({
        url: where.url,
        status: 503,
        dgError: undefined,
        requestId: undefined,
        detail: ""
      }),
      new DeepgramError.DeepgramSocketError({
        reason: "Dropped",
        url: where.url,
        code: 1006,
        closeReason: undefined,
        errCode: undefined,
        requestId: undefined,
        detail: ""
      })
    ]
    // A boolean, not merely something falsy.
    assert.deepStrictEqual(never.map(DeepgramError.isRetryable), never.map(() => false))
  })
})
