// internal
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/**
 * Follows `page`-numbered pages until one comes back shorter than its limit
 * (or empty). A page is fetched only when the stream is pulled past the
 * previous one.
 */
export const pages = <Page, Item, E>(options: {
  readonly first: number
  readonly limit: number | undefined
  readonly fetch: (page: number) => Effect.Effect<Page, E>
  readonly items: (page: Page) => ReadonlyArray<Item> | undefined
  readonly limitOf: (page: Page) => number | undefined
}): Stream.Stream<Item, E> =>
  Stream.paginateChunkEffect(options.first, (page) =>
    Effect.map(options.fetch(page), (result) => {
      const items = options.items(result) ?? []
      const limit = options.limitOf(result) ?? options.limit
      const more = items.length > 0 && (limit === undefined || items.length >= limit)
      return [Chunk.unsafeFromArray(items), more ? Option.some(page + 1) : Option.none()] as const
    }))
