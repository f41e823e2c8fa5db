/**
 * `POST /v1/read`: text intelligence on `{ text }` or `{ url }` (the text is downloaded). Results are derived
 * from the text alone, so the same text and options always give the same answer:
 *
 * - segments are the sentences, with word indices (`start_word`, `end_word`, inclusive);
 * - `summarize`: the first sentence, or the first two when the text has more than three;
 * - `topics`: per sentence, its most frequent content words across the text (at most two), plus the
 *   `custom_topic`s it mentions (`custom_topic_mode=strict`: only those);
 * - `intents`: per sentence, from its wording (a question, a request, thanks, an apology, a cancellation),
 *   plus the `custom_intent`s it mentions (`strict`: only those); sentences without one are left out;
 * - `sentiment`: a small word list scores each sentence in [-1, 1] (positive above 0.333, negative below
 *   -0.333), the average is weighted by words.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ReadV1 } from "@effect-deepgram/schema"
import type { Route } from "./api.js"
import { badRequest, ok, route } from "./api.js"
import { errorBody } from "./errors.js"
import { stableUuid, unitHash } from "./layout.js"
import type { RequestContext } from "./pipeline.js"
import { reply } from "./pipeline.js"
import { deliverCallback } from "./routes.js"

type Encoded<S extends { readonly Encoded: unknown }> = S["Encoded"]
type ReadResponse = Encoded<typeof ReadV1.AnalyzeResponse>

interface ReadQuery {
  readonly callback?: string
  readonly callback_method?: "POST" | "PUT"
  readonly sentiment?: boolean
  readonly summarize?: boolean | "v2"
  readonly tag?: string | ReadonlyArray<string>
  readonly topics?: boolean
  readonly custom_topic?: string | ReadonlyArray<string>
  readonly custom_topic_mode?: "extended" | "strict"
  readonly intents?: boolean
  readonly custom_intent?: string | ReadonlyArray<string>
  readonly custom_intent_mode?: "extended" | "strict"
  readonly language?: string
}

const list = (value: string | ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  value === undefined ? [] : typeof value === "string" ? [value] : value

interface Sentence {
  readonly text: string
  readonly words: ReadonlyArray<string>
  readonly start: number
  readonly end: number
}

const normalize = (word: string): string => word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")

const sentencesOf = (text: string): ReadonlyArray<Sentence> => {
  const out: Array<Sentence> = []
  let index = 0
  for (const raw of text.split(/(?<=[.!?…])\s+/)) {
    const trimmed = raw.trim()
    if (trimmed === "") continue
    const words = trimmed.split(/\s+/)
    out.push({ text: trimmed, words, start: index, end: index + words.length - 1 })
    index += words.length
  }
  return out
}

const stopWords = new Set(
  ("about above after again against also because been before being below between both could does doing down " +
    "during each from further have having here into itself just more most once only other over same should some " +
    "such than that their theirs them then there these they this those through under until very what when where " +
    "which while will with would your yours really think many much like well want need going thing things " +
    "today it's that's we're they're don't can't won't didn't isn't")
    .split(" ")
)

const positive = new Set(
  ("good great excellent amazing awesome love loved lovely happy glad pleased wonderful fantastic best better " +
    "thank thanks thankful grateful nice enjoy enjoyed helpful perfect celebrate celebrating honor skilled " +
    "qualified success successful easy beautiful excited brilliant superb delighted")
    .split(" ")
)

const negative = new Set(
  ("bad terrible awful horrible hate hated angry upset sad unhappy poor worst worse broken problem problems " +
    "issue issues fail failed failure wrong annoying disappointed disappointing slow difficult hard never " +
    "cancel refund complaint frustrated frustrating sorry unfortunately")
    .split(" ")
)

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

const confidence = (...parts: ReadonlyArray<string>): number => Math.round((0.6 + 0.39 * unitHash(...parts)) * 1000) / 1000

const mentions = (sentence: Sentence, phrase: string): boolean =>
  sentence.text.toLowerCase().includes(phrase.toLowerCase())

const keywordsOf = (sentences: ReadonlyArray<Sentence>) => {
  const frequency = new Map<string, number>()
  for (const sentence of sentences) {
    for (const word of sentence.words.map(normalize)) {
      if (word.length >= 4 && !stopWords.has(word) && !/^\d+$/.test(word)) {
        frequency.set(word, (frequency.get(word) ?? 0) + 1)
      }
    }
  }
  return (sentence: Sentence): ReadonlyArray<string> =>
    [...new Set(sentence.words.map(normalize))]
      .filter((word) => frequency.has(word))
      .sort((a, b) => frequency.get(b)! - frequency.get(a)! || b.length - a.length || (a < b ? -1 : 1))
      .slice(0, 2)
}

const intentRules: ReadonlyArray<readonly [RegExp, (keyword: string) => string]> = [
  [/\?\s*$/, (keyword) => `Ask about ${keyword}`],
  [/\b(cancel|unsubscribe)\b/i, () => "Cancel service"],
  [/\b(want|need|would like|please|can you|could you)\b/i, (keyword) => `Request ${keyword}`],
  [/\b(thank|thanks|grateful)\b/i, () => "Express gratitude"],
  [/\b(sorry|apologi[sz]e)\b/i, () => "Apologize"]
]

const round3 = (n: number) => Math.round(n * 1000) / 1000

const scoreOf = (sentence: Sentence): number => {
  let score = 0
  for (const word of sentence.words.map(normalize)) {
    if (positive.has(word)) score += 1
    else if (negative.has(word)) score -= 1
  }
  return round3(Math.max(-1, Math.min(1, score / Math.sqrt(Math.max(1, sentence.words.length)) * 1.5)))
}

const label = (score: number): string => score > 0.333 ? "positive" : score < -0.333 ? "negative" : "neutral"

/**
 * The analysis of a text.
 *
 * @internal
 */
export const analyze = (
  text: string,
  query: ReadQuery,
  requestId: string,
  created: Date
): ReadResponse => {
  const sentences = sentencesOf(text)
  const wordCount = sentences.reduce((n, sentence) => n + sentence.words.length, 0)
  const keywords = keywordsOf(sentences)
  const summarize = query.summarize === true || query.summarize === "v2"
  const summary = summarize
    ? sentences.slice(0, sentences.length > 3 ? 2 : 1).map((sentence) => sentence.text).join(" ")
    : ""
  const customTopics = list(query.custom_topic)
  const customIntents = list(query.custom_intent)
  const info = (feature: string, output: number) => ({
    model_uuid: stableUuid("emulator-read", feature),
    input_tokens: wordCount,
    output_tokens: output
  })

  const topicSegments = query.topics === true || customTopics.length > 0
    ? sentences.flatMap((sentence) => {
      const generated = query.custom_topic_mode === "strict" ? [] : keywords(sentence).map(capitalize)
      const custom = customTopics.filter((topic) => mentions(sentence, topic))
      const topics = [...new Set([...custom, ...generated])]
      return topics.length === 0 ? [] : [{
        text: sentence.text,
        start_word: sentence.start,
        end_word: sentence.end,
        topics: topics.map((topic) => ({ topic, confidence_score: confidence(sentence.text, topic) }))
      }]
    })
    : undefined

  const intentSegments = query.intents === true || customIntents.length > 0
    ? sentences.flatMap((sentence) => {
      const keyword = keywords(sentence)[0] ?? "information"
      const generated = query.custom_intent_mode === "strict"
        ? []
        : intentRules.filter(([pattern]) => pattern.test(sentence.text)).map(([, make]) => make(keyword))
      const custom = customIntents.filter((intent) => mentions(sentence, intent))
      // A question is not also a request.
      const asked = generated.some((intent) => intent.startsWith("Ask about"))
      const intents = [
        ...new Set([...custom, ...generated.filter((intent) => !(asked && intent.startsWith("Request")))])
      ]
      return intents.length === 0 ? [] : [{
        text: sentence.text,
        start_word: sentence.start,
        end_word: sentence.end,
        intents: intents.map((intent) => ({ intent, confidence_score: confidence(sentence.text, intent) }))
      }]
    })
    : undefined

  const sentimentSegments = query.sentiment === true
    ? sentences.map((sentence) => {
      const score = scoreOf(sentence)
      return {
        text: sentence.text,
        start_word: sentence.start,
        end_word: sentence.end,
        sentiment: label(score),
        sentiment_score: score
      }
    })
    : undefined
  const average = sentimentSegments === undefined || wordCount === 0
    ? 0
    : round3(
      sentimentSegments.reduce((sum, segment, i) => sum + segment.sentiment_score * sentences[i]!.words.length, 0) /
        wordCount
    )

  return {
    metadata: {
      metadata: {
        request_id: requestId,
        created: created.toISOString(),
        language: query.language ?? "en",
        ...(summarize ? { summary_info: info("summarize", summary.split(/\s+/).filter((w) => w !== "").length) } : {}),
        ...(sentimentSegments !== undefined ? { sentiment_info: info("sentiment", sentimentSegments.length) } : {}),
        ...(topicSegments !== undefined ? { topics_info: info("topics", topicSegments.length) } : {}),
        ...(intentSegments !== undefined ? { intents_info: info("intents", intentSegments.length) } : {})
      }
    },
    results: {
      ...(summarize ? { summary: { results: { summary: { text: summary } } } } : {}),
      ...(topicSegments !== undefined ? { topics: { results: { topics: { segments: topicSegments } } } } : {}),
      ...(intentSegments !== undefined ? { intents: { results: { intents: { segments: intentSegments } } } } : {}),
      ...(sentimentSegments !== undefined ?
        { sentiments: { segments: sentimentSegments, average: { sentiment: label(average), sentiment_score: average } } } :
        {})
    }
  }
}

/** The most text a `{ url }` may point to (Deepgram's limit is about 150k tokens). */
const maxTextBytes = 1024 * 1024

const fetchText = (context: RequestContext, url: string): Effect.Effect<string, string> =>
  context.state.client.get(url).pipe(
    Effect.flatMap((response): Effect.Effect<string, unknown> =>
      response.status < 200 || response.status >= 300
        ? Effect.fail(`the server answered ${response.status}`)
        : response.text
    ),
    Effect.timeoutFail({
      duration: context.state.fetchTimeout,
      onTimeout: () => `timed out after ${Duration.format(context.state.fetchTimeout)}`
    }),
    Effect.mapError((cause) => typeof cause === "string" ? cause : "the download failed")
  )

/** @internal */
export const readRoutes: ReadonlyArray<Route> = [
  route<ReadQuery, { readonly text: string } | { readonly url: string }>("read.v1.text.analyze", (request) =>
    Effect.gen(function*() {
      const { body, context, query } = request
      if (query.language !== undefined && !/^en(-|$)/i.test(query.language)) {
        return badRequest(context, `Text intelligence supports English only: language '${query.language}' is not supported.`)
      }
      if (
        query.callback !== undefined &&
        (!URL.canParse(query.callback) || !/^https?:$/.test(new URL(query.callback).protocol))
      ) {
        return badRequest(context, `Invalid query parameter 'callback': expected an http(s) URL, got '${query.callback}'.`)
      }
      let text: string
      if ("url" in body) {
        if (!URL.canParse(body.url) || !/^https?:$/.test(new URL(body.url).protocol)) {
          return badRequest(context, `Invalid field 'url': expected an http(s) URL, got '${body.url.slice(0, 60)}'.`)
        }
        const fetched = yield* Effect.either(fetchText(context, body.url))
        if (Either.isLeft(fetched)) {
          return reply(
            400,
            errorBody(
              "REMOTE_CONTENT_ERROR",
              `Could not download the text from the provided URL: ${fetched.left}.`,
              context.requestId
            )
          )
        }
        text = fetched.right.slice(0, maxTextBytes)
      } else {
        text = body.text
      }
      if (text.trim() === "") return badRequest(context, "The text is empty.")

      const result = analyze(text, query, context.requestId, context.arrived)
      if (query.callback !== undefined) {
        return reply(200, { request_id: context.requestId }, {
          characters: text.length,
          after: deliverCallback(context, query.callback, query.callback_method ?? "POST", result)
        })
      }
      return { ...ok(result), characters: text.length }
    }))
]
