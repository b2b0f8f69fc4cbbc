import type { JsonSchema } from '../../../specs/lib/openapi-document.ts';
import { resolve } from '../../../specs/lib/operations.ts';
import { vendorSpec } from '../spec-index.ts';
import { requestValues } from '../request-values.ts';
import { defineCheck } from './check.ts';

const scalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/**
 * A success body that names an identifier the request sent (a path parameter, a query parameter
 * or a top-level body field of the same name) names the same value: a body that answers for
 * another customer or card passes the schema, not this check.
 */
export const echoesRequest = defineCheck('echoesRequest', ({ operation, request, response, documented }) => {
  if (!documented || response.status >= 300 || typeof response.json !== 'object' || response.json === null || Array.isArray(response.json)) return [];
  const sent = requestValues(operation, request);
  const media = Object.values(documented.content)[0];
  const inferred = vendorSpec(operation.spec).inferred;
  const properties = (media?.schema ? resolveProperties(operation.spec, media.schema) : {}) as Record<string, unknown>;
  return Object.entries(response.json as Record<string, unknown>)
    .filter(([key, value]) => scalar(value) && scalar(sent[key]) && String(value) !== String(sent[key]))
    .map(([key, value]) => ({
      expected: `${key}=${JSON.stringify(String(sent[key]))} (as sent)`,
      actual: `${key}=${JSON.stringify(value)}`,
      hint: `The answer names another ${key} than the request did.`,
      inferred: inferred.nodeBasis(properties[key]) ?? inferred.nodeBasis(media?.schema),
    }));
});

function resolveProperties(vendor: string, schema: JsonSchema): unknown {
  return resolve<{ properties?: unknown }>(vendorSpec(vendor).document, schema as { properties?: unknown }).properties ?? {};
}
