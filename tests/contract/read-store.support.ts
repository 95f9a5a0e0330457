/**
 * What the read store's contract suites share: the fixture each adapter's test file gives, and helpers.
 * Every test uses fresh collection and projection names, so the suites also run against a shared server.
 */
import { ValidationFailed } from '../../application/errors';
import { GenerationSuperseded, type CollectionSpec, type DocumentChange, type ProjectionStore, type ReadStore } from '../../application/ports/read-store';
import { uniqueId } from '../support/events';

export interface ReadStoreFixture {
  store: ReadStore;
  /**
   * True where every document remembers the last position applied, so replaying an older batch changes
   * nothing and each document reports its own position (MongoDB). The SQLite store commits documents and
   * checkpoint together: every document reflects exactly the checkpoint, and it is never replayed.
   */
  replayIsNoOp: boolean;
}

export type Doc = Record<string, unknown> & { id: string };

export const put = (collection: string, doc: Doc): DocumentChange => ({ collection, id: doc.id, doc });
export const del = (collection: string, id: string): DocumentChange => ({ collection, id, doc: null });
export const ids = (docs: readonly unknown[]): string[] => docs.map((d) => (d as Doc).id);

/** A fresh collection of a fresh projection (or of the one given). */
export const defineIn = async (store: ProjectionStore, fields: CollectionSpec['fields'], projection = uniqueId('proj')): Promise<CollectionSpec> => {
  const spec: CollectionSpec = { name: uniqueId('c'), projection, fields };
  await store.defineCollection(spec);
  return spec;
};

const failure = (attempt: Promise<unknown>): Promise<unknown> =>
  attempt.then(
    () => null,
    (e: unknown) => e,
  );

/** The attempt fails VALIDATION_FAILED. */
export const refusal = async (attempt: Promise<unknown>): Promise<ValidationFailed> => {
  const error = await failure(attempt);
  expect(error).toBeInstanceOf(ValidationFailed);
  expect((error as ValidationFailed).code).toBe('VALIDATION_FAILED');
  return error as ValidationFailed;
};

/** The attempt fails GENERATION_SUPERSEDED. */
export const superseded = async (attempt: Promise<unknown>): Promise<void> => {
  const error = await failure(attempt);
  expect(error).toBeInstanceOf(GenerationSuperseded);
  expect((error as GenerationSuperseded).code).toBe('GENERATION_SUPERSEDED');
};
