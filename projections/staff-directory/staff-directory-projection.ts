/**
 * The `staff-directory` projection: one document per person appointed now (collection `staffDirectory`);
 * each appointment event replaces the person's document (it carries the whole appointment), a
 * dismissal deletes it.
 */
import type { RecordedEvent } from '../../application/ports/event-store';
import type { StaffDirectoryEvent } from '../../domain/staff-directory/events';
import { yerevanDay } from '../dates';
import type { Doc, DocKey, ProjectionDefinition } from '../definition';
import { STAFF_DIRECTORY_PROJECTION, STAFF_DIRECTORY_SPEC, type StaffDirectoryDoc } from './schema';

const PREFIX = 'appointment-';
const TYPES = new Set<string>(['StaffAppointed', 'StaffDismissed', 'OfficialAppointed', 'OfficialDismissed']);
const NONE: readonly DocKey[] = [];

export const evolveStaffDirectoryEntry = (doc: StaffDirectoryDoc | null, event: RecordedEvent): StaffDirectoryDoc | null => {
  // A replayed event older than the document changes nothing.
  if (doc !== null && event.revision <= doc.revision) return doc;
  const e = { type: event.type, data: event.data } as StaffDirectoryEvent;
  switch (e.type) {
    case 'StaffAppointed':
    case 'OfficialAppointed': {
      const communityId = e.type === 'StaffAppointed' ? e.data.communityId : null;
      return {
        id: e.data.personalId,
        personalId: e.data.personalId,
        name: e.data.name,
        role: e.data.role,
        communityId,
        national: communityId === null,
        status: 'appointed',
        appointedAt: e.data.at,
        appointedOn: yerevanDay(e.data.at),
        dismissedAt: null,
        revision: event.revision,
      };
    }
    case 'StaffDismissed':
    case 'OfficialDismissed':
      return null;
  }
};

export const staffDirectoryProjection: ProjectionDefinition = {
  name: STAFF_DIRECTORY_PROJECTION,
  collections: [STAFF_DIRECTORY_SPEC],
  keysOf(event: RecordedEvent): readonly DocKey[] {
    if (!TYPES.has(event.type) || !event.streamId.startsWith(PREFIX) || event.streamId.length === PREFIX.length) return NONE;
    return [{ collection: STAFF_DIRECTORY_SPEC.name, id: event.streamId.slice(PREFIX.length) }];
  },
  evolve(doc: Doc | null, event: RecordedEvent): Doc | null {
    return evolveStaffDirectoryEntry(doc as unknown as StaffDirectoryDoc | null, event) as unknown as Doc | null;
  },
};
