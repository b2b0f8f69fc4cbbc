import { describe, expect, it } from 'vitest';
import { paysafeError } from '../vendors/paysafe/errors.ts';
import { pismoError } from '../vendors/pismo/errors.ts';
import { capillaryError } from '../vendors/capillary/errors.ts';
import { exchangeSolutionsError } from '../vendors/exchange-solutions/errors.ts';

describe('error templates typed from the spec', () => {
  it('answers the named example of the status', () => {
    expect(paysafeError(400, 'ALREADY_ASSIGNED_CARD').body.error.code).toBe('DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD');
    expect(capillaryError(400, 'CARD_SERIES_EXPIRED').body.errors[0]!.code).toBe(3008);
  });

  it('writes what is specific to this occurrence into a fresh copy of the example', () => {
    const detailed = pismoError(400, 'CARD_NOT_FOUND', 'no card 7');
    expect(detailed.body.detail).toBe('no card 7');
    expect(pismoError(400, 'CARD_NOT_FOUND').body.detail).toBeUndefined();
    expect(exchangeSolutionsError(400, 'INVALID_REQUEST', 'Invalid request: x').body.errorMessage).toBe('Invalid request: x');
  });

  it('refuses, at compile time, a name the status does not hold (tsc --noEmit runs in npm test)', () => {
    // Each line below must be a type error; tsc fails on an @ts-expect-error that expects none.
    // @ts-expect-error ALREADY_ASSIGNED_CARD is a 400 example, not a 404 one
    expect(() => paysafeError(404, 'ALREADY_ASSIGNED_CARD')).toThrow(/has no example ALREADY_ASSIGNED_CARD/);
    // @ts-expect-error Pismo documents no 404
    expect(() => pismoError(404, 'CARD_NOT_FOUND')).toThrow();
    // @ts-expect-error not an example of any status
    expect(() => capillaryError(409, 'SERIES_EXPIRED')).toThrow();
    // @ts-expect-error PARTLY_ADDED is a 200 example: an error factory answers no success
    expect(exchangeSolutionsError(200, 'PARTLY_ADDED').status).toBe(200);
  });
});
