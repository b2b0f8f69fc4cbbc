/**
 * The recording format of `cardmock proxy --record <dir>`: one JSON file per exchange, credentials
 * already removed, response body kept as the exact text the upstream sent (so a replay is
 * byte-equal). `serve --replay <dir>` reads them back.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const REDACTED = '[REDACTED]';

export interface RecordedExchange {
  n: number;
  vendor: string;
  operationId?: string;
  /** Raw path parameters of the documented operation, for deriving fixtures. */
  pathParams?: Record<string, string>;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

export const recordingFileName = (e: RecordedExchange) => `${String(e.n).padStart(5, '0')}-${e.vendor}-${e.operationId ?? 'undocumented'}-${e.response.status}.json`;

export async function readRecordings(dir: string): Promise<RecordedExchange[]> {
  const names = (await readdir(dir)).filter((n) => /^\d+-.*\.json$/.test(n)).sort();
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as RecordedExchange));
}

/** A recorded value stands for any value where the recording redacted it. */
function sameValue(recorded: unknown, live: unknown): boolean {
  if (typeof recorded === 'string' && recorded.includes(REDACTED)) return true;
  if (Array.isArray(recorded)) return Array.isArray(live) && recorded.length === live.length && recorded.every((v, i) => sameValue(v, live[i]));
  if (typeof recorded === 'object' && recorded !== null) {
    if (typeof live !== 'object' || live === null || Array.isArray(live)) return false;
    const keys = Object.keys(recorded);
    return keys.length === Object.keys(live).length && keys.every((k) => sameValue((recorded as Record<string, unknown>)[k], (live as Record<string, unknown>)[k]));
  }
  return recorded === live;
}

export function sameBody(recorded: string | undefined, live: string | undefined): boolean {
  if ((recorded ?? '') === (live ?? '')) return true;
  try {
    return sameValue(JSON.parse(recorded ?? ''), JSON.parse(live ?? ''));
  } catch {
    return false;
  }
}
