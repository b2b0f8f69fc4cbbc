/**
 * `PUT /wallet/v2/cards/{cardId}/noname/bind` (operationId `post-v2-card-bind`, seed 000): bind an
 * account and customer to an UNBOUND noname card. Answers 202 at once; after the configured async
 * delay the card is CREATED and the `cards/bind_card` event is logged. With `reissued_card_id` the
 * replaced card becomes REISSUED and `cards/update` is logged as well.
 *
 * Order of checks, each a rule of the catalogue (Pismo documents no 404, and no error bodies):
 * - the token's account is `x-account-id` (`pismo.bind.token-of-account`, inferred: 403, the
 *   account token gives no permission over another account);
 * - the customer belongs to that account (`pismo.bind.customer-of-account`, inferred: 403); an
 *   account the mock does not know has no customers, so it is refused the same way;
 * - the card exists (`pismo.bind.card-exists`, 400 CARD_NOT_FOUND: the request names no card to
 *   bind) and is UNBOUND, with no bind of it in flight (`pismo.bind.card-unbound`, 409);
 * - `reissued_card_id` names a card (`pismo.bind.reissued-card-exists`) of the same account, other
 *   than the noname card (`pismo.bind.reissued-card-of-account`, inferred), both 400
 *   REISSUED_CARD_NOT_FOUND;
 * then the bind is accepted (`pismo.bind.binds-unbound-card`, or `pismo.bind.reissues-card`).
 */
import type { components, operations } from '../../../generated/pismo.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/responses/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { readAccountToken } from './account-token.ts';
import { bindRules } from './answers.ts';
import type { PismoCard, PismoState } from './state.ts';

type Operation = operations['post-v2-card-bind'];
type BindCardEvent = components['schemas']['CardsBindCardEvent'];
type UpdateEvent = components['schemas']['CardsUpdateEvent'];

export function bindNonameCard(
  context: OperationContext<PismoState, RequestBodyOf<Operation> | undefined, ParametersOf<Operation>>,
): OperationResponse<Operation> {
  const { state, request, credentials, clock } = context;
  const accountHeader = request.header['x-account-id'];
  const customerId = request.header['x-customer-id'];

  const token = credentials.scheme === 'bearer' ? readAccountToken(credentials.token, clock.now()) : undefined;
  if (!token?.ok || token.accountId !== accountHeader) {
    return bindRules.refuse('pismo.bind.token-of-account', 'the account token is for another account than x-account-id');
  }
  const accountId = Number(accountHeader);
  const customers = state.accounts.get(accountId);
  if (!customers) return bindRules.refuse('pismo.bind.customer-of-account', `account ${accountHeader} is unknown`);
  if (!customers.has(customerId)) return bindRules.refuse('pismo.bind.customer-of-account', `customer ${customerId} is not in account ${accountId}`);

  const card = /^\d+$/.test(request.path.cardId) ? state.cards.get(Number(request.path.cardId)) : undefined;
  if (!card) return bindRules.refuse('pismo.bind.card-exists', `no card ${request.path.cardId}`);
  if (card.status !== 'UNBOUND' || card.bindPending) {
    return bindRules.refuse('pismo.bind.card-unbound', `card ${card.cardId} is ${card.bindPending ? 'being bound' : card.status}`);
  }

  const reissuedId = request.body?.reissued_card_id;
  let reissued: PismoCard | undefined;
  if (reissuedId !== undefined) {
    reissued = state.cards.get(reissuedId);
    if (!reissued) return bindRules.refuse('pismo.bind.reissued-card-exists', `no card ${reissuedId}`);
    if (reissued.accountId !== accountId || reissued.cardId === card.cardId) {
      return bindRules.refuse('pismo.bind.reissued-card-of-account', `card ${reissuedId} is not a card of account ${accountId}`);
    }
  }

  card.bindPending = true;
  const cid = crypto.randomUUID();
  context.schedule(context.settings.asyncDelayMs, () => {
    const previous = card.status;
    card.bindPending = false;
    card.status = 'CREATED';
    card.accountId = accountId;
    card.customerId = customerId;
    card.issuingDate = new Date(clock.now()).toISOString();
    context.emit('cards/bind_card', event<BindCardEvent>(state, cid, 'bind_card', clock.now(), {
      ...cardData(card),
      card_previous_status: previous,
      status: 'SUCCESS',
      ...(reissued ? { operation_type: 'REISSUE' } : {}),
    }));
    if (reissued) {
      const before = reissued.status;
      reissued.status = 'REISSUED';
      context.emit('cards/update', event<UpdateEvent>(state, cid, 'update', clock.now(), {
        ...cardData(reissued),
        card_previous_status: before,
        status: 'SUCCESS',
        operation_type: 'REISSUE',
      }));
    }
  });
  return bindRules.succeed(reissued ? 'pismo.bind.reissues-card' : 'pismo.bind.binds-unbound-card', undefined);
}

function cardData(card: PismoCard) {
  return {
    account_id: card.accountId!,
    card_id: card.cardId,
    card_name: card.printedName,
    card_printed_name: card.printedName,
    card_status: card.status,
    customer_id: card.customerId!,
    program_id: card.programId,
    expiration_date: card.expirationDate,
    issuing_date: card.issuingDate ?? new Date(0).toISOString(),
    ...(card.bulkId !== undefined ? { bulk_id: card.bulkId } : {}),
  };
}

function event<E extends BindCardEvent | UpdateEvent>(
  state: PismoState,
  cid: string,
  eventType: E['event_type'],
  at: number,
  data: E['data'],
): E {
  return {
    event_id: crypto.randomUUID(),
    domain: 'cards',
    event_type: eventType,
    schema_version: 1,
    org_id: state.orgId,
    cid,
    timestamp: new Date(at).toISOString(),
    data,
  } as E;
}
