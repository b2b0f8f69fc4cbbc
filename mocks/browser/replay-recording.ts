/** The recording the replay page (replay.html) answers; its test sends the same request. */
import type { RecordedExchange } from '../replay/recording.ts';

/** What `cardmock proxy --record` wrote for one assignment at Paysafe, its secrets redacted. */
export const recorded: RecordedExchange[] = [
  {
    n: 1,
    vendor: 'paysafe',
    operationId: 'assignBulkCard',
    request: { method: 'POST', url: '/customers/1231122232/prepaid/cards/f16ba382-eb42-481a-b08f-c57bdc9aae24/assignments?apiToken=[REDACTED]', headers: {}, body: '{"targetCustomerId":"1233333323"}' },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"cardId": "f16ba382-eb42-481a-b08f-c57bdc9aae24", "customerId": "1231122232", "targetCustomerId": "1233333323"}' },
  },
];
