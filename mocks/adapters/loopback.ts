/** Whether an address or host name is this machine's loopback (no Node APIs: MSW uses it in the browser). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.') || address === 'localhost';
}
