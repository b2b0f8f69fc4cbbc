import { documents } from '../../../generated/documents.ts';
import { seededState, sessionBearerTokens, type VendorModule } from '../../core/vendor.ts';
import { assignBulkCard } from './assign-bulk-card.ts';
import { assignRules, paysafeResponses, rejectPaysafe } from './answers.ts';
import { paysafeFixtures, paysafeSamples } from './fixtures.ts';
import { addFixtures, emptyState, snapshot, type PaysafeFixtures, type PaysafeState } from './state.ts';

export const paysafe: VendorModule<PaysafeState, PaysafeFixtures> = {
  name: 'paysafe',
  document: documents.paysafe,
  responses: paysafeResponses,
  createState: seededState(emptyState, addFixtures, paysafeFixtures),
  addFixtures,
  snapshot,
  samples: paysafeSamples,
  operations: { assignBulkCard },
  // Paysafe answers a missing, invalid or expired token alike: 401 code 5279.
  authenticate: sessionBearerTokens(() => assignRules.refuse('paysafe.assign.token-valid')),
  reject: rejectPaysafe,
};
