/**
 * What scripts/specmatic-examples.ts checks with Specmatic, in-process and without Java: every
 * paired example of every vendor spec (specs/README.md, "Paired examples"), sent to one fresh
 * session of the mock in the spec's order and in reverse, gets the status of its response example
 * and a body of its schema; an error example's body holds every field of the example (the mock may
 * add a `detail`), and a success example's too, except the values the catalogue calls generated
 * (`distinct`). Validation refusals (`applies: request-invalid`) name the request's problems in
 * their messages, so only their status and schema are compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, freshSession } from '../mocks/testing/transports.ts';
import { FAULT_HEADER } from '../mocks/core/types.ts';
import type { VendorModule } from '../mocks/core/vendor.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import { examplesOf, operationsOf, type OperationSpec } from '../specs/lib/operations.ts';
import { createSchemaRegistry } from '../specs/lib/schema-registry.ts';
import { exampleRequest, pairedExamples, type PairedExample } from './paired-examples.ts';

const transport = createTransport('core');
beforeAll(() => transport.start());
afterAll(() => transport.stop());

/** The example's value as the mock must answer it: without the fields the catalogue calls generated. */
function expectedBody(op: OperationSpec, example: PairedExample, value: unknown): unknown {
  const generated = op.rules
    .filter((r) => r.answer.status === example.status && r.answer.example === example.name)
    .flatMap((r) => (r.promises ?? []).flatMap((p) => ('distinct' in p ? [p.distinct.split('/')[1]!] : [])));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !generated.includes(key)));
}

async function answersOf(vendor: VendorModule, op: OperationSpec, examples: PairedExample[]) {
  const session = freshSession(vendor.name);
  const answers = [];
  for (const example of examples) {
    const request = exampleRequest(vendor, op, example);
    if (example.fault) request.headers[FAULT_HEADER] = String(example.fault);
    answers.push({ example, received: await transport.send(vendor.name, session, request) });
  }
  return answers;
}

describe.each(allVendors.map((v) => [v.name, v] as const))('paired examples of %s', (_name, vendor) => {
  const registry = createSchemaRegistry(vendor.document, `${vendor.name}-examples`);
  const operations = operationsOf(vendor.document, vendor.name);

  it.each(['in the spec order', 'in reverse'])('each gets its answer, %s, in one session', async (order) => {
    for (const op of operations) {
      const examples = pairedExamples(vendor, op);
      expect(examples.length).toBeGreaterThan(2);
      for (const { example, received } of await answersOf(vendor, op, order === 'in reverse' ? [...examples].reverse() : examples)) {
        const what = `${example.name} (${example.condition})`;
        expect(received.status, what).toBe(example.status);
        const documented = op.responses.find((r) => r.status === example.status)!;
        const named = examplesOf(vendor.document, documented).find((e) => e.name === example.name);
        if (!named) continue;
        const schema = documented.content[named.mediaType]!.schema!;
        expect(registry.validator(schema)(received.body), what).toBe(true);
        const validation = op.rules.some((r) => r.applies === 'request-invalid' && r.answer.example === example.name);
        if (!validation) expect(received.body, what).toMatchObject(expectedBody(op, example, named.value) as object);
      }
    }
  });
});
