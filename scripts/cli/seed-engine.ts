/** `cardmock serve --seed <file.json>`: entities added at start, before the server listens. */
import { readFile } from 'node:fs/promises';
import type { Engine } from '../../mocks/core/engine.ts';
import { CONTROL_PREFIX, createControlApi } from '../../mocks/control/control-api.ts';

/** Add each vendor's entities from a file to the default session, validated as the control API validates them. */
export async function seedEngine(engine: Engine, file: string): Promise<string | undefined> {
  let seed: Record<string, unknown>;
  try {
    seed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return `cannot read ${file}: ${(error as Error).message}`;
  }
  const control = createControlApi(engine);
  for (const [vendor, body] of Object.entries(seed)) {
    const response = control.handle({ method: 'POST', path: `${CONTROL_PREFIX}/${vendor}/fixtures`, query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 200) return `${vendor}: ${response.status} ${JSON.stringify(response.body)}`;
  }
  return undefined;
}
