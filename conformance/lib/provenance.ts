/**
 * Provenance in one place: for each expectation the suite holds (a rule, the status and example
 * that answer it, a part of a body, a media type, a promise of a success), whether the vendor
 * documents it, or the guessed part it rests on. Undefined means documented: a deviation fails on
 * any target. A basis means cardmock's guess: a deviation is a warning off our own mocks, grouped
 * under `basis.part`. Checks ask this module; none reads the spec's markers itself.
 *
 * The principle: when a documented rule refuses a request, a success is a failure even when the
 * status or code we expect is our guess; a different refusal is then a warning naming the guess; a
 * documented code that differs from the documented example is a failure, whatever other examples
 * of that status are guesses.
 */
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { examplesOf, resolve, type DocumentedResponse, type OperationSpec } from '../../specs/lib/operations.ts';
import type { Rule, RulePromise } from '../../specs/lib/rules.ts';
import type { Basis } from './inferred.ts';
import type { Scenario } from './scenario.ts';
import { operation, ruleOf, vendorSpec } from './spec-index.ts';

export type { Basis } from './inferred.ts';

/** The first basis of several, or undefined when every one is documented. */
export const firstBasis = (...bases: (Basis | undefined)[]): Basis | undefined => bases.find((b) => b !== undefined);

/** The rule itself is cardmock's reading of a page that is silent. */
export function ruleBasis(rule: Rule): Basis | undefined {
  return rule.provenance === 'inferred' ? { part: rule.id, why: 'inferred' in rule.source ? rule.source.inferred : 'an inferred rule' } : undefined;
}

/** The status itself is cardmock's addition. */
export function statusBasis(op: OperationSpec, status: number): Basis | undefined {
  const documented = op.responses.find((r) => r.status === status);
  if (!documented?.inferred) return undefined;
  const raw = rawResponse(op, status);
  const why = typeof raw?.['x-description'] === 'string' ? raw['x-description'] : documented.description;
  return { part: `${op.spec} ${op.operationId} ${status}`, why: `the vendor does not document status ${status} for this case: ${oneLine(why)}` };
}

/**
 * The body of a status is a guess: its media type is x-inferred (the vendor publishes no body for
 * it). A status cardmock reads off a page that shows the body but names no status (Capillary's
 * 200) keeps its documented body; a status the vendor does not document at all marks its media
 * types too.
 */
export function bodyBasis(op: OperationSpec, documented: DocumentedResponse): Basis | undefined {
  const inferred = vendorSpec(op.spec).inferred;
  for (const media of Object.values(documented.content)) {
    const basis = inferred.nodeBasis(media);
    if (basis) return basis;
  }
  return undefined;
}

/** The media type of a status is a guess (the vendor publishes no body for it). */
export const mediaTypeBasis = bodyBasis;

export interface NamedExample {
  name: string;
  value: unknown;
  /** The case → answer mapping of this example is cardmock's. */
  mapping: Basis | undefined;
  /** JSON pointers into `value` whose leaves are guesses (a message text the page never states). */
  inferredPointers: string[];
  /** JSON pointers into `value` whose leaves are written for each request (`x-cardmock-varies`): one occurrence is shown. */
  varies: string[];
}

export function namedExamples(op: OperationSpec, documented: DocumentedResponse): NamedExample[] {
  const spec = vendorSpec(op.spec);
  return examplesOf(spec.document, documented).map((e) => {
    const raw = rawExample(op, documented, e.name);
    const pointers = raw?.['x-inferred-pointers'];
    const varies = raw?.['x-cardmock-varies'];
    return {
      name: e.name,
      value: e.value,
      mapping: e.inferred ? { part: exampleLocation(op, documented.status, e.name), why: oneLine(raw?.description) || `the case → answer mapping of ${e.name} is cardmock's` } : undefined,
      inferredPointers: Array.isArray(pointers) ? pointers.map(String) : [],
      varies: Array.isArray(varies) ? varies.map(String) : [],
    };
  });
}

/**
 * The answer a rule gets (its status, and the named example of that status): documented when the
 * status is documented and the example is not cardmock's mapping.
 */
export function answerBasis(op: OperationSpec, answer: { status: number; example?: string }): Basis | undefined {
  const status = statusBasis(op, answer.status);
  if (status || answer.example === undefined) return status;
  const documented = op.responses.find((r) => r.status === answer.status);
  return documented ? namedExamples(op, documented).find((e) => e.name === answer.example)?.mapping : undefined;
}

/** The code of an example: a guess when its body is, or its case → answer mapping is. */
export function codeBasis(op: OperationSpec, documented: DocumentedResponse, example: NamedExample): Basis | undefined {
  return firstBasis(bodyBasis(op, documented), example.mapping);
}

/** A message of an example at `pointer`: a guess when its code is, or its wording is cardmock's. */
export function messageBasis(op: OperationSpec, documented: DocumentedResponse, example: NamedExample, pointer: string): Basis | undefined {
  return firstBasis(
    codeBasis(op, documented, example),
    example.inferredPointers.includes(pointer) ? { part: `${exampleLocation(op, documented.status, example.name)}${pointer}`, why: `the wording of ${example.name} at ${pointer} is cardmock's` } : undefined,
  );
}

/** Codes the vendor documents for a status beyond its examples (`x-documented-codes`). */
export function documentedCodes(op: OperationSpec, documented: DocumentedResponse): (string | number)[] {
  const codes = rawResponse(op, documented.status)?.['x-documented-codes'];
  return Array.isArray(codes) ? codes.map((c) => (c as { code: string | number }).code) : [];
}

/** A spec part named by a JSON pointer; a pointer ending in a keyword (`…/required`) names that keyword. */
export function pointerBasis(vendor: string, pointer: string): Basis | undefined {
  const spec = vendorSpec(vendor);
  const keys = pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown;
  let node: unknown = spec.document;
  for (const key of keys) {
    parent = node;
    node = resolveNode(spec.document, (node as Record<string, unknown> | undefined)?.[key]);
    if (node === undefined) throw new Error(`${vendor}: scenario basis ${pointer} is not in the spec`);
  }
  const keyword = keys.at(-1)!;
  return spec.inferred.nodeBasis(node) ?? (typeof node !== 'object' || Array.isArray(node) ? spec.inferred.keywordBasis(parent, keyword) : undefined);
}

/**
 * Whether the request is answered as the scenario's rule says at all (refused, or accepted): a
 * guess when the rule is inferred, or when the scenario's request breaks the rule only through a
 * guessed part of the spec (its `basis`, such as a `minLength` cardmock added).
 */
export function expectationBasis(scenario: Scenario): Basis | undefined {
  return firstBasis(ruleBasis(ruleOf(scenario.vendor, scenario.rule)), ...(scenario.basis ?? []).map((p) => pointerBasis(scenario.vendor, p)));
}

/** The answer the scenario's rule gets: its status and example, as documented or guessed. */
export function scenarioAnswerBasis(scenario: Scenario): Basis | undefined {
  const op = operation(scenario.vendor, scenario.operationId);
  return firstBasis(expectationBasis(scenario), answerBasis(op, ruleOf(scenario.vendor, scenario.rule).answer));
}

/** A promise of a success rule: a guess when the rule is, or the promise itself is cardmock's reading. */
export function promiseBasis(rule: Rule, promise: RulePromise): Basis | undefined {
  return firstBasis(ruleBasis(rule), promise.inferred ? { part: `${rule.id} promise`, why: promise.inferred } : undefined);
}

/** A response header the spec describes: a guess when the header's node is x-inferred. */
export function headerBasis(op: OperationSpec, header: unknown): Basis | undefined {
  return vendorSpec(op.spec).inferred.nodeBasis(header);
}

/** A body on a status documented without one: an additive change no page forbids. */
export function additiveBodyBasis(status: number): Basis {
  return { part: 'additive changes', why: `the page shows ${status} without a body but does not forbid one` };
}

function rawResponse(op: OperationSpec, status: number): Record<string, unknown> | undefined {
  const spec = vendorSpec(op.spec);
  const raw = spec.document.paths?.[op.path]?.[op.method]?.responses?.[String(status)];
  return raw ? (resolveNode(spec.document, raw) as Record<string, unknown>) : undefined;
}

function rawExample(op: OperationSpec, documented: DocumentedResponse, name: string): Record<string, unknown> | undefined {
  const spec = vendorSpec(op.spec);
  for (const media of Object.values(documented.content)) {
    const ex = media.examples?.[name];
    if (ex) return resolveNode(spec.document, ex) as Record<string, unknown>;
  }
  return undefined;
}

/** Where an example lives in the spec, by name (its JSON pointer under a shared response is long). */
const exampleLocation = (op: OperationSpec, status: number, name: string) => `${op.spec} ${op.operationId} ${status} ${name}`;

const oneLine = (text: unknown) => (typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '');
const resolveNode = (document: OpenApiDocument, node: unknown): unknown => (node === undefined ? undefined : resolve(document, node));
