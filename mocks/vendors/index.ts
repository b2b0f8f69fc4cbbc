/** Every vendor cardmock mocks, in the order of the seed pages. */
import type { VendorModule } from '../core/vendor.ts';
import { capillary } from './capillary/index.ts';
import { enfuce } from './enfuce/index.ts';
import { exchangeSolutions } from './exchange-solutions/index.ts';
import { paysafe } from './paysafe/index.ts';
import { pismo } from './pismo/index.ts';

export const allVendors: VendorModule[] = [pismo, paysafe, enfuce, capillary, exchangeSolutions];
