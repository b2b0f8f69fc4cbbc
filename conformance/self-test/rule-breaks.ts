/**
 * Servers that differ from our mocks in one rule of a catalogue, derived from the catalogues and
 * from the rule each of our answers names (`x-cardmock-rule`):
 * - a broken server per documented rule: it answers the rule's requests the other way (a success
 *   where the rule refuses, a refusal where it accepts), and, for a success's promises, keeps the
 *   status but breaks the promise. The suite must fail every one.
 * - a faithful server per inferred rule: where the page is silent it decides the other way, and the
 *   suite must pass it with warnings only.
 */
import type { MockResponse } from '../../mocks/core/types.ts';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { Rule, RulePromise } from '../../specs/lib/rules.ts';
import { examplesOf } from '../../specs/lib/operations.ts';
import { scenarios } from '../cases/index.ts';
import { valuesAt } from '../lib/checks/promises-kept.ts';
import { vendorNames, vendorSpec } from '../lib/spec-index.ts';
import type { Variant } from './faithful-variants.ts';
import type { Mutant } from './mutants.ts';

interface CatalogueRule {
  vendor: string;
  op: OperationSpec;
  rule: Rule;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/** Every rule of every catalogue that a scenario judges (a rule none can provoke has nothing to break). */
function judgedRules(): CatalogueRule[] {
  return vendorNames().flatMap((vendor) =>
    vendorSpec(vendor).operations.flatMap((op) => op.rules.filter((rule) => scenarios.some((s) => s.rule === rule.id)).map((rule) => ({ vendor, op, rule }))),
  );
}

/** A documented answer of the operation: its first success rule's, or its request-invalid rule's. */
function answerOf(op: OperationSpec, success: boolean): MockResponse {
  const rule = op.rules.find((r) => (success ? isSuccess(r.answer.status) : r.applies === 'request-invalid'))!;
  const documented = op.responses.find((r) => r.status === rule.answer.status)!;
  const example = examplesOf(vendorSpec(op.spec).document, documented).find((e) => e.name === rule.answer.example);
  const mediaType = Object.keys(documented.content)[0];
  return { status: rule.answer.status, headers: mediaType ? { 'content-type': mediaType } : {}, ...(example ? { body: structuredClone(example.value) } : {}) };
}

/** The answer the other way round: a success where the rule refuses, a refusal where it accepts. */
const turned = ({ op, rule }: CatalogueRule) => answerOf(op, !isSuccess(rule.answer.status));

/** A documented rule broken by answering its requests the other way round. */
function turnedMutant(entry: CatalogueRule): Mutant {
  return {
    name: `${entry.rule.id}: answered the other way round`,
    check: 'ruleKept',
    vendor: entry.vendor,
    rule: entry.rule.id,
    mutate: (_request, response) => (response.rule === entry.rule.id ? turned(entry) : response),
  };
}

function setAt(body: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = pointer.split('/').slice(1);
  const parent = keys.slice(0, -1).reduce<any>((node, key) => node?.[key], copy);
  if (parent && typeof parent === 'object') parent[keys.at(-1)!] = value;
  return copy;
}

/** The list a pointer with `*` runs through (`/successList/*` → `/successList`). */
const listOf = (pointer: string) => pointer.slice(0, pointer.indexOf('/*'));

/** The body with the promise broken; `seen` keeps what earlier answers of a session gave. */
function breakPromise(promise: RulePromise, body: unknown, seen: Map<string, unknown>, session: string): unknown {
  if ('equals' in promise) return setAt(body, promise.at, 'cardmock-broken');
  if ('count' in promise) return setAt(body, promise.at, [...((valuesAt(body, promise.at)[0] as unknown[]) ?? []), 'cardmock-extra']);
  if ('every' in promise) return promise.in.reduce((b, p) => (p.includes('/*') ? setAt(b, listOf(p), []) : setAt(b, p, [])), body);
  // distinct: every answer of a session gives the first value it gave.
  const first = seen.get(session);
  if (first === undefined) {
    seen.set(session, promise.distinct.includes('/*') ? valuesAt(body, listOf(promise.distinct))[0] : valuesAt(body, promise.distinct)[0]);
    return body;
  }
  return setAt(body, promise.distinct.includes('/*') ? listOf(promise.distinct) : promise.distinct, structuredClone(first));
}

/** A documented success rule whose answer keeps its status but breaks one promise. */
function promiseMutant(entry: CatalogueRule, promise: RulePromise): Mutant {
  const seen = new Map<string, unknown>();
  const kind = Object.keys(promise).find((k) => k !== 'inferred' && k !== 'at' && k !== 'in')!;
  const where = 'at' in promise ? promise.at : 'every' in promise ? promise.every : promise.distinct;
  return {
    name: `${entry.rule.id}: answers that break its promise (${kind} ${where})`,
    check: 'promisesKept',
    vendor: entry.vendor,
    rule: entry.rule.id,
    mutate: (request, response) =>
      response.rule === entry.rule.id ? { ...response, body: breakPromise(promise, response.body, seen, request.headers['x-cardmock-session'] ?? '') } : response,
  };
}

/**
 * Broken servers, one per documented rule a scenario judges (and one per promise of its success).
 * Enfuce's errors-not-stored has no answer of its own (its success is creates-card's), so its break
 * is a server that stores errors under the idempotency key and replays them.
 */
export function documentedRuleMutants(): Mutant[] {
  const documented = judgedRules().filter((entry) => entry.rule.provenance === 'documented');
  return documented.flatMap((entry) => [
    ...(entry.rule.id === 'enfuce.create.errors-not-stored' ? [storedErrorsMutant(entry)] : [turnedMutant(entry)]),
    ...(entry.rule.promises ?? []).filter((p) => !p.inferred).map((promise) => promiseMutant(entry, promise)),
  ]);
}

function storedErrorsMutant(entry: CatalogueRule): Mutant {
  const stored = new Map<string, MockResponse>();
  return {
    name: `${entry.rule.id}: errors stored under the idempotency key and replayed`,
    check: 'ruleKept',
    vendor: entry.vendor,
    rule: entry.rule.id,
    mutate: (request, response) => {
      const key = request.headers['x-idempotency-key'];
      if (!key || !request.path.startsWith(`/${entry.vendor}/`)) return response;
      const id = `${request.headers['x-cardmock-session'] ?? ''} ${key}`;
      const earlier = stored.get(id);
      if (earlier) return earlier;
      if (response.status >= 400) stored.set(id, response);
      return response;
    },
  };
}

/** Faithful servers, one per inferred rule a scenario judges: the page is silent, so they decide the other way. */
export function inferredRuleVariants(): (Variant & { rule: string })[] {
  return judgedRules()
    .filter((entry) => entry.rule.provenance === 'inferred')
    .map((entry) => ({
      name: `${entry.rule.id} decided the other way (${isSuccess(entry.rule.answer.status) ? 'refused' : 'accepted'})`,
      vendors: [entry.vendor],
      rule: entry.rule.id,
      response: (_request, response) => (response.rule === entry.rule.id ? turned(entry) : response),
    }));
}
