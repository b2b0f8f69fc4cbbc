/**
 * Exchange Solutions' credential rule: ES issues client-credential tokens; the mock accepts the
 * session's token fixtures and refuses any other alike (exchange-solutions.add-cards.token-valid).
 */
import { sessionBearerTokens } from '../../core/vendor.ts';
import { addCardsRules } from './answers.ts';
import type { ExchangeSolutionsState } from './state.ts';

export const authenticate = sessionBearerTokens<ExchangeSolutionsState>(() => addCardsRules.refuse('exchange-solutions.add-cards.token-valid'));
