/**
 * Where a vendor answers: the base URLs its spec lists in `servers` (cardmock's own local server
 * left out), and the pattern MSW matches them with, `{variables}` matching any value.
 */
import type { VendorModule } from '../core/vendor.ts';
import { isLoopback } from './loopback.ts';

/** The base URLs of a vendor's spec, minus cardmock's own (the one on a loopback address). */
export function specBaseUrls(vendor: VendorModule): string[] {
  return (vendor.document.servers ?? []).map((s) => s.url).filter((url) => !isLoopback(new URL(url.replace(/\{[^}]+\}/g, 'x')).hostname));
}

/** The vendor's first spec base URL with every `{variable}` set to `sandbox`: a URL MSW answers. */
export const sandboxBaseUrl = (vendor: VendorModule): string => specBaseUrls(vendor)[0]!.replace(/\{[^}]+\}/g, 'sandbox');

/** A RegExp matching `base` and everything below it; `{variables}` match any host label or segment. */
export function baseUrlPattern(base: string): RegExp {
  const escaped = base
    .replace(/\/$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/?#]+?' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}(/[^?#]*)?$`);
}
