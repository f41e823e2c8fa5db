import { defineProject, mergeConfig } from "vitest/config"
import shared from "../vitest.shared.js"

// The example tests (examples/testing/*.test.ts) run in `npm test` like the packages' suites.
export default mergeConfig(shared, defineProject({ test: { name: "examples", include: ["testing/**/*.test.ts"] } }))
