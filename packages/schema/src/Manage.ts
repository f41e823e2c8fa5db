/**
 * Project management (`/v1/projects/...`, `/v1/models`): projects, API keys, members, scopes, invitations,
 * request history, usage, balances, billing, purchases and models.
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

// ---------------------------------------------------------------------------------------------------------------
// projects
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every project the key can access.
 *
 * @since 0.1.0
 * @category projects
 */
export const ListProjectsResponse = Api.ListProjectsV1Response

/**
 * @since 0.1.0
 * @category projects
 */
export interface ListProjectsResponse extends Api.ListProjectsV1Response {}

/**
 * One project of a {@link ListProjectsResponse}: `project_id` and `name`.
 *
 * @since 0.1.0
 * @category projects
 */
export const ProjectSummary = Api.ListProjectsV1ResponseProjectsItems

/**
 * @since 0.1.0
 * @category projects
 */
export interface ProjectSummary extends Api.ListProjectsV1ResponseProjectsItems {}

/**
 * Query parameters of `GET /v1/projects/{project_id}`: `limit` and `page`.
 *
 * @since 0.1.0
 * @category projects
 */
export const GetProjectOptions = Api.ManageV1ProjectsGetQuery

/**
 * @since 0.1.0
 * @category projects
 */
export interface GetProjectOptions extends Api.ManageV1ProjectsGetQuery {}

/**
 * A project: `project_id`, `name`, `mip_opt_out`.
 *
 * @since 0.1.0
 * @category projects
 */
export const Project = Api.GetProjectV1Response

/**
 * @since 0.1.0
 * @category projects
 */
export interface Project extends Api.GetProjectV1Response {}

/**
 * The body of `PATCH /v1/projects/{project_id}`: the new `name`.
 *
 * @since 0.1.0
 * @category projects
 */
export const UpdateProjectRequest = Api.UpdateProjectV1Request

/**
 * @since 0.1.0
 * @category projects
 */
export interface UpdateProjectRequest extends Api.UpdateProjectV1Request {}

/**
 * `{ message }` confirming the update.
 *
 * @since 0.1.0
 * @category projects
 */
export const UpdateProjectResponse = Api.UpdateProjectV1Response

/**
 * @since 0.1.0
 * @category projects
 */
export interface UpdateProjectResponse extends Api.UpdateProjectV1Response {}

/**
 * `{ message }` confirming the deletion.
 *
 * @since 0.1.0
 * @category projects
 */
export const DeleteProjectResponse = Api.DeleteProjectV1Response

/**
 * @since 0.1.0
 * @category projects
 */
export interface DeleteProjectResponse extends Api.DeleteProjectV1Response {}

/**
 * `{ message }` confirming that the caller left the project.
 *
 * @since 0.1.0
 * @category projects
 */
export const LeaveProjectResponse = Api.LeaveProjectV1Response

/**
 * @since 0.1.0
 * @category projects
 */
export interface LeaveProjectResponse extends Api.LeaveProjectV1Response {}

// ---------------------------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of `GET /v1/models` and `GET /v1/projects/{project_id}/models`: `include_outdated`.
 *
 * @example
 * ```ts
 * import { Manage } from "@effect-deepgram/schema"
 *
 * const options: Manage.ListModelsOptions = { include_outdated: false }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ListModelsOptions = Api.ManageV1ModelsListQuery

/**
 * @since 0.1.0
 * @category models
 */
export interface ListModelsOptions extends Api.ManageV1ModelsListQuery {}

/**
 * Query parameters of `GET /v1/projects/{project_id}/models`.
 *
 * @since 0.1.0
 * @category models
 */
export const ListProjectModelsOptions = Api.ManageV1ProjectsModelsListQuery

/**
 * @since 0.1.0
 * @category models
 */
export interface ListProjectModelsOptions extends Api.ManageV1ProjectsModelsListQuery {}

/**
 * Available models: `stt` and `tts` lists.
 *
 * @since 0.1.0
 * @category models
 */
export const ListModelsResponse = Api.ListModelsV1Response

/**
 * @since 0.1.0
 * @category models
 */
export interface ListModelsResponse extends Api.ListModelsV1Response {}

/**
 * A speech-to-text model.
 *
 * @since 0.1.0
 * @category models
 */
export const SttModel = Api.ListModelsV1ResponseSttModels

/**
 * @since 0.1.0
 * @category models
 */
export interface SttModel extends Api.ListModelsV1ResponseSttModels {}

/**
 * A text-to-speech model (voice).
 *
 * @since 0.1.0
 * @category models
 */
export const TtsModel = Api.ListModelsV1ResponseTtsModels

/**
 * @since 0.1.0
 * @category models
 */
export interface TtsModel extends Api.ListModelsV1ResponseTtsModels {}

/**
 * Voice metadata: accent, age, sample, tags, use cases, ...
 *
 * @since 0.1.0
 * @category models
 */
export const TtsModelMetadata = Api.ListModelsV1ResponseTtsModelsMetadata

/**
 * @since 0.1.0
 * @category models
 */
export interface TtsModelMetadata extends Api.ListModelsV1ResponseTtsModelsMetadata {}

/**
 * One model: a speech-to-text or a text-to-speech model.
 *
 * @since 0.1.0
 * @category models
 */
export const GetModelResponse = Api.GetModelV1Response

/**
 * @since 0.1.0
 * @category models
 */
export type GetModelResponse = Api.GetModelV1Response

// ---------------------------------------------------------------------------------------------------------------
// keys
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of `GET /v1/projects/{project_id}/keys`: `status`.
 *
 * @since 0.1.0
 * @category keys
 */
export const ListKeysOptions = Api.ManageV1ProjectsKeysListQuery

/**
 * @since 0.1.0
 * @category keys
 */
export interface ListKeysOptions extends Api.ManageV1ProjectsKeysListQuery {}

/**
 * Key status filter.
 *
 * @since 0.1.0
 * @category keys
 */
export const KeyStatus = Api.V1ProjectsProjectIdKeysGetParametersStatus

/**
 * @since 0.1.0
 * @category keys
 */
export type KeyStatus = Api.V1ProjectsProjectIdKeysGetParametersStatus

/**
 * The API keys of a project.
 *
 * @since 0.1.0
 * @category keys
 */
export const ListKeysResponse = Api.ListProjectKeysV1Response

/**
 * @since 0.1.0
 * @category keys
 */
export interface ListKeysResponse extends Api.ListProjectKeysV1Response {}

/**
 * One entry of a {@link ListKeysResponse}: `member` and `api_key`.
 *
 * @since 0.1.0
 * @category keys
 */
export const KeyItem = Api.ListProjectKeysV1ResponseApiKeysItems

/**
 * @since 0.1.0
 * @category keys
 */
export interface KeyItem extends Api.ListProjectKeysV1ResponseApiKeysItems {}

/**
 * The member owning a key.
 *
 * @since 0.1.0
 * @category keys
 */
export const KeyMember = Api.ListProjectKeysV1ResponseApiKeysItemsMember

/**
 * @since 0.1.0
 * @category keys
 */
export interface KeyMember extends Api.ListProjectKeysV1ResponseApiKeysItemsMember {}

/**
 * Key details: id, comment, scopes, creation time.
 *
 * @since 0.1.0
 * @category keys
 */
export const ApiKey = Api.ListProjectKeysV1ResponseApiKeysItemsApiKey

/**
 * @since 0.1.0
 * @category keys
 */
export interface ApiKey extends Api.ListProjectKeysV1ResponseApiKeysItemsApiKey {}

/**
 * The body of `POST /v1/projects/{project_id}/keys`: `comment`, `scopes`, optional `tags` and expiry.
 *
 * @example
 * ```ts
 * import { Manage } from "@effect-deepgram/schema"
 *
 * const request: Manage.CreateKeyRequest = { comment: "ci", scopes: ["usage:write"], time_to_live_in_seconds: 3600 }
 * ```
 *
 * @since 0.1.0
 * @category keys
 */
export const CreateKeyRequest = Api.CreateKeyV1Request

/**
 * @since 0.1.0
 * @category keys
 */
export interface CreateKeyRequest extends Api.CreateKeyV1Request {}

/**
 * The created key, including its secret `key` (shown only once).
 *
 * @since 0.1.0
 * @category keys
 */
export const CreateKeyResponse = Api.CreateKeyV1Response

/**
 * @since 0.1.0
 * @category keys
 */
export interface CreateKeyResponse extends Api.CreateKeyV1Response {}

/**
 * One key and its member.
 *
 * @since 0.1.0
 * @category keys
 */
export const GetKeyResponse = Api.GetProjectKeyV1Response

/**
 * @since 0.1.0
 * @category keys
 */
export interface GetKeyResponse extends Api.GetProjectKeyV1Response {}

/**
 * `{ message }` confirming the deletion.
 *
 * @since 0.1.0
 * @category keys
 */
export const DeleteKeyResponse = Api.DeleteProjectKeyV1Response

/**
 * @since 0.1.0
 * @category keys
 */
export interface DeleteKeyResponse extends Api.DeleteProjectKeyV1Response {}

// ---------------------------------------------------------------------------------------------------------------
// members and scopes
// ---------------------------------------------------------------------------------------------------------------

/**
 * The members of a project.
 *
 * @since 0.1.0
 * @category members
 */
export const ListMembersResponse = Api.ListProjectMembersV1Response

/**
 * @since 0.1.0
 * @category members
 */
export interface ListMembersResponse extends Api.ListProjectMembersV1Response {}

/**
 * A project member: id, email, names, scopes.
 *
 * @since 0.1.0
 * @category members
 */
export const Member = Api.ListProjectMembersV1ResponseMembersItems

/**
 * @since 0.1.0
 * @category members
 */
export interface Member extends Api.ListProjectMembersV1ResponseMembersItems {}

/**
 * `{ message }` confirming the removal.
 *
 * @since 0.1.0
 * @category members
 */
export const DeleteMemberResponse = Api.DeleteProjectMemberV1Response

/**
 * @since 0.1.0
 * @category members
 */
export interface DeleteMemberResponse extends Api.DeleteProjectMemberV1Response {}

/**
 * The scopes of a member.
 *
 * @since 0.1.0
 * @category members
 */
export const ListScopesResponse = Api.ListProjectMemberScopesV1Response

/**
 * @since 0.1.0
 * @category members
 */
export interface ListScopesResponse extends Api.ListProjectMemberScopesV1Response {}

/**
 * The body of `PUT .../members/{member_id}/scopes`: the new `scope`.
 *
 * @since 0.1.0
 * @category members
 */
export const UpdateScopesRequest = Api.UpdateProjectMemberScopesV1Request

/**
 * @since 0.1.0
 * @category members
 */
export interface UpdateScopesRequest extends Api.UpdateProjectMemberScopesV1Request {}

/**
 * `{ message }` confirming the update.
 *
 * @since 0.1.0
 * @category members
 */
export const UpdateScopesResponse = Api.UpdateProjectMemberScopesV1Response

/**
 * @since 0.1.0
 * @category members
 */
export interface UpdateScopesResponse extends Api.UpdateProjectMemberScopesV1Response {}

// ---------------------------------------------------------------------------------------------------------------
// invites
// ---------------------------------------------------------------------------------------------------------------

/**
 * Pending invitations of a project.
 *
 * @since 0.1.0
 * @category invites
 */
export const ListInvitesResponse = Api.ListProjectInvitesV1Response

/**
 * @since 0.1.0
 * @category invites
 */
export interface ListInvitesResponse extends Api.ListProjectInvitesV1Response {}

/**
 * A pending invitation: `email` and `scope`.
 *
 * @since 0.1.0
 * @category invites
 */
export const Invite = Api.ListProjectInvitesV1ResponseInvitesItems

/**
 * @since 0.1.0
 * @category invites
 */
export interface Invite extends Api.ListProjectInvitesV1ResponseInvitesItems {}

/**
 * The body of `POST /v1/projects/{project_id}/invites`: `email` and `scope`.
 *
 * @since 0.1.0
 * @category invites
 */
export const CreateInviteRequest = Api.CreateProjectInviteV1Request

/**
 * @since 0.1.0
 * @category invites
 */
export interface CreateInviteRequest extends Api.CreateProjectInviteV1Request {}

/**
 * `{ message }` confirming the invitation.
 *
 * @since 0.1.0
 * @category invites
 */
export const CreateInviteResponse = Api.CreateProjectInviteV1Response

/**
 * @since 0.1.0
 * @category invites
 */
export interface CreateInviteResponse extends Api.CreateProjectInviteV1Response {}

/**
 * `{ message }` confirming the deletion.
 *
 * @since 0.1.0
 * @category invites
 */
export const DeleteInviteResponse = Api.DeleteProjectInviteV1Response

/**
 * @since 0.1.0
 * @category invites
 */
export interface DeleteInviteResponse extends Api.DeleteProjectInviteV1Response {}

// ---------------------------------------------------------------------------------------------------------------
// requests
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of `GET /v1/projects/{project_id}/requests`: time range, paging and filters.
 *
 * @example
 * ```ts
 * import { Manage } from "@effect-deepgram/schema"
 *
 * const options: Manage.ListRequestsOptions = { start: "2025-01-01T00:00:00Z", limit: 50, endpoint: "listen", status: "failed" }
 * ```
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequestsOptions = Api.ManageV1ProjectsRequestsListQuery

/**
 * @since 0.1.0
 * @category requests
 */
export interface ListRequestsOptions extends Api.ManageV1ProjectsRequestsListQuery {}

/**
 * A page of request history.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequestsResponse = Api.ListProjectRequestsV1Response

/**
 * @since 0.1.0
 * @category requests
 */
export interface ListRequestsResponse extends Api.ListProjectRequestsV1Response {}

/**
 * One past request: id, path, API key, response, status code, ...
 *
 * @since 0.1.0
 * @category requests
 */
export const ProjectRequest = Api.ProjectRequestResponse

/**
 * @since 0.1.0
 * @category requests
 */
export interface ProjectRequest extends Api.ProjectRequestResponse {}

/**
 * One past request.
 *
 * @since 0.1.0
 * @category requests
 */
export const GetRequestResponse = Api.GetProjectRequestV1Response

/**
 * @since 0.1.0
 * @category requests
 */
export interface GetRequestResponse extends Api.GetProjectRequestV1Response {}

// ---------------------------------------------------------------------------------------------------------------
// usage
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query parameters of `GET /v1/projects/{project_id}/usage`: time range and feature filters.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageOptions = Api.ManageV1ProjectsUsageGetQuery

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageOptions extends Api.ManageV1ProjectsUsageGetQuery {}

/**
 * Usage summary of a time range.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageResponse = Api.UsageV1Response

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageResponse extends Api.UsageV1Response {}

/**
 * Query parameters of `GET .../usage/fields`: `start` and `end`.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageFieldsOptions = Api.ManageV1ProjectsUsageFieldsListQuery

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageFieldsOptions extends Api.ManageV1ProjectsUsageFieldsListQuery {}

/**
 * Tags, models, methods and features seen in a time range.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageFieldsResponse = Api.UsageFieldsV1Response

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageFieldsResponse extends Api.UsageFieldsV1Response {}

/**
 * Query parameters of `GET .../usage/breakdown`: time range, `grouping` and filters.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageBreakdownOptions = Api.ManageV1ProjectsUsageBreakdownGetQuery

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageBreakdownOptions extends Api.ManageV1ProjectsUsageBreakdownGetQuery {}

/**
 * Usage broken down by the requested grouping.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageBreakdownResponse = Api.UsageBreakdownV1Response

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageBreakdownResponse extends Api.UsageBreakdownV1Response {}

/**
 * One row of a {@link UsageBreakdownResponse}.
 *
 * @since 0.1.0
 * @category usage
 */
export const UsageBreakdownResult = Api.UsageBreakdownV1ResponseResultsItems

/**
 * @since 0.1.0
 * @category usage
 */
export interface UsageBreakdownResult extends Api.UsageBreakdownV1ResponseResultsItems {}

// ---------------------------------------------------------------------------------------------------------------
// billing
// ---------------------------------------------------------------------------------------------------------------

/**
 * The balances of a project.
 *
 * @since 0.1.0
 * @category billing
 */
export const ListBalancesResponse = Api.ListProjectBalancesV1Response

/**
 * @since 0.1.0
 * @category billing
 */
export interface ListBalancesResponse extends Api.ListProjectBalancesV1Response {}

/**
 * One balance: id, amount, units, purchase order.
 *
 * @since 0.1.0
 * @category billing
 */
export const Balance = Api.ListProjectBalancesV1ResponseBalancesItems

/**
 * @since 0.1.0
 * @category billing
 */
export interface Balance extends Api.ListProjectBalancesV1ResponseBalancesItems {}

/**
 * One balance.
 *
 * @since 0.1.0
 * @category billing
 */
export const GetBalanceResponse = Api.GetProjectBalanceV1Response

/**
 * @since 0.1.0
 * @category billing
 */
export interface GetBalanceResponse extends Api.GetProjectBalanceV1Response {}

/**
 * Query parameters of `GET .../billing/breakdown`: time range, filters and `grouping`.
 *
 * @since 0.1.0
 * @category billing
 */
export const BillingBreakdownOptions = Api.ManageV1ProjectsBillingBreakdownListQuery

/**
 * @since 0.1.0
 * @category billing
 */
export interface BillingBreakdownOptions extends Api.ManageV1ProjectsBillingBreakdownListQuery {}

/**
 * Costs broken down by the requested grouping.
 *
 * @since 0.1.0
 * @category billing
 */
export const BillingBreakdownResponse = Api.BillingBreakdownV1Response

/**
 * @since 0.1.0
 * @category billing
 */
export interface BillingBreakdownResponse extends Api.BillingBreakdownV1Response {}

/**
 * One row of a {@link BillingBreakdownResponse}: `dollars` and `grouping`.
 *
 * @since 0.1.0
 * @category billing
 */
export const BillingBreakdownResult = Api.BillingBreakdownV1ResponseResultsItems

/**
 * @since 0.1.0
 * @category billing
 */
export interface BillingBreakdownResult extends Api.BillingBreakdownV1ResponseResultsItems {}

/**
 * Query parameters of `GET .../billing/fields`: `start` and `end`.
 *
 * @since 0.1.0
 * @category billing
 */
export const BillingFieldsOptions = Api.ManageV1ProjectsBillingFieldsListQuery

/**
 * @since 0.1.0
 * @category billing
 */
export interface BillingFieldsOptions extends Api.ManageV1ProjectsBillingFieldsListQuery {}

/**
 * Accessors, deployments, tags and line items seen in a time range.
 *
 * @since 0.1.0
 * @category billing
 */
export const BillingFieldsResponse = Api.ListBillingFieldsV1Response

/**
 * @since 0.1.0
 * @category billing
 */
export interface BillingFieldsResponse extends Api.ListBillingFieldsV1Response {}

/**
 * Query parameters of `GET .../purchases`: `limit`.
 *
 * @since 0.1.0
 * @category billing
 */
export const ListPurchasesOptions = Api.ManageV1ProjectsBillingPurchasesListQuery

/**
 * @since 0.1.0
 * @category billing
 */
export interface ListPurchasesOptions extends Api.ManageV1ProjectsBillingPurchasesListQuery {}

/**
 * The purchase orders of a project.
 *
 * @since 0.1.0
 * @category billing
 */
export const ListPurchasesResponse = Api.ListProjectPurchasesV1Response

/**
 * @since 0.1.0
 * @category billing
 */
export interface ListPurchasesResponse extends Api.ListProjectPurchasesV1Response {}

/**
 * One purchase order.
 *
 * @since 0.1.0
 * @category billing
 */
export const Purchase = Api.ListProjectPurchasesV1ResponseOrdersItems

/**
 * @since 0.1.0
 * @category billing
 */
export interface Purchase extends Api.ListProjectPurchasesV1ResponseOrdersItems {}
