/**
 * Who may use the control API. Without a token: loopback clients only, and never a cross-site page
 * (a web page could otherwise reset your session with a plain form POST). With a token (required to
 * serve on any other interface): every control request must carry it. In both cases the `Host`
 * must be a name we answer to: a page whose own name was rebound to 127.0.0.1 (DNS rebinding) is
 * same-origin with itself, so the Origin check alone lets it in.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { documents } from '../../generated/documents.ts';
import type { Guard } from '../app/create-app.ts';
import type { MockRequest } from '../core/types.ts';
import { isLoopback } from './loopback.ts';

export { isLoopback };

/** Where the control token goes: the control spec's `controlToken` security scheme. */
export const CONTROL_TOKEN_HEADER = (documents['cardmock-control'].components!.securitySchemes!.controlToken as { name: string }).name.toLowerCase();

export interface GuardOptions {
  controlToken?: string | undefined;
  /** Host names answered besides loopback names and IP literals (`--allow-host`, the bound name). */
  allowHosts?: readonly string[] | undefined;
  /** Origins of pages that may send requests (`cardmock proxy --allow-origin`, a known front end). */
  allowOrigins?: readonly string[] | undefined;
}

export type Refusal = { ok: false; status: 401 | 403; code: string; message: string };
export type Verdict = { ok: true } | Refusal;


function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The host name of a Host header, lower case, without port or IPv6 brackets. */
function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * A Host we answer to: loopback names (`localhost`, `*.localhost`, RFC 6761), any IP literal (a
 * rebinding attack needs a name: an IP literal cannot be rebound), and the names given.
 */
export function hostAllowed(host: string | undefined, allowHosts: readonly string[] = []): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (name === '') return false;
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  return allowHosts.some((allowed) => hostName(allowed) === name);
}

export const hostRefusal = (host: string | undefined): Refusal => ({
  ok: false,
  status: 403,
  code: 'HOST_NOT_ALLOWED',
  message: `cardmock does not answer requests for host ${JSON.stringify(host ?? '')} here; start it with --allow-host <name> to answer that name`,
});

const sameOrigin = (a: string, b: string) => a.toLowerCase().replace(/\/+$/, '') === b.toLowerCase().replace(/\/+$/, '');

/**
 * What a page in a browser can make a loopback server do: a name rebound to 127.0.0.1 (the Host
 * check), a request from another origin, `mode: 'no-cors'` included (the Origin check), and
 * a cross-site request that carries no Origin, such as an image or a navigation (Sec-Fetch-Site).
 * A page of the server's own origin, or of an origin given with `allowOrigins`, may.
 */
export function browserVerdict(headers: Record<string, string | undefined>, options: Pick<GuardOptions, 'allowHosts' | 'allowOrigins'> = {}): Verdict {
  const { host, origin } = headers;
  if (!hostAllowed(host, options.allowHosts)) return hostRefusal(host);
  const allowed = origin !== undefined && [`http://${host}`, `https://${host}`, ...(options.allowOrigins ?? [])].some((o) => sameOrigin(o, origin));
  if (origin !== undefined && !allowed) {
    return { ok: false, status: 403, code: 'CROSS_ORIGIN', message: `cardmock does not answer pages of other origins (${origin}) here` };
  }
  if (!allowed && headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, status: 403, code: 'CROSS_ORIGIN', message: 'cardmock does not answer cross-site requests here' };
  }
  return { ok: true };
}

export function controlVerdict(req: Pick<MockRequest, 'headers' | 'remoteAddress'>, options: GuardOptions = {}): Verdict {
  const { controlToken } = options;
  const browser = browserVerdict(req.headers, options);
  if (!browser.ok) return browser;
  if (controlToken !== undefined) {
    const given = req.headers[CONTROL_TOKEN_HEADER];
    if (typeof given === 'string' && sameToken(given, controlToken)) return { ok: true };
    return { ok: false, status: 401, code: 'CONTROL_TOKEN_REQUIRED', message: `send the control token in ${CONTROL_TOKEN_HEADER}` };
  }
  if (!isLoopback(req.remoteAddress)) {
    return { ok: false, status: 403, code: 'LOOPBACK_ONLY', message: 'the control API answers loopback clients only; start with --control-token to open it' };
  }
  return { ok: true };
}

/**
 * The guard of a network transport for `createApp`: the dashboard page answers allowed Host names;
 * the control API also needs a loopback client (or the token) and no cross-site page.
 */
export function networkGuard(options: GuardOptions): Guard {
  return (request, what) => {
    const verdict = what === 'dashboard' ? (hostAllowed(request.headers.host, options.allowHosts) ? { ok: true as const } : hostRefusal(request.headers.host)) : controlVerdict(request, options);
    return verdict.ok ? undefined : verdict;
  };
}
