/**
 * Where a process manager (or any event-log consumer) keeps the global position it last processed,
 * so a restart resumes right after it.
 */
export interface CheckpointStore {
  /** The last position processed by the consumer `name`, or null if it never processed one. */
  get(name: string): Promise<bigint | null>;
  /** Records that `name` processed everything up to and including `position`. */
  set(name: string, position: bigint): Promise<void>;
}
