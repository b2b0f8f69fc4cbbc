// Stand-in for the openapi-typescript output of a vendor of your own (the README's my-vendor-types.ts imports it).
export interface operations {
  redeemVoucher: { responses: { 200: { content: { 'application/json': { voucherId: string } } }; 404: { content: { 'application/json': { error: string } } } } };
}
