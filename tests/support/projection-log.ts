/**
 * Builds `RecordedEvent`s from domain events for projection specs: a global log with gap-free positions
 * from 1 and per-stream revisions from 0, each event with a full envelope (actor, occurredAt, recordedAt).
 *
 *   const log = eventLog();
 *   log.append('fee-f1', [{ type: 'FeeAssessed', data: {...} }], { occurredAt: '2024-03-01T09:00:00Z' });
 *   projectInMemory(paymentsProjection, log.events);
 */
import type { DomainEvent } from '../../domain/kernel/decider';
import type { Actor, EventMetadata, RecordedEvent } from '../../application/ports/event-store';

export const SPEC_ACTOR: Actor = { id: 'clerk-1', role: 'staff', communityId: 'C1', assurance: 'password', channel: 'staff' };
export const SPEC_TIME = '2024-01-15T08:00:00.000Z';

export interface AppendOptions {
  readonly actor?: Actor;
  /** Business time of every event of this append (default: the log's `occurredAt`). */
  readonly occurredAt?: string;
  readonly recordedAt?: string;
  readonly commandId?: string;
}

const encoder = new TextEncoder();

export class EventLog {
  readonly events: RecordedEvent[] = [];
  private position = 0n;
  private readonly revisions = new Map<string, number>();

  constructor(private readonly defaults: { actor?: Actor; occurredAt?: string } = {}) {}

  /** Appends the events to `streamId` and returns them as recorded. */
  append(streamId: string, events: DomainEvent | readonly DomainEvent[], options: AppendOptions = {}): RecordedEvent[] {
    const list: readonly DomainEvent[] = Array.isArray(events) ? events : [events as DomainEvent];
    const out: RecordedEvent[] = [];
    for (const event of list) {
      this.position += 1n;
      const revision = (this.revisions.get(streamId) ?? -1) + 1;
      this.revisions.set(streamId, revision);
      const occurredAt = options.occurredAt ?? this.defaults.occurredAt ?? SPEC_TIME;
      const id = `evt-${this.position}`;
      const metadata: EventMetadata = {
        eventId: id,
        commandId: options.commandId ?? id,
        correlationId: options.commandId ?? id,
        causationId: options.commandId ?? id,
        actor: options.actor ?? this.defaults.actor ?? SPEC_ACTOR,
        occurredAt,
        recordedAt: options.recordedAt ?? occurredAt,
        schemaVersion: 1,
      };
      const recorded: RecordedEvent = {
        streamId,
        type: event.type,
        revision,
        position: this.position,
        data: event.data,
        metadata,
        dataBytes: encoder.encode(JSON.stringify(event.data)),
        metadataBytes: encoder.encode(JSON.stringify(metadata)),
      };
      out.push(recorded);
      this.events.push(recorded);
    }
    return out;
  }
}

export const eventLog = (defaults: { actor?: Actor; occurredAt?: string } = {}): EventLog => new EventLog(defaults);
