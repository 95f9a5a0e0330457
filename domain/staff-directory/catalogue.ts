import { eventCatalogue } from '../kernel/catalogue';
import type { StaffDirectoryEvent } from './events';

/** The staff directory's events, their fields and versions, for the project's event catalogue. */
const personalId = 'string — the person’s public service number (ՀԾՀ, 10 digits; stream `appointment-<personalId>`)';
const name = 'string — the person’s name as appointed (Armenian), at most 200 characters';

export const staffDirectoryEventCatalogue = eventCatalogue<StaffDirectoryEvent>()([
  {
    type: 'StaffAppointed',
    schemaVersion: 1,
    description: 'A person was appointed to a community’s staff, or their role or name there was changed. They act in that community from their next request.',
    fields: {
      personalId,
      communityId: 'string — the community (its code)',
      role: 'string — "staff" | "head" | "council"',
      name,
      at: 'date-time — business time of the appointment',
    },
  },
  {
    type: 'StaffDismissed',
    schemaVersion: 1,
    description: 'A member of a community’s staff was dismissed; from their next request they are a resident.',
    fields: { personalId, communityId: 'string — the community (its code)', role: 'string — the role they held', at: 'date-time — business time of the dismissal' },
  },
  {
    type: 'OfficialAppointed',
    schemaVersion: 1,
    description: 'A person was appointed a ministry official or an auditor (or their role or name was changed).',
    fields: { personalId, role: 'string — "ministry" | "auditor"', name, at: 'date-time — business time of the appointment' },
  },
  {
    type: 'OfficialDismissed',
    schemaVersion: 1,
    description: 'A ministry official or auditor was dismissed; from their next request they are a resident.',
    fields: { personalId, role: 'string — the role they held', at: 'date-time — business time of the dismissal' },
  },
]);
