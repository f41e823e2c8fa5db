import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { ErrorResponse } from "../src/index.js"

describe("ErrorResponse", () => {
  const decode = Schema.decodeUnknownEither(ErrorResponse.ErrorResponse)

  it("decodes each of the three shapes", () => {
    assert.deepStrictEqual(decode("Bad Request"), Either.right("Bad Request"))
    assert.deepStrictEqual(
      decode({ err_code: "INVALID_AUTH", err_msg: "Invalid credentials.", request_id: "r-1" }),
      Either.right({ err_code: "INVALID_AUTH", err_msg: "Invalid credentials.", request_id: "r-1" })
    )
    assert.deepStrictEqual(
      decode({ category: "INVALID_JSON", message: "Invalid JSON.", details: "line 1", request_id: "r-2" }),
      Either.right({ category: "INVALID_JSON", message: "Invalid JSON.", details: "line 1", request_id: "r-2" })
    )
    // all-optional shapes: an object carrying modern keys plus a shared one is not mistaken for a legacy error
    assert.deepStrictEqual(
      decode({ category: "C", message: "m", request_id: "r", extra: 1 }),
      Either.right({ category: "C", message: "m", request_id: "r", extra: 1 })
    )
    assert.deepStrictEqual(decode({ unrelated: true }), Either.right({ unrelated: true } as ErrorResponse.ErrorResponse))
    assert.isTrue(Either.isLeft(decode(42)))
  })

  it("normalizes any body without throwing", () => {
    assert.deepStrictEqual(ErrorResponse.normalize({ err_code: "X", err_msg: "m", request_id: "r" }), {
      err_code: "X",
      err_msg: "m",
      request_id: "r"
    })
    assert.deepStrictEqual(
      ErrorResponse.normalize({ category: "INSUFFICIENT_PERMISSIONS", message: "nope", request_id: "r" }),
      { err_msg: "nope", category: "INSUFFICIENT_PERMISSIONS", request_id: "r" }
    )
    assert.deepStrictEqual(ErrorResponse.normalize("Service Unavailable"), { err_msg: "Service Unavailable" })
    assert.deepStrictEqual(ErrorResponse.normalize(`{"err_code":"E","err_msg":"m"}`), { err_code: "E", err_msg: "m" })
    assert.deepStrictEqual(ErrorResponse.normalize(new TextEncoder().encode(`{"category":"C"}`)), { category: "C" })
    assert.deepStrictEqual(ErrorResponse.normalize({ type: "Error", code: "NET-0001", description: "timeout" }), {
      err_code: "NET-0001",
      err_msg: "timeout"
    })
    assert.deepStrictEqual(ErrorResponse.normalize(null), {})
    assert.deepStrictEqual(ErrorResponse.normalize(42), {})
    assert.deepStrictEqual(ErrorResponse.normalize([1, 2]), {})
    assert.deepStrictEqual(ErrorResponse.normalize({ err_code: 401 }), { err_code: "401" })
  })
})
