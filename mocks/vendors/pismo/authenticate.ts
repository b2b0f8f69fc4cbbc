/**
 * Pismo's credential rules: an account token is a JWT carrying an account ID (pismo.bind.token-valid)
 * that has not expired (pismo.bind.token-not-expired). Signatures are not checked: there is no
 * Pismo key to check them against offline.
 */
import type { Credentials } from '../../core/request/credentials.ts';
import type { Clock } from '../../core/types.ts';
import { readAccountToken } from './account-token.ts';
import { bindRules } from './answers.ts';
import type { PismoState } from './state.ts';

export function authenticate(credentials: Credentials, _state: PismoState, _operationId: string, clock: Clock) {
  if (credentials.scheme !== 'bearer') return bindRules.refuse('pismo.bind.token-valid');
  const token = readAccountToken(credentials.token, clock.now());
  if (token.ok) return undefined;
  if (token.reason === 'expired') return bindRules.refuse('pismo.bind.token-not-expired', 'the token has expired');
  const why = { malformed: 'the token is not a JWT', 'no-expiry': 'the token carries no expiry', 'no-account': 'the token carries no account ID' };
  return bindRules.refuse('pismo.bind.token-valid', why[token.reason]);
}
