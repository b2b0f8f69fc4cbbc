/**
 * How schema errors read in a refusal: one sentence per problem, no repeats, no schema jargon, and
 * of alternatives only the branch closest to the request (Capillary's card named by seriesId or by
 * seriesCode, issue 20).
 */
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../../specs/lib/openapi-document.ts';
import { createSchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import { schemaProblems } from './schema-problems.ts';

const document = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {},
  components: {
    schemas: {
      // As Capillary's AddCardRequest: two complete alternatives sharing their fields.
      Card: { anyOf: [{ $ref: '#/components/schemas/ById' }, { $ref: '#/components/schemas/ByCode' }] },
      ById: { allOf: [{ $ref: '#/components/schemas/Fields' }, { type: 'object', required: ['seriesId'], properties: { seriesId: { type: 'integer' } } }] },
      ByCode: { allOf: [{ $ref: '#/components/schemas/Fields' }, { type: 'object', required: ['seriesCode'], properties: { seriesCode: { type: 'string' } } }] },
      Fields: {
        type: 'object',
        required: ['cardNumber', 'statusLabel'],
        properties: {
          seriesId: { type: 'integer' },
          cardNumber: { type: 'string', minLength: 1 },
          statusLabel: { enum: ['NOT_ISSUED', 'ACTIVE'] },
          label: { $ref: '#/components/schemas/Label' },
        },
      },
      Label: { type: 'string', pattern: '^[A-Z]*$', 'x-cardmock-rule': 'test.add.label-letters' },
      Order: {
        type: 'object',
        additionalProperties: false,
        properties: { quantity: { type: 'number', multipleOf: 1, minimum: 1 }, cards: { type: 'array', minItems: 1 } },
        allOf: [{ 'x-cardmock-rule': 'test.add.one-kind', description: 'Either `cards` or `quantity`, not both.', not: { required: ['cards', 'quantity'] } }],
      },
    },
  },
} as unknown as OpenApiDocument;

const registry = createSchemaRegistry(document, 'schema-problems', { verbose: true });
const problemsOf = (schema: string, body: unknown) => {
  const validate = registry.validator({ $ref: `#/components/schemas/${schema}` });
  expect(validate(body)).toBe(false);
  return schemaProblems('body', validate.errors ?? [], (branch) => registry.validator(branch as never));
};
const sentences = (schema: string, body: unknown) => problemsOf(schema, body).map((p) => `${p.field} ${p.message}`);

describe('schemaProblems', () => {
  it('reports only the alternative closest to the request, each problem once, as "<field> is required"', () => {
    // ajv alone: "cardNumber must have required property 'cardNumber'" twice, "seriesCode …", "must match a schema in anyOf".
    expect(sentences('Card', { seriesId: 224, statusLabel: 'NOT_ISSUED' })).toEqual(['cardNumber is required']);
    expect(sentences('Card', { seriesCode: 'GIFT', statusLabel: 'NOT_ISSUED' })).toEqual(['cardNumber is required']);
  });

  it('asks for one of two fields when each alternative lacks only its own', () => {
    expect(sentences('Card', { cardNumber: 'c', statusLabel: 'ACTIVE' })).toEqual(['seriesId or seriesCode is required']);
  });

  it('words types, enums, empty strings, limits and unknown fields in plain words', () => {
    expect(sentences('Card', { seriesId: 'x', cardNumber: '', statusLabel: 'LOST' })).toEqual([
      'seriesId must be integer',
      'cardNumber must not be empty',
      'statusLabel must be one of NOT_ISSUED, ACTIVE',
    ]);
    expect(sentences('Order', { quantity: 0, extra: true, cards: [] })).toEqual(expect.arrayContaining(['quantity must be at least 1', 'extra is not allowed', 'cards must not be empty']));
    // A "Number" narrowed to whole numbers (ES quantity, Capillary seriesId).
    expect(sentences('Order', { quantity: 1.5 })).toEqual(['quantity must be a whole number']);
  });

  it("says what a `not` refuses by its node's description, and names the rule the node expresses", () => {
    expect(problemsOf('Order', { quantity: 2, cards: [1] })).toEqual([
      { in: 'body', field: '', message: 'is not accepted: either cards or quantity, not both', rule: 'test.add.one-kind' },
    ]);
  });

  it('names the rule of a node for what the rule adds, not for a value of another type', () => {
    const [letters] = problemsOf('Card', { seriesId: 1, cardNumber: 'c', statusLabel: 'ACTIVE', label: 'abc' });
    expect(letters).toEqual({ in: 'body', field: 'label', message: 'must match the pattern ^[A-Z]*$', rule: 'test.add.label-letters' });
    const [typed] = problemsOf('Card', { seriesId: 1, cardNumber: 'c', statusLabel: 'ACTIVE', label: 5 });
    expect(typed).toEqual({ in: 'body', field: 'label', message: 'must be string' });
  });

  it('never repeats a problem', () => {
    const problems = problemsOf('Card', { seriesId: 'x', cardNumber: 'c', statusLabel: 'ACTIVE' });
    expect(new Set(problems.map((p) => p.message)).size).toBe(problems.length);
  });
});
