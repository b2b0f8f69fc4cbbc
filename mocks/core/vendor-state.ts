/** A vendor's state within a session, created with the default fixtures on first use. */
import type { Session } from './session-store.ts';
import type { VendorModule } from './vendor.ts';

export function vendorState(session: Session, vendor: VendorModule): unknown {
  let state = session.states.get(vendor.name);
  if (state === undefined) {
    state = vendor.createState();
    session.states.set(vendor.name, state);
  }
  return state;
}
