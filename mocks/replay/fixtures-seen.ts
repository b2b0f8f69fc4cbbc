/**
 * The entities a recorded session met, as control-API fixtures bodies (`POST /__cardmock/<vendor>/fixtures`).
 * Derived from the vendor's fixtures schema (`components.schemas.CardmockFixtures` of its spec): each fixture kind (`cards`, `customers` …) is filled from values of
 * the same name seen in successful exchanges (path parameters, request and response fields), and an
 * entity is kept only when it has every required property and validates against the fixture schema.
 */
import { documents, type SpecName } from '../../generated/documents.ts';
import type { JsonSchema } from '../../specs/lib/openapi-document.ts';
import { resolve } from '../../specs/lib/operations.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import type { RecordedExchange } from './recording.ts';

const registries = new Map<string, SchemaRegistry>();
const registryOf = (vendor: string) => {
  if (!registries.has(vendor)) registries.set(vendor, createSchemaRegistry(documents[vendor as SpecName], `${vendor}-fixtures-seen`));
  return registries.get(vendor)!;
};

function fixtureKinds(vendor: string): Record<string, JsonSchema> {
  const document = documents[vendor as SpecName];
  const schema = document?.components?.schemas?.CardmockFixtures;
  if (!schema) return {};
  const body = resolve<JsonSchema>(document, schema as JsonSchema);
  const kinds: Record<string, JsonSchema> = {};
  for (const [kind, list] of Object.entries((body.properties ?? {}) as Record<string, JsonSchema>)) {
    const items = list.items as JsonSchema | undefined;
    if (items && (items.type === 'object' || items.properties)) kinds[kind] = items;
  }
  return kinds;
}

/** Top-level scalar values of an exchange by name: path parameters, then request and response fields. */
function valuesOf(e: RecordedExchange): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const add = (object: unknown) => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
    for (const [k, v] of Object.entries(object)) if (!values.has(k) && (typeof v === 'string' || typeof v === 'number')) values.set(k, v);
  };
  add(Object.fromEntries(Object.entries(e.pathParams ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])));
  for (const text of [e.request.body, e.response.body]) {
    try {
      add(JSON.parse(text ?? ''));
    } catch {
      // not JSON: nothing to learn
    }
  }
  return values;
}

const asType = (value: unknown, schema: JsonSchema | undefined) =>
  schema?.type === 'integer' || schema?.type === 'number' ? (typeof value === 'number' ? value : Number(value)) : typeof value === 'number' ? String(value) : value;

export function fixturesSeen(recordings: RecordedExchange[]): Record<string, Record<string, unknown[]>> {
  const collector = fixtureCollector();
  for (const e of recordings) collector.add(e);
  return collector.seen();
}

/** The same, one exchange at a time: only the entities are kept, never the exchanges. */
export function fixtureCollector(): { add(e: RecordedExchange): void; seen(): Record<string, Record<string, unknown[]>> } {
  const out: Record<string, Record<string, unknown[]>> = {};
  return {
    add(e) {
      if (e.response.status < 200 || e.response.status >= 300) return;
      const values = valuesOf(e);
      for (const [kind, item] of Object.entries(fixtureKinds(e.vendor))) {
        const properties = (item.properties ?? {}) as Record<string, JsonSchema>;
        const entity = Object.fromEntries(Object.entries(properties).filter(([name]) => values.has(name)).map(([name, s]) => [name, asType(values.get(name), s)]));
        if (Object.keys(entity).length === 0 || !registryOf(e.vendor).validator(item)(entity)) continue;
        const list = ((out[e.vendor] ??= {})[kind] ??= []);
        // The first required property identifies the entity: keep its first sighting.
        const id = ((item.required as string[] | undefined) ?? [])[0];
        if (!list.some((other) => id !== undefined && (other as Record<string, unknown>)[id] === entity[id])) list.push(entity);
      }
    },
    seen: () => out,
  };
}
