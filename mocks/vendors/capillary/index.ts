import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { addCardToSeries } from './add-card-to-series.ts';
import { capillaryError, capillaryResponses, rejectCapillary } from './errors.ts';
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
  // Basic auth with md5hex(password) (vendor facts); the till needs WRITE access to the Card resource.
  authenticate(credentials, state) {
    if (credentials.scheme !== 'basic') return capillaryError(401, 'UNAUTHORISED');
    const till = state.tills.get(credentials.username);
    if (!till || till.passwordMd5 !== credentials.password.toLowerCase()) return capillaryError(401, 'UNAUTHORISED');
    return till.canWrite ? undefined : capillaryError(403, 'FORBIDDEN');
  },
  reject: rejectCapillary,
};
