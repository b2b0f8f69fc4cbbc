/** Probing an unknown server for cardmock's control API reads a bounded answer, whatever it sends. */
import { describe, expect, it } from 'vitest';
import { speaksControlApi } from './url-target.ts';
import { listenDuringSuite, writeEndlessly } from './endless-answer.test-helper.ts';

describe('speaksControlApi', () => {
  let written = 0;
  const origin = listenDuringSuite((req, res) => {
    if (req.url !== '/__cardmock/sessions') return res.writeHead(404).end();
    // An endless 200: the probe must hang up rather than buffer it.
    res.writeHead(200, { 'content-type': 'application/json' });
    writeEndlessly(res, ' ', (bytes) => (written += bytes));
  });

  it('says no to an endless answer after reading at most its cap', async () => {
    expect(await speaksControlApi(origin(), 10_000)).toBe(false);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });
});
