/** The appends a SqliteEventStore commits together, inline or on its writer thread (sqlite-writer.ts). */
import type { EncodedEvent } from '../../application/event-encoding';
import type { AppendOptions, AppendResult } from '../../application/ports/event-store';

/** One append of a batch: what `commitBatch` needs of it. */
export interface AppendRequest {
  readonly streamId: string;
  readonly encoded: readonly EncodedEvent[];
  readonly options: AppendOptions;
}

/** What became of one append of a batch. */
export type AppendOutcome = { readonly ok: AppendResult } | { readonly error: unknown };
