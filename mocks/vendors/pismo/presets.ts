/**
 * Named states of Pismo a front end wants to see (mocks/core/presets.ts), each applied to a
 * session by `POST /__cardmock/presets/{preset}`.
 */
import type { Preset } from '../../core/presets.ts';
import { BIND } from './answers.ts';
import type { PismoFixtures } from './state.ts';

/** Long enough to see what the page shows while it waits; far below the control spec's 60 s bound. */
export const SLOW_BIND_MS = 3_000;

export const pismoPresets: Preset<PismoFixtures>[] = [
  {
    id: 'pismo.slow-bind',
    title: 'A slow bind',
    description: `Binding a noname card answers only after ${SLOW_BIND_MS / 1000} seconds, long enough to see what the page shows meanwhile.`,
    faults: [{ operationId: BIND, delayMs: SLOW_BIND_MS }],
  },
  {
    id: 'pismo.bind-fails',
    title: 'Binds fail',
    description: "Every bind answers Pismo's documented 500, as when its card service fails: does the page let the user try again?",
    faults: [{ operationId: BIND, status: 500 }],
  },
];
