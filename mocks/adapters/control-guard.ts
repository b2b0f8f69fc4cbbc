/**
 * Who may use the control API. Without a token: loopback clients only, and never a cross-site page
 * (a web page could otherwise reset your session with a plain form POST). With a token (required to
 * serve on any other interface): every control request must carry it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CONTROL_TOKEN_HEADER = 'x-cardmock-control-token';

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.') || address === 'localhost';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function controlVerdict(req: IncomingMessage, controlToken: string | undefined): Verdict {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) {
    return { ok: false, status: 403, code: 'CROSS_ORIGIN', message: `the control API does not answer pages of other origins (${origin})` };
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, status: 403, code: 'CROSS_ORIGIN', message: 'the control API does not answer cross-site requests' };
  }
  if (controlToken !== undefined) {
    const given = req.headers[CONTROL_TOKEN_HEADER];
    if (typeof given === 'string' && sameToken(given, controlToken)) return { ok: true };
    return { ok: false, status: 401, code: 'CONTROL_TOKEN_REQUIRED', message: `send the control token in ${CONTROL_TOKEN_HEADER}` };
  }
  if (!isLoopback(req.socket.remoteAddress)) {
    return { ok: false, status: 403, code: 'LOOPBACK_ONLY', message: 'the control API answers loopback clients only; start with --control-token to open it' };
  }
  return { ok: true };
}
