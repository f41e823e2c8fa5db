/**
 * Every catalog operation served through `api.ts`: management, usage and billing, read, self-hosted
 * credentials and the agent's REST operations.
 *
 * @internal
 */
import { agentRoutes } from "./agentRest.js"
import type { Route } from "./api.js"
import { manageRoutes } from "./manage.js"
import { readRoutes } from "./read.js"
import { selfHostedRoutes } from "./selfHosted.js"
import { usageRoutes } from "./usage.js"

/** @internal */
export const restRoutes: ReadonlyArray<Route> = [
  ...manageRoutes,
  ...usageRoutes,
  ...readRoutes,
  ...selfHostedRoutes,
  ...agentRoutes
]
