/**
 * Session names, checked the same way wherever a session is named (vendor paths, control API,
 * MSW). Header values reach Node as latin1: a UTF-8 name would come back garbled in JSON, so
 * names are visible ASCII only and anything else is refused, never silently rewritten. The length
 * bound keeps a name usable in the control API and cheap to keep in memory.
 */
import { DEFAULT_SESSION, SESSION_HEADER } from './types.ts';

export const MAX_SESSION_NAME = 200;
const VALID = new RegExp(`^[\\x21-\\x7e]{1,${MAX_SESSION_NAME}}$`);

export const SESSION_NAME_RULE = `must be 1 to ${MAX_SESSION_NAME} visible ASCII characters (no spaces; percent-encode anything else)`;

export type SessionName = { ok: true; id: string } | { ok: false; message: string };

/** The session a request names; absent or empty means `default`. */
export function sessionName(headers: Record<string, string | undefined>): SessionName {
  const raw = headers[SESSION_HEADER];
  if (raw === undefined || raw === '') return { ok: true, id: DEFAULT_SESSION };
  return VALID.test(raw) ? { ok: true, id: raw } : { ok: false, message: SESSION_NAME_RULE };
}
