/**
 * A scenario provokes one documented status of one operation: the fixtures it needs, the requests
 * it sends (setup steps, then the judged request), and what must come back.
 */
export interface RequestSpec {
  /** Values for the operation's path template. */
  path: Record<string, string | number>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body; use `rawBody` to send text as is. */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** 'target' (default): the target's credentials; 'none': no Authorization; any other string: that header value. */
  auth?: 'target' | 'none' | string;
  /** Expected status of a setup step (defaults to the scenario's success status). */
  expect?: number;
}

/** One value per key, as a scenario sees it (a pooled key gives each scenario its own value). */
export type Fixtures = Record<string, string | number>;
/** What a target offers: a value, or a pool of values of which each consuming scenario takes its own. */
export type FixturePools = Record<string, string | number | (string | number)[]>;

export interface Scenario {
  /** Unique, stable: `<vendor>.<operationId>.<status>-<slug>`. */
  id: string;
  title: string;
  vendor: string;
  operationId: string;
  /** The documented status this scenario provokes. */
  status: number;
  /** Named example of that status the body must match (code and message). */
  example?: string;
  /**
   * Other documented answers to the same case, where the page documents more than one (ES: a
   * closed account is both a 400 and a 401). Any of them passes.
   */
  alternatives?: { status: number; example?: string }[];
  /** Fixture keys the scenario needs from the target. */
  needs?: string[];
  /** The expected outcome changes data on the target. */
  mutates?: boolean;
  /** Provoked by fault injection; needs the `control` capability. */
  fault?: boolean;
  /** What the judged request is, for the intent checks. */
  intent?: 'invalid-input' | 'no-auth';
  /**
   * The one rule this scenario isolates, stated so that a reader can tell why no other rule can
   * produce the same answer.
   */
  rule: string;
  /**
   * Spec parts (JSON pointers, `#/components/schemas/X/required`) the expected outcome rests on,
   * beyond its status and example: when one of them is x-inferred, a deviation is a warning off
   * our own mocks.
   */
  basis?: string[];
  /** Fixture keys whose value this scenario uses up (a card it binds): it takes one no other scenario gets. */
  consumes?: string[];
  /**
   * A semantic property the judged request proves: `idempotent-replay` (same body as the first
   * answer, nothing created), `state-change` (a documented rejection follows a success).
   */
  proves?: 'idempotent-replay' | 'state-change';
  setup?: (fixtures: Fixtures) => RequestSpec[];
  request: (fixtures: Fixtures) => RequestSpec;
}

/** A documented status that no scenario can provoke, and why. */
export interface Unprovokable {
  vendor: string;
  operationId: string;
  status: number;
  reason: string;
}

export interface CaseFile {
  scenarios: Scenario[];
  unprovokable?: Unprovokable[];
}

/** A value that exists nowhere, for "unknown ID" scenarios. */
export const unknownId = (label: string) => `cardmock-unknown-${label}-${Math.random().toString(36).slice(2, 10)}`;
