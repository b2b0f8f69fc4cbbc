/**
 * The control API's presets (mocks/core/presets.ts): listing every vendor's, and applying one to a
 * session. Applying resets the preset's vendor in the session first, so what it holds afterwards
 * depends on the preset alone, whatever the session held before; nothing else changes.
 */
import type { operations } from '../../generated/cardmock-control.ts';
import { cardmockError as error } from '../core/cardmock-error.ts';
import type { Engine } from '../core/engine.ts';
import { findPreset, listedPreset, presetFaults } from '../core/presets.ts';
import { FAULT_RULE_LIMIT_MESSAGE, MAX_FAULT_RULES } from '../core/request/faults.ts';
import type { OperationResponse } from '../core/responses/typed-response.ts';
import { vendorState, type Session } from '../core/session/session.ts';
import { DEFAULT_SESSION, json } from '../core/types.ts';
import type { ControlAnswer, ControlCall } from './control-handlers.ts';

export function listPresets({ engine }: ControlCall<'listPresets'>): ControlAnswer<'listPresets'> {
  return json(200, { presets: engine.vendors.flatMap((module) => (module.presets ?? []).map((preset) => listedPreset(module, preset))) });
}

export function applyPreset({ engine, session, request }: ControlCall<'applyPreset'>): ControlAnswer<'applyPreset'> {
  return presetApplied(engine, session, request.path.preset);
}

function presetApplied(engine: Engine, session: Session, id: string): OperationResponse<operations['applyPreset']> {
  const found = findPreset(engine.vendors, id);
  if ('problem' in found) return error(404, 'NOT_FOUND', found.problem);
  const { module, preset } = found;
  const faults = presetFaults(module, preset);
  const kept = session.faults.filter((f) => f.vendor !== module.name);
  if (kept.length + faults.length > MAX_FAULT_RULES) {
    return error(400, 'FAULT_RULE_LIMIT', FAULT_RULE_LIMIT_MESSAGE);
  }
  engine.store.reset(session.id, module.name);
  const fixtures = (preset.fixtures ?? {}) as Record<string, unknown[]>;
  // The engine refused, at start, presets whose fixtures clash with the defaults the reset brought back.
  const conflict = module.addFixtures(vendorState(session, module), structuredClone(fixtures));
  if (conflict) throw new Error(`${id}: ${conflict}`);
  session.faults.push(...faults);
  const added = Object.fromEntries(Object.entries(fixtures).map(([kind, list]) => [kind, list.length]));
  return json(200, { session: session.id, preset: id, added, faults });
}

/**
 * Apply presets to a session outside any request (`startCardmock({ preset })`): each in turn, as
 * the control API would; the first refused is thrown, with the control API's message.
 */
export function applyPresets(engine: Engine, ids: readonly string[], sessionId = DEFAULT_SESSION): void {
  const session = engine.store.enter(sessionId);
  try {
    for (const id of ids) {
      const answer = presetApplied(engine, session, id);
      if (answer.status !== 200) throw new Error(`preset ${id}: ${answer.body.error.message}`);
    }
  } finally {
    engine.store.leave(session);
  }
}
