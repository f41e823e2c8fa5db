// The shape every benchmark returns to bench/run.ts.
import type { Table } from "./util.js"

export interface Target {
  readonly name: string
  readonly pass: boolean
  readonly detail: string
}

export interface BenchResult {
  readonly id: string
  readonly title: string
  /** What was measured and how, in a sentence or two. */
  readonly setup: string
  readonly table: Table
  readonly targets: ReadonlyArray<Target>
  readonly notes: ReadonlyArray<string>
  /** The raw numbers behind the table. */
  readonly data: unknown
}

export interface Bench {
  readonly id: string
  readonly title: string
  readonly run: () => Promise<BenchResult>
}
