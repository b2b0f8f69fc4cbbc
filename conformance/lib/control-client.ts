/**
 * cardmock's control API, spoken by the runner where a target has it (`target.controlApi`): the
 * session's state of a vendor (to prove a replay created nothing) and removing the sessions a run
 * created. Described by specs/cardmock-control.openapi.yaml; the runner needs nothing else of it.
 */
import { controlPath } from './control-paths.ts';
import { send, SESSION_HEADER } from './http-client.ts';
import type { Target } from './target.ts';

async function control(target: Target, method: string, url: string, session: string) {
  const base = target.controlApi;
  if (!base) return undefined;
  const via: Target = { ...target, base: () => base };
  return send(via, '', { method, url, headers: { [SESSION_HEADER]: session } });
}

/** The session's entities of one vendor, or undefined where the target cannot show them. */
export async function sessionState(target: Target, vendor: string, session: string): Promise<unknown> {
  const response = await control(target, 'GET', controlPath('getVendorState', { vendor }), session).catch(() => undefined);
  return response?.status === 200 ? response.json : undefined;
}

/** Remove a session the run created (a reset of every vendor drops it); a server that cannot is left as it is. */
export async function endSession(target: Target, session: string): Promise<void> {
  await control(target, 'POST', controlPath('resetSession'), session).catch(() => undefined);
}
