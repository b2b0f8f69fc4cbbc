/**
 * Paths of cardmock's control API, read from its spec (specs/cardmock-control.openapi.yaml) by
 * operationId, so the runner and the CLI restate none.
 */
import { documents } from '../../generated/documents.ts';
import { operationsOf } from '../../specs/lib/operations.ts';

const operations = operationsOf(documents['cardmock-control'], 'cardmock-control');

export function controlPath(operationId: string, params: Record<string, string> = {}): string {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`the control spec has no operation ${operationId}`);
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
