/**
 * Presets: named states a vendor declares for front-end developers (a customer whose only card is
 * assigned already, an account at its card limit, a slow bind). A preset is data — fixtures added
 * to the vendor's defaults and fault rules set on it — with a title and one sentence; the control
 * API lists and applies them (`GET /__cardmock/presets`, `POST /__cardmock/presets/{preset}`).
 */
import type { components } from '../../generated/cardmock-control.ts';
import { documents } from '../../generated/documents.ts';
import { faultRuleProblem } from './request/faults.ts';
import type { FaultRule } from './session/session.ts';
import type { VendorModule } from './vendor.ts';

type PresetSchema = components['schemas']['Preset'];

/** A preset as a vendor module declares it: its fault rules name no vendor, they are set on the preset's own. */
export interface Preset<Fixtures = unknown> extends Pick<PresetSchema, 'id' | 'title' | 'description'> {
  /** Entities added to the default fixtures, typed as the vendor's `addFixtures` takes them. */
  fixtures?: Fixtures;
  faults?: Omit<FaultRule, 'vendor'>[];
}

/** The control spec's `PresetId`: the vendor's name, a dot, a name of its own. */
const PRESET_ID = new RegExp((documents['cardmock-control'].components!.schemas!.PresetId as { pattern: string }).pattern);

/** The preset `id` names, among the vendors served: its module and declaration, or why there is none. */
export function findPreset(vendors: readonly VendorModule[], id: string): { module: VendorModule; preset: Preset } | { problem: string } {
  const vendor = id.slice(0, id.indexOf('.'));
  const module = vendors.find((v) => v.name === vendor);
  if (!module) return { problem: `vendor ${vendor} is not served` };
  const presets: Preset[] = module.presets ?? [];
  const preset = presets.find((p) => p.id === id);
  if (!preset) return { problem: `${vendor} has no preset ${id} (presets: ${presets.map((p) => p.id).join(', ') || 'none'})` };
  return { module, preset };
}

/** A preset as the control API lists it: its vendor named, on its fault rules too. */
export function listedPreset(module: VendorModule, preset: Preset): PresetSchema {
  const { fixtures, faults, ...named } = preset;
  return {
    ...named,
    vendor: module.name,
    ...(fixtures === undefined ? {} : { fixtures: fixtures as PresetSchema['fixtures'] }),
    ...(faults === undefined ? {} : { faults: presetFaults(module, preset) }),
  };
}

export const presetFaults = (module: VendorModule, preset: Preset): FaultRule[] => (preset.faults ?? []).map((f) => ({ vendor: module.name, ...f }));

/**
 * Why a module's presets cannot be served, checked when an engine starts (a programmer error, as a
 * missing operation handler is): an id that is not the vendor's name and a dot, or taken twice; a
 * fault rule the control API would refuse; fixtures that clash with the defaults.
 */
export function presetProblem(module: VendorModule): string | undefined {
  const seen = new Set<string>();
  for (const preset of module.presets ?? []) {
    const where = `${module.name}: preset ${JSON.stringify(preset.id)}`;
    if (!PRESET_ID.test(preset.id) || !preset.id.startsWith(`${module.name}.`)) return `${where} must be named ${module.name}.<name> (${PRESET_ID.source})`;
    if (seen.has(preset.id)) return `${where} is declared twice`;
    seen.add(preset.id);
    for (const fault of preset.faults ?? []) {
      const problem = faultRuleProblem(module, fault);
      if (problem) return `${where}: ${problem.message}`;
    }
    const conflict = preset.fixtures === undefined ? undefined : module.addFixtures(module.createState(), structuredClone(preset.fixtures));
    if (conflict) return `${where}: its fixtures clash with the defaults: ${conflict}`;
  }
  return undefined;
}
