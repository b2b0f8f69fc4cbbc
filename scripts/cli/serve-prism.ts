/**
 * The Prism modes of `cardmock serve`: `--stateless` (Prism's mock per vendor) and `--validate`
 * (Prism's proxy with `--errors` per vendor in front of the stateful server), in this process.
 */
import type { PrismGroup, PrismGroupOptions } from '../../mocks/prism/per-vendor.ts';

/** A start that failed: the reason is printed already. */
export interface Failed {
  exitCode: number;
}

/** Prism is an optional peer dependency: loaded only for --stateless/--validate. */
async function loadPrism(flag: string): Promise<typeof import('../../mocks/prism/per-vendor.ts') | undefined> {
  try {
    return await import('../../mocks/prism/per-vendor.ts');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !/@stoplight\/prism-cli/.test((error as Error).message)) throw error;
    console.error(`cardmock serve ${flag}: needs Prism, an optional peer dependency; add it with: npm install --save-dev @stoplight/prism-cli@~5.14`);
    return undefined;
  }
}

/** `--stateless`: vendor i's mock listens on port + i. */
export async function startStateless(vendors: string[], host: string, port: number): Promise<PrismGroup | Failed> {
  const prisms = await startGroup('--stateless', { vendors, mode: 'mock', host, port });
  if ('exitCode' in prisms) return prisms;
  console.log('cardmock --stateless: prism mock per vendor (documented examples; Prefer: code=409, or code=400, example=NAME)');
  printUrls(prisms);
  return prisms;
}

/** `--validate`: vendor i's proxy listens on proxyPort + i and logs every contract violation Prism reports. */
export async function startValidation(vendors: string[], upstream: string, host: string, proxyPort: number): Promise<PrismGroup | Failed> {
  const prisms = await startGroup('--validate', {
    vendors,
    mode: 'proxy',
    upstream,
    host,
    port: proxyPort,
    onViolation: (vendor, { severity, message }) => console.log(`contract violation (${vendor}, ${severity}): ${message.replace(/^Violation:\s*/, '')}`),
  });
  if ('exitCode' in prisms) return prisms;
  console.log('validated through prism proxy --errors (send requests here):');
  printUrls(prisms);
  return prisms;
}

async function startGroup(flag: string, options: PrismGroupOptions): Promise<PrismGroup | Failed> {
  const prism = await loadPrism(flag);
  if (!prism) return { exitCode: 1 };
  try {
    return await prism.startPrismGroup(options);
  } catch (error) {
    console.error(`cardmock serve ${flag}: ${(error as Error).message}`);
    return { exitCode: 1 };
  }
}

function printUrls(prisms: PrismGroup): void {
  for (const p of prisms.prisms) console.log(`  ${p.vendor.padEnd(20)} ${p.url}`);
}
