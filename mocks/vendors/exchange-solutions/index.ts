import { documents } from '../../../generated/documents.ts';
import { seededState, sessionBearerTokens, type VendorModule } from '../../core/vendor.ts';
import { addCardsToAccount } from './add-cards-to-account.ts';
import { addCardsRules, exchangeSolutionsResponses, rejectExchangeSolutions } from './answers.ts';
import { exchangeSolutionsFixtures, exchangeSolutionsSamples } from './fixtures.ts';
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
  // ES issues client-credential tokens; the mock accepts the session's tokens and refuses any other alike.
  authenticate: sessionBearerTokens(() => addCardsRules.refuse('exchange-solutions.add-cards.token-valid')),
  reject: rejectExchangeSolutions,
};
