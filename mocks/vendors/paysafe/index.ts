import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { assignBulkCard } from './assign-bulk-card.ts';
import { paysafeResponses, rejectPaysafe } from './answers.ts';
import { authenticate } from './authenticate.ts';
import { paysafeFixtures, paysafeSamples } from './fixtures.ts';
import { paysafePresets } from './presets.ts';
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
  authenticate,
  reject: rejectPaysafe,
  presets: paysafePresets,
};
