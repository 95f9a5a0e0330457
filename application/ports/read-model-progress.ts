/**
 * Reads that follow writes (docs/reads-follow-writes.md): how far the read models have got, and the last
 * position each caller's own writes reached. Both live in the shared stores, not in one API process's
 * memory, so a caller's next query may land on any API process and a projector may run anywhere.
 */

/** How far each projection's read models have got. */
export interface ReadModelProgress {
  /**
   * The global position each named projection's active generation reflects: every event at or below it
   * is in its documents (0n before its first batch). One entry per name asked, read in one snapshot.
   */
  positions(projections: readonly string[]): Promise<ReadonlyMap<string, bigint>>;
  /**
   * Calls `listener` whenever a checkpoint may have moved (another thread or process committed to the
   * read store). The adapter watches only while someone listens. Returns the function that stops it.
   */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The last position each caller's commands appended, shared by every API process. */
export interface CallerPositions {
  /**
   * Raises the caller's last write position to `position` (never lowers it). Resolves once every API
   * process would read it, so it is done before the mutation's answer leaves.
   */
  record(caller: string, position: bigint): Promise<void>;
  /** The caller's last write position, or null when it never wrote (or it was forgotten). */
  get(caller: string): Promise<bigint | null>;
  close(): Promise<void>;
}
