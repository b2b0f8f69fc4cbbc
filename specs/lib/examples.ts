/**
 * Every example a spec carries, with the schema it must satisfy: named and inline examples of
 * media types, parameter examples, and `examples` arrays inside schemas.
 */
import type { JsonSchema, OpenApiDocument } from './openapi-document.ts';
import { resolve } from './operations.ts';

export interface SpecExample {
  /** JSON pointer of the example in the spec. */
  at: string;
  schema: JsonSchema;
  value: unknown;
  /**
   * A request example of a 4xx case that must break the schema on purpose (`x-cardmock-invalid:
   * true`): the pair a contract tool sends to prove the rejection.
   */
  invalid?: boolean;
}

export function examplesIn(document: OpenApiDocument): SpecExample[] {
  const found: SpecExample[] = [];
  const walk = (node: unknown, at: string, inSchema: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${at}/${i}`, inSchema));
      return;
    }
    const obj = node as Record<string, unknown>;
    if (inSchema && Array.isArray(obj.examples)) {
      obj.examples.forEach((value, i) => found.push({ at: `${at}/examples/${i}`, schema: obj as JsonSchema, value }));
    }
    if (!inSchema && typeof obj.schema === 'object' && obj.schema !== null) {
      const schema = obj.schema as JsonSchema;
      if ('example' in obj) found.push({ at: `${at}/example`, schema, value: obj.example });
      if (typeof obj.examples === 'object' && obj.examples !== null && !Array.isArray(obj.examples)) {
        for (const [name, ex] of Object.entries(obj.examples)) {
          const example = resolve<{ value?: unknown; 'x-cardmock-invalid'?: boolean }>(document, ex as { value?: unknown });
          if ('value' in example) found.push({ at: `${at}/examples/${name}`, schema, value: example.value, ...(example['x-cardmock-invalid'] ? { invalid: true } : {}) });
        }
      }
    }
    for (const [key, child] of Object.entries(obj)) {
      const path = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const childIsSchema = inSchema || key === 'schema' || (at === '#/components' && key === 'schemas');
      // Under components/schemas each entry is a schema; under a schema, every object-valued
      // child is (part of) a schema.
      walk(child, path, childIsSchema);
    }
  };
  walk(document, '#', false);
  return found;
}
