import { describe, expect, it } from 'vitest';
import type { operations } from '../../../generated/pismo.ts';
import type { ParametersOf } from './typed-response.ts';

describe('ParametersOf', () => {
  it('types path and header parameters from the generated operation (checked by tsc --noEmit)', () => {
    const params: ParametersOf<operations['post-v2-card-bind']> = { path: { cardId: '7001' }, query: {}, header: { 'x-account-id': '1001', 'x-customer-id': 2001 } };
    // @ts-expect-error x-customer-id is an integer header
    const wrong: ParametersOf<operations['post-v2-card-bind']> = { path: { cardId: '7001' }, query: {}, header: { 'x-account-id': '1001', 'x-customer-id': '2001' } };
    expect(params.header['x-customer-id'] + 1).toBe(2002);
    expect(wrong).toBeDefined();
  });
});
