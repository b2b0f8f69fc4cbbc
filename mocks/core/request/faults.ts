/**
 * Fault and latency rules: set through the control API (`{vendor, operationId, status?, delayMs?,
 * times?}`) or per request with `x-cardmock-fault: <status>` / `x-cardmock-delay: <ms>`.
 * A fault may only produce a status the operation documents.
 */
import { documents } from '../../../generated/documents.ts';
import type { FaultRule, Session } from '../session/session.ts';
import { DELAY_HEADER, FAULT_HEADER, type MockRequest } from '../types.ts';
import type { VendorModule } from '../vendor.ts';

export interface Fault {
  status?: number;
  delayMs: number;
}

/** The longest delay, per request or by a rule: the control spec's bound on `FaultRule.delayMs`. */
export const MAX_DELAY_MS = (documents['cardmock-control'].components!.schemas!.FaultRule as { properties: { delayMs: { maximum: number } } }).properties.delayMs.maximum;
/** Fault rules one session may hold: each request scans them, and the list is answered whole. */
export const MAX_FAULT_RULES = 100;
export const FAULT_RULE_LIMIT_MESSAGE = `a session holds at most ${MAX_FAULT_RULES} fault rules; clear them with DELETE /__cardmock/faults`;

// Number() would take `0x1f7`, `5.03e2`, `+5`, `' 5'` and `''` (0): only plain decimals are meant.
const STATUS_TEXT = /^[1-5][0-9]{2}$/;
const DELAY_TEXT = /^(0|[1-9][0-9]{0,4})$/;

export type FaultHeaderResult = { ok: true; fault?: Fault } | { ok: false; field: string; message: string };

/** The per-request fault asked for by headers, if any. */
export function faultFromHeaders(request: MockRequest, documented: readonly number[]): FaultHeaderResult {
  const statusText = request.headers[FAULT_HEADER];
  const delayText = request.headers[DELAY_HEADER];
  if (statusText === undefined && delayText === undefined) return { ok: true };
  let status: number | undefined;
  if (statusText !== undefined) {
    status = STATUS_TEXT.test(statusText) ? Number(statusText) : undefined;
    if (status === undefined || !documented.includes(status)) {
      return {
        ok: false,
        field: FAULT_HEADER,
        message: `must be a status this operation documents, in decimal digits (${documented.join(', ')}), not ${JSON.stringify(statusText.slice(0, 20))}`,
      };
    }
  }
  let delayMs = 0;
  if (delayText !== undefined) {
    delayMs = DELAY_TEXT.test(delayText) ? Number(delayText) : NaN;
    if (!(delayMs <= MAX_DELAY_MS)) {
      return { ok: false, field: DELAY_HEADER, message: `must be decimal digits, a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, not ${JSON.stringify(delayText.slice(0, 20))}` };
    }
  }
  return { ok: true, fault: status === undefined ? { delayMs } : { status, delayMs } };
}

/**
 * Why a fault rule cannot be set on the vendor: an operation it does not have, or a status one of
 * the operations it targets (one, or all when it names none) does not document.
 */
export function faultRuleProblem(module: VendorModule, rule: Omit<FaultRule, 'vendor'>): { message: string; details: string[] } | undefined {
  const operations = module.responses.operations;
  const targets = rule.operationId ? operations.filter((o) => o.operationId === rule.operationId) : operations;
  if (targets.length === 0) return { message: `${module.name} has no operation ${rule.operationId}`, details: [`operations: ${operations.map((o) => o.operationId).join(', ')}`] };
  const { status } = rule;
  const undocumented = status === undefined ? undefined : targets.find((op) => !op.responses.some((r) => r.status === status));
  if (!undocumented) return undefined;
  return { message: `status ${status} is not documented by ${undocumented.operationId}`, details: [`documented: ${undocumented.responses.map((r) => r.status).join(', ')}`] };
}

/** Take the first matching rule of the session (counting down `times`). */
export function takeFault(session: Session, vendor: string, operationId: string): Fault | undefined {
  const index = session.faults.findIndex(
    (r) => r.vendor === vendor && (r.operationId === undefined || r.operationId === operationId),
  );
  if (index < 0) return undefined;
  const rule = session.faults[index]!;
  if (rule.times !== undefined) {
    rule.times -= 1;
    if (rule.times <= 0) session.faults.splice(index, 1);
  }
  return rule.status === undefined ? { delayMs: rule.delayMs ?? 0 } : { status: rule.status, delayMs: rule.delayMs ?? 0 };
}
