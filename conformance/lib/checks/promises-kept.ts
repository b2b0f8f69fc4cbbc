import type { OperationSpec } from '../../../specs/lib/operations.ts';
import { answersOf, type Rule, type RulePromise } from '../../../specs/lib/rules.ts';
import type { ObservedResponse, SentRequest } from '../http-client.ts';
import { parseJson } from '../parse-json.ts';
import { promiseBasis } from '../provenance.ts';
import { requestValues } from '../request-values.ts';
import { defineCheck, preview } from './check.ts';

/** Every value at a pointer whose `*` segments stand for each item of an array. */
export function valuesAt(value: unknown, pointer: string): unknown[] {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let nodes: unknown[] = [value];
  for (const key of keys) {
    nodes = nodes.flatMap((node) => {
      if (key === '*') return Array.isArray(node) ? node : [];
      return typeof node === 'object' && node !== null && key in node ? [(node as Record<string, unknown>)[key]] : [];
    });
  }
  return nodes;
}

/** Every scalar leaf under a value, as text. */
function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return value === undefined || value === null ? [] : [String(value).trim()];
}

/** The values a request sent at `path:<name>`, `query:<name>`, `header:<name>` or `body:<pointer>`. */
function sentValues(op: OperationSpec, request: SentRequest, ref: string): unknown[] {
  const colon = ref.indexOf(':');
  const where = ref.slice(0, colon);
  const what = ref.slice(colon + 1);
  if (where === 'body') return request.body === undefined ? [] : valuesAt(parseJson(request.body), what);
  if (where === 'header') return request.headers[what.toLowerCase()] === undefined ? [] : [request.headers[what.toLowerCase()]];
  const value = requestValues(op, request)[what];
  return value === undefined ? [] : [value];
}

type Broken = { expected: string; actual: string; hint: string };

function brokenPromise(op: OperationSpec, promise: RulePromise, request: SentRequest, json: unknown, history: ObservedResponse[]): Broken | undefined {
  if ('equals' in promise) {
    const [sent] = sentValues(op, request, promise.equals);
    if (sent === undefined) return undefined;
    const [actual] = valuesAt(json, promise.at);
    if (actual !== undefined && String(actual) === String(sent)) return undefined;
    return { expected: `${promise.at}=${JSON.stringify(String(sent))} (as sent in ${promise.equals})`, actual: actual === undefined ? `no ${promise.at}` : `${promise.at}=${JSON.stringify(actual)}`, hint: `The answer names another ${promise.at.slice(1)} than the request did, or none.` };
  }
  if ('count' in promise) {
    const [sent] = sentValues(op, request, promise.count);
    if (typeof sent !== 'number') return undefined;
    const [list] = valuesAt(json, promise.at);
    if (Array.isArray(list) && list.length === sent) return undefined;
    return { expected: `${sent} item(s) at ${promise.at} (${promise.count})`, actual: Array.isArray(list) ? `${list.length}` : `no list at ${promise.at}`, hint: 'Answer one item for every one the request asked for.' };
  }
  if ('every' in promise) {
    const found = new Set(promise.in.flatMap((p) => valuesAt(json, p)).flatMap(leaves));
    const missing = sentValues(op, request, promise.every).map((v) => String(v).trim()).filter((v) => !found.has(v));
    if (missing.length === 0) return undefined;
    return { expected: `every value of ${promise.every} in ${promise.in.join(' or ')}`, actual: `not accounted for: ${missing.join(', ')}`, hint: 'Account for every item the request sent: in the successes, or in the failures with a reason.' };
  }
  const seen = history.flatMap((h) => (h.status >= 200 && h.status < 300 ? valuesAt(h.json, promise.distinct) : [])).map(String);
  const again = valuesAt(json, promise.distinct).map(String).filter((v, i, all) => seen.includes(v) || all.indexOf(v) !== i);
  if (again.length === 0) return undefined;
  return { expected: `a new ${promise.distinct} (distinct from earlier answers of this session)`, actual: `given again: ${preview(again.join(', '))}`, hint: 'Give every created thing an identifier of its own.' };
}

/** The rules whose promises a success is judged by: the scenario's rule, or for traffic every success rule of that status. */
function rulesFor(op: OperationSpec, rule: Rule | undefined, status: number): Rule[] {
  const candidates = rule ? [rule] : op.rules;
  return candidates.filter((r) => r.promises && answersOf(r).some((a) => a.status === status));
}

/**
 * A success keeps what its rule promises about the request (rules catalogue, `promises`): the
 * identifiers it was asked about, every item it was sent, as many items as it was asked for, and a
 * new identifier for every thing it creates. A body that passes the schema but answers for another
 * card, drops a requested item or hands out an identifier twice is caught here.
 */
export const promisesKept = defineCheck('promisesKept', ({ rule, operation, request, response, history }) => {
  if (response.status < 200 || response.status >= 300 || response.json === undefined) return [];
  const earlier = (history ?? []).map((h) => h.response);
  return rulesFor(operation, rule, response.status).flatMap((r) =>
    (r.promises ?? []).flatMap((promise) => {
      const broken = brokenPromise(operation, promise, request, response.json, earlier);
      return broken ? [{ ...broken, hint: `${broken.hint} (${r.id})`, inferred: promiseBasis(r, promise) }] : [];
    }),
  );
});
