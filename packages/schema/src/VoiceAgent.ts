/**
 * Voice Agent configurations and variables (`/v1/projects/{project_id}/agents`,
 * `/v1/projects/{project_id}/agent-variables`): reusable agent blocks and template variables for Settings messages.
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

// ---------------------------------------------------------------------------------------------------------------
// configurations
// ---------------------------------------------------------------------------------------------------------------

/**
 * The body of the create operation: `config` (the JSON text of a Settings `agent` block), optional `metadata`.
 *
 * @example
 * ```ts
 * import { VoiceAgent } from "@effect-deepgram/schema"
 *
 * const request: VoiceAgent.CreateConfigurationRequest = {
 *   config: JSON.stringify({ think: { provider: { type: "open_ai", model: "gpt-4o-mini" } } }),
 *   metadata: { team: "support" }
 * }
 * ```
 *
 * @since 0.1.0
 * @category configurations
 */
export const CreateConfigurationRequest: typeof Api.CreateAgentConfigurationV1Request =
  Api.CreateAgentConfigurationV1Request

/**
 * @since 0.1.0
 * @category configurations
 */
export interface CreateConfigurationRequest extends Api.CreateAgentConfigurationV1Request {}

/**
 * The created configuration: `agent_id`, `config`, `metadata`.
 *
 * @since 0.1.0
 * @category configurations
 */
export const CreateConfigurationResponse: typeof Api.CreateAgentConfigurationV1Response =
  Api.CreateAgentConfigurationV1Response

/**
 * @since 0.1.0
 * @category configurations
 */
export interface CreateConfigurationResponse extends Api.CreateAgentConfigurationV1Response {}

/**
 * A stored agent configuration (uninterpolated).
 *
 * @since 0.1.0
 * @category configurations
 */
export const Configuration: typeof Api.AgentConfigurationV1 = Api.AgentConfigurationV1

/**
 * @since 0.1.0
 * @category configurations
 */
export interface Configuration extends Api.AgentConfigurationV1 {}

/**
 * Every agent configuration of a project.
 *
 * @since 0.1.0
 * @category configurations
 */
export const ListConfigurationsResponse: typeof Api.ListAgentConfigurationsV1Response =
  Api.ListAgentConfigurationsV1Response

/**
 * @since 0.1.0
 * @category configurations
 */
export interface ListConfigurationsResponse extends Api.ListAgentConfigurationsV1Response {}

/**
 * The body of the update operation: the new `metadata`.
 *
 * @since 0.1.0
 * @category configurations
 */
export const UpdateMetadataRequest: typeof Api.UpdateAgentMetadataV1Request = Api.UpdateAgentMetadataV1Request

/**
 * @since 0.1.0
 * @category configurations
 */
export interface UpdateMetadataRequest extends Api.UpdateAgentMetadataV1Request {}

/**
 * The (empty) body returned by the delete operation.
 *
 * @since 0.1.0
 * @category configurations
 */
export const DeleteConfigurationResponse: typeof Api.DeleteAgentConfigurationV1Response =
  Api.DeleteAgentConfigurationV1Response

/**
 * @since 0.1.0
 * @category configurations
 */
export type DeleteConfigurationResponse = Api.DeleteAgentConfigurationV1Response

// ---------------------------------------------------------------------------------------------------------------
// variables
// ---------------------------------------------------------------------------------------------------------------

/**
 * The body of the create operation: `key` and `value`.
 *
 * @since 0.1.0
 * @category variables
 */
export const CreateVariableRequest: typeof Api.CreateAgentVariableV1Request = Api.CreateAgentVariableV1Request

/**
 * @since 0.1.0
 * @category variables
 */
export interface CreateVariableRequest extends Api.CreateAgentVariableV1Request {}

/**
 * A template variable: `variable_id`, `key`, `value`.
 *
 * @since 0.1.0
 * @category variables
 */
export const Variable: typeof Api.AgentVariableV1 = Api.AgentVariableV1

/**
 * @since 0.1.0
 * @category variables
 */
export interface Variable extends Api.AgentVariableV1 {}

/**
 * Every agent variable of a project.
 *
 * @since 0.1.0
 * @category variables
 */
export const ListVariablesResponse: typeof Api.ListAgentVariablesV1Response = Api.ListAgentVariablesV1Response

/**
 * @since 0.1.0
 * @category variables
 */
export interface ListVariablesResponse extends Api.ListAgentVariablesV1Response {}

/**
 * The body of the update operation: the new `value`.
 *
 * @since 0.1.0
 * @category variables
 */
export const UpdateVariableRequest: typeof Api.UpdateAgentVariableV1Request = Api.UpdateAgentVariableV1Request

/**
 * @since 0.1.0
 * @category variables
 */
export interface UpdateVariableRequest extends Api.UpdateAgentVariableV1Request {}

/**
 * The (empty) body returned by the delete operation.
 *
 * @since 0.1.0
 * @category variables
 */
export const DeleteVariableResponse: typeof Api.DeleteAgentVariableV1Response = Api.DeleteAgentVariableV1Response

/**
 * @since 0.1.0
 * @category variables
 */
export type DeleteVariableResponse = Api.DeleteAgentVariableV1Response
