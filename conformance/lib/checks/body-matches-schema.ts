import { validateBody } from '../spec-index.ts';
import { defineCheck, preview } from './check.ts';

/** The body validates against the documented schema of its status (ajv 2020-12, compiled once). */
export const bodyMatchesSchema = defineCheck('bodyMatchesSchema', ({ operation, response, documented }) => {
  if (!documented) return [];
  const media = Object.values(documented.content)[0];
  if (!media?.schema) return [];
  if (response.json === undefined) {
    return [{ expected: 'a JSON body', actual: preview(response.text), hint: 'The documented response has a JSON body.', inferred: documented.inferred }];
  }
  const result = validateBody(operation.spec, media.schema)(response.json);
  return result.errors.map((e) => ({
    expected: `${e.instancePath || '(body)'} ${e.message ?? 'valid'}`,
    actual: preview(JSON.stringify(e.data ?? null), 120),
    hint: `Body of ${response.status} breaks the schema at ${e.instancePath || 'the root'} (${e.keyword}).`,
    inferred: e.inferred || documented.inferred,
  }));
});
