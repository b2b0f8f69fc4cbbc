import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { addCardToSeries } from './add-card-to-series.ts';
import { capillaryResponses, rejectCapillary } from './answers.ts';
import { authenticate } from './authenticate.ts';
import { capillaryFixtures, capillarySamples } from './fixtures.ts';
import { addFixtures, emptyState, snapshot, type CapillaryFixtures, type CapillaryState } from './state.ts';

export const capillary: VendorModule<CapillaryState, CapillaryFixtures> = {
  name: 'capillary',
  document: documents.capillary,
  responses: capillaryResponses,
  createState: seededState(emptyState, addFixtures, capillaryFixtures),
  addFixtures,
  snapshot,
  samples: capillarySamples,
  operations: { addCardToSeries },
  authenticate,
  reject: rejectCapillary,
};
