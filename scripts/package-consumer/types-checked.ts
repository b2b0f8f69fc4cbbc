/**
 * What the installed types accept and refuse. tsc must report an error at every @ts-expect-error
 * line (a mistake that compiles fails the build: "Unused '@ts-expect-error' directive"), and none
 * elsewhere. The README's my-vendor-types.ts registers `vouchers` in the same program.
 */
import { createEngine, DEFAULT_SESSION, type FaultRule } from 'cardmock';
import { createHandlers } from 'cardmock/msw';
import { conform } from 'cardmock/conformance';
import type { ConformanceFixtures, VendorFixtures, VendorName } from 'cardmock/types';
import type { components as Enfuce } from 'cardmock/types/enfuce';

const engine = createEngine();

// A typo'd vendor name, anywhere a vendor is named.
// @ts-expect-error 'paysafee' is no vendor
engine.state(DEFAULT_SESSION, 'paysafee');
// @ts-expect-error 'paysafee' is no vendor
createHandlers({ baseUrls: { paysafee: 'https://gateway.example/paysafe' } });
// @ts-expect-error 'pismoo' is no vendor
const vendorTypo: FaultRule = { vendor: 'pismoo', status: 500 };
// @ts-expect-error 'pismoo' is no vendor
void conform({ engine, vendors: ['pismoo'] });
// @ts-expect-error 'pismoo' is no vendor
const fixturesVendorTypo: ConformanceFixtures = { pismoo: {} };

// A wrong operation id or status in a fault rule, a misspelt fixture key.
// @ts-expect-error Paysafe's operation id under Pismo
const operationTypo: FaultRule = { vendor: 'pismo', operationId: 'assignBulkCard' };
// @ts-expect-error Pismo's bind documents no 503
const undocumented: FaultRule = { vendor: 'pismo', operationId: 'post-v2-card-bind', status: 503 };
// @ts-expect-error customerID is not customerId
const keyTypo: ConformanceFixtures = { paysafe: { customerID: '1231122232' } };

// What compiles: typed state, faults, pools, fields with a default left out, a registered vendor.
const status: string = engine.state(DEFAULT_SESSION, 'pismo').cards.get(7001)!.status;
const assigned: string | undefined = engine.state(DEFAULT_SESSION, 'paysafe').cards.get('f16ba382-eb42-481a-b08f-c57bdc9aae24')?.assignedTo;
const faults: FaultRule[] = [
  { vendor: 'paysafe', operationId: 'assignBulkCard', status: 503, times: 1 },
  { vendor: 'enfuce', delayMs: 200 },
  { vendor: 'vouchers', operationId: 'redeemVoucher', status: 404 },
];
const pools: ConformanceFixtures = { pismo: { accountId: 1001, unboundCardId: [7001, 7002, 7003] }, paysafe: { unassignedCardId: ['a', 'b'] } };
const pismoCard: VendorFixtures<'pismo'> = { cards: [{ cardId: 7900 }] };
const esAccount: VendorFixtures<'exchange-solutions'> = { accounts: [{ accountId: 'ACC-9' }] };
const enfuceRequest: Enfuce['schemas']['MultiApplicationCardRequest'] = { mainApplication: { accountId: '200001' }, applications: [] };
const voucherState: Set<string> = engine.state(DEFAULT_SESSION, 'vouchers').redeemed;
const names: VendorName[] = ['pismo', 'paysafe', 'enfuce', 'capillary', 'exchange-solutions', 'vouchers'];

export { vendorTypo, fixturesVendorTypo, operationTypo, undocumented, keyTypo, status, assigned, faults, pools, pismoCard, esAccount, enfuceRequest, voucherState, names };
