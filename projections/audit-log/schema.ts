/**
 * The `audit-log` read model's schema: `auditLog`, one document per event of the global log (who did
 * what, when, to which stream, from which channel, with which assurance), written by
 * ./audit-log-projection.ts and read by application/queries/audit-log.ts.
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const AUDIT_LOG_PROJECTION = 'audit-log';

export const AUDIT_LOG_COLLECTIONS = { auditLog: 'auditLog' } as const;

export const AUDIT_LOG_SPEC: CollectionSpec = {
  name: AUDIT_LOG_COLLECTIONS.auditLog,
  projection: AUDIT_LOG_PROJECTION,
  // Only what auditLog() filters and sorts on is indexed: one entry is written per event, and every
  // index costs each of those writes (the other fields are in the document all the same).
  fields: {
    positionKey: 'string',
    communityId: 'string',
    actorId: 'string',
    // The workspace's audit page filters by action and by stream.
    type: 'string',
    streamId: 'string',
    occurredAt: 'string',
    occurredOn: 'string',
  },
};

/** Width of `positionKey`: 2^63 − 1 has 19 digits. */
export const POSITION_KEY_WIDTH = 20;
export const positionKey = (position: bigint | string): string => position.toString().padStart(POSITION_KEY_WIDTH, '0');

export interface AuditLogDoc {
  /** Same as `positionKey`. */
  readonly id: string;
  /** The global position zero-padded to 20 digits, so that it sorts as a string. */
  readonly positionKey: string;
  /** The global position as the API writes positions: a decimal string. */
  readonly position: string;
  readonly streamId: string;
  readonly category: string;
  readonly type: string;
  readonly revision: number;
  /** `data.communityId` when the event names one, else the actor's community; null if neither. */
  readonly communityId: string | null;
  readonly actorId: string;
  readonly role: string;
  readonly assurance: string;
  readonly channel: string;
  readonly officeId: string | null;
  readonly onBehalfOf: string | null;
  /** Business time in UTC. */
  readonly occurredAt: string;
  /** Yerevan date of `occurredAt`. */
  readonly occurredOn: string;
  /** Store time in UTC. */
  readonly recordedAt: string;
  readonly commandId: string;
  readonly correlationId: string;
}
