import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { md5Hex } from './md5.ts';

describe('md5Hex', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ['server123', '8a16a6b70505eb1f1ff7cdc0cd5559a7'],
  ])('RFC 1321 / vendor example: %j', (input, hex) => {
    expect(md5Hex(input)).toBe(hex);
  });

  it('agrees with node:crypto on 55–65 byte inputs and UTF-8', () => {
    for (const s of ['x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(65), 'Åsa Öberg €']) {
      expect(md5Hex(s)).toBe(createHash('md5').update(s).digest('hex'));
    }
  });
});
