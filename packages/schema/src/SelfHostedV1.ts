/**
 * Self-hosted distribution credentials (`/v1/projects/{project_id}/self-hosted/distribution/credentials`):
 * credentials for pulling Deepgram's self-hosted container images.
 *
 * @since 0.1.0
 */
import * as Api from "./internal/openapi.js"

/**
 * Query parameters of the create operation: `scopes` and `provider`.
 *
 * @example
 * ```ts
 * import { SelfHostedV1 } from "@effect-deepgram/schema"
 *
 * const options: SelfHostedV1.CreateOptions = { scopes: ["self-hosted:products"], provider: "quay" }
 * ```
 *
 * @since 0.1.0
 * @category request
 */
export const CreateOptions: typeof Api.SelfHostedV1DistributionCredentialsCreateQuery =
  Api.SelfHostedV1DistributionCredentialsCreateQuery

/**
 * @since 0.1.0
 * @category request
 */
export interface CreateOptions extends Api.SelfHostedV1DistributionCredentialsCreateQuery {}

/**
 * A distribution credential scope.
 *
 * @since 0.1.0
 * @category request
 */
export const Scope: typeof Api.V1ProjectsProjectIdSelfHostedDistributionCredentialsPostParametersScopesSchemaItems =
  Api.V1ProjectsProjectIdSelfHostedDistributionCredentialsPostParametersScopesSchemaItems

/**
 * @since 0.1.0
 * @category request
 */
export type Scope = Api.V1ProjectsProjectIdSelfHostedDistributionCredentialsPostParametersScopesSchemaItems

/**
 * The JSON body of the create operation: an optional `comment`.
 *
 * @since 0.1.0
 * @category request
 */
export const CreateRequest: typeof Api.CreateProjectDistributionCredentialsV1Request =
  Api.CreateProjectDistributionCredentialsV1Request

/**
 * @since 0.1.0
 * @category request
 */
export interface CreateRequest extends Api.CreateProjectDistributionCredentialsV1Request {}

/**
 * The created credentials and the member who owns them.
 *
 * @since 0.1.0
 * @category response
 */
export const CreateResponse: typeof Api.CreateProjectDistributionCredentialsV1Response =
  Api.CreateProjectDistributionCredentialsV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface CreateResponse extends Api.CreateProjectDistributionCredentialsV1Response {}

/**
 * Every distribution credential of a project.
 *
 * @since 0.1.0
 * @category response
 */
export const ListResponse: typeof Api.ListProjectDistributionCredentialsV1Response =
  Api.ListProjectDistributionCredentialsV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface ListResponse extends Api.ListProjectDistributionCredentialsV1Response {}

/**
 * One entry of a {@link ListResponse}: `member` and `distribution_credentials`.
 *
 * @since 0.1.0
 * @category response
 */
export const CredentialsItem: typeof Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItems =
  Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItems

/**
 * @since 0.1.0
 * @category response
 */
export interface CredentialsItem extends Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItems {}

/**
 * Credential details: id, provider, comment, scopes, creation time.
 *
 * @since 0.1.0
 * @category response
 */
export const DistributionCredentials: typeof Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials =
  Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials

/**
 * @since 0.1.0
 * @category response
 */
export interface DistributionCredentials
  extends Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials
{}

/**
 * The member owning a credential.
 *
 * @since 0.1.0
 * @category response
 */
export const Member: typeof Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsMember =
  Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsMember

/**
 * @since 0.1.0
 * @category response
 */
export interface Member extends Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsMember {}

/**
 * One distribution credential.
 *
 * @since 0.1.0
 * @category response
 */
export const GetResponse: typeof Api.GetProjectDistributionCredentialsV1Response =
  Api.GetProjectDistributionCredentialsV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface GetResponse extends Api.GetProjectDistributionCredentialsV1Response {}
