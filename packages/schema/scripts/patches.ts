/**
 * Corrections applied to the vendored specs before generation. Each one fills a gap of the spec (a parameter
 * typed "Any type", a closed enum for a value Deepgram extends all the time, a field the REST response omits
 * although the WebSocket schema of the same object has it). Every patched component carries a
 * "Patched by scripts/patches.ts" note in its generated JSDoc. Keep this list short and explain each entry.
 */

/** A JSON Schema object as parsed from YAML. */
export interface JsonSchema {
  readonly [key: string]: any
}

/** One correction: `apply` receives the component as written in the spec and returns the replacement. */
export interface Patch {
  readonly reason: string
  readonly apply: (schema: JsonSchema) => JsonSchema
}

const retype = (reason: string, replacement: JsonSchema): Patch => ({
  reason,
  apply: (schema) => ({ ...(schema.description ? { description: schema.description } : {}), ...replacement })
})

/** A closed string enum that also accepts any other string (new models/voices ship between spec updates). */
const open = (reason: string): Patch => ({
  reason,
  apply: (schema) => ({
    ...(schema.description ? { description: schema.description } : {}),
    oneOf: [{ type: "string", enum: schema.enum }, { type: "string" }]
  })
})

/**
 * Server data: fields the spec marks required that Deepgram does not always send become optional (`optional`),
 * and fields Deepgram sends that the spec omits are declared (`add`, optional). A field that the spec requires but
 * a live server omits would otherwise turn the whole message into the `Invalid` variant.
 */
const loosen = (
  reason: string,
  changes: { readonly optional?: ReadonlyArray<string>; readonly add?: Readonly<Record<string, JsonSchema>> }
): Patch => ({
  reason,
  apply: (schema) => {
    for (const name of changes.optional ?? []) {
      if (!(schema.required ?? []).includes(name)) throw new Error(`loosen: ${name} is not required`)
    }
    for (const name of Object.keys(changes.add ?? {})) {
      if (name in (schema.properties ?? {})) throw new Error(`loosen: ${name} is already declared`)
    }
    const required = (schema.required ?? []).filter((name: string) => !(changes.optional ?? []).includes(name))
    return {
      ...schema,
      properties: { ...schema.properties, ...changes.add },
      ...(required.length > 0 ? { required } : {})
    }
  }
})

/** The per-model details Deepgram reports in `model_info`, keyed by model UUID. */
const modelInfo = {
  type: "object",
  description: "Details of each model used, keyed by model UUID",
  additionalProperties: {
    type: "object",
    properties: {
      name: { type: "string", description: "Model name" },
      version: { type: "string", description: "Model version" },
      arch: { type: "string", description: "Model architecture" }
    }
  }
}

const flag = { type: "string", enum: ["true", "false"] }
const integer = { type: "integer" }
const number = { type: "number" }
const string = { type: "string" }
const strings = { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] }

const untyped = "untyped (\"Any type\") in the spec"
const newModels = "new models ship between spec updates; any string is accepted, the known names stay as literals"

/** Patches of openapi.yml `components.schemas`, by component name. */
export const openapiPatches: Readonly<Record<string, Patch>> = {
  ListenV1ResponseResultsChannelsItemsAlternativesItemsWordsItems: {
    reason: "the spec omits punctuated_word, speaker, speaker_confidence and language, which pre-recorded words " +
      "carry with smart_format/punctuate, diarize and multilingual models (the live word schema has them)",
    apply: (schema) => ({
      ...schema,
      properties: {
        ...schema.properties,
        punctuated_word: { type: "string", description: "The word with punctuation and capitalization applied" },
        speaker: { type: "integer", description: "Speaker index (diarization)" },
        speaker_confidence: { type: "number", format: "double", description: "Confidence of the speaker label" },
        language: { type: "string", description: "Detected language of the word (multilingual models)" }
      }
    })
  },
  ListenV1ResponseResultsChannelsItemsAlternativesItems: {
    reason: "the spec omits languages, which multilingual models return per alternative (the live schema has it)",
    apply: (schema) => ({
      ...schema,
      properties: {
        ...schema.properties,
        languages: { type: "array", items: { type: "string" }, description: "Languages detected in the alternative" }
      }
    })
  },
  V1SpeakPostParametersModel: open(newModels),
  // The spec leaves `model_info` a free-form object; Deepgram keys it by model UUID (the uuids of `models`).
  ListenV1ResponseMetadataModelInfo: retype(
    "a free-form object in the spec; Deepgram sends one { name, version, arch } per model, keyed by model UUID",
    modelInfo
  ),
  CreateKeyV1Request: retype(
    "the spec gives a oneOf of two untyped members; this is the documented body (comment and scopes required, " +
      "expiry as a date or as a time to live)",
    {
      type: "object",
      properties: {
        comment: { type: "string", description: "A comment describing the key" },
        scopes: { type: "array", items: { type: "string" }, description: "Scopes granted to the key" },
        tags: { type: "array", items: { type: "string" }, description: "Tags attached to the key" },
        expiration_date: { type: "string", format: "date-time", description: "When the key expires" },
        time_to_live_in_seconds: { type: "integer", description: "Lifetime of the key in seconds" }
      },
      required: ["comment", "scopes"]
    }
  )
}

/**
 * The success response of an operation that answers with audio bytes instead of JSON: the catalog entry gets
 * `response: undefined` and `responseContentType: "audio/*"`, so that clients stream the body instead of parsing it.
 * The JSON acknowledgement of callback mode stays described by its component (it is a different response).
 */
const audioResponse = (reason: string): Patch => ({
  reason,
  apply: (operation) => {
    const responses: JsonSchema = operation.responses ?? {}
    const success = Object.keys(responses).find((status) => status.startsWith("2"))
    if (success === undefined) throw new Error("audioResponse: the operation has no 2xx response")
    return {
      ...operation,
      responses: {
        ...responses,
        [success]: { description: responses[success].description, content: { "audio/*": {} } }
      }
    }
  }
})

/**
 * Patches of openapi.yml operations, keyed by `METHOD /path` as written in the spec. `apply` receives the
 * operation object (parameters, requestBody, responses) and returns the replacement.
 */
export const openapiOperationPatches: Readonly<Record<string, Patch>> = {
  // The spec types the 200 of /v1/speak as a free-form JSON object; Deepgram answers with the audio bytes in the
  // requested encoding/container (Content-Type audio/mpeg, audio/wav, ...), or a JSON ack only with `callback`.
  "POST /v1/speak": audioResponse(
    "Deepgram answers with the audio bytes (Content-Type audio/*), not a JSON object; the spec's JSON 200 only " +
      "exists in callback mode"
  ),
  // The spec types the 200 of /v2/speak as the callback acknowledgement (SpeakV2AcceptedResponse) although its own
  // description says the body is the synthesized audio as a binary stream unless `callback` is set.
  "POST /v2/speak": audioResponse(
    "Deepgram answers with the audio bytes (Content-Type audio/*); the spec's JSON acknowledgement is the callback " +
      "mode's response"
  )
}

/** Patches of asyncapi.yml `components.schemas`, by component name. */
export const asyncapiPatches: Readonly<Record<string, Patch>> = {
  ListenV1Callback: retype(untyped, string),
  ListenV1Channels: retype(untyped, integer),
  ListenV1Endpointing: retype(`${untyped}; milliseconds of silence, or false to disable`, {
    oneOf: [integer, { type: "boolean" }]
  }),
  ListenV1Extra: retype(untyped, strings),
  ListenV1Keyterm: retype(untyped, strings),
  ListenV1Keywords: retype(untyped, strings),
  ListenV1Language: retype(untyped, string),
  ListenV1MipOptOut: retype(untyped, flag),
  ListenV1Model: open(newModels),
  // The live Metadata message carries the same model details as the pre-recorded response's metadata, and its
  // `transaction_key` is deprecated (always "deprecated"; optional in the REST schema of the same object).
  ListenV1_ListenV1Metadata: loosen(
    "Deepgram also sends models and model_info (as in the pre-recorded metadata); transaction_key is deprecated " +
      "and optional",
    {
      optional: ["transaction_key"],
      add: {
        models: { type: "array", items: { type: "string" }, description: "UUIDs of the models used" },
        model_info: modelInfo
      }
    }
  ),
  // Deepgram's TTS WebSocket has reported warnings as { warn_code, warn_msg } (what the official SDKs before the
  // spec-generated ones decode), while the spec names them { code, description }: accept both spellings.
  SpeakV1_SpeakV1Warning: loosen(
    "warnings have been sent as { warn_code, warn_msg } as well as { code, description }; both are accepted",
    {
      optional: ["description", "code"],
      add: {
        warn_code: { type: "string", description: "Warning code (older spelling of code)" },
        warn_msg: { type: "string", description: "Warning message (older spelling of description)" }
      }
    }
  ),
  ListenV1Redact: {
    reason: "redaction takes a flag, one mode or several modes (repeated keys)",
    apply: (schema) => ({
      ...(schema.description ? { description: schema.description } : {}),
      oneOf: [
        { type: "boolean" },
        { type: "string", enum: schema.enum },
        { type: "array", items: { type: "string", enum: schema.enum } }
      ]
    })
  },
  ListenV1Replace: retype(untyped, strings),
  ListenV1SampleRate: retype(untyped, integer),
  ListenV1Search: retype(untyped, strings),
  ListenV1Tag: retype(untyped, strings),
  ListenV1UtteranceEndMs: retype(untyped, integer),
  ListenV1Version: retype(untyped, string),
  ListenV2Model: open(newModels),
  ListenV2SampleRate: retype(untyped, integer),
  ListenV2EagerEotThreshold: retype(untyped, number),
  ListenV2EotThreshold: retype(untyped, number),
  ListenV2EotTimeoutMs: retype(untyped, integer),
  ListenV2MipOptOut: retype(untyped, flag),
  ListenV2Tag: retype(untyped, strings),
  SpeakV1Model: open(newModels),
  SpeakV1MipOptOut: retype(untyped, flag),
  SpeakV2MipOptOut: retype(untyped, flag),
  ChannelsSpeakV2MessagesSpeakV2ErrorCode: open(
    "a closed list of error codes would turn a fatal Error with a new code into a decode failure"
  ),
  SpeakV2Tag: retype(untyped, strings)
}
