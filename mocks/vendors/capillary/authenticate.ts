/**
 * Capillary's credential rules: Basic auth names a till and its password as md5hex (Capillary's
 * authentication docs: capillary.add.credentials-valid); the password in clear breaks the md5 rule,
 * not the till's (capillary.add.password-as-md5); the till needs WRITE access to the Card resource
 * (capillary.add.write-access).
 */
import type { Credentials } from '../../core/request/credentials.ts';
import { addCardRules } from './answers.ts';
import { md5Hex } from './md5.ts';
import type { CapillaryState } from './state.ts';

export function authenticate(credentials: Credentials, state: CapillaryState) {
  if (credentials.scheme !== 'basic') return addCardRules.refuse('capillary.add.credentials-valid');
  const till = state.tills.get(credentials.username);
  if (!till) return addCardRules.refuse('capillary.add.credentials-valid');
  if (till.passwordMd5 !== credentials.password.toLowerCase()) {
    return addCardRules.refuse(md5Hex(credentials.password) === till.passwordMd5 ? 'capillary.add.password-as-md5' : 'capillary.add.credentials-valid');
  }
  return till.canWrite ? undefined : addCardRules.refuse('capillary.add.write-access');
}
