/**
 * A target given by URL, as `cardmock conform --base-url` builds it. With several vendors the base
 * URL is a server root serving each vendor under `/<vendor>` (as cardmock does); with one vendor
 * it is that vendor's base URL.
 */
import type { FixturePools } from './scenario.ts';
import type { Target } from './target.ts';

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
    const response = await fetch(`${origin}/__cardmock/sessions`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as { sessions?: unknown };
    return response.status === 200 && Array.isArray(body.sessions);
  } catch {
    return false;
  }
}
