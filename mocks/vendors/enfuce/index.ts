import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { createMultiApplicationCard } from './create-multi-application-card.ts';
import { enfuceResponses, rejectEnfuce } from './answers.ts';
import { FIRST_ID, enfuceFixtures, enfuceSamples } from './fixtures.ts';
import { addFixtures, emptyState, snapshot, type EnfuceFixtures, type EnfuceState } from './state.ts';

/**
 * Enfuce's card API. No `authenticate`: Enfuce documents no token or password rule the mock could
 * check, so any well-formed Bearer or Basic credentials the core lets through are accepted.
 */
export const enfuce: VendorModule<EnfuceState, EnfuceFixtures> = {
  name: 'enfuce',
  document: documents.enfuce,
  responses: enfuceResponses,
  createState: seededState(() => emptyState(FIRST_ID), addFixtures, enfuceFixtures),
  addFixtures,
  snapshot,
  samples: enfuceSamples,
  operations: { createMultiApplicationCard },
  reject: rejectEnfuce,
};
