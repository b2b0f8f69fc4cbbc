/**
 * Card numbers for digital cards. ES generates them; its format is not published, so the mock
 * hands out 16 digits from a per-state counter: deterministic for a session's history (tests can
 * predict them) and never one already on an account (a fixture may have taken it).
 */
import type { ExchangeSolutionsState } from './state.ts';

const PREFIX = '6019';

export function nextDigitalCardNumber(state: ExchangeSolutionsState): string {
  let cardNumber: string;
  do {
    cardNumber = PREFIX + String(++state.digitalCounter).padStart(12, '0');
  } while (state.cardOwners.has(cardNumber));
  return cardNumber;
}
