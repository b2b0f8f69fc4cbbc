/**
 * The rules catalogue lint (specs/functions/rules-catalogue.js, rule-reference.js, run by
 * `npm run lint:specs`): each spec's catalogue passes it, and each kind of mistake is reported.
 */
import { describe, expect, it } from 'vitest';
import { documents, type SpecName } from '../generated/documents.ts';
import { operationsOf, resolve, vendorOf } from './lib/operations.ts';
import type { OperationObject, ResponseObject } from './lib/openapi-document.ts';
import examplesPaired from './functions/examples-paired.js';
import ruleReference from './functions/rule-reference.js';
import rulesCatalogue from './functions/rules-catalogue.js';

const vendors = (Object.keys(documents) as SpecName[]).filter((n) => vendorOf(documents[n]) !== undefined);

/** An operation object with its responses resolved, as Spectral hands it to the function. */
function resolvedOperation(vendor: SpecName): OperationObject {
  const document = documents[vendor];
  const op = operationsOf(document, vendor)[0]!;
  const raw = document.paths[op.path]![op.method]!;
  const responses = Object.fromEntries(Object.entries(raw.responses).map(([s, r]) => [s, resolve<ResponseObject>(document, r)]));
  const parameters = (raw.parameters ?? []).map((p) => resolve(document, p));
  return structuredClone({ ...raw, parameters, responses });
}
const lint = (vendor: SpecName, operation: OperationObject) => rulesCatalogue(operation, undefined, { document: { data: documents[vendor] } }).map((p) => p.message);

describe.each(vendors)('rules catalogue of %s', (vendor) => {
  it('passes the lint', () => {
    expect(lint(vendor, resolvedOperation(vendor))).toEqual([]);
  });

  it('has one documented or inferred rule per id, prefixed by the vendor', () => {
    const rules = operationsOf(documents[vendor], vendor)[0]!.rules;
    expect(rules.length).toBeGreaterThan(3);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) expect(rule.id.startsWith(`${vendor}.`)).toBe(true);
  });
});

describe('the lint reports', () => {
  const rulesOf = (op: OperationObject) => op['x-cardmock-rules'] as Record<string, any>[];

  it('an answer the operation does not document, and the example it leaves unanswered', () => {
    const op = resolvedOperation('paysafe');
    rulesOf(op).find((r) => r.answer.example === 'NO_SUCH_CARD')!.answer.example = 'NO_SUCH_CARDX';
    expect(lint('paysafe', op)).toEqual([
      'rule paysafe.assign.card-of-customer names example NO_SUCH_CARDX, which 404 does not have',
      'example NO_SUCH_CARD of 404 answers no rule',
    ]);
  });

  it('a documented rule without a quote or fact, an inferred one without a reason', () => {
    const op = resolvedOperation('pismo');
    const [first, second] = rulesOf(op);
    first!.source = { page: 'seed 000' };
    second!.provenance = 'inferred';
    const problems = lint('pismo', op);
    expect(problems).toContain(`${first!.id} is documented but its source gives no quote or fact with its page`);
    expect(problems).toContain(`${second!.id} is inferred but its source does not say why`);
  });

  it('an id of another vendor, a duplicate, a status no rule answers, two default rules', () => {
    const op = resolvedOperation('capillary');
    const rules = rulesOf(op);
    rules[0]!.id = 'paysafe.add.adds-card';
    rules[2]!.id = rules[3]!.id;
    rules.find((r) => r.applies === 'credentials-malformed')!.applies = 'credentials-missing';
    for (const r of rules.filter((r) => r.answer.status === 403)) r.answer = { status: 401, example: 'UNAUTHORISED' };
    const problems = lint('capillary', op);
    expect(problems).toContain('rule paysafe.add.adds-card: the id is not <vendor>.<operation>.<rule> in lower case (vendor capillary)');
    expect(problems).toContain(`rule id ${rules[3]!.id} is used twice`);
    expect(problems).toContain('status 403 answers no rule');
    expect(problems).toContain('more than one rule applies to credentials-missing');
  });

  it('a promise of no known kind, or one naming no request value', () => {
    const op = resolvedOperation('exchange-solutions');
    const rule = rulesOf(op).find((r) => r.promises)!;
    rule.promises = [{ at: '/successList' }, { at: '/x', equals: 'body.quantity' }];
    const problems = lint('exchange-solutions', op);
    expect(problems).toContain(`${rule.id} has a promise of no known kind: {"at":"/successList"}`);
    expect(problems).toContain(`${rule.id}: "body.quantity" names no request value (path:, query:, header: or body:/pointer)`);
  });

  it('an x-cardmock-alternative example that is the answer of a rule', () => {
    const op = resolvedOperation('exchange-solutions');
    const rule = rulesOf(op).find((r) => r.answer.alternatives)!;
    rule.answer = { status: 401, example: 'ACCOUNT_CLOSED' };
    expect(lint('exchange-solutions', op)).toContain('example ACCOUNT_CLOSED of 401 is x-cardmock-alternative but is the answer of a rule');
  });

  it('an operation without a catalogue', () => {
    const op = resolvedOperation('enfuce');
    delete op['x-cardmock-rules'];
    expect(lint('enfuce', op)).toEqual(['the operation has no rules catalogue (x-cardmock-rules)']);
  });

  it('a schema node naming a rule the catalogue does not have', () => {
    const context = { document: { data: documents['exchange-solutions'] } };
    expect(ruleReference('exchange-solutions.add-cards.one-kind-per-request', undefined, context)).toEqual([]);
    expect(ruleReference('exchange-solutions.add-cards.nope', undefined, context)).toHaveLength(1);
  });
});

describe('the pairing lint (examples-paired)', () => {
  const pairing = (op: OperationObject) => examplesPaired(op).map((p: { message: string }) => p.message);
  const bodyExamples = (op: OperationObject) => (op.requestBody as { content: Record<string, { examples: Record<string, unknown> }> }).content['application/json']!.examples;

  it.each(vendors)('passes %s', (vendor) => {
    expect(pairing(resolvedOperation(vendor))).toEqual([]);
  });

  it('reports a response example without its request, and an x-cardmock-alternative one with a request', () => {
    const op = resolvedOperation('exchange-solutions');
    delete bodyExamples(op).SESSION_NOT_FOUND;
    bodyExamples(op).ACCOUNT_CLOSED = { value: { physicalCards: [{ loyaltyId: '6012000000000003' }] } };
    expect(pairing(op)).toEqual([
      'response example SESSION_NOT_FOUND (400) has no request example of that name in the request body',
      'response example ACCOUNT_CLOSED (401) is x-cardmock-alternative, so it must have no request example of that name',
    ]);
  });
});
