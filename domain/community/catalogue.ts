/** Every community event type, its schema version and the meaning of each field of its data. */
import { eventCatalogue } from '../kernel/catalogue';
import type { CommunityEvent } from './events';

const communityId = 'string — the community code (its id; stream community-<code>)';
const source = 'string | null — provenance of the fact: "synthetic" or a source id of the data file (e.g. "S_cod_adm3"); null when none was given';
const identity = {
  nameHy: 'string — Armenian name',
  nameEn: 'string — English name',
  province: 'string — province (marz) by its English name, or "Yerevan"',
  kind: '"urban" | "rural"',
  settlements: 'string[] — names of the settlements (բնակավայրեր) of the community',
};

export const communityEventCatalogue = eventCatalogue<CommunityEvent>()([
  {
    type: 'CommunityRegistered',
    schemaVersion: 1,
    description: 'The ministry registered a community in the national registry.',
    fields: { communityId, ...identity, population: 'integer — residents at registration', on: 'YYYY-MM-DD — registration date (Yerevan date of occurredAt)', source },
  },
  {
    type: 'CommunityConsolidated',
    schemaVersion: 1,
    description:
      'A consolidated (enlarged, multi-settlement) community was formed from former communities; this event registers it on its own new stream. Each former community gets a CommunityMerged event on its stream.',
    fields: {
      communityId,
      ...identity,
      population: 'integer | null — residents at consolidation, null when not stated',
      formerCommunityIds: 'string[] — codes of the communities merged into this one',
      on: 'YYYY-MM-DD — date the consolidation takes effect',
      source,
    },
  },
  {
    type: 'CommunityMerged',
    schemaVersion: 1,
    description: 'A community became part of a consolidated community; it is "merged" (no longer exists as a community) from `on`.',
    fields: { communityId, mergedInto: 'string — code of the consolidated community', on: 'YYYY-MM-DD — date the merger takes effect', source },
  },
  {
    type: 'PopulationRecorded',
    schemaVersion: 1,
    description: 'A population count of the community as of a date.',
    fields: { communityId, population: 'integer — number of residents', asOf: 'YYYY-MM-DD — date of the count', source },
  },
  {
    type: 'CmisDeployed',
    schemaVersion: 1,
    description: 'The CMIS (ՀԿՏՀ) was deployed in the community, or its edition changed.',
    fields: { communityId, edition: '"single-settlement" | "multi-settlement"', on: 'YYYY-MM-DD — deployment date', source },
  },
  {
    type: 'DocumentCirculationEnabled',
    schemaVersion: 1,
    description: 'Electronic document circulation was enabled in the municipality.',
    fields: { communityId, on: 'YYYY-MM-DD — date enabled', source },
  },
  {
    type: 'OfficialWebsiteLaunched',
    schemaVersion: 1,
    description: 'The community launched (or moved) its official website.',
    fields: { communityId, url: 'string — http(s) address', hostedOnCmis: 'boolean — true when the website is run on the CMIS', on: 'YYYY-MM-DD — launch date', source },
  },
  {
    type: 'CitizenServiceOfficeOpened',
    schemaVersion: 1,
    description: 'A citizen service office ("one window") opened in the community.',
    fields: {
      communityId,
      officeId: 'string — office id, unique within the community',
      name: 'string — office name',
      partners: 'string[] — partners that supported it (e.g. "GIZ/BMZ", "SDC", "USAID")',
      on: 'YYYY-MM-DD — opening date',
      source,
    },
  },
  {
    type: 'ServiceOffered',
    schemaVersion: 2,
    description: 'The community offers a service (or changed the terms of an offered one: the later event replaces the earlier terms).',
    fields: {
      communityId,
      code: 'string — service code, unique within the community (e.g. "construction-permit", "tax-liability-certificate")',
      nameHy: 'string — Armenian name',
      nameEn: 'string — English name',
      feeAmd: 'integer — fee in drams, 0 ≤ x ≤ 10^12 (0: free)',
      deadlineDays: 'integer — days from submission to the due date, counted as deadlineKind says',
      deadlineKind: '"working", optional (schema version 2) — the deadline counts working days after the submission date (docs/domain.md "Working days"); absent: calendar days',
      issues: '"none" | "permit" | "certificate" — what a completed application issues',
      on: 'YYYY-MM-DD — date the terms apply from (Yerevan date of occurredAt)',
      source,
    },
  },
  {
    type: 'ServiceWithdrawn',
    schemaVersion: 1,
    description: 'The community no longer offers a service; applications already submitted continue.',
    fields: { communityId, code: 'string — service code', on: 'YYYY-MM-DD — Yerevan date of occurredAt', source },
  },
]);
