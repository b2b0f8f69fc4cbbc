import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { readAccountToken } from './account-token.ts';
import { bindNonameCard } from './bind-noname-card.ts';
import { pismoError, pismoResponses, rejectPismo } from './errors.ts';
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
  authenticate(credentials, _state, _operationId, clock) {
    if (credentials.scheme !== 'bearer') return pismoError(401, 'UNAUTHORIZED');
    const token = readAccountToken(credentials.token, clock.now());
    if (token.ok) return undefined;
    const why = { malformed: 'the token is not a JWT', expired: 'the token has expired', 'no-account': 'the token carries no account ID' };
    return pismoError(401, 'UNAUTHORIZED', why[token.reason]);
  },
  reject: rejectPismo,
};
