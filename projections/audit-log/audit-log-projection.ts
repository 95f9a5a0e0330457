/**
 * The `audit-log` projection: one document per event of the global log (collection `auditLog`) — who did
 * what, when, to which stream, from which channel, with which assurance. The id is the zero-padded global
 * position, so documents sort in log order; a document is written once and never changes.
 */
import { categoryOf, type RecordedEvent } from '../../application/ports/event-store';
import { AUDIT_LOG_PROJECTION, AUDIT_LOG_SPEC, positionKey, type AuditLogDoc } from './schema';
import { utcInstant, yerevanDay } from '../dates';
import type { Doc, DocKey, ProjectionDefinition } from '../definition';

/** The community an event concerns: the one its data names, else the acting staff member's. */
const communityOf = (event: RecordedEvent): string | null => {
  const data = event.data;
  if (typeof data === 'object' && data !== null) {
    const id = (data as { communityId?: unknown }).communityId;
    if (typeof id === 'string' && id.length > 0) return id;
  }
  return event.metadata.actor?.communityId ?? null;
};

export const auditLogDocument = (event: RecordedEvent): AuditLogDoc => {
  const key = positionKey(event.position);
  const { metadata } = event;
  const actor = metadata.actor;
  const occurredAt = utcInstant(metadata.occurredAt);
  return {
    id: key,
    positionKey: key,
    position: event.position.toString(),
    streamId: event.streamId,
    category: categoryOf(event.streamId),
    type: event.type,
    revision: event.revision,
    communityId: communityOf(event),
    actorId: actor?.id ?? 'unknown',
    role: actor?.role ?? 'unknown',
    assurance: actor?.assurance ?? 'unknown',
    channel: actor?.channel ?? 'unknown',
    officeId: actor?.officeId ?? null,
    onBehalfOf: actor?.onBehalfOf ?? null,
    occurredAt,
    occurredOn: yerevanDay(occurredAt),
    recordedAt: utcInstant(metadata.recordedAt),
    commandId: metadata.commandId,
    correlationId: metadata.correlationId,
  };
};

export const auditLogProjection: ProjectionDefinition = {
  name: AUDIT_LOG_PROJECTION,
  collections: [AUDIT_LOG_SPEC],
  keysOf(event: RecordedEvent): readonly DocKey[] {
    return [{ collection: AUDIT_LOG_SPEC.name, id: positionKey(event.position) }];
  },
  evolve(doc: Doc | null, event: RecordedEvent): Doc | null {
    return doc ?? (auditLogDocument(event) as unknown as Doc);
  },
};
