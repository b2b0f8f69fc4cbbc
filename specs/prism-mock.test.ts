import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documents, type SpecName } from '../generated/documents.ts';
import { operationsOf, vendorOf } from './lib/operations.ts';
import { sampleRequest, successStatus } from './lib/sample-request.ts';
import { startPrism, type RunningPrism } from '../mocks/prism/launch.ts';

const specsDir = path.dirname(fileURLToPath(import.meta.url));
const vendorSpecs = (Object.keys(documents) as SpecName[]).filter((n) => vendorOf(documents[n]));

describe.each(vendorSpecs)('prism mock specs/%s.openapi.yaml', (name) => {
  let prism: RunningPrism | undefined;
  afterAll(() => prism?.stop());

  it('starts cleanly and answers its success status to a request built from the spec', async () => {
    prism = await startPrism({ mode: 'mock', spec: path.join(specsDir, `${name}.openapi.yaml`) });
    for (const op of operationsOf(documents[name], name)) {
      const request = sampleRequest(documents[name], op);
      const response = await fetch(`${prism.url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      });
      const text = await response.text();
      expect(response.status, `${op.operationId}: ${text}`).toBe(successStatus(op));
      expect(response.headers.get('sl-violations'), 'Prism found the request invalid').toBeNull();
    }
  });
});
