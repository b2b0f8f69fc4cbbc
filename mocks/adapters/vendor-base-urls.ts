/**
 * Where a vendor answers: the base URLs its spec lists in `servers` (cardmock's own local server
 * left out), and the pattern MSW matches them with, `{variables}` matching any value.
 */
import type { OpenApiDocument, ServerObject } from '../../specs/lib/openapi-document.ts';
import { isLoopback } from './loopback.ts';

/** The servers of a vendor's spec, minus cardmock's own (the one on a loopback address): production, test and sandbox hosts alike. */
export function specServers(vendor: { document: OpenApiDocument }): ServerObject[] {
  return (vendor.document.servers ?? []).filter((s) => !isLoopback(new URL(s.url.replace(/\{[^}]+\}/g, 'x')).hostname));
}

/** The base URLs of a vendor's spec, minus cardmock's own: what MSW matches by default. */
export const specBaseUrls = (vendor: { document: OpenApiDocument }): string[] => specServers(vendor).map((s) => s.url);

/** The vendor's first spec base URL with every `{variable}` set to `sandbox`: a URL MSW answers. */
export const sandboxBaseUrl = (vendor: { document: OpenApiDocument }): string => specBaseUrls(vendor)[0]!.replace(/\{[^}]+\}/g, 'sandbox');

/** A RegExp matching `base` and everything below it; `{variables}` match any host label or segment. */
export function baseUrlPattern(base: string): RegExp {
  const escaped = base
    .replace(/\/$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/?#]+?' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}(/[^?#]*)?$`);
}
