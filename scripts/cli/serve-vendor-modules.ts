/**
 * `serve --vendor-module <file>`: vendor modules of your own, loaded beside cardmock's five. A
 * module must load in time and be named as a URL prefix may be (see `vendorNameProblem`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { vendorNameProblem, type VendorModule } from '../../mocks/core/vendor.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import type { UsageError } from './cli-usage.ts';

/** How long a vendor module may take to load (a top-level await that never settles would otherwise end `serve` silently, exit 0). */
export const MODULE_LOAD_TIMEOUT_MS = 10_000;

/** cardmock's vendors, then each module file's default (or `vendor`) export: a VendorModule. */
export async function loadVendorModules(files: string[]): Promise<VendorModule[] | UsageError> {
  const modules = [...allVendors];
  for (const file of files) {
    const bad = (problem: string): UsageError => ({ usage: `--vendor-module ${file}: ${problem}`, withHelp: true });
    try {
      const loaded = await withinTime(import(pathToFileURL(path.resolve(file)).href) as Promise<{ default?: VendorModule; vendor?: VendorModule }>, MODULE_LOAD_TIMEOUT_MS);
      if (loaded === undefined) return bad(`did not finish loading within ${MODULE_LOAD_TIMEOUT_MS / 1000} s`);
      const module = loaded.default ?? loaded.vendor;
      if (!module?.document || !module.operations) return bad('exports no vendor module (a default export with name, document, operations…)');
      const badName = vendorNameProblem(module.name);
      if (badName) return bad(badName);
      if (modules.some((m) => m.name === module.name)) return bad(`a vendor named ${module.name} is served already`);
      modules.push(module);
    } catch (error) {
      return bad((error as Error).message);
    }
  }
  return modules;
}

/** The promise's value, or undefined when it has not settled within `ms` (the timer keeps the process alive meanwhile). */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
