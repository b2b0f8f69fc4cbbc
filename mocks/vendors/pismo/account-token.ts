/**
 * Pismo's account token: a JWT whose `uid` (OAuth2 client credentials) or `account_id` claim is a
 * Pismo account ID, expiring quickly. The mock reads the claims and `exp` against its clock; it
 * does not verify signatures (there is no Pismo key to verify against offline).
 * @see https://developers.pismo.io/pismo-docs/docs/authentication-with-oauth2
 */
export type AccountToken = { ok: true; accountId: string } | { ok: false; reason: 'malformed' | 'expired' | 'no-account' };

export function readAccountToken(token: string, nowMs: number): AccountToken {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1]!)) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  const account = claims.uid ?? claims.account_id;
  if (typeof account !== 'string' && typeof account !== 'number') return { ok: false, reason: 'no-account' };
  return { ok: true, accountId: String(account) };
}

/** An (unsigned) account token for tests, fixtures and README examples. */
export function pismoAccountToken(accountId: string | number, expiresAtSeconds = 4_102_444_800): string {
  const header = encodeBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = encodeBase64Url(JSON.stringify({ uid: String(accountId), tenant_id: 'cardmock', exp: expiresAtSeconds }));
  return `${header}.${payload}.cardmock`;
}

function decodeBase64Url(value: string): string {
  const b64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function encodeBase64Url(value: string): string {
  const bytes = new TextEncoder().encode(value);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
