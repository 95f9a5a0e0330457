/**
 * The `adoption` projection: one timeline per community (collection `adoption`) for the national adoption
 * report as of any date. Every fact keeps its effective date — the `on`/`asOf` of its event, which is
 * the business date (`occurredAt`) of a registration — so the report can ask what held on any day.
 * Lists keep the order facts were recorded (a later fact wins a tie on the same date).
 */
import type {
  CitizenServiceOfficeOpened,
  CmisDeployed,
  CommunityConsolidated,
  CommunityMerged,
  CommunityRegistered,
  DocumentCirculationEnabled,
  OfficialWebsiteLaunched,
  PopulationRecorded,
} from '../../domain/community/events';
import type { RecordedEvent } from '../../application/ports/event-store';
import { ADOPTION_PROJECTION, ADOPTION_SPEC, type AdoptionDoc } from './schema';
import { yerevanDay } from '../dates';
import type { Doc, DocKey, ProjectionDefinition } from '../definition';

const TYPES = new Set([
  'CommunityRegistered',
  'CommunityConsolidated',
  'CommunityMerged',
  'PopulationRecorded',
  'CmisDeployed',
  'DocumentCirculationEnabled',
  'OfficialWebsiteLaunched',
  'CitizenServiceOfficeOpened',
]);
const PREFIX = 'community-';
const NONE: readonly DocKey[] = [];

const registration = (
  id: string,
  event: RecordedEvent,
  d: CommunityRegistered['data'] | CommunityConsolidated['data'],
  consolidated: boolean,
): AdoptionDoc => {
  const on = d.on ?? yerevanDay(event.metadata.occurredAt);
  return {
    id,
    revision: event.revision,
    province: d.province,
    registeredOn: on,
    mergedOn: null,
    consolidated,
    populations: [{ asOf: on, population: d.population }],
    cmis: [],
    documentCirculationOn: null,
    websites: [],
    offices: [],
  };
};

export const evolveAdoption = (doc: AdoptionDoc | null, event: RecordedEvent, id: string): AdoptionDoc | null => {
  if (event.type === 'CommunityRegistered') return doc ?? registration(id, event, event.data as CommunityRegistered['data'], false);
  if (event.type === 'CommunityConsolidated') return doc ?? registration(id, event, event.data as CommunityConsolidated['data'], true);
  if (doc === null || event.revision <= doc.revision) return doc;
  const revision = event.revision;
  switch (event.type) {
    case 'CommunityMerged':
      return { ...doc, revision, mergedOn: (event.data as CommunityMerged['data']).on };
    case 'PopulationRecorded': {
      const d = event.data as PopulationRecorded['data'];
      return { ...doc, revision, populations: [...doc.populations, { asOf: d.asOf, population: d.population }] };
    }
    case 'CmisDeployed': {
      const d = event.data as CmisDeployed['data'];
      return { ...doc, revision, cmis: [...doc.cmis, { on: d.on, edition: d.edition }] };
    }
    case 'DocumentCirculationEnabled': {
      const { on } = event.data as DocumentCirculationEnabled['data'];
      return { ...doc, revision, documentCirculationOn: doc.documentCirculationOn === null || on < doc.documentCirculationOn ? on : doc.documentCirculationOn };
    }
    case 'OfficialWebsiteLaunched': {
      const d = event.data as OfficialWebsiteLaunched['data'];
      return { ...doc, revision, websites: [...doc.websites, { on: d.on, hostedOnCmis: d.hostedOnCmis }] };
    }
    case 'CitizenServiceOfficeOpened': {
      const d = event.data as CitizenServiceOfficeOpened['data'];
      return { ...doc, revision, offices: [...doc.offices, { on: d.on, officeId: d.officeId, partners: d.partners }] };
    }
    default:
      return doc;
  }
};

export const adoptionProjection: ProjectionDefinition = {
  name: ADOPTION_PROJECTION,
  collections: [ADOPTION_SPEC],
  keysOf(event: RecordedEvent): readonly DocKey[] {
    if (!TYPES.has(event.type) || !event.streamId.startsWith(PREFIX) || event.streamId.length === PREFIX.length) return NONE;
    return [{ collection: ADOPTION_SPEC.name, id: event.streamId.slice(PREFIX.length) }];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null {
    return evolveAdoption(doc as unknown as AdoptionDoc | null, event, key.id) as unknown as Doc | null;
  },
};
