/**
 * Credentials are read as the operation's security asks: Basic credentials decoded (ASCII, and
 * UTF-8 beyond it), malformed ones told apart from missing ones, and each operation's accepted
 * schemes read once.
 */
import { describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../../specs/lib/operations.ts';
import { readCredentials } from './credentials.ts';

const op = (schemes: string[][]) =>
  ({ security: schemes.map((alt) => alt.map((name) => ({ name, scheme: name === 'basic' ? { type: 'http', scheme: 'basic' } : { type: 'http', scheme: 'bearer' } }))) }) as unknown as OperationSpec;
const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('readCredentials', () => {
  const both = op([['bearer'], ['basic']]);

  it('reads Basic credentials, ASCII and UTF-8', () => {
    expect(readCredentials(both, basic('store.server:8a16a6b7'))).toEqual({ ok: true, credentials: { scheme: 'basic', username: 'store.server', password: '8a16a6b7' } });
    expect(readCredentials(both, basic('Åsa:lösen'))).toEqual({ ok: true, credentials: { scheme: 'basic', username: 'Åsa', password: 'lösen' } });
  });

  it('refuses Basic credentials that are not base64 of UTF-8, or have no user', () => {
    expect(readCredentials(both, `Basic ${Buffer.from([0xff, 0x3a, 0x61]).toString('base64')}`)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(readCredentials(both, 'Basic !!!')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(readCredentials(both, basic(':pw'))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('tells missing from malformed, naming what the operation accepts; an open operation takes none', () => {
    expect(readCredentials(both, undefined)).toEqual({ ok: false, reason: 'missing', expected: ['Bearer', 'Basic'] });
    expect(readCredentials(op([['bearer']]), basic('a:b'))).toEqual({ ok: false, reason: 'malformed', expected: ['Bearer'] });
    expect(readCredentials(op([['bearer'], []]), undefined)).toEqual({ ok: true, credentials: { scheme: 'none' } });
  });
});
