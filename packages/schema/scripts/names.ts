/**
 * The naming table: the readable public name of every generated schema that users touch, module by module.
 * scripts/generate.ts reads it and writes the public modules (`src/ListenV1.ts`, `src/Manage.ts`, ...): per entry
 * a constant aliasing the generated schema and a type of the same name, with the entry's JSDoc; per channel the
 * server message union (with its `Unknown` and `Invalid` variants) and its decoders.
 *
 * Entries:
 * - `{ section }`: a section comment in the module;
 * - `{ name, target, category, doc }`: `name` is the public name, `target` the generated schema
 *   (`openapi:<ident>` from src/internal/openapi.ts, `asyncapi:<ident>` from src/internal/asyncapi.ts);
 * - `{ name, alias, category, doc }`: a second public name for an entry of the same module;
 * - `{ channel, category, ... }`: the server message block of a WebSocket channel (`Unknown`, `Invalid`,
 *   `isInvalid`, `isUnknown`, `ServerMessage`, `decodeServerMessage`, `decodeServerMessageEither`), with the docs
 *   that differ per channel.
 *
 * `doc` is the JSDoc text without `@since`/`@category` (added by the generator), `@example` blocks included.
 * A public name, once released, stays: remove nothing, add freely. The generator fails on a target that does
 * not exist and on a name used twice in a module.
 */

/** One line of the table. */
export type NameEntry =
  | { readonly section: string }
  | { readonly name: string; readonly target: string; readonly category: string; readonly doc: string }
  | { readonly name: string; readonly alias: string; readonly category: string; readonly doc: string }
  | {
    readonly channel: string
    readonly category: string
    readonly unknownDoc: string
    readonly serverMessageDoc: string
    readonly decodeDoc: string
    readonly decodeEitherDoc: string
  }

/** A public module: its name (file `src/<module>.ts`), its module JSDoc and its entries in order. */
export interface NamedModule {
  readonly module: string
  readonly doc: string
  readonly entries: ReadonlyArray<NameEntry>
}

/** Every generated public module. */
export const modules: ReadonlyArray<NamedModule> = [
  {
    module: "ListenV1",
    doc: "Speech-to-text v1: pre-recorded transcription (`POST /v1/listen`) and live streaming (`/v1/listen` WebSocket).",
    entries: [
      { section: "pre-recorded: request" },
      {
        name: "TranscribeOptions",
        target: "openapi:ListenV1MediaTranscribeQuery",
        category: "request",
        doc: "Every query parameter of `POST /v1/listen` (all optional, wire names). Booleans are real booleans; list\n" +
          "parameters (`keyterm`, `keywords`, `search`, `replace`, `tag`, ...) take a string or an array of strings.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Schema } from \"effect\"\n" +
          "import { ListenV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options = Schema.decodeUnknownSync(ListenV1.TranscribeOptions)({\n" +
          "  model: \"nova-3\",\n" +
          "  smart_format: true,\n" +
          "  utterances: true,\n" +
          "  keyterm: [\"Deepgram\"]\n" +
          "})\n" +
          "```"
      },
      {
        name: "TranscribeUrlRequest",
        target: "openapi:ListenV1RequestUrl",
        category: "request",
        doc: "The JSON body that asks Deepgram to fetch the audio from a URL: `{ url }`."
      },
      {
        name: "Model",
        target: "openapi:V1ListenPostParametersModel",
        category: "request",
        doc: "Speech models with a published name; any other string (custom models) is accepted as well."
      },
      {
        name: "Encoding",
        target: "openapi:V1ListenPostParametersEncoding",
        category: "request",
        doc: "Audio encodings that must be declared for raw (headerless) audio."
      },
      { section: "pre-recorded: response" },
      {
        name: "TranscriptionResponse",
        target: "openapi:ListenV1Response",
        category: "response",
        doc: "A finished transcription (`ListenV1Response`): `{ metadata, results }`."
      },
      {
        name: "AcceptedResponse",
        target: "openapi:ListenV1AcceptedResponse",
        category: "response",
        doc: "The acknowledgement returned instead of a transcript when a `callback` URL is given: `{ request_id }`."
      },
      {
        name: "TranscribeResponse",
        target: "openapi:listen_v1_media_transcribe_Response_200",
        category: "response",
        doc: "The success body of `POST /v1/listen`: a {@link TranscriptionResponse} or, in callback mode, an\n" +
          "{@link AcceptedResponse}."
      },
      {
        name: "Metadata",
        target: "openapi:ListenV1ResponseMetadata",
        category: "response",
        doc: "Request metadata: `request_id`, `sha256`, `created`, `duration`, `channels`, `models`, ..."
      },
      {
        name: "FeatureInfo",
        target: "openapi:ListenV1ResponseMetadataSummaryInfo",
        category: "response",
        doc: "Token usage of one audio-intelligence feature (`summary_info`, `sentiment_info`, `topics_info`, `intents_info`)."
      },
      {
        name: "TranscriptionResults",
        target: "openapi:ListenV1ResponseResults",
        category: "response",
        doc: "The `results` object: `channels`, `utterances`, `summary`, `topics`, `intents`, `sentiments`."
      },
      {
        name: "Channel",
        target: "openapi:ListenV1ResponseResultsChannelsItems",
        category: "response",
        doc: "One audio channel of the results: its `alternatives`, `search` hits and `detected_language`."
      },
      {
        name: "Alternative",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItems",
        category: "response",
        doc: "One transcription hypothesis: `transcript`, `confidence`, `words`, `paragraphs`, `entities`, ..."
      },
      {
        name: "Word",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsWordsItems",
        category: "response",
        doc: "One recognised word with its timing and confidence."
      },
      {
        name: "Paragraphs",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphs",
        category: "response",
        doc: "The paragraph view of an alternative (`paragraphs=true`): a formatted `transcript` and its `paragraphs`."
      },
      {
        name: "Paragraph",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItems",
        category: "response",
        doc: "One paragraph: its `sentences`, `speaker`, `num_words`, `start` and `end`."
      },
      {
        name: "Sentence",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsParagraphsParagraphsItemsSentencesItems",
        category: "response",
        doc: "One sentence of a paragraph."
      },
      {
        name: "Entity",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsEntitiesItems",
        category: "response",
        doc: "A detected entity (`detect_entities=true`)."
      },
      {
        name: "AlternativeSummary",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsSummariesItems",
        category: "response",
        doc: "A per-alternative summary segment (`summarize=v1`)."
      },
      {
        name: "AlternativeTopic",
        target: "openapi:ListenV1ResponseResultsChannelsItemsAlternativesItemsTopicsItems",
        category: "response",
        doc: "A per-alternative topic segment."
      },
      {
        name: "Search",
        target: "openapi:ListenV1ResponseResultsChannelsItemsSearchItems",
        category: "response",
        doc: "The hits of one `search` term."
      },
      {
        name: "SearchHit",
        target: "openapi:ListenV1ResponseResultsChannelsItemsSearchItemsHitsItems",
        category: "response",
        doc: "One search hit."
      },
      {
        name: "Utterance",
        target: "openapi:ListenV1ResponseResultsUtterancesItems",
        category: "response",
        doc: "One utterance (`utterances=true`): a span of speech with its transcript, speaker and words."
      },
      {
        name: "UtteranceWord",
        target: "openapi:ListenV1ResponseResultsUtterancesItemsWordsItems",
        category: "response",
        doc: "A word of an utterance (carries `speaker` and `punctuated_word`)."
      },
      {
        name: "Summary",
        target: "openapi:ListenV1ResponseResultsSummary",
        category: "response",
        doc: "The whole-request summary (`summarize=v2`): `{ result, short }`."
      },
      {
        name: "Topics",
        target: "openapi:SharedTopics",
        category: "response",
        doc: "Topic detection results (`topics=true`), shared with text intelligence."
      },
      {
        name: "Intents",
        target: "openapi:SharedIntents",
        category: "response",
        doc: "Intent recognition results (`intents=true`), shared with text intelligence."
      },
      {
        name: "Sentiments",
        target: "openapi:SharedSentiments",
        category: "response",
        doc: "Sentiment analysis results (`sentiment=true`), shared with text intelligence."
      },
      { section: "live: query" },
      {
        name: "LiveOptions",
        target: "asyncapi:ListenV1Query",
        category: "live",
        doc: "Query parameters of the `/v1/listen` WebSocket (all optional, wire names). Flags take booleans (or the\n" +
          "strings `\"true\"`/`\"false\"`); parameters the AsyncAPI spec leaves untyped are typed by scripts/patches.ts\n" +
          "(`channels`, `sample_rate`, `utterance_end_ms` are integers, `endpointing` is an integer or `false`, list\n" +
          "parameters take a string or an array of strings).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { ListenV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: ListenV1.LiveOptions = {\n" +
          "  model: \"nova-3\",\n" +
          "  encoding: \"linear16\",\n" +
          "  sample_rate: 16000,\n" +
          "  interim_results: true,\n" +
          "  utterance_end_ms: 1000\n" +
          "}\n" +
          "```"
      },
      { section: "live: server messages" },
      {
        name: "Results",
        target: "asyncapi:ListenV1Results",
        category: "live",
        doc: "A transcription result (`type: \"Results\"`): interim (`is_final: false`) or final, with `speech_final` marking an\n" +
          "endpoint."
      },
      {
        name: "LiveChannel",
        target: "asyncapi:ChannelsListenV1MessagesListenV1ResultsChannel",
        category: "live",
        doc: "The channel object of a live result."
      },
      {
        name: "LiveAlternative",
        target: "asyncapi:ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItems",
        category: "live",
        doc: "One alternative of a live result."
      },
      {
        name: "LiveWord",
        target: "asyncapi:ChannelsListenV1MessagesListenV1ResultsChannelAlternativesItemsWordsItems",
        category: "live",
        doc: "One word of a live result."
      },
      {
        name: "LiveMetadata",
        target: "asyncapi:ListenV1Metadata",
        category: "live",
        doc: "The stream summary sent when the stream closes (`type: \"Metadata\"`)."
      },
      {
        name: "UtteranceEnd",
        target: "asyncapi:ListenV1UtteranceEnd",
        category: "live",
        doc: "End of an utterance after `utterance_end_ms` of silence (`type: \"UtteranceEnd\"`)."
      },
      {
        name: "SpeechStarted",
        target: "asyncapi:ListenV1SpeechStarted",
        category: "live",
        doc: "Start of speech detected (`vad_events=true`, `type: \"SpeechStarted\"`)."
      },
      {
        channel: "/v1/listen",
        category: "live",
        unknownDoc: "A server message whose `type` this version does not model: `{ type: \"Unknown\", raw }`.",
        serverMessageDoc: "Every JSON server message of `/v1/listen`, discriminated on `type`; unknown types decode to {@link Unknown},\n" +
          "known types that fail their schema to {@link Invalid}, so any JSON object decodes.",
        decodeDoc: "Parses a text frame and decodes it into a {@link ServerMessage}. Fails with a `MessageDecodeError` only when\n" +
          "the frame is not a JSON object; a known message that fails its schema decodes to {@link Invalid}.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Effect } from \"effect\"\n" +
          "import { ListenV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const program = Effect.gen(function*() {\n" +
          "  const frame = JSON.stringify({ type: \"SpeechStarted\", channel: [0], timestamp: 1.2 })\n" +
          "  const message = yield* ListenV1.decodeServerMessage(frame)\n" +
          "  if (message.type === \"SpeechStarted\") yield* Effect.log(message.timestamp)\n" +
          "})\n" +
          "```",
        decodeEitherDoc: "Like {@link decodeServerMessage}, returning an `Either`."
      },
      { section: "live: client messages" },
      {
        name: "Media",
        target: "asyncapi:ListenV1Media",
        category: "live",
        doc: "Audio sent as a binary frame."
      },
      {
        name: "Finalize",
        target: "asyncapi:ListenV1Finalize",
        category: "live",
        doc: "Flush: process the audio received so far and return final results (`{ type: \"Finalize\" }`)."
      },
      {
        name: "CloseStream",
        target: "asyncapi:ListenV1CloseStream",
        category: "live",
        doc: "Finish the stream: Deepgram sends the remaining results and `Metadata`, then closes (`{ type: \"CloseStream\" }`)."
      },
      {
        name: "KeepAlive",
        target: "asyncapi:ListenV1KeepAlive",
        category: "live",
        doc: "Keep an idle stream open (`{ type: \"KeepAlive\" }`)."
      },
      {
        name: "ClientMessage",
        target: "asyncapi:ListenV1ClientMessage",
        category: "live",
        doc: "Every JSON client message of `/v1/listen`."
      }
    ]
  },
  {
    module: "ListenV2",
    doc: "Flux conversational speech recognition: the `/v2/listen` WebSocket (turn-based transcripts with\n" +
      "end-of-turn detection).",
    entries: [
      { section: "query" },
      {
        name: "LiveOptions",
        target: "asyncapi:ListenV2Query",
        category: "options",
        doc: "Query parameters of the `/v2/listen` WebSocket (all optional, wire names). `model` (a Flux model), `encoding` and\n" +
          "`sample_rate` are what most streams set; the end-of-turn thresholds tune turn detection.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { ListenV2 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: ListenV2.LiveOptions = {\n" +
          "  model: \"flux-general-en\",\n" +
          "  encoding: \"linear16\",\n" +
          "  sample_rate: 16000,\n" +
          "  eot_threshold: 0.7\n" +
          "}\n" +
          "```"
      },
      {
        name: "Model",
        target: "asyncapi:ListenV2Model",
        category: "options",
        doc: "Flux models; any other string is accepted too."
      },
      {
        name: "Encoding",
        target: "asyncapi:ListenV2Encoding",
        category: "options",
        doc: "Raw audio encodings accepted by Flux."
      },
      { section: "server messages" },
      {
        name: "Connected",
        target: "asyncapi:ListenV2Connected",
        category: "server messages",
        doc: "Sent once the stream is open (`type: \"Connected\"`)."
      },
      {
        name: "TurnInfo",
        target: "asyncapi:ListenV2TurnInfo",
        category: "server messages",
        doc: "Turn progress (`type: \"TurnInfo\"`): `event` is `Update`, `StartOfTurn`, `EagerEndOfTurn`, `TurnResumed` or\n" +
          "`EndOfTurn`, with the turn transcript and words so far."
      },
      {
        name: "TurnEvent",
        target: "asyncapi:ChannelsListenV2MessagesListenV2TurnInfoEvent",
        category: "server messages",
        doc: "The `event` of a {@link TurnInfo}."
      },
      {
        name: "TurnWord",
        target: "asyncapi:ChannelsListenV2MessagesListenV2TurnInfoWordsItems",
        category: "server messages",
        doc: "One word of a {@link TurnInfo}."
      },
      {
        name: "ConfigureSuccess",
        target: "asyncapi:ListenV2ConfigureSuccess",
        category: "server messages",
        doc: "A `Configure` message was applied; echoes the settings now in force (`type: \"ConfigureSuccess\"`)."
      },
      {
        name: "ConfigureFailure",
        target: "asyncapi:ListenV2ConfigureFailure",
        category: "server messages",
        doc: "A `Configure` message was rejected (`type: \"ConfigureFailure\"`)."
      },
      {
        name: "FatalError",
        target: "asyncapi:ListenV2FatalError",
        category: "server messages",
        doc: "A fatal error; the server closes the stream after it (`type: \"Error\"`)."
      },
      {
        channel: "/v2/listen",
        category: "server messages",
        unknownDoc: "A server message whose `type` this version does not model: `{ type: \"Unknown\", raw }` (the raw object is kept\n" +
          "whole), so a new Deepgram message never breaks a stream.",
        serverMessageDoc: "Every JSON server message of `/v2/listen`, discriminated on `type`; unknown types decode to {@link Unknown},\n" +
          "known types that fail their schema to {@link Invalid}, so any JSON object decodes.\n" +
          "Binary frames (audio) are not part of this union.",
        decodeDoc: "Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with\n" +
          "a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known\n" +
          "message that fails its schema decodes to {@link Invalid}.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Effect } from \"effect\"\n" +
          "import { ListenV2 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const program = ListenV2.decodeServerMessage(\"{\\\"type\\\":\\\"Connected\\\",\\\"request_id\\\":\\\"r\\\",\\\"sequence_id\\\":0}\").pipe(\n" +
          "  Effect.tap((message) => Effect.log(message.type))\n" +
          ")\n" +
          "```",
        decodeEitherDoc: "Like {@link decodeServerMessage}, returning an `Either`."
      },
      { section: "client messages" },
      {
        name: "Media",
        target: "asyncapi:ListenV2Media",
        category: "client messages",
        doc: "Audio sent as a binary frame."
      },
      {
        name: "CloseStream",
        target: "asyncapi:ListenV2CloseStream",
        category: "client messages",
        doc: "Finish the stream (`{ type: \"CloseStream\" }`)."
      },
      {
        name: "Configure",
        target: "asyncapi:ListenV2Configure",
        category: "client messages",
        doc: "Change thresholds, key terms or language hints mid-stream (`{ type: \"Configure\", ... }`)."
      },
      {
        name: "Thresholds",
        target: "asyncapi:ChannelsListenV2MessagesListenV2ConfigureThresholds",
        category: "client messages",
        doc: "End-of-turn thresholds of a {@link Configure} message."
      },
      {
        name: "ClientMessage",
        target: "asyncapi:ListenV2ClientMessage",
        category: "client messages",
        doc: "Every JSON client message of `/v2/listen`."
      }
    ]
  },
  {
    module: "SpeakV1",
    doc: "Text-to-speech v1: one-shot synthesis (`POST /v1/speak`) and streaming synthesis (`/v1/speak` WebSocket).",
    entries: [
      { section: "REST" },
      {
        name: "GenerateOptions",
        target: "openapi:SpeakV1AudioGenerateQuery",
        category: "rest",
        doc: "Every query parameter of `POST /v1/speak` (all optional, wire names): `model` (voice), `encoding`, `container`,\n" +
          "`sample_rate`, `bit_rate`, `speed`, `callback`, ...\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { SpeakV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: SpeakV1.GenerateOptions = { model: \"aura-2-thalia-en\", encoding: \"linear16\", sample_rate: 24000 }\n" +
          "```"
      },
      {
        name: "GenerateRequest",
        target: "openapi:SpeakV1Request",
        category: "rest",
        doc: "The JSON body of `POST /v1/speak`: `{ text }`."
      },
      {
        name: "GenerateResponse",
        target: "openapi:speak_v1_audio_generate_Response_200",
        category: "rest",
        doc: "The success body as the spec models it (an empty object). On the wire the body is the audio itself, in the\n" +
          "requested encoding; read it as bytes."
      },
      {
        name: "Model",
        target: "openapi:V1SpeakPostParametersModel",
        category: "rest",
        doc: "Aura voices; any other string is accepted too."
      },
      {
        name: "Encoding",
        target: "openapi:V1SpeakPostParametersEncoding",
        category: "rest",
        doc: "Output encodings of `POST /v1/speak`."
      },
      {
        name: "Container",
        target: "openapi:V1SpeakPostParametersContainer",
        category: "rest",
        doc: "Output containers of `POST /v1/speak`."
      },
      { section: "live: query" },
      {
        name: "LiveOptions",
        target: "asyncapi:SpeakV1Query",
        category: "live",
        doc: "Query parameters of the `/v1/speak` WebSocket (all optional, wire names).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { SpeakV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: SpeakV1.LiveOptions = { model: \"aura-2-thalia-en\", encoding: \"linear16\", sample_rate: 24000 }\n" +
          "```"
      },
      {
        name: "LiveModel",
        target: "asyncapi:SpeakV1Model",
        category: "live",
        doc: "Voices of the `/v1/speak` WebSocket; any other string is accepted too."
      },
      {
        name: "LiveEncoding",
        target: "asyncapi:SpeakV1Encoding",
        category: "live",
        doc: "Output encodings of the `/v1/speak` WebSocket."
      },
      { section: "live: server messages" },
      {
        name: "Audio",
        target: "asyncapi:SpeakV1Audio",
        category: "server messages",
        doc: "Audio arrives as binary frames."
      },
      {
        name: "Metadata",
        target: "asyncapi:SpeakV1Metadata",
        category: "server messages",
        doc: "Sent when the stream opens: request id and model details (`type: \"Metadata\"`)."
      },
      {
        name: "Flushed",
        target: "asyncapi:SpeakV1Flushed",
        category: "server messages",
        doc: "All audio for the text sent before a `Flush` has been delivered (`type: \"Flushed\"`)."
      },
      {
        name: "Cleared",
        target: "asyncapi:SpeakV1Cleared",
        category: "server messages",
        doc: "The buffer was cleared after a `Clear` (`type: \"Cleared\"`)."
      },
      {
        name: "Warning",
        target: "asyncapi:SpeakV1Warning",
        category: "server messages",
        doc: "A non-fatal warning (`type: \"Warning\"`)."
      },
      {
        channel: "/v1/speak",
        category: "server messages",
        unknownDoc: "A server message whose `type` this version does not model: `{ type: \"Unknown\", raw }` (the raw object is kept\n" +
          "whole), so a new Deepgram message never breaks a stream.",
        serverMessageDoc: "Every JSON server message of `/v1/speak`, discriminated on `type`; unknown types decode to {@link Unknown},\n" +
          "known types that fail their schema to {@link Invalid}, so any JSON object decodes.\n" +
          "Binary frames (audio) are not part of this union.",
        decodeDoc: "Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with\n" +
          "a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known\n" +
          "message that fails its schema decodes to {@link Invalid}.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Effect } from \"effect\"\n" +
          "import { SpeakV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const program = SpeakV1.decodeServerMessage(\"{\\\"type\\\":\\\"Flushed\\\",\\\"sequence_id\\\":1}\").pipe(\n" +
          "  Effect.tap((message) => Effect.log(message.type))\n" +
          ")\n" +
          "```",
        decodeEitherDoc: "Like {@link decodeServerMessage}, returning an `Either`."
      },
      { section: "live: client messages" },
      {
        name: "Speak",
        target: "asyncapi:SpeakV1Text",
        category: "client messages",
        doc: "Text to synthesize (`{ type: \"Speak\", text }`); the spec calls it `SpeakV1Text`."
      },
      {
        name: "Text",
        alias: "Speak",
        category: "client messages",
        doc: "Alias of {@link Speak}, after the spec's message name."
      },
      {
        name: "Flush",
        target: "asyncapi:SpeakV1Flush",
        category: "client messages",
        doc: "Synthesize everything buffered so far (`{ type: \"Flush\" }`); answered by {@link Flushed}."
      },
      {
        name: "Clear",
        target: "asyncapi:SpeakV1Clear",
        category: "client messages",
        doc: "Drop the buffered text (`{ type: \"Clear\" }`); answered by {@link Cleared}."
      },
      {
        name: "Close",
        target: "asyncapi:SpeakV1Close",
        category: "client messages",
        doc: "Flush and close the stream gracefully (`{ type: \"Close\" }`)."
      },
      {
        name: "ClientMessage",
        target: "asyncapi:SpeakV1ClientMessage",
        category: "client messages",
        doc: "Every JSON client message of `/v1/speak`."
      }
    ]
  },
  {
    module: "SpeakV2",
    doc: "Text-to-speech v2 (Flux TTS): one-shot synthesis (`POST /v2/speak`) and turn-based streaming synthesis\n" +
      "(`/v2/speak` WebSocket) for voice-agent pipelines.",
    entries: [
      { section: "REST" },
      {
        name: "GenerateOptions",
        target: "openapi:SpeakV2AudioGenerateQuery",
        category: "rest",
        doc: "Every query parameter of `POST /v2/speak` (wire names; `model` is required).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { SpeakV2 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: SpeakV2.GenerateOptions = { model: \"flux-haley-en\", encoding: \"linear16\", sample_rate: 24000 }\n" +
          "```"
      },
      {
        name: "GenerateRequest",
        target: "openapi:SpeakV2Request",
        category: "rest",
        doc: "The JSON body of `POST /v2/speak`: `{ text }`."
      },
      {
        name: "AcceptedResponse",
        target: "openapi:SpeakV2AcceptedResponse",
        category: "rest",
        doc: "The JSON acknowledgement returned when a `callback` is given: `{ request_id }`. Without a callback the body is\n" +
          "the audio itself."
      },
      {
        name: "Encoding",
        target: "openapi:V2SpeakPostParametersEncoding",
        category: "rest",
        doc: "Output encodings of `POST /v2/speak`."
      },
      {
        name: "Container",
        target: "openapi:V2SpeakPostParametersContainer",
        category: "rest",
        doc: "Output containers of `POST /v2/speak`."
      },
      { section: "live: query" },
      {
        name: "LiveOptions",
        target: "asyncapi:SpeakV2Query",
        category: "live",
        doc: "Query parameters of the `/v2/speak` WebSocket (wire names).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { SpeakV2 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: SpeakV2.LiveOptions = { model: \"flux-haley-en\", encoding: \"linear16\", sample_rate: 24000 }\n" +
          "```"
      },
      { section: "live: server messages" },
      {
        name: "Audio",
        target: "asyncapi:SpeakV2Audio",
        category: "server messages",
        doc: "Audio arrives as binary frames."
      },
      {
        name: "Connected",
        target: "asyncapi:SpeakV2Connected",
        category: "server messages",
        doc: "Sent when the stream opens: request id and model details (`type: \"Connected\"`)."
      },
      {
        name: "SpeechStarted",
        target: "asyncapi:SpeakV2SpeechStarted",
        category: "server messages",
        doc: "A new turn started; carries its `speech_id` (`type: \"SpeechStarted\"`)."
      },
      {
        name: "SpeechMetadata",
        target: "asyncapi:SpeakV2SpeechMetadata",
        category: "server messages",
        doc: "Per-turn billing and timing after a `Flush` (`type: \"SpeechMetadata\"`)."
      },
      {
        name: "Flushed",
        target: "asyncapi:SpeakV2Flushed",
        category: "server messages",
        doc: "Echo confirming a `Flush` (`type: \"Flushed\"`)."
      },
      {
        name: "SessionMetadata",
        target: "asyncapi:SpeakV2SessionMetadata",
        category: "server messages",
        doc: "Cumulative session totals sent before the socket closes (`type: \"SessionMetadata\"`)."
      },
      {
        name: "Warning",
        target: "asyncapi:SpeakV2Warning",
        category: "server messages",
        doc: "A warning; synthesis continues (`type: \"Warning\"`)."
      },
      {
        name: "FatalError",
        target: "asyncapi:SpeakV2Error",
        category: "server messages",
        doc: "A fatal error; the socket closes after it (`type: \"Error\"`)."
      },
      {
        name: "ErrorCode",
        target: "asyncapi:ChannelsSpeakV2MessagesSpeakV2ErrorCode",
        category: "server messages",
        doc: "Known error codes of {@link FatalError}; any other string is accepted too."
      },
      {
        channel: "/v2/speak",
        category: "server messages",
        unknownDoc: "A server message whose `type` this version does not model: `{ type: \"Unknown\", raw }` (the raw object is kept\n" +
          "whole), so a new Deepgram message never breaks a stream.",
        serverMessageDoc: "Every JSON server message of `/v2/speak`, discriminated on `type`; unknown types decode to {@link Unknown},\n" +
          "known types that fail their schema to {@link Invalid}, so any JSON object decodes.\n" +
          "Binary frames (audio) are not part of this union.",
        decodeDoc: "Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with\n" +
          "a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known\n" +
          "message that fails its schema decodes to {@link Invalid}.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Effect } from \"effect\"\n" +
          "import { SpeakV2 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const program = SpeakV2.decodeServerMessage(\"{\\\"type\\\":\\\"SpeechStarted\\\",\\\"speech_id\\\":\\\"s-1\\\"}\").pipe(\n" +
          "  Effect.tap((message) => Effect.log(message.type))\n" +
          ")\n" +
          "```",
        decodeEitherDoc: "Like {@link decodeServerMessage}, returning an `Either`."
      },
      { section: "live: client messages" },
      {
        name: "Speak",
        target: "asyncapi:SpeakV2Speak",
        category: "client messages",
        doc: "Text to synthesize into the active turn (`{ type: \"Speak\", text }`)."
      },
      {
        name: "Flush",
        target: "asyncapi:SpeakV2Flush",
        category: "client messages",
        doc: "End the active turn and generate the remaining audio (`{ type: \"Flush\" }`)."
      },
      {
        name: "Close",
        target: "asyncapi:SpeakV2Close",
        category: "client messages",
        doc: "Drain all queued audio and close (`{ type: \"Close\" }`)."
      },
      {
        name: "ClientMessage",
        target: "asyncapi:SpeakV2ClientMessage",
        category: "client messages",
        doc: "Every JSON client message of `/v2/speak`."
      }
    ]
  },
  {
    module: "AgentV1",
    doc: "Voice Agent v1: the `/v1/agent/converse` WebSocket (Settings, conversation events, function calls) and the\n" +
      "think-model list (`GET /v1/agent/settings/think/models`).",
    entries: [
      { section: "think models (REST)" },
      {
        name: "ThinkModelsResponse",
        target: "openapi:AgentThinkModelsV1Response",
        category: "think models",
        doc: "The think models an agent can use: `{ models }`."
      },
      {
        name: "ThinkModel",
        target: "openapi:AgentThinkModelsV1ResponseModelsItems",
        category: "think models",
        doc: "One think model: `id`, `name`, `provider`."
      },
      { section: "connection" },
      {
        name: "LiveOptions",
        target: "asyncapi:AgentV1ConverseQuery",
        category: "connection",
        doc: "Query parameters of `/v1/agent/converse` (none: everything is configured by the {@link Settings} message)."
      },
      { section: "settings" },
      {
        name: "Settings",
        target: "asyncapi:AgentV1Settings",
        category: "settings",
        doc: "The first message of a session: audio formats and the agent (`listen`, `think`, `speak`, prompt, greeting) or\n" +
          "the `agent_id` of a stored configuration (`{ type: \"Settings\", ... }`).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { AgentV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const settings: AgentV1.Settings = {\n" +
          "  type: \"Settings\",\n" +
          "  audio: { input: { encoding: \"linear16\", sample_rate: 24000 } },\n" +
          "  agent: {\n" +
          "    listen: { provider: { type: \"deepgram\", model: \"nova-3\" } },\n" +
          "    think: { provider: { type: \"open_ai\", model: \"gpt-4o-mini\" }, prompt: \"You are a helpful assistant.\" },\n" +
          "    speak: { provider: { type: \"deepgram\", model: \"aura-2-thalia-en\" } }\n" +
          "  }\n" +
          "}\n" +
          "```"
      },
      {
        name: "SettingsFlags",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsFlags",
        category: "settings",
        doc: "Session flags (`history`)."
      },
      {
        name: "AudioSettings",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAudio",
        category: "settings",
        doc: "Audio `input` and `output` formats."
      },
      {
        name: "AudioInput",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAudioInput",
        category: "settings",
        doc: "Format of the audio the client sends."
      },
      {
        name: "AudioOutput",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAudioOutput",
        category: "settings",
        doc: "Format of the audio the agent sends."
      },
      {
        name: "AgentReference",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgent",
        category: "settings",
        doc: "The `agent` of {@link Settings}: an inline {@link Agent} or the id of a stored configuration."
      },
      {
        name: "Agent",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgent0",
        category: "settings",
        doc: "An inline agent: `language`, `context`, `listen`, `think`, `speak`, `greeting`."
      },
      {
        name: "AgentContext",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Context",
        category: "settings",
        doc: "Conversation history to start from."
      },
      {
        name: "ContextMessage",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ContextMessagesItems",
        category: "settings",
        doc: "A history entry: a chat message or a function call record."
      },
      {
        name: "ListenSettings",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Listen",
        category: "settings",
        doc: "Speech recognition settings."
      },
      {
        name: "ListenProvider",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0ListenProvider",
        category: "settings",
        doc: "The speech recognition provider (Deepgram v1 or Flux v2)."
      },
      {
        name: "DeepgramListenProviderV1",
        target: "asyncapi:DeepgramListenProviderV1",
        category: "settings",
        doc: "Deepgram speech-to-text v1 models (Nova)."
      },
      {
        name: "DeepgramListenProviderV2",
        target: "asyncapi:DeepgramListenProviderV2",
        category: "settings",
        doc: "Deepgram Flux (v2) with end-of-turn settings."
      },
      {
        name: "ThinkSettings",
        target: "asyncapi:ThinkSettingsV1",
        category: "settings",
        doc: "LLM settings: `provider`, `endpoint`, `functions`, `prompt`, `context_length`."
      },
      {
        name: "ThinkSettingsList",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Think",
        category: "settings",
        doc: "One {@link ThinkSettings} or a fallback list of them."
      },
      {
        name: "ThinkProvider",
        target: "asyncapi:ThinkSettingsV1Provider",
        category: "settings",
        doc: "The LLM provider, discriminated on `type`."
      },
      {
        name: "OpenAiThinkProvider",
        target: "asyncapi:OpenAiThinkProvider",
        category: "settings",
        doc: "OpenAI (`type: \"open_ai\"`)."
      },
      {
        name: "AnthropicThinkProvider",
        target: "asyncapi:AnthropicThinkProvider",
        category: "settings",
        doc: "Anthropic (`type: \"anthropic\"`)."
      },
      {
        name: "GoogleThinkProvider",
        target: "asyncapi:GoogleThinkProvider",
        category: "settings",
        doc: "Google (`type: \"google\"`)."
      },
      {
        name: "GroqThinkProvider",
        target: "asyncapi:GroqThinkProvider",
        category: "settings",
        doc: "Groq (`type: \"groq\"`)."
      },
      {
        name: "AwsBedrockThinkProvider",
        target: "asyncapi:AwsBedrockThinkProvider",
        category: "settings",
        doc: "AWS Bedrock (`type: \"aws_bedrock\"`)."
      },
      {
        name: "ThinkEndpoint",
        target: "asyncapi:ThinkSettingsV1Endpoint",
        category: "settings",
        doc: "A custom LLM endpoint: `url` and `headers`."
      },
      {
        name: "FunctionDefinition",
        target: "asyncapi:ThinkSettingsV1FunctionsItems",
        category: "settings",
        doc: "A function the LLM may call: `name`, JSON Schema `parameters`, optional server-side `endpoint`."
      },
      {
        name: "SpeakSettings",
        target: "asyncapi:SpeakSettingsV1",
        category: "settings",
        doc: "Text-to-speech settings: `provider` and `endpoint`."
      },
      {
        name: "SpeakSettingsList",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1SettingsAgentOneOf0Speak",
        category: "settings",
        doc: "One {@link SpeakSettings} or a fallback list of them."
      },
      {
        name: "SpeakProvider",
        target: "asyncapi:SpeakSettingsV1Provider",
        category: "settings",
        doc: "The TTS provider, discriminated on `type`."
      },
      {
        name: "DeepgramSpeakProvider",
        target: "asyncapi:DeepgramSpeakProvider",
        category: "settings",
        doc: "Deepgram Aura voices (`type: \"deepgram\"`)."
      },
      {
        name: "ElevenLabsSpeakProvider",
        target: "asyncapi:ElevenLabsSpeakProvider",
        category: "settings",
        doc: "ElevenLabs (`type: \"eleven_labs\"`)."
      },
      {
        name: "CartesiaSpeakProvider",
        target: "asyncapi:CartesiaSpeakProvider",
        category: "settings",
        doc: "Cartesia (`type: \"cartesia\"`)."
      },
      {
        name: "OpenAiSpeakProvider",
        target: "asyncapi:OpenAiSpeakProvider",
        category: "settings",
        doc: "OpenAI TTS (`type: \"open_ai\"`)."
      },
      {
        name: "AwsPollySpeakProvider",
        target: "asyncapi:AwsPollySpeakProvider",
        category: "settings",
        doc: "AWS Polly (`type: \"aws_polly\"`)."
      },
      { section: "server messages" },
      {
        name: "Audio",
        target: "asyncapi:AgentV1Audio",
        category: "server messages",
        doc: "Agent speech arrives as binary frames."
      },
      {
        name: "Welcome",
        target: "asyncapi:AgentV1Welcome",
        category: "server messages",
        doc: "Sent when the connection opens, with the `request_id` (`type: \"Welcome\"`)."
      },
      {
        name: "SettingsApplied",
        target: "asyncapi:AgentV1SettingsApplied",
        category: "server messages",
        doc: "The {@link Settings} were accepted (`type: \"SettingsApplied\"`)."
      },
      {
        name: "ConversationText",
        target: "asyncapi:AgentV1ConversationText",
        category: "server messages",
        doc: "A user or assistant utterance as text (`type: \"ConversationText\"`)."
      },
      {
        name: "UserStartedSpeaking",
        target: "asyncapi:AgentV1UserStartedSpeaking",
        category: "server messages",
        doc: "The user started speaking; stop playing agent audio (`type: \"UserStartedSpeaking\"`)."
      },
      {
        name: "AgentThinking",
        target: "asyncapi:AgentV1AgentThinking",
        category: "server messages",
        doc: "The agent is thinking (`type: \"AgentThinking\"`)."
      },
      {
        name: "AgentStartedSpeaking",
        target: "asyncapi:AgentV1AgentStartedSpeaking",
        category: "server messages",
        doc: "The agent started speaking, with latencies (`type: \"AgentStartedSpeaking\"`)."
      },
      {
        name: "AgentAudioDone",
        target: "asyncapi:AgentV1AgentAudioDone",
        category: "server messages",
        doc: "The agent finished sending audio for this turn (`type: \"AgentAudioDone\"`)."
      },
      {
        name: "FunctionCallRequest",
        target: "asyncapi:AgentV1FunctionCallRequest",
        category: "server messages",
        doc: "The LLM wants functions called; answer client-side ones with {@link SendFunctionCallResponse}\n" +
          "(`type: \"FunctionCallRequest\"`)."
      },
      {
        name: "FunctionCall",
        target: "asyncapi:ChannelsAgentV1MessagesAgentV1FunctionCallRequestFunctionsItems",
        category: "server messages",
        doc: "One requested call: `id`, `name`, JSON `arguments`, `client_side`."
      },
      {
        name: "ReceiveFunctionCallResponse",
        target: "asyncapi:AgentV1ReceiveFunctionCallResponse",
        category: "server messages",
        doc: "The result of a server-side function call (`type: \"FunctionCallResponse\"`)."
      },
      {
        name: "ListenUpdated",
        target: "asyncapi:AgentV1ListenUpdated",
        category: "server messages",
        doc: "An {@link UpdateListen} was applied (`type: \"ListenUpdated\"`)."
      },
      {
        name: "ThinkUpdated",
        target: "asyncapi:AgentV1ThinkUpdated",
        category: "server messages",
        doc: "An {@link UpdateThink} was applied (`type: \"ThinkUpdated\"`)."
      },
      {
        name: "SpeakUpdated",
        target: "asyncapi:AgentV1SpeakUpdated",
        category: "server messages",
        doc: "An {@link UpdateSpeak} was applied (`type: \"SpeakUpdated\"`)."
      },
      {
        name: "PromptUpdated",
        target: "asyncapi:AgentV1PromptUpdated",
        category: "server messages",
        doc: "An {@link UpdatePrompt} was applied (`type: \"PromptUpdated\"`)."
      },
      {
        name: "InjectionRefused",
        target: "asyncapi:AgentV1InjectionRefused",
        category: "server messages",
        doc: "An injected message was refused (`type: \"InjectionRefused\"`)."
      },
      {
        name: "LatencyReport",
        target: "asyncapi:AgentV1LatencyReport",
        category: "server messages",
        doc: "Per-turn latency figures (`type: \"LatencyReport\"`)."
      },
      {
        name: "History",
        target: "asyncapi:AgentV1History",
        category: "server messages",
        doc: "A conversation history entry: a chat message or function call records (`type: \"History\"`)."
      },
      {
        name: "ErrorMessage",
        target: "asyncapi:AgentV1Error",
        category: "server messages",
        doc: "An error reported by the agent (`type: \"Error\"`, spec name `AgentV1Error`)."
      },
      {
        name: "Warning",
        target: "asyncapi:AgentV1Warning",
        category: "server messages",
        doc: "A non-fatal warning (`type: \"Warning\"`)."
      },
      {
        channel: "/v1/agent/converse",
        category: "server messages",
        unknownDoc: "A server message whose `type` this version does not model: `{ type: \"Unknown\", raw }` (the raw object is kept\n" +
          "whole), so a new Deepgram message never breaks a stream.",
        serverMessageDoc: "Every JSON server message of `/v1/agent/converse`, discriminated on `type`; unknown types decode to {@link Unknown},\n" +
          "known types that fail their schema to {@link Invalid}, so any JSON object decodes.\n" +
          "Binary frames (audio) are not part of this union.",
        decodeDoc: "Parses a text frame and decodes it into a {@link ServerMessage} (one JSON.parse, one union decode). Fails with\n" +
          "a `MessageDecodeError` carrying an excerpt of the frame only when the frame is not a JSON object; a known\n" +
          "message that fails its schema decodes to {@link Invalid}.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Effect } from \"effect\"\n" +
          "import { AgentV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const program = AgentV1.decodeServerMessage(\"{\\\"type\\\":\\\"Welcome\\\",\\\"request_id\\\":\\\"r-1\\\"}\").pipe(\n" +
          "  Effect.tap((message) => Effect.log(message.type))\n" +
          ")\n" +
          "```",
        decodeEitherDoc: "Like {@link decodeServerMessage}, returning an `Either`."
      },
      { section: "client messages" },
      {
        name: "Media",
        target: "asyncapi:AgentV1Media",
        category: "client messages",
        doc: "User audio sent as binary frames."
      },
      {
        name: "UpdateListen",
        target: "asyncapi:AgentV1UpdateListen",
        category: "client messages",
        doc: "Switch the speech recognition provider mid-session (`{ type: \"UpdateListen\", listen }`)."
      },
      {
        name: "UpdateThink",
        target: "asyncapi:AgentV1UpdateThink",
        category: "client messages",
        doc: "Switch the LLM mid-session (`{ type: \"UpdateThink\", think }`)."
      },
      {
        name: "UpdateSpeak",
        target: "asyncapi:AgentV1UpdateSpeak",
        category: "client messages",
        doc: "Switch the voice mid-session (`{ type: \"UpdateSpeak\", speak }`)."
      },
      {
        name: "UpdatePrompt",
        target: "asyncapi:AgentV1UpdatePrompt",
        category: "client messages",
        doc: "Append to the system prompt (`{ type: \"UpdatePrompt\", prompt }`)."
      },
      {
        name: "InjectUserMessage",
        target: "asyncapi:AgentV1InjectUserMessage",
        category: "client messages",
        doc: "Send a user message as text (`{ type: \"InjectUserMessage\", content }`)."
      },
      {
        name: "InjectAgentMessage",
        target: "asyncapi:AgentV1InjectAgentMessage",
        category: "client messages",
        doc: "Make the agent say something (`{ type: \"InjectAgentMessage\", message }`)."
      },
      {
        name: "SendFunctionCallResponse",
        target: "asyncapi:AgentV1SendFunctionCallResponse",
        category: "client messages",
        doc: "The result of a client-side function call (`{ type: \"FunctionCallResponse\", id, name, content }`)."
      },
      {
        name: "KeepAlive",
        target: "asyncapi:AgentV1KeepAlive",
        category: "client messages",
        doc: "Keep an idle session open (`{ type: \"KeepAlive\" }`)."
      },
      {
        name: "ClientMessage",
        target: "asyncapi:AgentV1ConverseClientMessage",
        category: "client messages",
        doc: "Every JSON client message of `/v1/agent/converse`."
      }
    ]
  },
  {
    module: "ReadV1",
    doc: "Text intelligence: summaries, topics, intents and sentiment of text (`POST /v1/read`).",
    entries: [
      {
        name: "AnalyzeOptions",
        target: "openapi:ReadV1TextAnalyzeQuery",
        category: "request",
        doc: "Every query parameter of `POST /v1/read` (all optional, wire names).\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { ReadV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: ReadV1.AnalyzeOptions = { language: \"en\", summarize: \"v2\", topics: true, sentiment: true }\n" +
          "```"
      },
      {
        name: "AnalyzeRequest",
        target: "openapi:ReadV1Request",
        category: "request",
        doc: "The JSON body of `POST /v1/read`: `{ url }` or `{ text }`."
      },
      {
        name: "AnalyzeUrlRequest",
        target: "openapi:ReadV1RequestUrl",
        category: "request",
        doc: "Analyze the text found at a URL: `{ url }`."
      },
      {
        name: "AnalyzeTextRequest",
        target: "openapi:ReadV1RequestText",
        category: "request",
        doc: "Analyze inline text: `{ text }`."
      },
      {
        name: "AnalyzeResponse",
        target: "openapi:ReadV1Response",
        category: "response",
        doc: "The analysis: `{ metadata, results }`."
      },
      {
        name: "ResponseMetadata",
        target: "openapi:ReadV1ResponseMetadata",
        category: "response",
        doc: "The `metadata` wrapper of an {@link AnalyzeResponse}."
      },
      {
        name: "Metadata",
        target: "openapi:ReadV1ResponseMetadataMetadata",
        category: "response",
        doc: "Request id, creation time, language and per-feature token usage."
      },
      {
        name: "FeatureInfo",
        target: "openapi:ReadV1ResponseMetadataMetadataSummaryInfo",
        category: "response",
        doc: "Token usage of one feature (`summary_info`, `sentiment_info`, `topics_info`, `intents_info`)."
      },
      {
        name: "Results",
        target: "openapi:ReadV1ResponseResults",
        category: "response",
        doc: "The `results`: `summary`, `topics`, `intents`, `sentiments`."
      },
      {
        name: "Summary",
        target: "openapi:ReadV1ResponseResultsSummary",
        category: "response",
        doc: "The summary result (`summarize=v2`)."
      },
      {
        name: "Topics",
        target: "openapi:SharedTopics",
        category: "response",
        doc: "Topic detection results (shared with speech-to-text)."
      },
      {
        name: "TopicSegment",
        target: "openapi:SharedTopicsResultsTopicsSegmentsItems",
        category: "response",
        doc: "A text segment and its topics."
      },
      {
        name: "Topic",
        target: "openapi:SharedTopicsResultsTopicsSegmentsItemsTopicsItems",
        category: "response",
        doc: "One detected topic and its confidence."
      },
      {
        name: "Intents",
        target: "openapi:SharedIntents",
        category: "response",
        doc: "Intent recognition results (shared with speech-to-text)."
      },
      {
        name: "IntentSegment",
        target: "openapi:SharedIntentsResultsIntentsSegmentsItems",
        category: "response",
        doc: "A text segment and its intents."
      },
      {
        name: "Intent",
        target: "openapi:SharedIntentsResultsIntentsSegmentsItemsIntentsItems",
        category: "response",
        doc: "One detected intent and its confidence."
      },
      {
        name: "Sentiments",
        target: "openapi:SharedSentiments",
        category: "response",
        doc: "Sentiment analysis results (shared with speech-to-text)."
      },
      {
        name: "SentimentSegment",
        target: "openapi:SharedSentimentsSegmentsItems",
        category: "response",
        doc: "A text segment and its sentiment."
      },
      {
        name: "SentimentAverage",
        target: "openapi:SharedSentimentsAverage",
        category: "response",
        doc: "The average sentiment of the whole text."
      }
    ]
  },
  {
    module: "Manage",
    doc: "Project management (`/v1/projects/...`, `/v1/models`): projects, API keys, members, scopes, invitations,\n" +
      "request history, usage, balances, billing, purchases and models.",
    entries: [
      { section: "projects" },
      {
        name: "ListProjectsResponse",
        target: "openapi:ListProjectsV1Response",
        category: "projects",
        doc: "Every project the key can access."
      },
      {
        name: "ProjectSummary",
        target: "openapi:ListProjectsV1ResponseProjectsItems",
        category: "projects",
        doc: "One project of a {@link ListProjectsResponse}: `project_id` and `name`."
      },
      {
        name: "GetProjectOptions",
        target: "openapi:ManageV1ProjectsGetQuery",
        category: "projects",
        doc: "Query parameters of `GET /v1/projects/{project_id}`: `limit` and `page`."
      },
      {
        name: "Project",
        target: "openapi:GetProjectV1Response",
        category: "projects",
        doc: "A project: `project_id`, `name`, `mip_opt_out`."
      },
      {
        name: "UpdateProjectRequest",
        target: "openapi:UpdateProjectV1Request",
        category: "projects",
        doc: "The body of `PATCH /v1/projects/{project_id}`: the new `name`."
      },
      {
        name: "UpdateProjectResponse",
        target: "openapi:UpdateProjectV1Response",
        category: "projects",
        doc: "`{ message }` confirming the update."
      },
      {
        name: "DeleteProjectResponse",
        target: "openapi:DeleteProjectV1Response",
        category: "projects",
        doc: "`{ message }` confirming the deletion."
      },
      {
        name: "LeaveProjectResponse",
        target: "openapi:LeaveProjectV1Response",
        category: "projects",
        doc: "`{ message }` confirming that the caller left the project."
      },
      { section: "models" },
      {
        name: "ListModelsOptions",
        target: "openapi:ManageV1ModelsListQuery",
        category: "models",
        doc: "Query parameters of `GET /v1/models` and `GET /v1/projects/{project_id}/models`: `include_outdated`.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Manage } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: Manage.ListModelsOptions = { include_outdated: false }\n" +
          "```"
      },
      {
        name: "ListProjectModelsOptions",
        target: "openapi:ManageV1ProjectsModelsListQuery",
        category: "models",
        doc: "Query parameters of `GET /v1/projects/{project_id}/models`."
      },
      {
        name: "ListModelsResponse",
        target: "openapi:ListModelsV1Response",
        category: "models",
        doc: "Available models: `stt` and `tts` lists."
      },
      {
        name: "SttModel",
        target: "openapi:ListModelsV1ResponseSttModels",
        category: "models",
        doc: "A speech-to-text model."
      },
      {
        name: "TtsModel",
        target: "openapi:ListModelsV1ResponseTtsModels",
        category: "models",
        doc: "A text-to-speech model (voice)."
      },
      {
        name: "TtsModelMetadata",
        target: "openapi:ListModelsV1ResponseTtsModelsMetadata",
        category: "models",
        doc: "Voice metadata: accent, age, sample, tags, use cases, ..."
      },
      {
        name: "GetModelResponse",
        target: "openapi:GetModelV1Response",
        category: "models",
        doc: "One model: a speech-to-text or a text-to-speech model."
      },
      { section: "keys" },
      {
        name: "ListKeysOptions",
        target: "openapi:ManageV1ProjectsKeysListQuery",
        category: "keys",
        doc: "Query parameters of `GET /v1/projects/{project_id}/keys`: `status`."
      },
      {
        name: "KeyStatus",
        target: "openapi:V1ProjectsProjectIdKeysGetParametersStatus",
        category: "keys",
        doc: "Key status filter."
      },
      {
        name: "ListKeysResponse",
        target: "openapi:ListProjectKeysV1Response",
        category: "keys",
        doc: "The API keys of a project."
      },
      {
        name: "KeyItem",
        target: "openapi:ListProjectKeysV1ResponseApiKeysItems",
        category: "keys",
        doc: "One entry of a {@link ListKeysResponse}: `member` and `api_key`."
      },
      {
        name: "KeyMember",
        target: "openapi:ListProjectKeysV1ResponseApiKeysItemsMember",
        category: "keys",
        doc: "The member owning a key."
      },
      {
        name: "ApiKey",
        target: "openapi:ListProjectKeysV1ResponseApiKeysItemsApiKey",
        category: "keys",
        doc: "Key details: id, comment, scopes, creation time."
      },
      {
        name: "CreateKeyRequest",
        target: "openapi:CreateKeyV1Request",
        category: "keys",
        doc: "The body of `POST /v1/projects/{project_id}/keys`: `comment`, `scopes`, optional `tags` and expiry.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Manage } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const request: Manage.CreateKeyRequest = { comment: \"ci\", scopes: [\"usage:write\"], time_to_live_in_seconds: 3600 }\n" +
          "```"
      },
      {
        name: "CreateKeyResponse",
        target: "openapi:CreateKeyV1Response",
        category: "keys",
        doc: "The created key, including its secret `key` (shown only once)."
      },
      {
        name: "GetKeyResponse",
        target: "openapi:GetProjectKeyV1Response",
        category: "keys",
        doc: "One key and its member."
      },
      {
        name: "DeleteKeyResponse",
        target: "openapi:DeleteProjectKeyV1Response",
        category: "keys",
        doc: "`{ message }` confirming the deletion."
      },
      { section: "members and scopes" },
      {
        name: "ListMembersResponse",
        target: "openapi:ListProjectMembersV1Response",
        category: "members",
        doc: "The members of a project."
      },
      {
        name: "Member",
        target: "openapi:ListProjectMembersV1ResponseMembersItems",
        category: "members",
        doc: "A project member: id, email, names, scopes."
      },
      {
        name: "DeleteMemberResponse",
        target: "openapi:DeleteProjectMemberV1Response",
        category: "members",
        doc: "`{ message }` confirming the removal."
      },
      {
        name: "ListScopesResponse",
        target: "openapi:ListProjectMemberScopesV1Response",
        category: "members",
        doc: "The scopes of a member."
      },
      {
        name: "UpdateScopesRequest",
        target: "openapi:UpdateProjectMemberScopesV1Request",
        category: "members",
        doc: "The body of `PUT .../members/{member_id}/scopes`: the new `scope`."
      },
      {
        name: "UpdateScopesResponse",
        target: "openapi:UpdateProjectMemberScopesV1Response",
        category: "members",
        doc: "`{ message }` confirming the update."
      },
      { section: "invites" },
      {
        name: "ListInvitesResponse",
        target: "openapi:ListProjectInvitesV1Response",
        category: "invites",
        doc: "Pending invitations of a project."
      },
      {
        name: "Invite",
        target: "openapi:ListProjectInvitesV1ResponseInvitesItems",
        category: "invites",
        doc: "A pending invitation: `email` and `scope`."
      },
      {
        name: "CreateInviteRequest",
        target: "openapi:CreateProjectInviteV1Request",
        category: "invites",
        doc: "The body of `POST /v1/projects/{project_id}/invites`: `email` and `scope`."
      },
      {
        name: "CreateInviteResponse",
        target: "openapi:CreateProjectInviteV1Response",
        category: "invites",
        doc: "`{ message }` confirming the invitation."
      },
      {
        name: "DeleteInviteResponse",
        target: "openapi:DeleteProjectInviteV1Response",
        category: "invites",
        doc: "`{ message }` confirming the deletion."
      },
      { section: "requests" },
      {
        name: "ListRequestsOptions",
        target: "openapi:ManageV1ProjectsRequestsListQuery",
        category: "requests",
        doc: "Query parameters of `GET /v1/projects/{project_id}/requests`: time range, paging and filters.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { Manage } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: Manage.ListRequestsOptions = {\n" +
          "  start: \"2025-01-01T00:00:00Z\",\n" +
          "  limit: 50,\n" +
          "  endpoint: \"listen\",\n" +
          "  status: \"failed\"\n" +
          "}\n" +
          "```"
      },
      {
        name: "ListRequestsResponse",
        target: "openapi:ListProjectRequestsV1Response",
        category: "requests",
        doc: "A page of request history."
      },
      {
        name: "ProjectRequest",
        target: "openapi:ProjectRequestResponse",
        category: "requests",
        doc: "One past request: id, path, API key, response, status code, ..."
      },
      {
        name: "GetRequestResponse",
        target: "openapi:GetProjectRequestV1Response",
        category: "requests",
        doc: "One past request."
      },
      { section: "usage" },
      {
        name: "UsageOptions",
        target: "openapi:ManageV1ProjectsUsageGetQuery",
        category: "usage",
        doc: "Query parameters of `GET /v1/projects/{project_id}/usage`: time range and feature filters."
      },
      {
        name: "UsageResponse",
        target: "openapi:UsageV1Response",
        category: "usage",
        doc: "Usage summary of a time range."
      },
      {
        name: "UsageFieldsOptions",
        target: "openapi:ManageV1ProjectsUsageFieldsListQuery",
        category: "usage",
        doc: "Query parameters of `GET .../usage/fields`: `start` and `end`."
      },
      {
        name: "UsageFieldsResponse",
        target: "openapi:UsageFieldsV1Response",
        category: "usage",
        doc: "Tags, models, methods and features seen in a time range."
      },
      {
        name: "UsageBreakdownOptions",
        target: "openapi:ManageV1ProjectsUsageBreakdownGetQuery",
        category: "usage",
        doc: "Query parameters of `GET .../usage/breakdown`: time range, `grouping` and filters."
      },
      {
        name: "UsageBreakdownResponse",
        target: "openapi:UsageBreakdownV1Response",
        category: "usage",
        doc: "Usage broken down by the requested grouping."
      },
      {
        name: "UsageBreakdownResult",
        target: "openapi:UsageBreakdownV1ResponseResultsItems",
        category: "usage",
        doc: "One row of a {@link UsageBreakdownResponse}."
      },
      { section: "billing" },
      {
        name: "ListBalancesResponse",
        target: "openapi:ListProjectBalancesV1Response",
        category: "billing",
        doc: "The balances of a project."
      },
      {
        name: "Balance",
        target: "openapi:ListProjectBalancesV1ResponseBalancesItems",
        category: "billing",
        doc: "One balance: id, amount, units, purchase order."
      },
      {
        name: "GetBalanceResponse",
        target: "openapi:GetProjectBalanceV1Response",
        category: "billing",
        doc: "One balance."
      },
      {
        name: "BillingBreakdownOptions",
        target: "openapi:ManageV1ProjectsBillingBreakdownListQuery",
        category: "billing",
        doc: "Query parameters of `GET .../billing/breakdown`: time range, filters and `grouping`."
      },
      {
        name: "BillingBreakdownResponse",
        target: "openapi:BillingBreakdownV1Response",
        category: "billing",
        doc: "Costs broken down by the requested grouping."
      },
      {
        name: "BillingBreakdownResult",
        target: "openapi:BillingBreakdownV1ResponseResultsItems",
        category: "billing",
        doc: "One row of a {@link BillingBreakdownResponse}: `dollars` and `grouping`."
      },
      {
        name: "BillingFieldsOptions",
        target: "openapi:ManageV1ProjectsBillingFieldsListQuery",
        category: "billing",
        doc: "Query parameters of `GET .../billing/fields`: `start` and `end`."
      },
      {
        name: "BillingFieldsResponse",
        target: "openapi:ListBillingFieldsV1Response",
        category: "billing",
        doc: "Accessors, deployments, tags and line items seen in a time range."
      },
      {
        name: "ListPurchasesOptions",
        target: "openapi:ManageV1ProjectsBillingPurchasesListQuery",
        category: "billing",
        doc: "Query parameters of `GET .../purchases`: `limit`."
      },
      {
        name: "ListPurchasesResponse",
        target: "openapi:ListProjectPurchasesV1Response",
        category: "billing",
        doc: "The purchase orders of a project."
      },
      {
        name: "Purchase",
        target: "openapi:ListProjectPurchasesV1ResponseOrdersItems",
        category: "billing",
        doc: "One purchase order."
      }
    ]
  },
  {
    module: "AuthV1",
    doc: "Temporary access tokens (`POST /v1/auth/grant`): exchange an API key for a short-lived JWT usable as\n" +
      "`Authorization: Bearer <token>`.",
    entries: [
      {
        name: "GrantRequest",
        target: "openapi:GrantV1Request",
        category: "models",
        doc: "The JSON body of `POST /v1/auth/grant`: an optional `ttl_seconds`.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { AuthV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const request: AuthV1.GrantRequest = { ttl_seconds: 60 }\n" +
          "```"
      },
      {
        name: "GrantResponse",
        target: "openapi:GrantV1Response",
        category: "models",
        doc: "The granted token: `{ access_token, expires_in }`."
      }
    ]
  },
  {
    module: "SelfHostedV1",
    doc: "Self-hosted distribution credentials (`/v1/projects/{project_id}/self-hosted/distribution/credentials`):\n" +
      "credentials for pulling Deepgram's self-hosted container images.",
    entries: [
      {
        name: "CreateOptions",
        target: "openapi:SelfHostedV1DistributionCredentialsCreateQuery",
        category: "request",
        doc: "Query parameters of the create operation: `scopes` and `provider`.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { SelfHostedV1 } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const options: SelfHostedV1.CreateOptions = { scopes: [\"self-hosted:products\"], provider: \"quay\" }\n" +
          "```"
      },
      {
        name: "Scope",
        target: "openapi:V1ProjectsProjectIdSelfHostedDistributionCredentialsPostParametersScopesSchemaItems",
        category: "request",
        doc: "A distribution credential scope."
      },
      {
        name: "CreateRequest",
        target: "openapi:CreateProjectDistributionCredentialsV1Request",
        category: "request",
        doc: "The JSON body of the create operation: an optional `comment`."
      },
      {
        name: "CreateResponse",
        target: "openapi:CreateProjectDistributionCredentialsV1Response",
        category: "response",
        doc: "The created credentials and the member who owns them."
      },
      {
        name: "ListResponse",
        target: "openapi:ListProjectDistributionCredentialsV1Response",
        category: "response",
        doc: "Every distribution credential of a project."
      },
      {
        name: "CredentialsItem",
        target: "openapi:ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItems",
        category: "response",
        doc: "One entry of a {@link ListResponse}: `member` and `distribution_credentials`."
      },
      {
        name: "DistributionCredentials",
        target: "openapi:ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials",
        category: "response",
        doc: "Credential details: id, provider, comment, scopes, creation time."
      },
      {
        name: "Member",
        target: "openapi:ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsMember",
        category: "response",
        doc: "The member owning a credential."
      },
      {
        name: "GetResponse",
        target: "openapi:GetProjectDistributionCredentialsV1Response",
        category: "response",
        doc: "One distribution credential."
      }
    ]
  },
  {
    module: "VoiceAgent",
    doc: "Voice Agent configurations and variables (`/v1/projects/{project_id}/agents`,\n" +
      "`/v1/projects/{project_id}/agent-variables`): reusable agent blocks and template variables for Settings messages.",
    entries: [
      { section: "configurations" },
      {
        name: "CreateConfigurationRequest",
        target: "openapi:CreateAgentConfigurationV1Request",
        category: "configurations",
        doc: "The body of the create operation: `config` (the JSON text of a Settings `agent` block), optional `metadata`.\n" +
          "\n" +
          "@example\n" +
          "```ts\n" +
          "import { VoiceAgent } from \"@effect-deepgram/schema\"\n" +
          "\n" +
          "const request: VoiceAgent.CreateConfigurationRequest = {\n" +
          "  config: JSON.stringify({ think: { provider: { type: \"open_ai\", model: \"gpt-4o-mini\" } } }),\n" +
          "  metadata: { team: \"support\" }\n" +
          "}\n" +
          "```"
      },
      {
        name: "CreateConfigurationResponse",
        target: "openapi:CreateAgentConfigurationV1Response",
        category: "configurations",
        doc: "The created configuration: `agent_id`, `config`, `metadata`."
      },
      {
        name: "Configuration",
        target: "openapi:AgentConfigurationV1",
        category: "configurations",
        doc: "A stored agent configuration (uninterpolated)."
      },
      {
        name: "ListConfigurationsResponse",
        target: "openapi:ListAgentConfigurationsV1Response",
        category: "configurations",
        doc: "Every agent configuration of a project."
      },
      {
        name: "UpdateMetadataRequest",
        target: "openapi:UpdateAgentMetadataV1Request",
        category: "configurations",
        doc: "The body of the update operation: the new `metadata`."
      },
      {
        name: "DeleteConfigurationResponse",
        target: "openapi:DeleteAgentConfigurationV1Response",
        category: "configurations",
        doc: "The (empty) body returned by the delete operation."
      },
      { section: "variables" },
      {
        name: "CreateVariableRequest",
        target: "openapi:CreateAgentVariableV1Request",
        category: "variables",
        doc: "The body of the create operation: `key` and `value`."
      },
      {
        name: "Variable",
        target: "openapi:AgentVariableV1",
        category: "variables",
        doc: "A template variable: `variable_id`, `key`, `value`."
      },
      {
        name: "ListVariablesResponse",
        target: "openapi:ListAgentVariablesV1Response",
        category: "variables",
        doc: "Every agent variable of a project."
      },
      {
        name: "UpdateVariableRequest",
        target: "openapi:UpdateAgentVariableV1Request",
        category: "variables",
        doc: "The body of the update operation: the new `value`."
      },
      {
        name: "DeleteVariableResponse",
        target: "openapi:DeleteAgentVariableV1Response",
        category: "variables",
        doc: "The (empty) body returned by the delete operation."
      }
    ]
  }
]
