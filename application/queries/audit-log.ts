/**
 * `auditLog(communityId, actorId, from, to, first, after)` (docs/api.md; auditors only — the caller authorizes):
 * the global log's events, newest first, with who acted, how identified, through which channel.
 * `from`/`to` bound the business time (`occurredAt`): a date (YYYY-MM-DD) means the whole Yerevan day,
 * a date-time the exact instant; both bounds are inclusive. The staff workspace also filters by event type
 * (`type`, the action) and by stream (`streamId`).
 */
import { ValidationFailed } from '../errors';
import { assertStreamId } from '../event-encoding';
import type { Filter, ReadModelReader } from '../ports/read-store';
import { findConnection, optionalDateOrTime, requireId, type Connection, type PageArgs } from './paging';
import { COLLECTIONS, type AuditLogDoc } from './read-models';

export interface AuditLogArgs extends PageArgs {
  readonly communityId?: string | null;
  readonly actorId?: string | null;
  /** One event type (the action), e.g. `ApplicationRegistered`. */
  readonly type?: string | null;
  /** One stream, e.g. `application-<id>`. */
  readonly streamId?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

export type AuditLogEntry = Omit<AuditLogDoc, 'id' | 'positionKey'>;

const toEntry = (doc: AuditLogDoc): AuditLogEntry => {
  const { id: _id, positionKey: _key, ...entry } = doc;
  return entry;
};

const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

const requireEventType = (type: string): string => {
  if (typeof type !== 'string' || !EVENT_TYPE.test(type)) throw new ValidationFailed('type must be an event type, e.g. ApplicationRegistered', ['type']);
  return type;
};

const requireStreamId = (streamId: string): string => {
  assertStreamId(streamId);
  return streamId;
};

export const createAuditLogQueries = (readStore: ReadModelReader) => ({
  async auditLog(args: AuditLogArgs = {}): Promise<Connection<AuditLogEntry>> {
    const filter: Record<string, Filter[string]> = {};
    if (args.communityId !== undefined && args.communityId !== null) filter.communityId = requireId(args.communityId, 'communityId');
    if (args.actorId !== undefined && args.actorId !== null) filter.actorId = requireId(args.actorId, 'actorId');
    if (args.type !== undefined && args.type !== null) filter.type = requireEventType(args.type);
    if (args.streamId !== undefined && args.streamId !== null) filter.streamId = requireStreamId(args.streamId);
    const from = optionalDateOrTime(args.from, 'from');
    const to = optionalDateOrTime(args.to, 'to');
    const onDay: { $gte?: string; $lte?: string } = {};
    const atInstant: { $gte?: string; $lte?: string } = {};
    if (from !== undefined) {
      if ('date' in from) onDay.$gte = from.date;
      else atInstant.$gte = from.instant;
    }
    if (to !== undefined) {
      if ('date' in to) onDay.$lte = to.date;
      else atInstant.$lte = to.instant;
    }
    if (onDay.$gte !== undefined && onDay.$lte !== undefined && onDay.$gte > onDay.$lte) throw new ValidationFailed('from must not be after to', ['from', 'to']);
    if (atInstant.$gte !== undefined && atInstant.$lte !== undefined && atInstant.$gte > atInstant.$lte) throw new ValidationFailed('from must not be after to', ['from', 'to']);
    if (Object.keys(onDay).length > 0) filter.occurredOn = onDay;
    if (Object.keys(atInstant).length > 0) filter.occurredAt = atInstant;
    return findConnection(readStore, COLLECTIONS.auditLog, { filter, sort: [['positionKey', 'desc']], first: args.first, after: args.after }, toEntry);
  },
});

export type AuditLogQueries = ReturnType<typeof createAuditLogQueries>;
