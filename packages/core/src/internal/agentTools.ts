// internal
import type * as AgentV1 from "@effect-deepgram/schema/AgentV1"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { formatIssues } from "./issues.js"

export const ToolTypeId: unique symbol = Symbol.for("@effect-deepgram/core/Agent/Tool")
export type ToolTypeId = typeof ToolTypeId

/** Why a client-side function call was answered with an error. */
export type ToolFailureReason = "UnknownFunction" | "InvalidArguments" | "Failed" | "Died"

export type ToolOutcome =
  | { readonly _tag: "Success"; readonly content: string }
  | {
    readonly _tag: "Failure"
    readonly reason: ToolFailureReason
    readonly detail: string
    readonly cause?: unknown
  }

/** A client-side function the agent may call, with its requirements `R`. */
export interface Tool<R = never> {
  readonly [ToolTypeId]: ToolTypeId
  readonly name: string
  readonly description: string
  /** The definition sent in `Settings` (`agent.think.functions`): name, description, JSON Schema of the parameters. */
  readonly definition: AgentV1.FunctionDefinition
  /** Decodes the JSON arguments, runs the handler and encodes its result; never fails. */
  readonly call: (argumentsJson: string) => Effect.Effect<ToolOutcome, never, R>
}

export interface ToolOptions<A, I, O, E, R> {
  readonly name: string
  readonly description: string
  /** The parameters, decoded from the call's JSON arguments; their JSON Schema is what the model sees. */
  readonly parameters: Schema.Schema<A, I, never>
  /** Encodes the handler's result; without it, a string result is sent as it is and anything else as JSON. */
  readonly success?: Schema.Schema<O, unknown, never> | undefined
  readonly handler: (args: A) => Effect.Effect<O, E, R>
}

const errorMessage = (error: unknown): string => {
  if (typeof error === "string") return error
  if (typeof error === "object" && error !== null) {
    if ("message" in error && typeof error.message === "string" && error.message !== "") return error.message
    if ("_tag" in error && typeof error._tag === "string") {
      const { _tag, ...fields } = error as Record<string, unknown>
      const json = toJson(fields)
      return Either.isRight(json) && json.right !== "{}" ? `${_tag}: ${json.right}` : String(_tag)
    }
  }
  return String(error)
}

const parametersSchema = (parameters: Schema.Schema.Any): Record<string, unknown> => {
  const { $schema: _, ...rest } = JSONSchema.make(parameters) as unknown as Record<string, unknown>
  // An empty struct is "any object or array" in JSON Schema terms; models want an object without properties.
  return rest.type === undefined && rest.$ref === undefined && Array.isArray(rest.anyOf)
    ? { type: "object", properties: {} }
    : rest
}

const encodeResult = <O>(success: Schema.Schema<O, unknown, never> | undefined, value: O): Either.Either<string, string> => {
  if (success !== undefined) {
    return Either.match(Schema.encodeEither(success)(value), {
      onLeft: (error) => Either.left(`the result does not fit its schema: ${formatIssues(error)}`),
      onRight: (encoded) => (typeof encoded === "string" ? Either.right(encoded) : toJson(encoded))
    })
  }
  return typeof value === "string" ? Either.right(value) : toJson(value)
}

const toJson = (value: unknown): Either.Either<string, string> => {
  try {
    return Either.right(value === undefined ? "null" : JSON.stringify(value))
  } catch (cause) {
    return Either.left(`the result is not JSON: ${errorMessage(cause)}`)
  }
}

export const tool = <A, I, O, E, R>(options: ToolOptions<A, I, O, E, R>): Tool<R> => {
  const decode = Schema.decodeUnknownEither(options.parameters, { errors: "all", onExcessProperty: "ignore" })
  return {
    [ToolTypeId]: ToolTypeId,
    name: options.name,
    description: options.description,
    definition: {
      name: options.name,
      description: options.description,
      parameters: parametersSchema(options.parameters)
    } as AgentV1.FunctionDefinition,
    call: (argumentsJson) =>
      Effect.suspend((): Effect.Effect<ToolOutcome, never, R> => {
        let json: unknown
        try {
          json = argumentsJson.trim() === "" ? {} : JSON.parse(argumentsJson)
        } catch {
          return Effect.succeed({
            _tag: "Failure",
            reason: "InvalidArguments",
            detail: `the arguments are not JSON: ${JSON.stringify(argumentsJson.slice(0, 200))}`
          })
        }
        const args = decode(json)
        if (Either.isLeft(args)) {
          return Effect.succeed({
            _tag: "Failure",
            reason: "InvalidArguments",
            detail: `the arguments do not fit the parameters: ${formatIssues(args.left)}`,
            cause: args.left
          })
        }
        return Effect.suspend(() => options.handler(args.right)).pipe(
          Effect.matchCause({
            onFailure: (cause): ToolOutcome => {
              const failure = Cause.failureOption(cause)
              if (Option.isSome(failure)) {
                return { _tag: "Failure", reason: "Failed", detail: errorMessage(failure.value), cause: failure.value }
              }
              const defect = Cause.dieOption(cause)
              return {
                _tag: "Failure",
                reason: "Died",
                detail: Option.isSome(defect) ? errorMessage(defect.value) : "the handler was interrupted",
                cause: Option.getOrElse(defect, () => cause)
              }
            },
            onSuccess: (value): ToolOutcome =>
              Either.match(encodeResult(options.success, value), {
                onLeft: (detail) => ({ _tag: "Failure", reason: "Failed", detail }),
                onRight: (content) => ({ _tag: "Success", content })
              })
          })
        )
      })
  }
}

/** What the agent is told when a call fails: a JSON object the model can read. */
export const errorContent = (reason: ToolFailureReason, detail: string): string =>
  JSON.stringify({ error: reason === "UnknownFunction" ? `unknown function: ${detail}` : detail })

const NAME = /^[A-Za-z0-9_-]{1,64}$/

/** Checks the registry: names well-formed and unique. */
export const checkTools = (tools: ReadonlyArray<Tool<unknown>>): Either.Either<void, string> => {
  const seen = new Set<string>()
  for (const t of tools) {
    if (!NAME.test(t.name)) return Either.left(`tool name ${JSON.stringify(t.name)} must match ${NAME.source}`)
    if (seen.has(t.name)) return Either.left(`two tools are named ${JSON.stringify(t.name)}`)
    seen.add(t.name)
  }
  return Either.right(undefined)
}
