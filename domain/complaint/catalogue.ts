import { eventCatalogue } from '../kernel/catalogue';
import type { ComplaintEvent } from './events';
/** The complaint events, their fields and versions, for the project's event catalogue. */
const refFields = {
  complaintId: 'string — the complaint id (stream `complaint-<complaintId>`)',
  communityId: 'string — the community (its code) the complaint is addressed to',
};

export const complaintEventCatalogue = eventCatalogue<ComplaintEvent>()([
  {
    type: 'ComplaintFiled',
    schemaVersion: 1,
    description: 'A complaint was filed online by a resident, or by staff on a complainant’s behalf (hotline, citizen service office, in person).',
    fields: {
      ...refFields,
      channel: 'string — "online" | "hotline" | "cso" | "in-person"',
      category: 'string — the complaint’s category',
      subject: 'string, at most 200 characters',
      description: 'string — the complaint’s text',
      complainantName: 'string, optional — the complainant’s name as given',
      complainantId: 'string, optional — the resident’s id (always present online: the signed-in resident)',
      filedAt: 'date-time — business time of filing',
      responseDueOn: 'date YYYY-MM-DD — Yerevan filing date + 30 days, the response deadline',
    },
  },
  {
    type: 'ComplaintAcknowledged',
    schemaVersion: 1,
    description: 'The municipality acknowledged receipt of the complaint.',
    fields: { ...refFields, at: 'date-time — business time of the acknowledgement' },
  },
  {
    type: 'ComplaintAssigned',
    schemaVersion: 1,
    description: 'The complaint was assigned (or reassigned) to a staff member.',
    fields: { ...refFields, assigneeId: 'string — the staff member’s id', at: 'date-time — business time of the assignment' },
  },
  {
    type: 'ComplaintResponded',
    schemaVersion: 1,
    description: 'The complaint was answered with a resolution (also after an escalation or a reopening).',
    fields: {
      ...refFields,
      response: 'string — the response text',
      resolution: 'string — "upheld" | "partially-upheld" | "rejected"',
      at: 'date-time — business time of the response',
      reopenableUntil: 'date YYYY-MM-DD — Yerevan response date + 30 days, the last day the complaint may be reopened',
    },
  },
  {
    type: 'ComplaintEscalated',
    schemaVersion: 1,
    description: 'The complaint was escalated to the head of community or the ministry (only ever upwards).',
    fields: { ...refFields, to: 'string — "head" | "ministry"', reason: 'string — why it was escalated', at: 'date-time — business time of the escalation' },
  },
  {
    type: 'ComplaintReopened',
    schemaVersion: 1,
    description: 'The complainant (or staff) reopened a responded or closed complaint within 30 days of the response.',
    fields: { ...refFields, reason: 'string — why it was reopened', at: 'date-time — business time of the reopening' },
  },
  {
    type: 'ComplaintClosed',
    schemaVersion: 1,
    description: 'A responded complaint was closed.',
    fields: { ...refFields, at: 'date-time — business time of the closing' },
  },
]);
