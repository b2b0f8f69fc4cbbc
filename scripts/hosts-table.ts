/**
 * The table of the hosts (docs/browser.md) each vendor's MSW handlers match by default, rendered from the
 * specs' `servers` (what `createHandlers` matches: mocks/adapters/vendor-base-urls.ts). `npm run
 * generate` writes it between its markers; the drift check fails while the doc's copy differs.
 */
import type { OpenApiDocument, ServerObject } from '../specs/lib/openapi-document.ts';
import { vendorOf } from '../specs/lib/operations.ts';
import { specServers } from '../mocks/adapters/vendor-base-urls.ts';

export const HOSTS_START = "<!-- hosts: written by `npm run generate` from the specs' servers -->";
export const HOSTS_END = '<!-- /hosts -->';

/** The first sentence of a server's description, and whether the spec marks it a guess. */
function whatItIs(server: ServerObject): string {
  const sentence = /^[^]*?\.(?=\s|$)/.exec((server.description ?? '').trim())?.[0] ?? server.description ?? '';
  return `${sentence.replace(/\s+/g, ' ')}${server['x-inferred'] ? ' (`x-inferred`)' : ''}`;
}

export function hostsTable(documents: Record<string, OpenApiDocument>): string {
  const rows = Object.values(documents).flatMap((document) => {
    const vendor = vendorOf(document);
    return vendor === undefined ? [] : specServers({ document }).map((server) => `| ${vendor} | \`${server.url}\` | ${whatItIs(server)} |`);
  });
  return ['| vendor | base URL (`{…}`: any value) | what it is |', '|---|---|---|', ...rows].join('\n');
}

/** `text` with the table between its markers replaced; `text` unchanged when it has no markers. */
export function withHostsTable(text: string, table: string): string {
  const start = text.indexOf(HOSTS_START);
  const end = text.indexOf(HOSTS_END, start);
  if (start < 0 || end < 0) return text;
  return `${text.slice(0, start + HOSTS_START.length)}\n${table}\n${text.slice(end)}`;
}
