/**
 * A scenario provokes one rule of an operation's catalogue (`x-cardmock-rules`): the fixtures it
 * needs, the requests it sends (setup steps, then the judged request), and — from the rule — what
 * must come back. Case files write drafts; `scenariosOf` fills in what the rule says.
 */
import type { RuleAnswer } from '../../specs/lib/rules.ts';
import { operation, ruleOf } from './spec-index.ts';

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
  /** What a setup step must get: a success (default) or a refusal (any 4xx). */
  expect?: 'success' | 'refusal';
}

/** One value per key, as a scenario sees it (a pooled key gives each scenario its own value). */
export type Fixtures = Record<string, string | number>;
/** What a target offers: a value, or a pool of values of which each consuming scenario takes its own. */
export type FixturePools = Record<string, string | number | (string | number)[]>;

export interface Scenario {
  /** Unique, stable: `<vendor>.<operation>.<status>-<slug>`. */
  id: string;
  title: string;
  vendor: string;
  operationId: string;
  /**
   * The id of the one rule this scenario isolates (`paysafe.assign.card-of-customer`): its request
   * is answered by that rule and by no other, so a vendor that drops the rule cannot pass it.
   */
  rule: string;
  /** The status that answers the rule (from the catalogue). */
  status: number;
  /** The named example of that status that answers the rule (from the catalogue). */
  example?: string;
  /** Other answers the vendor documents for the same case (from the catalogue); any of them keeps the rule. */
  alternatives?: RuleAnswer['alternatives'];
  /** Fixture keys the scenario needs from the target. */
  needs?: string[];
  /** The expected outcome changes data on the target. */
  mutates?: boolean;
  /** Provoked by fault injection (the rule applies to a fault); needs the `control` capability. */
  fault?: boolean;
  /** The judged request breaks the spec, or carries no valid credentials (a validating proxy may answer it itself). */
  intent?: 'invalid-input' | 'no-auth';
  /**
   * Spec parts (JSON pointers, `#/components/schemas/X/required`) the request breaks the rule
   * through, beyond the rule itself: when one of them is x-inferred (a `minLength` cardmock
   * added), whether the request is refused at all is a guess.
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

/** What a case file writes: the rule's answer, the vendor, the operation and fault are filled in from the catalogue. */
export type ScenarioDraft = Omit<Scenario, 'vendor' | 'operationId' | 'status' | 'example' | 'alternatives' | 'fault'>;

/** Scenarios of one operation from their drafts: each takes its answer from the rule it names. */
export function scenariosOf(vendor: string, operationId: string, drafts: ScenarioDraft[]): Scenario[] {
  const rules = operation(vendor, operationId).rules;
  return drafts.map((draft) => {
    const rule = ruleOf(vendor, draft.rule);
    if (!rules.includes(rule)) throw new Error(`${draft.id}: rule ${draft.rule} is not a rule of ${vendor} ${operationId}`);
    const { status, example, alternatives } = rule.answer;
    return {
      ...draft,
      vendor,
      operationId,
      status,
      ...(example !== undefined ? { example } : {}),
      ...(alternatives ? { alternatives } : {}),
      ...(rule.applies === 'fault' ? { fault: true } : {}),
    };
  });
}

/** A rule (or a documented status) that no scenario can provoke, and why. */
export interface Unprovokable {
  vendor: string;
  operationId: string;
  /** The rule that cannot be provoked; or, for a status without a rule of its own, the status. */
  rule?: string;
  status?: number;
  reason: string;
}

export interface CaseFile {
  scenarios: Scenario[];
  unprovokable?: Unprovokable[];
}

/** A value that exists nowhere, for "unknown ID" scenarios. */
export const unknownId = (label: string) => `cardmock-unknown-${label}-${Math.random().toString(36).slice(2, 10)}`;
