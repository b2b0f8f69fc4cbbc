import { describe, expect, it } from 'vitest';
import { documents, type SpecName } from '../generated/documents.ts';
import { createSchemaRegistry, describeErrors } from './lib/schema-registry.ts';
import { examplesIn } from './lib/examples.ts';
import { examplesOf, operationsOf, resolve, vendorOf } from './lib/operations.ts';
import { driftedFiles } from '../scripts/generate.ts';

const specNames = Object.keys(documents) as SpecName[];

/**
 * The statuses each seed page documents, read off the pages in ../shared/seeds/. A spec may add a
 * status only if it marks it `x-inferred`.
 */
const SEED_STATUSES: Record<string, { seed: string; operationId: string; statuses: number[] }> = {
  pismo: { seed: '000', operationId: 'post-v2-card-bind', statuses: [202, 400, 401, 403, 409, 500] },
  paysafe: { seed: '001', operationId: 'assignBulkCard', statuses: [200, 400, 401, 404, 500, 503] },
  enfuce: { seed: '002', operationId: 'createMultiApplicationCard', statuses: [201] },
  // The page names no status for its example response: Capillary's 200 is x-inferred.
  capillary: { seed: '003', operationId: 'addCardToSeries', statuses: [400, 401, 403, 404, 409] },
  'exchange-solutions': { seed: '004', operationId: 'addCardsToAccount', statuses: [200, 400, 401] },
};

describe('generated/', () => {
  it('matches what the specs produce (run `npm run generate` after changing a spec)', async () => {
    expect(await driftedFiles()).toEqual([]);
  }, 60_000);
});

describe.each(specNames)('specs/%s.openapi.yaml', (name) => {
  const document = documents[name];

  it('is OpenAPI 3.1.0', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('has every example valid against its schema', () => {
    const registry = createSchemaRegistry(document, name, { validateSchema: true });
    const examples = examplesIn(document);
    expect(examples.length).toBeGreaterThan(0);
    const invalid = examples
      .map((ex) => {
        const validate = registry.validator(ex.schema);
        const valid = validate(ex.value);
        if (ex.invalid) return valid ? `${ex.at}: marked x-cardmock-invalid but valid` : undefined;
        return valid ? undefined : `${ex.at}: ${describeErrors(validate.errors).join('; ')}`;
      })
      .filter(Boolean);
    expect(invalid).toEqual([]);
  });
});

describe('error envelopes', () => {
  const vendorSpecs = specNames.filter((n) => vendorOf(documents[n]) !== undefined);

  it.each(vendorSpecs)('%s: every error example carries a code where its envelope says (x-cardmock-error)', (name) => {
    const document = documents[name];
    const missing: string[] = [];
    for (const op of operationsOf(document, name)) {
      for (const response of op.responses.filter((r) => r.status >= 400)) {
        const schema = Object.values(response.content)[0]?.schema;
        if (!schema) continue;
        const envelope = resolve<{ 'x-cardmock-error'?: { code: string } }>(document, schema as never)['x-cardmock-error'];
        for (const example of examplesOf(document, response)) {
          const code = envelope?.code.split('/').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], example.value);
          if (typeof code !== 'string' && typeof code !== 'number') missing.push(`${op.operationId} ${response.status} ${example.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('documented statuses', () => {
  const vendorSpecs = specNames.filter((n) => vendorOf(documents[n]) !== undefined);

  it('covers exactly the five seed pages', () => {
    expect(vendorSpecs.sort()).toEqual(Object.keys(SEED_STATUSES).sort());
  });

  it.each(Object.entries(SEED_STATUSES))('%s documents exactly the seed statuses plus x-inferred extras', (name, seed) => {
    const [operation, ...others] = operationsOf(documents[name as SpecName], name);
    expect(others).toEqual([]);
    expect(operation?.operationId).toBe(seed.operationId);
    const documented = operation!.responses.filter((r) => !r.inferred).map((r) => r.status).sort();
    expect(documented).toEqual([...seed.statuses].sort());
  });
});
