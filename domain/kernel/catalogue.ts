/**
 * The event catalogue's entries, checked against the event types by the compiler: an entry must
 * name exactly the fields of its event's data, and `eventCatalogue<E>()(…)` refuses a list that
 * leaves out one of E's event types. docs/events.md is rendered from these lists (and a test keeps it so).
 */
import type { DomainEvent } from './decider';

type DataOf<E, T> = E extends DomainEvent<infer Type, infer Data> ? (Type extends T ? Data : never) : never;

export type CatalogueEntry<E extends DomainEvent> = E extends DomainEvent<infer T, infer D>
  ? { readonly type: T; readonly schemaVersion: number; readonly description: string; readonly fields: { readonly [F in keyof D]-?: string } }
  : never;

export interface CatalogueEntryText {
  readonly type: string;
  readonly schemaVersion: number;
  readonly description: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** `eventCatalogue<FeeEvent>()([...])`: compile error if an event type is missing or a field list is wrong. */
export const eventCatalogue =
  <E extends DomainEvent>() =>
  <const L extends ReadonlyArray<CatalogueEntry<E>>>(
    list: L & ([Exclude<E['type'], L[number]['type']>] extends [never] ? unknown : { missingEventTypes: Exclude<E['type'], L[number]['type']> }),
  ): readonly CatalogueEntryText[] =>
    list;

export type { DataOf };
