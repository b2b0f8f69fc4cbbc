/**
 * Paysafe's credential rule: a bearer token the API issued (a token fixture of the session) passes;
 * a missing, invalid or expired one gets 401 (paysafe.assign.token-valid; Paysafe's authentication docs).
 */
import { sessionBearerTokens } from '../../core/vendor.ts';
import { assignRules } from './answers.ts';
import type { PaysafeState } from './state.ts';

export const authenticate = sessionBearerTokens<PaysafeState>(() => assignRules.refuse('paysafe.assign.token-valid'));
