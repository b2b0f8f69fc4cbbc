/**
 * Where a page types a field "Number" and the spec narrows it (specs/README.md: Capillary's entity,
 * seriesId and customerId, ES's quantity as whole numbers, `multipleOf` in `x-inferred-keywords`;
 * ES's successList items as text), a faithful vendor answering another number is a warning on a
 * sandbox, while a body that breaks what the page does say (a string where it says Number, no
 * array where it says Array) is still a failure.
 */
import { describe, expect, it } from 'vitest';
import { createRequestListener } from '../../mocks/adapters/node-http.ts';
import type { Engine } from '../../mocks/core/engine.ts';
import { scenarios } from '../cases/index.ts';
import { runScenario } from '../lib/run.ts';
import { operation, validateBody } from '../lib/spec-index.ts';
import { newEngine, ownMockTarget } from '../targets/mock-targets.ts';

type Body = Record<string, unknown>;

/** A sandbox-like target whose 200 bodies of `vendor` pass through `change`. */
function sandboxChanging(vendor: string, change: (body: Body) => Body) {
  const engine = newEngine();
  const changed: Engine = {
    ...engine,
    handle: async (request) => {
      const response = await engine.handle(request);
      if (response.status !== 200 || !request.path.startsWith(`/${vendor}/`)) return response;
      return { ...response, body: change(response.body as Body) };
    },
  };
  const listener = createRequestListener({ engine: changed });
  return { ...ownMockTarget('sandbox-like', (v) => ({ listener, prefix: `/${v}` })), ownMock: false };
}

describe('a "Number" the spec narrows to a whole number', () => {
  const capillary = operation('capillary', 'addCardToSeries');
  const validate = validateBody('capillary', capillary.responses.find((r) => r.status === 200)!.content['application/json']!.schema!);

  it('Capillary entity with a fraction: the error rests on the inferred multipleOf', () => {
    const { errors } = validate({ entity: 966091.5, warnings: [] });
    expect(errors.map((e) => [e.keyword, e.inferred?.part])).toEqual([['multipleOf', '#/components/schemas/AddCardResponse/properties/entity multipleOf']]);
  });

  it('Capillary entity as a string: the error rests on nothing inferred (the page says Number)', () => {
    const { errors } = validate({ entity: '966091', warnings: [] });
    expect(errors.map((e) => [e.keyword, e.inferred])).toEqual([['type', undefined]]);
  });
});

describe('ES successList: documented as an array, its items\' type inferred', () => {
  const adds = scenarios.find((s) => s.vendor === 'exchange-solutions' && s.status === 200)!;
  const run = (change: (body: Body) => Body) => runScenario(sandboxChanging('exchange-solutions', change), adds, true);

  it('card numbers listed as numbers: a warning on a sandbox, no schema failure', async () => {
    const result = await run((b) => ({ ...b, successList: (b.successList as string[]).map(Number) }));
    expect(result.errors.filter((e) => e.check === 'bodyMatchesSchema')).toEqual([]);
    expect(result.warnings.map((w) => w.check)).toContain('bodyMatchesSchema');
  });

  it('successList that is no array: a failure', async () => {
    const result = await run((b) => ({ ...b, successList: (b.successList as string[]).join(',') }));
    expect(result.errors.map((e) => e.check)).toContain('bodyMatchesSchema');
  });
});
