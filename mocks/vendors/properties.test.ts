/**
 * Properties over every vendor operation, generated from the specs: a body the spec rejects always
 * gets a documented 4xx; a body it accepts gets 2xx or a documented 4xx; nothing ever answers 5xx.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allVendors } from './index.ts';
import { bodyArbitrary, bodyVerdict, call, documented4xx, propertyEngine } from '../testing/properties.ts';

describe.each(allVendors.flatMap((v) => v.responses.operations.filter((op) => op.requestBody).map((op) => [v.name, op.operationId, v] as const)))(
  '%s %s: request bodies',
  (_name, operationId, vendor) => {
    const sample = vendor.samples.requests[operationId]!;
    const accepts = bodyVerdict(vendor, operationId);
    const fourxx = documented4xx(vendor, operationId);
    const success = vendor.responses.operation(operationId).responses.map((r) => r.status).filter((s) => s < 300);

    it('schema-violating bodies get a documented 4xx; valid ones 2xx or a documented 4xx', async () => {
      const { engine } = propertyEngine();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(bodyArbitrary(sample.body), async (body) => {
          const response = await call(engine, vendor, operationId, sample, `p${++n}`, JSON.stringify(body));
          if (!accepts(body)) expect(fourxx).toContain(response.status);
          else expect([...success, ...fourxx]).toContain(response.status);
        }),
        { numRuns: 300 },
      );
    });
  },
);
