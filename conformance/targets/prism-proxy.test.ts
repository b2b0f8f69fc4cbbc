import { scenarios, unprovokable } from '../cases/index.ts';
import { describeConformance } from '../lib/vitest-suite.ts';
import { served } from './mock-targets.ts';
import { prismProxyTarget } from './prism-targets.ts';

// prism proxy --errors refuses some invalid requests itself (422, its own 401 and JSON errors):
// those scenarios never reach the server and are reported as not provokable through the proxy.
// Every other scenario must pass with no sl-violations, and every documented status must still be
// exercised through the proxy by at least one scenario.
describeConformance('prism proxy --errors in front of the stateful server', () => prismProxyTarget(), {
  scenarios,
  unprovokable,
  served,
  mayNotProvoke: (result) => /prism proxy --errors answered/.test(result.reason ?? ''),
});
