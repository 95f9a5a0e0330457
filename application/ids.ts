import { createHash, randomUUID } from 'node:crypto';

/** Generates ids; injected so that tests use fixed ones. */
export interface IdGenerator {
  next(): string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { next: () => randomUUID() };

/**
 * A UUID (RFC 9562 version 8) derived from a name: the same name always gives the same id.
 * Used for event ids derived from a command id (so EventStoreDB's idempotent append applies)
 * and for the id of an aggregate a command creates (so a retried creation finds its first result).
 */
export const deterministicUuid = (name: string): string => {
  const h = createHash('sha256').update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Fixed clock and counting ids for tests and deterministic seeding. */
export const fixedClock = (iso: string): Clock & { set(iso: string): void; advance(ms: number): void } => {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next: string) => {
      t = new Date(next).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
};

export const countingIds = (prefix = 'id'): IdGenerator => {
  let n = 0;
  return { next: () => deterministicUuid(`${prefix}:${++n}`) };
};
