/**
 * The in-memory management state of one emulator: projects with their members, API keys, invites, balances,
 * purchases, self-hosted distribution credentials, agent configurations and agent variables.
 *
 * Every mutation is synchronous (a handler runs it in one step), so concurrent requests see a consistent state.
 *
 * @internal
 */
import { randomBytes } from "node:crypto"
import type { ProjectSeed } from "../DeepgramEmulator.js"
import type { Authenticator, Credential } from "./auth.js"
import { stableUuid } from "./layout.js"

/**
 * The id of the project every emulator starts with (unless `defaultProject: false`).
 *
 * @internal
 */
export const defaultProjectId = "c0ffee00-d9e1-4a7c-8e11-000000000001"

/**
 * The member every project starts with (the caller: owner of the project).
 *
 * @internal
 */
export const ownerMemberId = "c0ffee00-d9e1-4a7c-8e11-00000000a001"

/** @internal */
export const ownerEmail = "owner@emulator.deepgram.local"

/** @internal */
export interface Member {
  readonly member_id: string
  readonly email: string
  readonly first_name?: string | undefined
  readonly last_name?: string | undefined
  scopes: Array<string>
}

/** @internal */
export interface Key {
  readonly api_key_id: string
  readonly comment: string
  readonly scopes: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
  readonly expiration_date: string | undefined
  readonly created: string
  readonly member_id: string
  /** The secret, to revoke it when the key is deleted (never shown after creation). */
  readonly secret: string | undefined
}

/** @internal */
export interface Balance {
  readonly balance_id: string
  /** Credit at creation, in `units`; what the journal's usage cost is subtracted from. */
  readonly amount: number
  readonly units: string
  readonly purchase_order_id: string
}

/** @internal */
export interface Purchase {
  readonly order_id: string
  readonly expiration: string
  readonly created: string
  readonly amount: number
  readonly units: string
  readonly order_type: string
}

/** @internal */
export interface DistributionCredentials {
  readonly distribution_credentials_id: string
  readonly provider: string
  readonly comment: string | undefined
  readonly scopes: ReadonlyArray<string>
  readonly created: string
  readonly member_id: string
}

/** @internal */
export interface AgentConfiguration {
  readonly agent_id: string
  readonly config: Readonly<Record<string, unknown>>
  metadata: Record<string, string> | undefined
  readonly created_at: string
  updated_at: string
}

/** @internal */
export interface AgentVariable {
  readonly variable_id: string
  readonly key: string
  value: unknown
  readonly created_at: string
  updated_at: string
}

/** @internal */
export interface Project {
  readonly project_id: string
  name: string
  readonly mip_opt_out: boolean
  readonly members: Map<string, Member>
  readonly keys: Map<string, Key>
  /** By e-mail address. */
  readonly invites: Map<string, { readonly email: string; readonly scope: string }>
  readonly balances: Map<string, Balance>
  readonly purchases: Array<Purchase>
  readonly credentials: Map<string, DistributionCredentials>
  readonly agents: Map<string, AgentConfiguration>
  readonly variables: Map<string, AgentVariable>
}

/** @internal */
export interface ManageState {
  /** In creation order; the first project gets the usage of requests made without a known API key. */
  readonly projects: Map<string, Project>
  /** The API key id of a secret (hash-derived, also for keys given in the options). */
  readonly keyIdOf: (secret: string) => string
  /**
   * The API key id behind a credential: the key itself, or the key an access token was granted to.
   */
  readonly accessorOf: (credential: Credential) => string | undefined
}

/** The creation time reported for seeded records. */
const seededAt = "2025-01-01T00:00:00.000Z"

/** @internal */
export const newId = (): string => stableUuid(randomBytes(16).toString("hex"))

/** @internal */
export const newSecret = (): string => randomBytes(20).toString("hex")

const makeProject = (seed: ProjectSeed, index: number): Project => {
  const project_id = seed.id ?? (index === 0 ? defaultProjectId : stableUuid("emulator-project", seed.name, index))
  const members = new Map<string, Member>()
  members.set(ownerMemberId, {
    member_id: ownerMemberId,
    email: ownerEmail,
    first_name: "Emulator",
    last_name: "Owner",
    scopes: ["owner"]
  })
  for (const member of seed.members ?? []) {
    const member_id = stableUuid("emulator-member", project_id, member.email)
    members.set(member_id, {
      member_id,
      email: member.email,
      first_name: member.firstName,
      last_name: member.lastName,
      scopes: [...(member.scopes ?? ["member"])]
    })
  }
  const purchase: Purchase = {
    order_id: stableUuid("emulator-order", project_id),
    expiration: "2099-12-31T00:00:00.000Z",
    created: seededAt,
    amount: seed.balance ?? 200,
    units: "usd",
    order_type: "promotional"
  }
  const balance: Balance = {
    balance_id: stableUuid("emulator-balance", project_id),
    amount: purchase.amount,
    units: "usd",
    purchase_order_id: purchase.order_id
  }
  return {
    project_id,
    name: seed.name,
    mip_opt_out: seed.mipOptOut ?? false,
    members,
    keys: new Map(),
    invites: new Map(),
    balances: new Map([[balance.balance_id, balance]]),
    purchases: [purchase],
    credentials: new Map(),
    agents: new Map(),
    variables: new Map()
  }
}

/**
 * The initial state: the default project (unless disabled), the seeded projects, and the configured API keys as
 * keys of the first project.
 *
 * @internal
 */
export const makeManageState = (options: {
  readonly defaultProject: boolean
  readonly projects: ReadonlyArray<ProjectSeed>
  readonly apiKeys: ReadonlyArray<string>
  readonly auth: Authenticator
}): ManageState => {
  const fromHash = (hash: string) => stableUuid("emulator-api-key", hash)
  const keyIdOf = (secret: string) => fromHash(options.auth.keyId(secret))
  const seeds = [...(options.defaultProject ? [{ name: "Emulator Project" }] : []), ...options.projects]
  const projects = new Map<string, Project>()
  seeds.forEach((seed, index) => {
    const project = makeProject(seed, index)
    projects.set(project.project_id, project)
  })
  const first = projects.values().next().value
  if (first !== undefined) {
    options.apiKeys.forEach((secret, index) => {
      const api_key_id = keyIdOf(secret)
      first.keys.set(api_key_id, {
        api_key_id,
        comment: `configured key ${index + 1}`,
        scopes: ["member"],
        tags: [],
        expiration_date: undefined,
        created: seededAt,
        member_id: ownerMemberId,
        secret: undefined
      })
    })
  }
  return {
    projects,
    keyIdOf,
    accessorOf: (credential) => {
      if (credential.value === undefined) return undefined
      if (credential.scheme === "token") return keyIdOf(credential.value)
      if (credential.scheme === "bearer") {
        const subject = options.auth.subjectOf(credential.value)
        return subject === undefined ? undefined : fromHash(subject)
      }
      return undefined
    }
  }
}

/**
 * The project a request with this API key id belongs to: the one holding the key, else the first project.
 *
 * @internal
 */
export const projectOfAccessor = (state: ManageState, accessor: string | undefined): Project | undefined => {
  if (accessor !== undefined) {
    for (const project of state.projects.values()) {
      if (project.keys.has(accessor)) return project
    }
  }
  return state.projects.values().next().value
}
