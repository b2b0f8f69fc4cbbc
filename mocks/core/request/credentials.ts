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

interface Accepted {
  open: boolean;
  kinds: Set<'bearer' | 'basic' | undefined>;
  expected: string[];
}

/** What an operation accepts, read from its spec once (it is asked on every request). */
const acceptedBy = new WeakMap<OperationSpec, Accepted>();
function acceptedOf(op: OperationSpec): Accepted {
  let accepted = acceptedBy.get(op);
  if (!accepted) {
    const kinds = new Set(op.security.flatMap((alt) => alt.map(schemeKind)).filter(Boolean));
    accepted = {
      open: op.security.length === 0 || op.security.some((alt) => alt.length === 0),
      kinds,
      expected: [...kinds].map((k) => (k === 'basic' ? 'Basic' : 'Bearer')),
    };
    acceptedBy.set(op, accepted);
  }
  return accepted;
}

export function readCredentials(op: OperationSpec, authorization: string | undefined): CredentialsResult {
  const { open, kinds: accepted, expected } = acceptedOf(op);
  if (open) return { ok: true, credentials: { scheme: 'none' } };
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

// Without `stream`, a fatal decoder keeps no state between calls: one serves every request.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text of a base64 string, or undefined when it is not base64 (or not UTF-8). Works in Node and browsers. */
function decodeBase64(value: string): string | undefined {
  try {
    const binary = atob(value);
    // Plain ASCII (every credential the vendors document) is its own UTF-8.
    if (!/[\x80-\xff]/.test(binary)) return binary;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
