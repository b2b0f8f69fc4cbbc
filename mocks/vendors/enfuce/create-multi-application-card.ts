/**
 * `POST /v1/MULTI_APPLICATION_CARD/customer/{customerId}?auditUser=…` (seed 002): create a card
 * with a main application and further applications, one account each, for an existing customer.
 *
 * The core has already checked credentials (any well-formed Bearer or Basic:
 * `enfuce.create.credentials-required`, `enfuce.create.credentials-well-formed`) and the request
 * against the spec (`enfuce.create.request-valid`): `auditUser`, the idempotency key's 64
 * characters, the body, the enums and the embossing character set (`enfuce.create.embossing-characters`).
 * What is left is the vendor's state:
 * - `x-idempotency-key` seen in the last 24 h → the stored 201 again, nothing created
 *   (`enfuce.create.idempotent-replay`). Only successes are stored, so a key first sent with an
 *   error can still create a card (`enfuce.create.errors-not-stored`). The key alone identifies the
 *   request (the page compares nothing else), so it is looked up before the customer.
 * - unknown customer → 404 CUSTOMER_NOT_FOUND (`enfuce.create.customer-exists`; the status is
 *   inferred: the page documents 201 only, and a card is created on an existing customer).
 * - otherwise → 201 (`enfuce.create.creates-card`); `pinStatus` defaults to `D`
 *   (`enfuce.create.pin-status-default`), `W` and `S` are kept as sent.
 * The catalogue holds no inferred rule for this operation.
 */
import { documents } from '../../../generated/documents.ts';
import type { operations } from '../../../generated/enfuce.ts';
import type { JsonSchema } from '../../../specs/lib/openapi-document.ts';
import { resolve } from '../../../specs/lib/operations.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/responses/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { createRules, customerNotFound } from './answers.ts';
import { recall, remember } from './idempotency-store.ts';
import { CREATE, enfuceResponses } from './answers.ts';
import { takeId, type CardRequest, type CreatedCard, type EnfuceCard, type EnfuceState, type PinStatus, type StoredApplication } from './state.ts';

type Operation = operations['createMultiApplicationCard'];

const CREATED_DESCRIPTION = (enfuceResponses.example(CREATE, 201, 'CREATED').body as CreatedCard).description;
const requestSchema = resolve<JsonSchema>(documents.enfuce, { $ref: '#/components/schemas/MultiApplicationCardRequest' });
const PIN_STATUS_DEFAULT = (requestSchema.properties as { pinStatus: { default: PinStatus } }).pinStatus.default;

export function createMultiApplicationCard(
  context: OperationContext<EnfuceState, RequestBodyOf<Operation>, ParametersOf<Operation>>,
): OperationResponse<Operation> {
  const { state, request, clock } = context;
  const customerId = request.path.customerId;
  const key = request.header['x-idempotency-key'];
  const now = clock.now();

  if (key !== undefined) {
    const replay = recall(state.idempotency, key, now);
    if (replay) return createRules.succeed('enfuce.create.idempotent-replay', structuredClone(replay));
  }
  const customer = state.customers.get(customerId);
  if (!customer) return customerNotFound(customerId);

  const card = newCard(state, customerId, request.query.auditUser, request.body, now);
  state.cards.set(card.mainId, card);
  customer.cardIds.push(card.mainId);
  const body: CreatedCard = {
    ...(CREATED_DESCRIPTION !== undefined ? { description: CREATED_DESCRIPTION } : {}),
    mainId: card.mainId,
    applications: card.applications.map((a) => ({ id: a.id, ...(a.applicationName !== undefined ? { description: a.applicationName } : {}) })),
  };
  if (key !== undefined) remember(state.idempotency, key, structuredClone(body), now);
  return createRules.succeed('enfuce.create.creates-card', body);
}

function newCard(state: EnfuceState, customerId: string, auditUser: string, body: CardRequest, now: number): EnfuceCard {
  const mainApplication: StoredApplication = { ...body.mainApplication, id: takeId(state) };
  const applications: StoredApplication[] = body.applications.map((a) => ({ ...a, id: takeId(state) }));
  return {
    mainId: mainApplication.id,
    customerId,
    auditUser,
    createdAt: new Date(now).toISOString(),
    pinStatus: body.pinStatus ?? PIN_STATUS_DEFAULT,
    mainApplication,
    applications,
    ...(body.segment !== undefined ? { segment: body.segment } : {}),
    ...(body.embossing !== undefined ? { embossing: body.embossing } : {}),
    ...(body.expiration !== undefined ? { expiration: body.expiration } : {}),
    ...(body.cardAddress !== undefined ? { cardAddress: body.cardAddress } : {}),
    ...(body.pinAddress !== undefined ? { pinAddress: body.pinAddress } : {}),
  };
}
