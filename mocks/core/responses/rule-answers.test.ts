import { describe, expect, it } from 'vitest';
import { assignRules } from '../../vendors/paysafe/answers.ts';
import { bindRules } from '../../vendors/pismo/answers.ts';
import { addCardRules } from '../../vendors/capillary/answers.ts';
import { addCardsRules } from '../../vendors/exchange-solutions/answers.ts';

describe('answers by rule, typed from the catalogue', () => {
  it("answers the named example of the rule's answer, and carries the rule", () => {
    const refused = assignRules.refuse('paysafe.assign.not-reassigned');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD');
    expect(refused.rule).toBe('paysafe.assign.not-reassigned');
    expect(addCardRules.refuse('capillary.add.series-not-expired').body.errors[0]!.code).toBe(3008);
  });

  it('writes what is specific to this occurrence into a fresh copy of the example', () => {
    const detailed = bindRules.refuse('pismo.bind.card-exists', 'no card 7');
    expect(detailed.body.detail).toBe('no card 7');
    expect(bindRules.refuse('pismo.bind.card-exists').body.detail).toBeUndefined();
    expect(addCardsRules.refuse('exchange-solutions.add-cards.request-valid', 'Invalid request: x').body.errorMessage).toBe('Invalid request: x');
  });

  it("answers a success with the rule's status and the documented media type", () => {
    const added = addCardsRules.succeed('exchange-solutions.add-cards.adds-digital-cards', { successList: ['1'], errorList: [] });
    expect(added).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: { successList: ['1'], errorList: [] }, rule: 'exchange-solutions.add-cards.adds-digital-cards' });
    expect(bindRules.succeed('pismo.bind.binds-unbound-card', undefined)).toEqual({ status: 202, headers: {}, body: undefined, rule: 'pismo.bind.binds-unbound-card' });
  });

  it('names a refusal chosen at run time only when the catalogue holds it as one', () => {
    expect(assignRules.refusal('paysafe.assign.token-valid')).toBe('paysafe.assign.token-valid');
    expect(assignRules.refusal('paysafe.assign.assigns-card')).toBeUndefined();
    expect(assignRules.refusal('cardmock.unknown-path')).toBeUndefined();
    expect(assignRules.refusal(undefined)).toBeUndefined();
  });

  it('refuses, at compile time, a rule the operation does not have or answers otherwise (tsc --noEmit runs in npm test)', () => {
    // Each line below must be a type error; tsc fails on an @ts-expect-error that expects none.
    // @ts-expect-error not a rule of Paysafe's catalogue
    expect(() => assignRules.refuse('paysafe.assign.card-exists')).toThrow(/has no rule paysafe.assign.card-exists/);
    // @ts-expect-error a rule of another vendor's operation
    expect(() => bindRules.refuse('paysafe.assign.not-reassigned')).toThrow();
    // @ts-expect-error assigns-card is answered with a success: refuse() answers no success
    expect(assignRules.refuse('paysafe.assign.assigns-card').status).toBe(200);
    // @ts-expect-error not-reassigned is a refusal: succeed() answers no refusal
    expect(assignRules.succeed('paysafe.assign.not-reassigned', { cardId: 'c', customerId: 'a', targetCustomerId: 'b' }).status).toBe(400);
    // @ts-expect-error the 200 body of assign has cardId, customerId and targetCustomerId, not entity
    expect(assignRules.succeed('paysafe.assign.assigns-card', { entity: 1 }).status).toBe(200);
    const refused = bindRules.refuse('pismo.bind.card-unbound');
    // @ts-expect-error the answer's status is the rule's: 409, never 400
    expect(refused.status === 400).toBe(false);
  });
});
