/**
 * Time travel for auditors: a stream's events as recorded up to a moment (or a revision), and the
 * aggregate's view folded from exactly those events by the same decider the write side uses.
 */
import { AGGREGATES } from '../domain/aggregates';
import { isIsoDate, isIsoDateTime, yerevanDate } from '../domain/kernel/time';
import { ValidationFailed, NotFound } from './errors';
import { assertStreamId } from './event-encoding';
import { categoryOf, type EventStore, type RecordedEvent } from './ports/event-store';

/** A moment: an ISO date-time, or a date meaning the end of that day in Yerevan. */
export const momentOf = (asOf: string, field = 'asOf'): number => {
  if (isIsoDate(asOf)) return Date.parse(`${asOf}T23:59:59.999+04:00`);
  if (isIsoDateTime(asOf)) return Date.parse(asOf);
  throw new ValidationFailed(`${field} must be an ISO 8601 date-time (or a YYYY-MM-DD date)`, [field]);
};

export interface AsOf {
  readonly asOf?: string | null;
  readonly revision?: number | null;
}

export const createTimeTravel = (eventStore: Pick<EventStore, 'readStream'>) => {
  const history = async (streamId: string, { asOf, revision }: AsOf = {}): Promise<RecordedEvent[]> => {
    assertStreamId(streamId);
    if (revision !== undefined && revision !== null && (!Number.isSafeInteger(revision) || revision < 0)) {
      throw new ValidationFailed('revision must be 0 or more', ['revision']);
    }
    const until = asOf ? momentOf(asOf) : Number.POSITIVE_INFINITY;
    const events = await eventStore.readStream(streamId, revision === undefined || revision === null ? {} : { toRevision: revision });
    return events.filter((e) => Date.parse(e.metadata.recordedAt) <= until);
  };

  const aggregateAsOf = async (streamId: string, at: AsOf = {}): Promise<{ revision: number; view: object } | null> => {
    const folding = AGGREGATES[categoryOf(streamId)];
    if (!folding) throw new NotFound(`Streams of category ${categoryOf(streamId)} are not aggregates with a view`);
    const events = await history(streamId, at);
    if (events.length === 0) return null;
    const state = events.reduce((s, e) => folding.decider.evolve(s, { type: e.type, data: e.data }), folding.decider.initialState());
    // Derived facts (overdue, status by date) as they stood at that moment.
    const today = yerevanDate(at.asOf ? new Date(momentOf(at.asOf)) : new Date(events[events.length - 1].metadata.recordedAt));
    const view = folding.view(state as never, today);
    return view === null ? null : { revision: events[events.length - 1].revision, view };
  };

  return { history, aggregateAsOf };
};

export type TimeTravel = ReturnType<typeof createTimeTravel>;
