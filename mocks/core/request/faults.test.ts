import { describe, expect, it } from 'vitest';
import { faultFromHeaders, MAX_DELAY_MS } from './faults.ts';
import type { MockRequest } from '../types.ts';

const request = (headers: Record<string, string>): MockRequest => ({ method: 'POST', path: '/', query: new URLSearchParams(), headers });
const documented = [200, 400, 503];

describe('x-cardmock-delay and x-cardmock-fault: decimal digits only', () => {
  it.each(['0x10', '1e3', '+5', '', ' 5', '5 ', '5.0', '-1', '١٢', String(MAX_DELAY_MS + 1), '9'.repeat(400)])('delay %j is refused', (text) => {
    expect(faultFromHeaders(request({ 'x-cardmock-delay': text }), documented)).toMatchObject({ ok: false, field: 'x-cardmock-delay' });
  });

  it.each([['0', 0], ['200', 200], [String(MAX_DELAY_MS), MAX_DELAY_MS]])('delay %j waits %d ms', (text, ms) => {
    expect(faultFromHeaders(request({ 'x-cardmock-delay': text }), documented)).toEqual({ ok: true, fault: { delayMs: ms } });
  });

  it.each(['0x1f7', '5.03e2', '503.0', ' 503', '+503', '0503', '', '409'])('fault %j is refused', (text) => {
    expect(faultFromHeaders(request({ 'x-cardmock-fault': text }), documented)).toMatchObject({ ok: false, field: 'x-cardmock-fault' });
  });

  it('a documented status in decimal is answered', () => {
    expect(faultFromHeaders(request({ 'x-cardmock-fault': '503' }), documented)).toEqual({ ok: true, fault: { status: 503, delayMs: 0 } });
  });
});
