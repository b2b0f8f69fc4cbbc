/**
 * The rules catalogue of an operation (`x-cardmock-rules`): every rule the vendor's page states or
 * cardmock infers, with a stable id, one sentence, its source, its provenance and the answer it
 * gets. The mocks name the rule that answered; the conformance suite keys its scenarios and its
 * matrix by rule. specs/README.md, "The rules catalogue", describes the fields; the Spectral
 * function `rules-catalogue` lints them.
 */

export type Provenance = 'documented' | 'inferred';

/** A quote of the vendor's page, a vendor fact with its page, or why cardmock infers the rule. */
export type RuleSource = { page: string; quote: string } | { page: string; fact: string } | { inferred: string };

export interface RuleAnswer {
  status: number;
  /** The named example of `status` that answers the rule (none for a status without a body). */
  example?: string;
  /** Other answers the vendor documents for the same case, any of which keeps the rule. */
  alternatives?: { status: number; example?: string }[];
}

/**
 * Where the core, not the operation, answers a rule: a request that breaks the spec, credentials
 * that are missing or not of the documented scheme, or an injected fault of the answer's status.
 */
export type RuleApplies = 'request-invalid' | 'credentials-missing' | 'credentials-malformed' | 'fault';

/**
 * What a success answer keeps of the request: a field equal to a request value, a list holding
 * every value the request lists, a list as long as a number the request sends, a value never given
 * twice in one session. Request values are `path:<name>`, `query:<name>`, `header:<name>` or
 * `body:<pointer>`, where `*` in a pointer stands for every item of an array.
 */
export type RulePromise = ({ at: string; equals: string } | { at: string; count: string } | { every: string; in: string[] } | { distinct: string }) & {
  /** The promise is cardmock's reading, though the rule is not. */
  inferred?: string;
};

export interface Rule {
  id: string;
  rule: string;
  provenance: Provenance;
  source: RuleSource;
  answer: RuleAnswer;
  applies?: RuleApplies;
  promises?: RulePromise[];
}

/** The rules of an operation object as the spec writes them (empty when it has no catalogue). */
export function rulesOfOperation(operation: object): Rule[] {
  const rules = (operation as { 'x-cardmock-rules'?: unknown })['x-cardmock-rules'];
  return Array.isArray(rules) ? (rules as Rule[]) : [];
}

/** The sentence a reader sees for a source: the quote or fact with its page, or the reason it is inferred. */
export function describeSource(source: RuleSource): string {
  if ('inferred' in source) return `inferred: ${source.inferred}`;
  return 'quote' in source ? `${source.page}: "${source.quote}"` : `${source.page}: ${source.fact}`;
}

/** Every answer that keeps the rule: its own, then its documented alternatives. */
export const answersOf = (rule: Rule): { status: number; example?: string }[] => [rule.answer, ...(rule.answer.alternatives ?? [])];

/**
 * The rule of a catalogue that the core answers in one of its own places (`applies`): for `fault`,
 * the one whose answer has the fault's status. Undefined when the catalogue has none.
 */
export function ruleApplying(rules: readonly Rule[], applies: RuleApplies, status?: number): Rule | undefined {
  return rules.find((rule) => rule.applies === applies && (status === undefined || rule.answer.status === status));
}
