import { randomUUID } from 'node:crypto';
import type { Actor, EventMetadata, NewEvent } from '../../application/ports/event-store';

export const testActor: Actor = { id: 'clerk-1', role: 'staff', communityId: 'GYU', assurance: 'password', channel: 'staff' };

/** A NewEvent with a full envelope, for store-level tests. */
export const newEvent = (type: string, data: unknown, overrides: Partial<EventMetadata> = {}): NewEvent => {
  const eventId = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId,
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      actor: testActor,
      occurredAt: '2026-11-25T10:00:00.000Z',
      recordedAt: '2026-11-25T10:00:00.000Z',
      schemaVersion: 1,
      ...overrides,
    },
  };
};

export const uniqueId = (prefix = 'x'): string => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
