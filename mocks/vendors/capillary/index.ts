import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { addCardToSeries } from './add-card-to-series.ts';
import { addCardRules, capillaryResponses, rejectCapillary } from './answers.ts';
import { md5Hex } from './md5.ts';
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
  // Basic auth names a till and its password as md5hex (vendor facts); the till needs WRITE access
  // to the Card resource. A till's own password sent in clear breaks the md5 rule, not the till's.
  authenticate(credentials, state) {
    if (credentials.scheme !== 'basic') return addCardRules.refuse('capillary.add.credentials-valid');
    const till = state.tills.get(credentials.username);
    if (!till) return addCardRules.refuse('capillary.add.credentials-valid');
    if (till.passwordMd5 !== credentials.password.toLowerCase()) {
      return addCardRules.refuse(md5Hex(credentials.password) === till.passwordMd5 ? 'capillary.add.password-as-md5' : 'capillary.add.credentials-valid');
    }
    return till.canWrite ? undefined : addCardRules.refuse('capillary.add.write-access');
  },
  reject: rejectCapillary,
};
