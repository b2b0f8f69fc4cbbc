import { describe, expect, it } from 'vitest';
import { serveDuringSuite } from '../testing/suite-server.ts';

describe('dashboard response headers', () => {
  const server = serveDuringSuite();

  it('cannot be framed, sniffed or made to run scripts it does not ship', async () => {
    const r = await fetch(`${server().url}/__cardmock/`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await fetch(`${server().url}/__cardmock/`);
    const head = await fetch(`${server().url}/__cardmock/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(head.headers.get('content-security-policy')).toBe(get.headers.get('content-security-policy'));
    expect(await head.text()).toBe('');
    const redirect = await fetch(`${server().url}/__cardmock`, { method: 'HEAD', redirect: 'manual' });
    expect(redirect.status).toBe(301);
  });
});
