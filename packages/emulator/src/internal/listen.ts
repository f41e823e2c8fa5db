/**
 * Builds `POST /v1/listen` results (`ListenV1Response`) from the audio facts and the scripted transcript.
 *
 * @internal
 */
import type { ListenV1 } from "@effect-deepgram/schema"
import type { AudioInfo } from "../Journal.js"
import type { Segment } from "../Transcript.js"
import type { Word } from "./layout.js"
import { layout, meanConfidence, normalizeWord, runs, stableUuid } from "./layout.js"
import type { Query } from "./params.js"
import { all, flag, last } from "./params.js"

/** @internal */
export interface ListenRequest {
  readonly requestId: string
  readonly created: Date
  readonly audio: AudioInfo
  readonly script: ReadonlyArray<Segment> | undefined
  readonly query: Query
}

/** @internal */
export type TranscriptionResponse = typeof ListenV1.TranscriptionResponse.Encoded
type Metadata = TranscriptionResponse["metadata"]
type Results = TranscriptionResponse["results"]
type ChannelJson = typeof ListenV1.Channel.Encoded
type AlternativeJson = typeof ListenV1.Alternative.Encoded
type WordJson = typeof ListenV1.Word.Encoded & typeof ListenV1.UtteranceWord.Encoded
type ParagraphsJson = typeof ListenV1.Paragraphs.Encoded
type SearchJson = typeof ListenV1.Search.Encoded
type SearchHitJson = typeof ListenV1.SearchHit.Encoded
type UtteranceJson = typeof ListenV1.Utterance.Encoded
type FeatureInfoJson = typeof ListenV1.FeatureInfo.Encoded

/** @internal */
export interface Shape {
  readonly punctuate: boolean
  readonly diarize: boolean
  readonly multichannel: boolean
  readonly utterances: boolean
  readonly uttSplit: number
  readonly paragraphs: boolean
  readonly summarize: boolean
  readonly topics: boolean
  readonly intents: boolean
  readonly sentiment: boolean
  readonly entities: boolean
  readonly detectLanguage: ReadonlyArray<string> | false
  readonly search: ReadonlyArray<string>
  readonly model: string
  readonly language: string
}

/**
 * The options that shape a result.
 *
 * @internal
 */
export const shapeOf = (query: Query): Shape => {
  const smartFormat = flag(query, "smart_format")
  const detect = all(query, "detect_language")
  const detectLanguage = detect.length === 0 || detect.every((v) => v.toLowerCase() === "false")
    ? false as const
    : detect.filter((v) => !/^(true|false)$/i.test(v))
  const summarize = last(query, "summarize")
  return {
    punctuate: flag(query, "punctuate") || smartFormat || flag(query, "dictation"),
    diarize: flag(query, "diarize") || last(query, "diarize_model") !== undefined,
    multichannel: flag(query, "multichannel"),
    utterances: flag(query, "utterances"),
    uttSplit: Number(last(query, "utt_split") ?? "0.8"),
    paragraphs: flag(query, "paragraphs") || smartFormat,
    summarize: summarize !== undefined && summarize.toLowerCase() !== "false",
    topics: flag(query, "topics"),
    intents: flag(query, "intents"),
    sentiment: flag(query, "sentiment"),
    entities: flag(query, "detect_entities"),
    detectLanguage,
    search: all(query, "search"),
    model: last(query, "model") ?? "base",
    language: last(query, "language") ?? "en"
  }
}

/**
 * The version reported for every emulated model.
 *
 * @internal
 */
export const modelVersion = "2025-01-01.0"

/** @internal */
export const modelArch = (model: string): string => {
  const match = /^(nova-3|nova-2|nova|enhanced|base|whisper)/.exec(model)
  return match !== null ? match[1]! : model
}

const wordJson = (word: Word, shape: Shape): WordJson => ({
  word: word.word,
  start: word.start,
  end: word.end,
  confidence: word.confidence,
  ...(shape.diarize ? { speaker: word.speaker, speaker_confidence: 0.9 } : {}),
  ...(shape.punctuate ? { punctuated_word: word.punctuated } : {})
})

/** @internal */
export const textOf = (words: ReadonlyArray<Word>, punctuated: boolean): string =>
  words.map((word) => punctuated ? word.punctuated : word.word).join(" ")

const sentencesOf = (words: ReadonlyArray<Word>): Array<Array<Word>> =>
  runs(words, (previous, next) => previous.sentenceEnd || previous.speaker !== next.speaker)

const paragraphsJson = (words: ReadonlyArray<Word>, shape: Shape): ParagraphsJson => {
  const sentences = sentencesOf(words)
  const paragraphs: Array<Array<Array<Word>>> = []
  for (const sentence of sentences) {
    const current = paragraphs[paragraphs.length - 1]
    const previous = current?.[current.length - 1]
    if (current === undefined || previous === undefined || current.length >= 3 ||
      previous[0]!.speaker !== sentence[0]!.speaker) {
      paragraphs.push([sentence])
    } else {
      current.push(sentence)
    }
  }
  const transcript = paragraphs.map((paragraph) =>
    "\n" + (shape.diarize ? `Speaker ${paragraph[0]![0]!.speaker}: ` : "") +
    paragraph.map((sentence) => textOf(sentence, true)).join(" ")
  ).join("\n")
  return {
    transcript,
    paragraphs: paragraphs.map((paragraph) => {
      const first = paragraph[0]!
      const lastSentence = paragraph[paragraph.length - 1]!
      return {
        sentences: paragraph.map((sentence) => ({
          text: textOf(sentence, true),
          start: sentence[0]!.start,
          end: sentence[sentence.length - 1]!.end
        })),
        ...(shape.diarize ? { speaker: first[0]!.speaker } : {}),
        num_words: paragraph.reduce((n, sentence) => n + sentence.length, 0),
        start: first[0]!.start,
        end: lastSentence[lastSentence.length - 1]!.end
      }
    })
  }
}

const searchJson = (words: ReadonlyArray<Word>, queries: ReadonlyArray<string>): Array<SearchJson> =>
  queries.map((query) => {
    const needle = query.split(/\s+/).map(normalizeWord).filter((w) => w !== "")
    const hits: Array<SearchHitJson> = []
    if (needle.length > 0) {
      for (let i = 0; i + needle.length <= words.length; i++) {
        if (needle.every((w, j) => words[i + j]!.word === w)) {
          const matched = words.slice(i, i + needle.length)
          hits.push({
            confidence: 1,
            start: matched[0]!.start,
            end: matched[matched.length - 1]!.end,
            snippet: textOf(matched, false)
          })
        }
      }
    }
    return { query, hits }
  })

const alternativeJson = (words: ReadonlyArray<Word>, shape: Shape): AlternativeJson => ({
  transcript: textOf(words, shape.punctuate),
  confidence: meanConfidence(words),
  words: words.map((word) => wordJson(word, shape)),
  ...(shape.paragraphs ? { paragraphs: paragraphsJson(words, shape) } : {}),
  ...(shape.entities ? { entities: [] } : {})
})

const channelJson = (words: ReadonlyArray<Word>, shape: Shape): ChannelJson => ({
  ...(shape.search.length > 0 ? { search: searchJson(words, shape.search) } : {}),
  alternatives: [alternativeJson(words, shape)],
  ...(shape.detectLanguage !== false ?
    { detected_language: shape.detectLanguage[0] ?? shape.language, language_confidence: 0.99 } :
    {})
})

const utterancesJson = (
  channels: ReadonlyArray<ReadonlyArray<Word>>,
  shape: Shape,
  seed: string
): Array<UtteranceJson> => {
  const utterances = channels.flatMap((words, channel) =>
    runs(words, (previous, next) =>
      previous.sentenceEnd || previous.speaker !== next.speaker || next.start - previous.end >= shape.uttSplit)
      .map((run) => ({ channel, run }))
  ).sort((a, b) => a.run[0]!.start - b.run[0]!.start || a.channel - b.channel)
  return utterances.map(({ channel, run }, index) => ({
    start: run[0]!.start,
    end: run[run.length - 1]!.end,
    confidence: meanConfidence(run),
    channel,
    transcript: textOf(run, shape.punctuate),
    words: run.map((word) => wordJson(word, shape)),
    ...(shape.diarize ? { speaker: run[0]!.speaker } : {}),
    id: stableUuid(seed, "utterance", index)
  }))
}

const firstSentence = (words: ReadonlyArray<Word>): string => {
  const sentence = sentencesOf(words)[0]
  return sentence === undefined ? "" : textOf(sentence, true)
}

const featureInfo = (feature: string, input: number, output: number): FeatureInfoJson => ({
  model_uuid: stableUuid("emulator", feature),
  input_tokens: input,
  output_tokens: output
})

/**
 * The full `ListenV1Response` for one request.
 *
 * @internal
 */
export const buildResponse = (request: ListenRequest): TranscriptionResponse => {
  const { audio, query, requestId } = request
  const shape = shapeOf(query)
  const words = layout(request.script ?? [], audio.duration, audio.sha256)
  const channelCount = shape.multichannel ? Math.max(1, audio.channels) : 1
  const channels: Array<ReadonlyArray<Word>> = shape.multichannel
    ? Array.from({ length: channelCount }, (_, channel) => words.filter((word) => word.channel === channel))
    : [words]
  const modelUuid = stableUuid("emulator-model", shape.model)
  const inputTokens = words.length
  const summary = shape.summarize ? firstSentence(words) : ""
  const summaryTokens = summary === "" ? 0 : summary.split(" ").length
  const extra = all(query, "extra")
  const tags = all(query, "tag")

  const metadata: Metadata = {
    transaction_key: "deprecated",
    request_id: requestId,
    sha256: audio.sha256,
    created: request.created.toISOString(),
    duration: audio.duration,
    channels: audio.channels,
    models: [modelUuid],
    model_info: {
      [modelUuid]: { name: shape.model, version: modelVersion, arch: modelArch(shape.model) }
    },
    ...(shape.summarize ? { summary_info: featureInfo("summarize", inputTokens, summaryTokens) } : {}),
    ...(shape.sentiment ? { sentiment_info: featureInfo("sentiment", inputTokens, 0) } : {}),
    ...(shape.topics ? { topics_info: featureInfo("topics", inputTokens, 0) } : {}),
    ...(shape.intents ? { intents_info: featureInfo("intents", inputTokens, 0) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(extra.length > 0 ?
      {
        extra: Object.fromEntries(extra.map((pair) => {
          const colon = pair.indexOf(":")
          return colon < 0 ? [pair, ""] : [pair.slice(0, colon), pair.slice(colon + 1)]
        }))
      } :
      {})
  }

  const results: Results = {
    channels: channels.map((channelWords) => channelJson(channelWords, shape)),
    ...(shape.utterances ? { utterances: utterancesJson(channels, shape, audio.sha256) } : {}),
    ...(shape.summarize ? { summary: { result: "success", short: summary } } : {}),
    ...(shape.topics ? { topics: { results: { topics: { segments: [] } } } } : {}),
    ...(shape.intents ? { intents: { results: { intents: { segments: [] } } } } : {}),
    ...(shape.sentiment ?
      { sentiments: { segments: [], average: { sentiment: "neutral", sentiment_score: 0 } } } :
      {})
  }

  return { metadata, results }
}
