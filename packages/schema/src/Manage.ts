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
export const ListProjectsResponse: typeof Api.ListProjectsV1Response = Api.ListProjectsV1Response

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
export const ProjectSummary: typeof Api.ListProjectsV1ResponseProjectsItems = Api.ListProjectsV1ResponseProjectsItems

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
export const GetProjectOptions: typeof Api.ManageV1ProjectsGetQuery = Api.ManageV1ProjectsGetQuery

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
export const Project: typeof Api.GetProjectV1Response = Api.GetProjectV1Response

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
export const UpdateProjectRequest: typeof Api.UpdateProjectV1Request = Api.UpdateProjectV1Request

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
export const UpdateProjectResponse: typeof Api.UpdateProjectV1Response = Api.UpdateProjectV1Response

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
export const DeleteProjectResponse: typeof Api.DeleteProjectV1Response = Api.DeleteProjectV1Response

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
export const LeaveProjectResponse: typeof Api.LeaveProjectV1Response = Api.LeaveProjectV1Response

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
export const ListModelsOptions: typeof Api.ManageV1ModelsListQuery = Api.ManageV1ModelsListQuery

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
export const ListProjectModelsOptions: typeof Api.ManageV1ProjectsModelsListQuery = Api.ManageV1ProjectsModelsListQuery

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
export const ListModelsResponse: typeof Api.ListModelsV1Response = Api.ListModelsV1Response

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
export const SttModel: typeof Api.ListModelsV1ResponseSttModels = Api.ListModelsV1ResponseSttModels

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
export const TtsModel: typeof Api.ListModelsV1ResponseTtsModels = Api.ListModelsV1ResponseTtsModels

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
export const TtsModelMetadata: typeof Api.ListModelsV1ResponseTtsModelsMetadata =
  Api.ListModelsV1ResponseTtsModelsMetadata

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
export const GetModelResponse: typeof Api.GetModelV1Response = Api.GetModelV1Response

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
export const ListKeysOptions: typeof Api.ManageV1ProjectsKeysListQuery = Api.ManageV1ProjectsKeysListQuery

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
export const KeyStatus: typeof Api.V1ProjectsProjectIdKeysGetParametersStatus =
  Api.V1ProjectsProjectIdKeysGetParametersStatus

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
export const ListKeysResponse: typeof Api.ListProjectKeysV1Response = Api.ListProjectKeysV1Response

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
export const KeyItem: typeof Api.ListProjectKeysV1ResponseApiKeysItems = Api.ListProjectKeysV1ResponseApiKeysItems

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
export const KeyMember: typeof Api.ListProjectKeysV1ResponseApiKeysItemsMember =
  Api.ListProjectKeysV1ResponseApiKeysItemsMember

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
export const ApiKey: typeof Api.ListProjectKeysV1ResponseApiKeysItemsApiKey =
  Api.ListProjectKeysV1ResponseApiKeysItemsApiKey

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
export const CreateKeyRequest: typeof Api.CreateKeyV1Request = Api.CreateKeyV1Request

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
export const CreateKeyResponse: typeof Api.CreateKeyV1Response = Api.CreateKeyV1Response

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
export const GetKeyResponse: typeof Api.GetProjectKeyV1Response = Api.GetProjectKeyV1Response

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
export const DeleteKeyResponse: typeof Api.DeleteProjectKeyV1Response = Api.DeleteProjectKeyV1Response

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
export const ListMembersResponse: typeof Api.ListProjectMembersV1Response = Api.ListProjectMembersV1Response

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
export const Member: typeof Api.ListProjectMembersV1ResponseMembersItems = Api.ListProjectMembersV1ResponseMembersItems

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
export const DeleteMemberResponse: typeof Api.DeleteProjectMemberV1Response = Api.DeleteProjectMemberV1Response

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
export const ListScopesResponse: typeof Api.ListProjectMemberScopesV1Response = Api.ListProjectMemberScopesV1Response

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
export const UpdateScopesRequest: typeof Api.UpdateProjectMemberScopesV1Request = Api.UpdateProjectMemberScopesV1Request

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
export const UpdateScopesResponse: typeof Api.UpdateProjectMemberScopesV1Response =
  Api.UpdateProjectMemberScopesV1Response

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
export const ListInvitesResponse: typeof Api.ListProjectInvitesV1Response = Api.ListProjectInvitesV1Response

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
export const Invite: typeof Api.ListProjectInvitesV1ResponseInvitesItems = Api.ListProjectInvitesV1ResponseInvitesItems

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
export const CreateInviteRequest: typeof Api.CreateProjectInviteV1Request = Api.CreateProjectInviteV1Request

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
export const CreateInviteResponse: typeof Api.CreateProjectInviteV1Response = Api.CreateProjectInviteV1Response

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
export const DeleteInviteResponse: typeof Api.DeleteProjectInviteV1Response = Api.DeleteProjectInviteV1Response

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
 * const options: Manage.ListRequestsOptions = {
 *   start: "2025-01-01T00:00:00Z",
 *   limit: 50,
 *   endpoint: "listen",
 *   status: "failed"
 * }
 * ```
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequestsOptions: typeof Api.ManageV1ProjectsRequestsListQuery = Api.ManageV1ProjectsRequestsListQuery

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
export const ListRequestsResponse: typeof Api.ListProjectRequestsV1Response = Api.ListProjectRequestsV1Response

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
export const ProjectRequest: typeof Api.ProjectRequestResponse = Api.ProjectRequestResponse

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
export const GetRequestResponse: typeof Api.GetProjectRequestV1Response = Api.GetProjectRequestV1Response

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
export const UsageOptions: typeof Api.ManageV1ProjectsUsageGetQuery = Api.ManageV1ProjectsUsageGetQuery

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
export const UsageResponse: typeof Api.UsageV1Response = Api.UsageV1Response

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
export const UsageFieldsOptions: typeof Api.ManageV1ProjectsUsageFieldsListQuery =
  Api.ManageV1ProjectsUsageFieldsListQuery

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
export const UsageFieldsResponse: typeof Api.UsageFieldsV1Response = Api.UsageFieldsV1Response

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
export const UsageBreakdownOptions: typeof Api.ManageV1ProjectsUsageBreakdownGetQuery =
  Api.ManageV1ProjectsUsageBreakdownGetQuery

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
export const UsageBreakdownResponse: typeof Api.UsageBreakdownV1Response = Api.UsageBreakdownV1Response

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
export const UsageBreakdownResult: typeof Api.UsageBreakdownV1ResponseResultsItems =
  Api.UsageBreakdownV1ResponseResultsItems

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
export const ListBalancesResponse: typeof Api.ListProjectBalancesV1Response = Api.ListProjectBalancesV1Response

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
export const Balance: typeof Api.ListProjectBalancesV1ResponseBalancesItems =
  Api.ListProjectBalancesV1ResponseBalancesItems

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
export const GetBalanceResponse: typeof Api.GetProjectBalanceV1Response = Api.GetProjectBalanceV1Response

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
export const BillingBreakdownOptions: typeof Api.ManageV1ProjectsBillingBreakdownListQuery =
  Api.ManageV1ProjectsBillingBreakdownListQuery

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
export const BillingBreakdownResponse: typeof Api.BillingBreakdownV1Response = Api.BillingBreakdownV1Response

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
export const BillingBreakdownResult: typeof Api.BillingBreakdownV1ResponseResultsItems =
  Api.BillingBreakdownV1ResponseResultsItems

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
export const BillingFieldsOptions: typeof Api.ManageV1ProjectsBillingFieldsListQuery =
  Api.ManageV1ProjectsBillingFieldsListQuery

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
export const BillingFieldsResponse: typeof Api.ListBillingFieldsV1Response = Api.ListBillingFieldsV1Response

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
export const ListPurchasesOptions: typeof Api.ManageV1ProjectsBillingPurchasesListQuery =
  Api.ManageV1ProjectsBillingPurchasesListQuery

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
export const ListPurchasesResponse: typeof Api.ListProjectPurchasesV1Response = Api.ListProjectPurchasesV1Response

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
export const Purchase: typeof Api.ListProjectPurchasesV1ResponseOrdersItems =
  Api.ListProjectPurchasesV1ResponseOrdersItems

/**
 * @since 0.1.0
 * @category billing
 */
export interface Purchase extends Api.ListProjectPurchasesV1ResponseOrdersItems {}
