import { bodyBasis } from '../provenance.ts';
import { validateBody } from '../spec-index.ts';
import { defineCheck, preview } from './check.ts';
import { mediaType } from './content-type-documented.ts';

/**
 * The body validates against the documented schema of its status (ajv 2020-12, compiled once).
 * Each schema error names the x-inferred part it rests on, if any; an extra field never fails.
 */
export const bodyMatchesSchema = defineCheck('bodyMatchesSchema', ({ operation, response, documented }) => {
  if (!documented) return [];
  const media = documented.content[mediaType(response.headers['content-type'])] ?? Object.values(documented.content)[0];
  if (!media?.schema) return [];
  const whole = bodyBasis(operation, documented);
  if (response.json === undefined) {
    // An empty body is contentTypeDocumented's finding; this check judges bodies that came.
    if (response.text === '') return [];
    return [{ expected: 'a JSON body', actual: preview(response.text), hint: 'The documented response has a JSON body.', inferred: whole }];
  }
  const result = validateBody(operation.spec, media.schema)(response.json);
  return result.errors.map((e) => ({
    expected: `${e.instancePath || '(body)'} ${e.message ?? 'valid'}`,
    actual: preview(JSON.stringify(e.data ?? null)),
    hint: `Body of ${response.status} breaks the schema at ${e.instancePath || 'the root'} (${e.keyword}).`,
    inferred: e.inferred ?? whole,
  }));
});
