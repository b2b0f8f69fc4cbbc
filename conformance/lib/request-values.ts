/**
 * The values a request sent, by name: path parameters (matched against the operation's template),
 * query parameters and the top-level fields of a JSON body. Read from the request as sent, so it
 * works for scenario requests and for exchanges watched by a proxy alike.
 */
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { SentRequest } from './http-client.ts';

export function requestValues(op: OperationSpec, request: SentRequest): Record<string, unknown> {
  const [pathPart, queryPart = ''] = request.url.split('?', 2) as [string, string?];
  const names: string[] = [];
  const pattern = new RegExp(
    `${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  const values: Record<string, unknown> = {};
  let body: unknown;
  try {
    body = request.body === undefined ? undefined : JSON.parse(request.body);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(values, body);
  for (const [k, v] of new URLSearchParams(queryPart)) values[k] = v;
  const match = pattern.exec(pathPart);
  names.forEach((name, i) => {
    const raw = match?.[i + 1];
    if (raw !== undefined) values[name] = decodeURIComponent(raw);
  });
  return values;
}
