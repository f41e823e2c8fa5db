/**
 * Query strings the way Deepgram reads them: arrays as repeated keys,
 * booleans lowercase, absent values skipped.
 *
 * @internal
 */

// internal
export type QueryScalar = string | number | boolean

// internal
export type QueryValue = QueryScalar | ReadonlyArray<QueryScalar> | null | undefined

// internal
export const encodeQuery = (
  ...records: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>
): Array<[string, string]> => {
  const pairs: Array<[string, string]> = []
  for (const record of records) {
    if (record === undefined) continue
    for (const key of Object.keys(record)) {
      const value = record[key]
      if (Array.isArray(value)) {
        for (const item of value) {
          const encoded = scalar(item)
          if (encoded !== undefined) pairs.push([key, encoded])
        }
      } else {
        const encoded = scalar(value)
        if (encoded !== undefined) pairs.push([key, encoded])
      }
    }
  }
  return pairs
}

const scalar = (value: unknown): string | undefined => {
  switch (typeof value) {
    case "string":
      return value
    case "boolean":
      return value ? "true" : "false"
    case "number":
    case "bigint":
      return String(value)
    default:
      return value === null || value === undefined ? undefined : JSON.stringify(value)
  }
}

// internal
export const toSearch = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs.length === 0 ? "" : "?" + new URLSearchParams(pairs as Array<[string, string]>).toString()
