// The vitest projects: one per package, each merging vitest.shared.ts.
// vitest.config.ts passes this list to `test.projects` (the `vitest.workspace.ts`
// file form is deprecated since vitest 3.2).
export const projects = ["packages/*/vitest.config.ts", "examples/vitest.config.ts"]
