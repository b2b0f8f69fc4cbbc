/**
 * Pismo's account token: a JWT whose `uid` (OAuth2 client credentials) or `account_id` claim is a
 * Pismo account ID, expiring quickly. The mock reads the claims and `exp` against its clock; it
 * does not verify signatures (there is no Pismo key to verify against offline).
 * @see https://developers.pismo.io/pismo-docs/docs/authentication-with-oauth2
 */
export type AccountToken = { ok: true; accountId: string } | { ok: false; reason: 'malformed' | 'no-expiry' | 'expired' | 'no-account' };

/** Claims of recently seen tokens: a client sends the same token on every request. */
const claimsCache = new Map<string, Record<string, unknown> | undefined>();
const CLAIMS_CACHE_SIZE = 1_000;

export function readAccountToken(token: string, nowMs: number): AccountToken {
  let claims = claimsCache.get(token);
  if (claims === undefined && !claimsCache.has(token)) {
    claims = readClaims(token);
    if (claimsCache.size >= CLAIMS_CACHE_SIZE) claimsCache.delete(claimsCache.keys().next().value!);
    claimsCache.set(token, claims);
  }
  if (claims === undefined) return { ok: false, reason: 'malformed' };
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'no-expiry' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  const account = claims.uid ?? claims.account_id;
  if (typeof account !== 'string' && typeof account !== 'number') return { ok: false, reason: 'no-account' };
  return { ok: true, accountId: String(account) };
}

function readClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(decodeBase64Url(parts[1]!)) as unknown;
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
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
