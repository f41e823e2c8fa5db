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
export const CreateOptions = Api.SelfHostedV1DistributionCredentialsCreateQuery

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
export const Scope = Api.V1ProjectsProjectIdSelfHostedDistributionCredentialsPostParametersScopesSchemaItems

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
export const CreateRequest = Api.CreateProjectDistributionCredentialsV1Request

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
export const CreateResponse = Api.CreateProjectDistributionCredentialsV1Response

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
export const ListResponse = Api.ListProjectDistributionCredentialsV1Response

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
export const CredentialsItem = Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItems

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
export const DistributionCredentials = Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials

/**
 * @since 0.1.0
 * @category response
 */
export interface DistributionCredentials extends Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsDistributionCredentials {}

/**
 * The member owning a credential.
 *
 * @since 0.1.0
 * @category response
 */
export const Member = Api.ListProjectDistributionCredentialsV1ResponseDistributionCredentialsItemsMember

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
export const GetResponse = Api.GetProjectDistributionCredentialsV1Response

/**
 * @since 0.1.0
 * @category response
 */
export interface GetResponse extends Api.GetProjectDistributionCredentialsV1Response {}
