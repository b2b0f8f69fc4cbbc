/**
 * One Prism server per vendor spec, all in this process: `prism mock` (stateless, examples and
 * `Prefer` headers) or `prism proxy --errors` in front of the stateful server. Starts them in
 * parallel, waits until all listen, and stops every one when one fails to start.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startPrism, type LoggedViolation, type RunningPrism } from './launch.ts';

const specsDir = fileURLToPath(new URL('../../specs/', import.meta.url));
export const specPath = (vendor: string) => path.join(specsDir, `${vendor}.openapi.yaml`);

export interface VendorPrism extends RunningPrism {
  vendor: string;
}

export interface PrismGroup {
  prisms: VendorPrism[];
  url(vendor: string): string;
  stop(): Promise<void>;
}

export interface PrismGroupOptions {
  vendors: string[];
  mode: 'mock' | 'proxy';
  /** For proxies: root of the stateful server; each vendor's upstream is `<upstream>/<vendor>`. */
  upstream?: string;
  host?: string;
  /** First port; vendor i listens on port + i. 0 (default): free ports. */
  port?: number;
  onViolation?: (vendor: string, violation: LoggedViolation) => void;
}

export async function startPrismGroup(options: PrismGroupOptions): Promise<PrismGroup> {
  const started = await Promise.allSettled(
    options.vendors.map(async (vendor, i): Promise<VendorPrism> => {
      const prism = await startPrism({
        mode: options.mode,
        spec: specPath(vendor),
        ...(options.mode === 'proxy' ? { upstream: `${options.upstream!.replace(/\/$/, '')}/${vendor}`, errors: true } : {}),
        ...(options.host ? { host: options.host } : {}),
        port: options.port ? options.port + i : 0,
        ...(options.onViolation ? { onViolation: (violation) => options.onViolation!(vendor, violation) } : {}),
      });
      return { ...prism, vendor };
    }),
  );
  const prisms = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = started.flatMap((r, i) => (r.status === 'rejected' ? [`${options.vendors[i]}: ${(r.reason as Error).message}`] : []));
  const stop = async () => {
    await Promise.all(prisms.map((p) => p.stop()));
  };
  if (failures.length > 0) {
    await stop();
    throw new Error(`Prism failed to start for ${failures.length} spec(s):\n${failures.join('\n')}`);
  }
  return {
    prisms,
    url: (vendor) => {
      const prism = prisms.find((p) => p.vendor === vendor);
      if (!prism) throw new Error(`no Prism for ${vendor}`);
      return prism.url;
    },
    stop,
  };
}

/** Prism's own error responses (it answered instead of the implementation). */
export const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** The violations in an `sl-violations` header (a JSON array), or [] when there is none. */
export function parseViolations(header: string | undefined): Violation[] {
  if (!header) return [];
  try {
    const parsed = JSON.parse(header) as Violation[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [{ location: [], severity: 'unknown', message: header }];
  }
}
