import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { addCardsToAccount } from './add-cards-to-account.ts';
import { exchangeSolutionsResponses, rejectExchangeSolutions } from './answers.ts';
import { authenticate } from './authenticate.ts';
import { exchangeSolutionsFixtures, exchangeSolutionsSamples } from './fixtures.ts';
import { exchangeSolutionsPresets } from './presets.ts';
import { addFixtures, emptyState, snapshot, type ExchangeSolutionsFixtures, type ExchangeSolutionsState } from './state.ts';

export const exchangeSolutions: VendorModule<ExchangeSolutionsState, ExchangeSolutionsFixtures> = {
  name: 'exchange-solutions',
  document: documents['exchange-solutions'],
  responses: exchangeSolutionsResponses,
  createState: seededState(emptyState, addFixtures, exchangeSolutionsFixtures),
  addFixtures,
  snapshot,
  samples: exchangeSolutionsSamples,
  operations: { addCardsToAccount },
  authenticate,
  reject: rejectExchangeSolutions,
  presets: exchangeSolutionsPresets,
};
