/**
 * The dashboard: one static page over the control API, no build step. It is served with a strict
 * Content-Security-Policy built from the hashes of its own inline script and style, so nothing
 * injected into it runs, no other site can frame it (clickjacking a fault injection), and it may
 * talk to this server only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const page = readFileSync(new URL('./dashboard.html', import.meta.url));

const hashesOf = (html: string, tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);

const html = page.toString('utf8');
const policy = [
  "default-src 'none'",
  `script-src ${hashesOf(html, 'script').join(' ')}`,
  `style-src ${hashesOf(html, 'style').join(' ')}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const dashboard = {
  body: page,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-length': page.length,
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    // The page URL may carry the control token (?token=).
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  },
} as const;
