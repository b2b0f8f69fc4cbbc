/**
 * The specs' paired examples as tests a contract tool makes of them (specs/README.md, "Paired
 * examples"): each named response example with the request example of the same name, and what it
 * needs beyond the vendor's sample credentials. What it needs comes from the rules catalogue: the
 * answer of a rule that `applies` to credentials is sent with credentials the mock refuses, the
 * answer of a `fault` rule while a fault of its status is set, the answer of a rule in
 * CREDENTIALS_BY_RULE with those credentials. Used by scripts/specmatic-examples.ts (Specmatic
 * against `cardmock serve`) and scripts/paired-examples.test.ts (the same pairs, in-process).
 */
import type { RuleId } from '../generated/rules.ts';
import type { VendorModule } from '../mocks/core/vendor.ts';
import { capillarySamples } from '../mocks/vendors/capillary/fixtures.ts';
import { resolve, type OperationSpec } from '../specs/lib/operations.ts';

/** Rules whose answer needs credentials other than the sample's. */
const CREDENTIALS_BY_RULE: Partial<Record<RuleId, string>> = {
  'capillary.add.write-access': capillarySamples.fixtures.readOnlyAuthorization,
};
/** Refused by every vendor: a Bearer value of two words is malformed; this till does not exist. */
const REFUSED = { bearer: 'Bearer cardmock refused', basic: `Basic ${btoa('cardmock:refused')}` };

export interface PairedExample {
  name: string;
  status: number;
  /** Authorization header value the example is sent with. */
  authorization: string;
  /** Why not the sample credentials, or the fault, in words. */
  condition: string;
  /** A fault of this status is set while the example is sent. */
  fault?: number;
}

/**
 * The tests Specmatic makes of an operation's examples: each named response example with its
 * request example (not `x-cardmock-alternative`, which has none), and each request example of no
 * response example paired with a success that has no body (Pismo's 202).
 */
function exampleNames(vendor: VendorModule, op: OperationSpec): { name: string; status: number }[] {
  const responses = op.responses.flatMap((response) =>
    Object.values(response.content).flatMap((media) =>
      Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, status: response.status, example: resolve(vendor.document, example) as Record<string, unknown> })),
    ),
  );
  const bodiless = op.responses.find((r) => r.status < 300 && Object.keys(r.content).length === 0);
  const requests = new Set([...Object.values(op.requestBody?.content ?? {}), ...op.parameters].flatMap((node) => Object.keys(node.examples ?? {})));
  const requestOnly = bodiless ? [...requests].filter((name) => !responses.some((r) => r.name === name)).map((name) => ({ name, status: bodiless.status })) : [];
  return [...responses.filter((r) => r.example['x-cardmock-alternative'] !== true).map(({ name, status }) => ({ name, status })), ...requestOnly];
}

/** Every paired example of an operation, with the credentials and fault it is sent with. */
export function pairedExamples(vendor: VendorModule, op: OperationSpec): PairedExample[] {
  const sample = vendor.samples.authorization;
  const refused = sample.startsWith('Basic ') ? REFUSED.basic : REFUSED.bearer;
  return exampleNames(vendor, op).map(({ name, status }) => {
    const answering = op.rules.filter((r) => r.answer.status === status && r.answer.example === name);
    const special = answering.find((r) => CREDENTIALS_BY_RULE[r.id as RuleId] !== undefined);
    if (answering.some((r) => r.applies === 'fault')) return { name, status, authorization: sample, condition: `with a fault of ${status}`, fault: status };
    if (answering.some((r) => r.applies?.startsWith('credentials-'))) return { name, status, authorization: refused, condition: 'with refused credentials' };
    if (special) return { name, status, authorization: CREDENTIALS_BY_RULE[special.id as RuleId]!, condition: `with the credentials of rule ${special.id}` };
    return { name, status, authorization: sample, condition: 'with the sample credentials' };
  });
}

/** The request of a paired example: its path, query and header parameters and its body. */
export function exampleRequest(vendor: VendorModule, op: OperationSpec, example: PairedExample) {
  const value = (node: { examples?: Record<string, unknown> }) => {
    const named = node.examples?.[example.name];
    return named === undefined ? undefined : (resolve(vendor.document, named) as { value: unknown }).value;
  };
  const query = new URLSearchParams();
  const headers: Record<string, string> = { authorization: example.authorization };
  let path = op.path;
  for (const parameter of op.parameters) {
    const v = value(parameter);
    if (v === undefined) continue;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(v)));
    if (parameter.in === 'query') query.set(parameter.name, String(v));
    if (parameter.in === 'header') headers[parameter.name] = String(v);
  }
  const [mediaType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const body = media ? value(media) : undefined;
  if (mediaType && body !== undefined) headers['content-type'] = mediaType;
  const qs = query.toString();
  return { method: op.method.toUpperCase(), path: qs ? `${path}?${qs}` : path, headers, ...(body !== undefined ? { body } : {}) };
}
