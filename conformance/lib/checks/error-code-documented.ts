import { examplesOf } from '../../../specs/lib/operations.ts';
import { vendorSpec } from '../spec-index.ts';
import { defineCheck } from './check.ts';

/** Keys whose values identify an error in the vendors' envelopes. */
const IDENTIFYING = new Set(['code', 'errorCode', 'message', 'errorMessage', 'title', 'type']);

/** Identifying leaves of an example: JSON path → value (arrays: their first item). */
export function identifyingLeaves(value: unknown, at = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) {
    if (value.length > 0) for (const [k, v] of identifyingLeaves(value[0], `${at}/0`)) out.set(k, v);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (IDENTIFYING.has(key) && (typeof child === 'string' || typeof child === 'number')) out.set(`${at}/${key}`, child);
      else for (const [k, v] of identifyingLeaves(child, `${at}/${key}`)) out.set(k, v);
    }
  }
  return out;
}

function leafAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** When the scenario names a documented example, the error's code and message are that example's. */
export const errorCodeDocumented = defineCheck('errorCodeDocumented', ({ scenario, operation, response, documented, step }) => {
  if (step !== 'main' || !scenario.example || !documented || documented.status !== scenario.status) return [];
  const example = examplesOf(vendorSpec(operation.spec).document, documented).find((e) => e.name === scenario.example);
  if (!example) {
    return [{ expected: `example ${scenario.example}`, actual: 'not in the spec', hint: 'The scenario names an example the spec does not have.' }];
  }
  const mismatches = [...identifyingLeaves(example.value)].filter(([pointer, value]) => leafAt(response.json, pointer) !== value);
  if (mismatches.length === 0) return [];
  return [
    {
      expected: `${scenario.example}: ${mismatches.map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ')}`,
      actual: mismatches.map(([p]) => `${p}=${JSON.stringify(leafAt(response.json, p))}`).join(', '),
      hint: 'Return the documented error code and message for this case.',
      inferred: example.inferred || documented.inferred,
    },
  ];
});
