/**
 * The newest events read from the log, kept by a SqliteEventStore so that the readers following its
 * head — every projection of a process, the settlement, the audit tree, event feeds — read and decode
 * each event once between them instead of once each.
 *
 * The kept events are exactly the log's events in (`from`, `to`]: they come from reads of the log, and a
 * read "after A, at most N" returns every event after A up to the last one it returns (a writer holding
 * a lower position commits before anyone can see a higher one). So a read answered from them, and
 * completed from the log when they run out, returns what the log alone would. Reads further back (a
 * catch-up from the start) go to the log and leave the kept events alone. Events are shared between the
 * readers: nothing that receives a RecordedEvent changes it.
 */
import type { RecordedEvent } from '../../application/ports/event-store';

export class RecentEvents {
  private events: RecordedEvent[] = [];
  /** Positions (from, to] are all kept (none when `events` is empty). */
  private from = 0;
  private to = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('RecentEvents capacity must be a positive integer');
  }

  /** Up to `max` events after position `after`, as `fromLog(after, max)` would return them. */
  read(after: number, max: number, fromLog: (after: number, max: number) => RecordedEvent[]): RecordedEvent[] {
    if (this.events.length > 0 && after >= this.from && after <= this.to) {
      const start = this.indexAfter(after);
      const kept = this.events.slice(start, start + max);
      if (kept.length === max) return kept;
      const more = fromLog(this.to, max - kept.length);
      this.append(more);
      return kept.length === 0 ? more : kept.concat(more);
    }
    const read = fromLog(after, max);
    // A read past what is kept (or the first one) starts the kept events over; one further back does not.
    if (read.length > 0 && (this.events.length === 0 || Number(read[read.length - 1].position) > this.to)) {
      this.events = read.slice(Math.max(0, read.length - this.capacity));
      this.from = this.events.length < read.length ? Number(read[read.length - this.events.length - 1].position) : after;
      this.to = Number(read[read.length - 1].position);
    }
    return read;
  }

  /** Events read right after `to`. */
  private append(more: readonly RecordedEvent[]): void {
    if (more.length === 0) return;
    for (const event of more) this.events.push(event);
    this.to = Number(more[more.length - 1].position);
    // Dropped in chunks, so that the array is not shifted at every read.
    if (this.events.length > this.capacity + (this.capacity >> 1)) {
      const drop = this.events.length - this.capacity;
      this.from = Number(this.events[drop - 1].position);
      this.events = this.events.slice(drop);
    }
  }

  /** The index of the first kept event after `position` (binary search; `events` is in position order). */
  private indexAfter(position: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(this.events[mid].position) <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
