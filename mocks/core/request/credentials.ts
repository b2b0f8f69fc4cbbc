/**
 * Reads the credentials an operation's security requirement asks for. Only their presence and
 * syntax are judged here; whether a token or password is valid is each vendor's rule.
 */
import type { OperationSpec } from '../../../specs/lib/operations.ts';

export type Credentials =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'none' };

export type CredentialsResult = { ok: true; credentials: Credentials } | { ok: false; reason: 'missing' | 'malformed'; expected: string[] };

function schemeKind(s: { scheme: { type: string; scheme?: string } }): 'bearer' | 'basic' | undefined {
  if (s.scheme.type === 'oauth2' || s.scheme.type === 'openIdConnect') return 'bearer';
  if (s.scheme.type === 'http') return s.scheme.scheme?.toLowerCase() === 'basic' ? 'basic' : 'bearer';
  return undefined;
}

export function readCredentials(op: OperationSpec, authorization: string | undefined): CredentialsResult {
  if (op.security.length === 0 || op.security.some((alt) => alt.length === 0)) {
    return { ok: true, credentials: { scheme: 'none' } };
  }
  const accepted = new Set(op.security.flatMap((alt) => alt.map(schemeKind)).filter(Boolean));
  const expected = [...accepted].map((k) => (k === 'basic' ? 'Basic' : 'Bearer')) as string[];
  if (!authorization || authorization.trim() === '') return { ok: false, reason: 'missing', expected };
  const m = /^(\S+)\s+(\S+)\s*$/.exec(authorization);
  const kind = m?.[1]?.toLowerCase();
  if (!m || (kind !== 'bearer' && kind !== 'basic') || !accepted.has(kind)) {
    return { ok: false, reason: 'malformed', expected };
  }
  if (kind === 'bearer') return { ok: true, credentials: { scheme: 'bearer', token: m[2]! } };
  const decoded = decodeBase64(m[2]!);
  if (decoded === undefined) return { ok: false, reason: 'malformed', expected };
  const colon = decoded.indexOf(':');
  if (colon < 1) return { ok: false, reason: 'malformed', expected };
  return { ok: true, credentials: { scheme: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
}

/** UTF-8 text of a base64 string, or undefined when it is not base64. Works in Node and browsers. */
function decodeBase64(value: string): string | undefined {
  try {
    const binary = atob(value);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
