import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { createControlApi } from '../control/control-api.ts';
import { applyPresets } from '../control/presets.ts';
import { allVendors } from '../vendors/index.ts';
import { createEngine } from './engine.ts';
import { presetFaults, type Preset } from './presets.ts';
import type { VendorModule } from './vendor.ts';

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
const pismo = allVendors.find((v) => v.name === 'pismo')!;
const withPresets = (presets: Preset[]): VendorModule => ({ ...paysafe, presets });
const start = (presets: Preset[]) => () => createEngine({ vendors: [withPresets(presets)] });
const named = { title: 't', description: 'd' };

describe('presets a vendor declares', () => {
  it.each(allVendors.filter((v) => v.presets?.length).map((v) => [v.name, v] as const))("%s's are fixtures of its own fixtures schema", (_name, module) => {
    const validate = createSchemaRegistry(module.document, `${module.name}-presets`).validator({ $ref: '#/components/schemas/CardmockFixtures' });
    for (const preset of module.presets!) {
      if (preset.fixtures !== undefined) expect(validate(preset.fixtures), `${preset.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('at least Paysafe, Exchange Solutions and Pismo declare some', () => {
    expect(allVendors.filter((v) => v.presets?.length).map((v) => v.name)).toEqual(expect.arrayContaining(['paysafe', 'exchange-solutions', 'pismo']));
  });

  it.each([
    ['a name of another vendor', [{ id: 'pismo.slow', ...named }], /preset "pismo.slow" must be named paysafe.<name>/],
    ['a name that is no path segment', [{ id: 'paysafe.Slow bind', ...named }], /preset "paysafe.Slow bind" must be named paysafe.<name>/],
    ['a name taken twice', [{ id: 'paysafe.a', ...named }, { id: 'paysafe.a', ...named }], /preset "paysafe.a" is declared twice/],
    ['a fault on an operation it lacks', [{ id: 'paysafe.a', ...named, faults: [{ operationId: 'nope' }] }], /paysafe.a.*paysafe has no operation nope/],
    ['a fault of a status not documented', [{ id: 'paysafe.a', ...named, faults: [{ status: 418 }] }], /paysafe.a.*status 418 is not documented by assignBulkCard/],
    ['fixtures that clash with the defaults', [{ id: 'paysafe.a', ...named, fixtures: { cards: [{ cardId: paysafe.samples.fixtures.unassignedCardId, customerId: '1' }] } }], /paysafe.a.*clash with the defaults: card .* already exists/],
  ])('an engine refuses, at start, a preset with %s', (_case, presets, message) => {
    expect(start(presets as Preset[])).toThrow(message);
  });

  it('an engine takes presets it can serve', () => {
    expect(start([{ id: 'paysafe.a', ...named, faults: [{ status: 503 }] }])).not.toThrow();
  });
});

describe('applyPresets (startCardmock({ preset }))', () => {
  it('applies each to the default session, and throws the control API\'s message for one it does not have', () => {
    const engine = createEngine({ vendors: allVendors });
    applyPresets(engine, ['pismo.slow-bind']);
    const faults = createControlApi(engine).handle({ method: 'GET', path: '/__cardmock/faults', query: new URLSearchParams(), headers: {} });
    expect(faults.body).toEqual({ faults: presetFaults(pismo, pismo.presets!.find((p) => p.id === 'pismo.slow-bind')!) });
    expect(() => applyPresets(engine, ['pismo.nope'])).toThrow(/^preset pismo.nope: pismo has no preset pismo.nope \(presets: pismo.slow-bind, /);
  });
});
