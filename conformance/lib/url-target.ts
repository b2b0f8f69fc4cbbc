/**
 * A target given by URL, as `cardmock conform --base-url` builds it. With several vendors the base
 * URL is a server root serving each vendor under `/<vendor>` (as cardmock does); with one vendor
 * it is that vendor's base URL.
 */
import { controlPath } from './control-paths.ts';
import type { FixturePools } from './scenario.ts';
import type { Target } from './target.ts';
import { readCappedBody } from './read-capped-body.ts';

const PROBE_MAX_BYTES = 1024 * 1024;

export interface UrlTargetOptions {
  baseUrl: string;
  vendors: string[];
  authorization?: string;
  fixtures: Record<string, FixturePools>;
  control: boolean;
  mutations: boolean;
  ownMock: boolean;
  timeoutMs?: number;
  concurrency?: number;
}

export function urlTarget(options: UrlTargetOptions): Target {
  const root = options.baseUrl.replace(/\/+$/, '');
  const single = options.vendors.length === 1;
  return {
    name: root,
    ownMock: options.ownMock,
    capabilities: { control: options.control, mutations: options.mutations },
    vendors: options.vendors,
    base: (vendor) => (single ? root : `${root}/${vendor}`),
    authorization: () => options.authorization,
    fixtures: (vendor) => options.fixtures[vendor] ?? {},
    ...(options.control ? { controlApi: new URL(root).origin } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  };
}

/** Does the server at `baseUrl` speak cardmock's control API? (Then it can seed sessions and inject faults.) */
export async function speaksControlApi(baseUrl: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const origin = new URL(baseUrl).origin;
    const response = await fetch(`${origin}${controlPath('listSessions')}`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    if (response.status !== 200) {
      await response.body?.cancel();
      return false;
    }
    // A probe of an unknown server: read a bounded amount (a 2 GB answer here once cost 1.4 GB RSS).
    const body = JSON.parse(await readCappedBody(response, PROBE_MAX_BYTES)) as { sessions?: unknown };
    return Array.isArray(body.sessions);
  } catch {
    return false;
  }
}
