import type { DocumentedResponse, OperationSpec } from '../../../specs/lib/operations.ts';
import { envelopeOf, identifyingLeaves, leafAt, type ErrorEnvelope } from '../error-envelope.ts';
import { bodyBasis, codeBasis, documentedCodes, messageBasis, namedExamples, type Basis, type NamedExample } from '../provenance.ts';
import { defineCheck } from './check.ts';

interface CodesAt {
  /** Codes the vendor documents for this status (examples it publishes, its code lists). */
  documented: Set<unknown>;
  /** Codes only cardmock's own examples give (its guess for a case the page gives no code for). */
  guessed: Set<unknown>;
  /** Why another code may be fine here: a case of this status has no documented code. */
  open: Basis | undefined;
}

/** Per pointer that carries a code in this status's examples: what is documented, what is guessed. */
function codesByPointer(op: OperationSpec, documented: DocumentedResponse, envelope: ErrorEnvelope, examples: NamedExample[]): Map<string, CodesAt> {
  const out = new Map<string, CodesAt>();
  for (const example of examples) {
    for (const [pointer, value] of identifyingLeaves(envelope, example.value)) {
      if (pointer !== envelope.code) continue;
      const entry = out.get(pointer) ?? { documented: new Set(documentedCodes(op, documented)), guessed: new Set(), open: undefined };
      if (codeBasis(op, documented, example)) entry.guessed.add(value);
      else entry.documented.add(value);
      entry.open ??= example.mapping;
      out.set(pointer, entry);
    }
  }
  return out;
}

const list = (codes: Set<unknown>) => [...codes].map((c) => JSON.stringify(c)).join(', ');

/** The scenario's own example: its code is the one this case must get, and its message where the page states it. */
function exampleDeviation(op: OperationSpec, documented: DocumentedResponse, envelope: ErrorEnvelope, example: NamedExample, json: unknown, ruleText: string) {
  const isCode = (pointer: string) => pointer === envelope.code;
  // Leaves the vendor writes for each request (which field is wrong) are not the example's to judge.
  const leaves = [...identifyingLeaves(envelope, example.value)].filter(([p]) => !example.varies.includes(p));
  const codeMismatch = leaves.filter(([p, v]) => isCode(p) && leafAt(json, p) !== v);
  // A message is judged only once the code is right.
  const judged = codeMismatch.length > 0 ? codeMismatch : leaves.filter(([p, v]) => leafAt(json, p) !== v);
  if (judged.length === 0) return [];
  const bases = judged.map(([p]) => (isCode(p) ? codeBasis(op, documented, example) : messageBasis(op, documented, example, p)));
  return [
    {
      expected: `${example.name}: ${judged.map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ')}`,
      actual: judged.map(([p]) => `${p}=${JSON.stringify(leafAt(json, p))}`).join(', '),
      hint: `Return the documented error ${codeMismatch.length > 0 ? 'code' : 'message'} for this case (${ruleText}).`,
      // A deviation from any documented leaf is a failure; only a deviation that rests on guesses alone warns.
      inferred: bases.every((b) => b !== undefined) ? bases[0] : undefined,
    },
  ];
}

/**
 * An error carries, where its spec's envelope says (`x-cardmock-error`), a code the vendor documents for its status (its examples and its code lists).
 * When the scenario names the example of the rule it isolates, the code is that example's, and the
 * message too where the page states it: a documented code of this case must come back, whatever
 * other examples of the status are cardmock's guesses.
 */
export const errorCodeDocumented = defineCheck('errorCodeDocumented', ({ scenario, rule, operation, response, documented, step, expectedStatus }) => {
  if (!documented || response.json === undefined) return [];
  const envelope = envelopeOf(operation, documented);
  const examples = namedExamples(operation, documented);
  const answer = [{ status: expectedStatus, example: scenario.example }, ...(scenario.alternatives ?? [])].find((a) => a.status === documented.status);
  const own = step === 'main' && rule && answer?.example ? examples.find((e) => e.name === answer.example) : undefined;
  const failures = own ? exampleDeviation(operation, documented, envelope, own, response.json, rule!.rule) : [];
  // Where the scenario's own example carries a code, that code is judged; other pointers by the status's codes.
  const judgedByOwn = new Set(own ? [...identifyingLeaves(envelope, own.value).keys()] : []);
  for (const [pointer, codes] of codesByPointer(operation, documented, envelope, examples)) {
    if (judgedByOwn.has(pointer)) continue;
    const actual = leafAt(response.json, pointer);
    if (actual === undefined || codes.documented.has(actual) || codes.guessed.has(actual)) continue;
    // A code the vendor documents for another status of this operation is wrong here, guesses or none.
    const elsewhere = operation.responses.find((r) => r !== documented && envelopeOf(operation, r).code === pointer && namedExamples(operation, r).some((e) => !codeBasis(operation, r, e) && leafAt(e.value, pointer) === actual));
    const guessed = codes.guessed.size > 0 ? `cardmock's guess: ${list(codes.guessed)}` : '';
    failures.push({
      expected: codes.documented.size > 0 ? `${pointer} one of ${list(codes.documented)} (the vendor's)${guessed ? `; ${guessed}` : ''}` : `${pointer}: the vendor documents no code for ${documented.status} (${guessed})`,
      actual: `${pointer}=${JSON.stringify(actual)}${elsewhere ? ` (documented for ${elsewhere.status})` : ''}`,
      hint: codes.documented.size > 0 ? `Answer ${response.status} with a code the vendor documents for it.` : `No code is documented for this case; cardmock's guess is ${list(codes.guessed)}.`,
      inferred: bodyBasis(operation, documented) ?? (elsewhere ? undefined : codes.open),
    });
  }
  return failures;
});
