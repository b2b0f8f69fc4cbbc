/**
 * The secrets an exchange carries, so that nothing the proxy prints, reports or records holds them:
 * credential headers (Authorization and its parts, via `secretsOf`), and the values of JSON body
 * fields named like a credential (`password`, `apiToken`, `clientSecret`, `cvv` …).
 */
import { parseJson } from './parse-json.ts';
import { secretsOf } from './redact.ts';

const CREDENTIAL_NAME = /authorization|token|password|passwd|secret|api[-_]?key|credential|cookie|session[-_]?id|^(pin|cvv|cvc|cvv2)$/i;
/** cardmock's own session header names test data, not a credential. */
const NOT_SECRET = new Set(['x-cardmock-session']);

export const isCredentialName = (name: string) => !NOT_SECRET.has(name.toLowerCase()) && CREDENTIAL_NAME.test(name);

export function secretsInHeaders(headers: Record<string, string | string[] | undefined>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !isCredentialName(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push(...secretsOf(v), ...(v.length >= 4 ? [v] : []));
  }
  return out;
}

export function secretsInBody(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const walk = (node: unknown, credential: boolean) => {
    if (typeof node === 'string') {
      if (credential && node.length >= 4) out.push(node, ...secretsOf(node));
    } else if (Array.isArray(node)) {
      for (const child of node) walk(child, credential);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(child, credential || isCredentialName(key));
    }
  };
  walk(parseJson(text), false);
  return out;
}
