import { bodyBasis, documentedCodes, namedExamples, type NamedExample } from '../basis.ts';
import { defineCheck } from './check.ts';

/** Keys whose values identify an error in the vendors' envelopes: a code, and its human text. */
const CODE_KEYS = new Set(['code', 'errorCode', 'type']);
const MESSAGE_KEYS = new Set(['message', 'errorMessage', 'title']);

/** Identifying leaves of an example: JSON pointer → value (arrays: their first item). */
export function identifyingLeaves(value: unknown, at = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) {
    if (value.length > 0) for (const [k, v] of identifyingLeaves(value[0], `${at}/0`)) out.set(k, v);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if ((CODE_KEYS.has(key) || MESSAGE_KEYS.has(key)) && (typeof child === 'string' || typeof child === 'number')) out.set(`${at}/${key}`, child);
      else for (const [k, v] of identifyingLeaves(child, `${at}/${key}`)) out.set(k, v);
    }
  }
  return out;
}

/** Whether a leaf pointer of `identifyingLeaves` carries an error's code (not its message). */
export const isCode = (pointer: string) => CODE_KEYS.has(pointer.slice(pointer.lastIndexOf('/') + 1));

export function leafAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/**
 * Every code the vendor documents for this status, by the pointer that carries it, and why the
 * list may be incomplete: an x-inferred example of the status stands for cases the page gives no
 * code for, so another code there rests on a guess.
 */
function codesByPointer(examples: NamedExample[], extra: (string | number)[]): Map<string, { codes: Set<unknown>; open: string | undefined }> {
  const out = new Map<string, { codes: Set<unknown>; open: string | undefined }>();
  for (const example of examples) {
    for (const [pointer, value] of identifyingLeaves(example.value)) {
      if (!isCode(pointer)) continue;
      const entry = out.get(pointer) ?? { codes: new Set(extra), open: undefined };
      entry.codes.add(value);
      if (example.mapping) entry.open ??= `${example.mapping}: the page gives no code for every case of this status`;
      out.set(pointer, entry);
    }
  }
  return out;
}

/**
 * An error carries a code the vendor documents for its status (its examples and its code lists);
 * when the scenario names the example of the rule it isolates, the code is that example's, and the
 * message too where the page states it.
 */
export const errorCodeDocumented = defineCheck('errorCodeDocumented', ({ scenario, operation, response, documented, step }) => {
  if (!documented || response.json === undefined) return [];
  const examples = namedExamples(operation, documented);
  const whole = bodyBasis(operation, documented);
  const failures = [];
  for (const [pointer, { codes, open }] of codesByPointer(examples, documentedCodes(operation, documented))) {
    const actual = leafAt(response.json, pointer);
    if (actual === undefined || codes.has(actual)) continue;
    // A code the vendor documents for another status of this operation is wrong here, list or no list.
    const elsewhere = operation.responses.find((r) => r !== documented && namedExamples(operation, r).some((e) => leafAt(e.value, pointer) === actual));
    failures.push({
      expected: `${pointer} one of ${[...codes].map((c) => JSON.stringify(c)).join(', ')}`,
      actual: `${pointer}=${JSON.stringify(actual)}${elsewhere ? ` (documented for ${elsewhere.status})` : ''}`,
      hint: `Answer ${response.status} with a code the vendor documents for it.`,
      inferred: whole ?? (elsewhere ? undefined : open),
    });
  }
  if (failures.length > 0 || step !== 'main' || !scenario.example || documented.status !== scenario.status) return failures;

  const example = examples.find((e) => e.name === scenario.example);
  if (!example) return [{ expected: `example ${scenario.example}`, actual: 'not in the spec', hint: 'The scenario names an example the spec does not have.' }];
  const leaves = [...identifyingLeaves(example.value)];
  const codeMismatch = leaves.filter(([p, v]) => isCode(p) && leafAt(response.json, p) !== v);
  // A message is judged only once the code is right, and only where the page states its words.
  const judged = codeMismatch.length > 0 ? codeMismatch : leaves.filter(([p, v]) => leafAt(response.json, p) !== v);
  if (judged.length === 0) return [];
  const bases = judged.map(([p]) => whole ?? example.mapping ?? (example.inferredPointers.includes(p) ? `x-inferred-pointers ${p} of example ${example.name}` : undefined));
  return [
    {
      expected: `${scenario.example}: ${judged.map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ')}`,
      actual: judged.map(([p]) => `${p}=${JSON.stringify(leafAt(response.json, p))}`).join(', '),
      hint: `Return the documented error ${codeMismatch.length > 0 ? 'code' : 'message'} for this case (${scenario.rule}).`,
      inferred: bases.every((b) => b !== undefined) ? [...new Set(bases)].join('; ') : undefined,
    },
  ];
});
