import { ConcurrencyConflict, ValidationFailed } from './errors';
import type { ExpectedRevision } from './ports/event-store';

export const assertExpectedRevision = (expected: ExpectedRevision): void => {
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new ValidationFailed(`Expected revision ${String(expected)} is not a revision`, ['expectedRevision']);
  }
};

/** Shared by every adapter that checks revisions itself: `current` is -1 for a stream with no events. */
export const checkExpected = (streamId: string, expected: ExpectedRevision, current: number): void => {
  const actual = current < 0 ? 'no-stream' : String(current);
  if (expected === 'any') return;
  if (expected === 'no-stream' ? current >= 0 : expected === 'stream-exists' ? current < 0 : current !== expected) {
    throw new ConcurrencyConflict(streamId, String(expected), actual);
  }
};
