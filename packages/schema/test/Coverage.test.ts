/**
 * Reads both vendored specs directly (not through the generator) and checks that every REST operation and every
 * WebSocket message has a model in the public catalog, reachable under a readable name from a public module.
 */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"
import * as Index from "../src/index.js"

const specsDir = fileURLToPath(new URL("../../../specs/", import.meta.url))
const openapi = parse(fs.readFileSync(`${specsDir}openapi.yml`, "utf8"))
const asyncapi = parse(fs.readFileSync(`${specsDir}asyncapi.yml`, "utf8"))

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"]

interface SpecOperation {
  readonly method: string
  readonly path: string
  readonly query: ReadonlyArray<string>
  readonly pathParams: ReadonlyArray<string>
  readonly hasBody: boolean
  readonly hasResponse: boolean
}

const specOperations: ReadonlyArray<SpecOperation> = Object.entries<any>(openapi.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method] !== undefined).map((method) => {
    const op = item[method]
    const params: ReadonlyArray<any> = [...(item.parameters ?? []), ...(op.parameters ?? [])]
    const success = Object.keys(op.responses ?? {}).find((status) => status.startsWith("2"))
    return {
      method: method.toUpperCase(),
      path,
      query: params.filter((p) => p.in === "query").map((p) => p.name),
      pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
      hasBody: op.requestBody?.content !== undefined,
      hasResponse: success !== undefined && op.responses[success].content !== undefined
    }
  })
)

interface SpecMessage {
  readonly channel: string
  readonly direction: "server" | "client"
  readonly name: string
  readonly binary: boolean
}

const messageRef = (ref: string) => asyncapi.components.messages[ref.replace("#/components/messages/", "")]
const resolveSchema = (schema: any): any =>
  schema?.$ref ? resolveSchema(asyncapi.components.schemas[schema.$ref.replace("#/components/schemas/", "")]) : schema

const specMessages: ReadonlyArray<SpecMessage> = Object.entries<any>(asyncapi.channels).flatMap(([channel, item]) =>
  ([["publish", "server"], ["subscribe", "client"]] as const).flatMap(([operation, direction]) =>
    (item[operation]?.message?.oneOf ?? []).map((ref: any): SpecMessage => {
      const message = messageRef(ref.$ref)
      const payload = resolveSchema(message.payload)
      return { channel, direction, name: message.name, binary: payload?.format === "binary" }
    })
  )
)

const specChannelQuery = (channel: string): ReadonlyArray<string> =>
  Object.keys(asyncapi.channels[channel]?.bindings?.ws?.query?.properties ?? {})

/** Every schema exported by a public module, with the readable path it is reachable under. */
const publicSchemas = new Map<unknown, string>()
for (const [moduleName, module] of Object.entries(Index)) {
  for (const [exportName, value] of Object.entries(module as Record<string, unknown>)) {
    if (Schema.isSchema(value) && !publicSchemas.has(value)) publicSchemas.set(value, `${moduleName}.${exportName}`)
  }
}

const channelModules: Record<string, any> = {
  "/v1/listen": Index.ListenV1,
  "/v2/listen": Index.ListenV2,
  "/v1/speak": Index.SpeakV1,
  "/v2/speak": Index.SpeakV2,
  "/v1/agent/converse": Index.AgentV1
}

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i])

describe("coverage of openapi.yml", () => {
  it("the spec lists the expected number of operations", () => {
    assert.strictEqual(specOperations.length, 50)
    assert.strictEqual(Object.keys(Index.Operations.operations).length, specOperations.length)
  })

  it("every operation has a catalog entry with its parameters, body and response", () => {
    const problems: Array<string> = []
    for (const spec of specOperations) {
      const where = `${spec.method} ${spec.path}`
      const op = Index.Operations.findOperation(spec.method, spec.path)
      if (op === undefined) {
        problems.push(`${where}: no catalog entry`)
        continue
      }
      if (!sameSet(op.queryParams, spec.query)) problems.push(`${where}: query parameters differ`)
      if (!sameSet(op.pathParams, spec.pathParams)) problems.push(`${where}: path parameters differ`)
      const queryFields = Object.keys((op.query as unknown as Schema.Struct<Schema.Struct.Fields>).fields)
      if (!sameSet(queryFields, spec.query)) problems.push(`${where}: query schema fields differ`)
      if (spec.hasBody && op.body === undefined) problems.push(`${where}: no body schema`)
      const audio = op.responseContentType === "audio/*"
      if (spec.hasResponse && !audio && op.response === undefined) problems.push(`${where}: no response schema`)
      if (audio && op.response !== undefined) problems.push(`${where}: an audio response has a JSON schema`)
    }
    assert.deepStrictEqual(problems, [])
  })

  it("the speak operations answer with audio bytes (patched), not JSON", () => {
    for (const name of ["speak.v1.audio.generate", "speak.v2.audio.generate"] as const) {
      const op = Index.Operations.operations[name]
      assert.strictEqual(op.response, undefined)
      assert.strictEqual(op.responseContentType, "audio/*")
    }
  })

  it("every operation's body, response and query options are exported by a public module", () => {
    const problems: Array<string> = []
    for (const op of Object.values<Index.Operations.OperationSpec>(Index.Operations.operations)) {
      const where = `${op.method} ${op.path} (${op.name})`
      if (op.body !== undefined && !publicSchemas.has(op.body)) problems.push(`${where}: body`)
      if (op.response !== undefined && !publicSchemas.has(op.response)) problems.push(`${where}: response`)
      if (op.queryParams.length > 0 && !publicSchemas.has(op.query)) problems.push(`${where}: query options`)
    }
    assert.deepStrictEqual(problems, [])
  })
})

describe("coverage of asyncapi.yml", () => {
  it("the spec lists the expected channels and messages", () => {
    assert.deepStrictEqual(Object.keys(asyncapi.channels).sort(), Object.keys(channelModules).sort())
    assert.strictEqual(specMessages.length, Index.Operations.messages.length)
  })

  it("every channel has query options matching its bindings", () => {
    const problems: Array<string> = []
    for (const [channel, module] of Object.entries(channelModules)) {
      const spec = Index.Operations.channels[channel as Index.Operations.ChannelPath]
      if (spec === undefined) {
        problems.push(`${channel}: no catalog entry`)
        continue
      }
      if (!sameSet(spec.queryParams, specChannelQuery(channel))) problems.push(`${channel}: query parameters differ`)
      if (!Schema.isSchema(module.LiveOptions)) problems.push(`${channel}: no LiveOptions`)
      else if (!sameSet(Object.keys(module.LiveOptions.fields), specChannelQuery(channel))) {
        problems.push(`${channel}: LiveOptions fields differ`)
      }
    }
    assert.deepStrictEqual(problems, [])
  })

  it("every message has a model, exported by its channel module and part of its union", () => {
    const problems: Array<string> = []
    for (const message of specMessages) {
      const where = `${message.channel} ${message.direction} ${message.name}`
      const channel: Index.Operations.ChannelSpec | undefined =
        Index.Operations.channels[message.channel as Index.Operations.ChannelPath]
      const entry = channel?.[message.direction][message.name]
      if (entry === undefined) {
        problems.push(`${where}: no catalog entry`)
        continue
      }
      if (entry.binary !== message.binary) problems.push(`${where}: binary flag differs`)
      const module = channelModules[message.channel]
      const exported = Object.values(module as Record<string, unknown>).includes(entry.schema)
      if (!exported) problems.push(`${where}: not exported by its channel module`)
      if (!message.binary) {
        const union = message.direction === "server" ? module.ServerMessage : module.ClientMessage
        if (!(union.members as ReadonlyArray<unknown>).includes(entry.schema)) {
          const unionName = message.direction === "server" ? "ServerMessage" : "ClientMessage"
          problems.push(`${where}: not a member of ${unionName}`)
        }
      }
    }
    assert.deepStrictEqual(problems, [])
  })

  it("every server union ends with the Unknown and Invalid variants, after every JSON server message", () => {
    for (const [path, module] of Object.entries(channelModules)) {
      const members: ReadonlyArray<unknown> = module.ServerMessage.members
      assert.strictEqual(members[members.length - 2], module.Unknown)
      assert.strictEqual(members[members.length - 1], module.Invalid)
      const spec = Index.Operations.channels[path as Index.Operations.ChannelPath]
      const json = Object.values<Index.Operations.MessageSpec>(spec.server).filter((m) => !m.binary)
      assert.strictEqual(members.length - 2, json.length, path)
      for (const message of json) assert.include(members, message.schema, `${path} ${message.name}`)
    }
  })
})
