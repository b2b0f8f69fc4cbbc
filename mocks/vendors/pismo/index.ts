import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { readAccountToken } from './account-token.ts';
import { bindNonameCard } from './bind-noname-card.ts';
import { bindRules, pismoResponses, rejectPismo } from './answers.ts';
import { pismoFixtures, pismoSamples } from './fixtures.ts';
import { addFixtures, emptyState, snapshot, type PismoFixtures, type PismoState } from './state.ts';

export const pismo: VendorModule<PismoState, PismoFixtures> = {
  name: 'pismo',
  document: documents.pismo,
  responses: pismoResponses,
  createState: seededState(emptyState, addFixtures, pismoFixtures),
  addFixtures,
  snapshot,
  samples: pismoSamples,
  operations: { 'post-v2-card-bind': bindNonameCard },
  // An account token: a JWT carrying an account ID (pismo.bind.token-valid) that has not expired
  // (pismo.bind.token-not-expired). Signatures are not checked.
  authenticate(credentials, _state, _operationId, clock) {
    if (credentials.scheme !== 'bearer') return bindRules.refuse('pismo.bind.token-valid');
    const token = readAccountToken(credentials.token, clock.now());
    if (token.ok) return undefined;
    if (token.reason === 'expired') return bindRules.refuse('pismo.bind.token-not-expired', 'the token has expired');
    const why = { malformed: 'the token is not a JWT', 'no-expiry': 'the token carries no expiry', 'no-account': 'the token carries no account ID' };
    return bindRules.refuse('pismo.bind.token-valid', why[token.reason]);
  },
  reject: rejectPismo,
};
