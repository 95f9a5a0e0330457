/**
 * The project's event catalogue: every event type, its fields and schema version, by stream category.
 * docs/events.md is rendered from it (`npm run docs:events`), and a test keeps the two equal.
 */
import { applicationEventCatalogue } from '../domain/service-application/catalogue';
import { communityEventCatalogue } from '../domain/community/catalogue';
import { complaintEventCatalogue } from '../domain/complaint/catalogue';
import { documentEventCatalogue } from '../domain/correspondence/catalogue';
import { contactEventCatalogue } from '../domain/contact/catalogue';
import { feeEventCatalogue } from '../domain/fee/catalogue';
import { legalActEventCatalogue } from '../domain/legal-act/catalogue';
import { open311ClientEventCatalogue } from '../domain/open311-client/catalogue';
import { staffDirectoryEventCatalogue } from '../domain/staff-directory/catalogue';
import { workingDayCalendarEventCatalogue } from '../domain/working-days/catalogue';
import { webhookEventCatalogue } from '../domain/webhook/catalogue';
import type { CatalogueEntryText } from '../domain/kernel/catalogue';

export interface CatalogueSection {
  readonly aggregate: string;
  readonly streams: string;
  readonly entries: readonly CatalogueEntryText[];
}

export const EVENT_CATALOGUE: readonly CatalogueSection[] = [
  { aggregate: 'Community', streams: '`community-<code>`', entries: communityEventCatalogue },
  { aggregate: 'Application', streams: '`application-<id>`, the registration journal `appjournal-<communityId>_<year>` and tracking codes `trackingcode-<code>`', entries: applicationEventCatalogue },
  { aggregate: 'Fee', streams: '`fee-<id>`', entries: feeEventCatalogue },
  { aggregate: 'Legal act', streams: '`act-<id>`, and the act register `actregister-<communityId>_<year>`', entries: legalActEventCatalogue },
  { aggregate: 'Complaint', streams: '`complaint-<id>`', entries: complaintEventCatalogue },
  { aggregate: 'Staff directory', streams: '`appointment-<personalId>` (one per person)', entries: staffDirectoryEventCatalogue },
  { aggregate: 'Working-day calendar', streams: '`calendar-AM`', entries: workingDayCalendarEventCatalogue },
  { aggregate: 'Correspondence', streams: '`document-<id>`, and the journals `docjournal-<communityId>_<journal>_<year>`', entries: documentEventCatalogue },
  { aggregate: 'Webhook', streams: '`webhook-<id>`', entries: webhookEventCatalogue },
  { aggregate: 'Contact details', streams: '`contact-<personId>` (one per person)', entries: contactEventCatalogue },
  { aggregate: 'Open311 client', streams: '`open311client-<clientId>`', entries: open311ClientEventCatalogue },
];

const versions = new Map(EVENT_CATALOGUE.flatMap((s) => s.entries.map((e) => [e.type, e.schemaVersion] as const)));

/** The schema version of an event type (the handler writes it into every envelope). */
export const schemaVersionOf = (type: string): number => versions.get(type) ?? 1;

export const isCatalogued = (type: string): boolean => versions.has(type);

const escape = (text: string) => text.replace(/\|/g, '\\|');

export const renderEventCatalogue = (): string => {
  const lines = [
    '# Event catalogue',
    '',
    'Every event Hamaynk records, for integration consumers (property tax, treasury, statistics) and auditors.',
    'Generated from the code by `npm run docs:events`; a test fails when this file and the code disagree.',
    '',
    'Each stored event has `type`, `data` (the fields below) and `metadata`: `eventId`, `commandId`, `correlationId`,',
    '`causationId`, `actor { id, role, communityId?, assurance, channel, officeId?, onBehalfOf? }`, `occurredAt`',
    '(business time), `recordedAt` (store time) and `schemaVersion`. `data` and `metadata` are stored as RFC 8785',
    'canonical JSON. Money is whole drams (AMD); dates are `YYYY-MM-DD` (Asia/Yerevan); times are ISO 8601.',
    'Optional fields are absent, not null, when they do not apply.',
    '',
  ];
  for (const section of EVENT_CATALOGUE) {
    lines.push(`## ${section.aggregate}`, '', `Streams: ${section.streams}.`, '');
    for (const entry of section.entries) {
      lines.push(`### \`${entry.type}\` (schema version ${entry.schemaVersion})`, '', entry.description, '', '| field | type and meaning |', '|---|---|');
      for (const [field, text] of Object.entries(entry.fields)) lines.push(`| \`${field}\` | ${escape(text)} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
