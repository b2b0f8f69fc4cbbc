/**
 * The example vendor's module: everything cardmock needs of a vendor, built from its own spec. A
 * real vendor lives in `mocks/vendors/<name>/` with its spec in `specs/` (CONTRIBUTING.md, "Adding a
 * vendor"); this one stays outside both, as a user's own module would, and is passed to
 * `createApp({ vendors })`, `createHandlers({ vendors })` or `cardmock serve --vendor-module`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import type { MockResponse } from '../../core/types.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import type { OpenApiDocument } from '../../../specs/lib/openapi-document.ts';

const document = parse(readFileSync(new URL('./example-vouchers.openapi.yaml', import.meta.url), 'utf8')) as OpenApiDocument;
const responses = documentedResponses(document, 'example-vouchers');
const REDEEM = 'redeemVoucher';
const TOKEN = 'example-token';

interface State {
  vouchers: Map<string, { redeemed: boolean }>;
}
interface Fixtures {
  vouchers?: string[];
}

/** The named example of a status, answered as a rule of the spec's catalogue (`x-cardmock-rules`). */
const answer = (status: number, name: string, rule: string): MockResponse => ({ ...responses.example(REDEEM, status, name), rule });

function addFixtures(state: State, fixtures: Fixtures): string | undefined {
  for (const id of fixtures.vouchers ?? []) state.vouchers.set(id, { redeemed: false });
  return undefined;
}

export const exampleVouchers: VendorModule<State, Fixtures> = {
  name: 'example-vouchers',
  document,
  responses,
  createState: seededState(() => ({ vouchers: new Map() }), addFixtures, { vouchers: ['V1', 'V2', 'V3'] }),
  addFixtures,
  snapshot: (state) => ({ vouchers: [...state.vouchers].map(([voucherId, v]) => ({ voucherId, ...v })) }),
  operations: {
    // The one stateful rule: a voucher is redeemed once.
    [REDEEM]: ({ state, request }) => {
      const voucherId = String(request.path.voucherId);
      const voucher = state.vouchers.get(voucherId);
      if (!voucher) return answer(404, 'VOUCHER_NOT_FOUND', 'example-vouchers.redeem.voucher-exists');
      if (voucher.redeemed) return answer(409, 'ALREADY_REDEEMED', 'example-vouchers.redeem.once');
      voucher.redeemed = true;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { voucherId, status: 'REDEEMED' }, rule: 'example-vouchers.redeem.redeems-voucher' };
    },
  },
  authenticate: (credentials) =>
    credentials.scheme === 'bearer' && credentials.token === TOKEN ? undefined : answer(401, 'UNAUTHORIZED', 'example-vouchers.redeem.token-required'),
  // The core names the rule it refuses by (the catalogue's request-invalid or credentials rule, or cardmock's own).
  reject: (kind, _problems, _operationId, rule) =>
    kind === 'unauthorized' ? answer(401, 'UNAUTHORIZED', rule ?? 'example-vouchers.redeem.token-required') : answer(400, 'INVALID_REQUEST', rule ?? 'example-vouchers.redeem.request-valid'),
  samples: {
    authorization: `Bearer ${TOKEN}`,
    fixtures: { voucherId: 'V1' },
    requests: { [REDEEM]: { path: { voucherId: 'V1' } } },
    scale: {
      fixtures: (count, offset = 0) => ({ vouchers: Array.from({ length: count }, (_, i) => `V${1000 + offset + i}`) }),
      call: (_operationId, i) => ({ path: { voucherId: `V${1000 + i}` } }),
    },
  },
};

export default exampleVouchers;
