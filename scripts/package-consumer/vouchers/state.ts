// Stand-in for the state of a vendor of your own (the README's my-vendor-types.ts imports it).
export interface VoucherState {
  redeemed: Set<string>;
}
