/**
 * The `national-adoption` projection (schema.ts). Each community event folds the projection's copy of the
 * community's timeline (the `adoption` fold, `evolveAdoption`) and changes the national document by the
 * difference it makes to the community's figures over time: a community's figure is a step function of
 * the date, changing only on the dates of its facts, so it is kept as its changes on those dates.
 * A document's registration adds the document to its community's registration day.
 */
import type { RecordedEvent } from '../../application/ports/event-store';
import { YEREVAN_PROVINCE } from '../../application/queries/national-adoption';
import type { AdoptionDoc } from '../../application/queries/read-models';
import { adoptionProjection, evolveAdoption } from '../adoption/adoption-projection';
import { yerevanDay } from '../dates';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from '../definition';
import { applyTally, type TallyEntry } from '../tally';
import {
  ADOPTION_FIGURES,
  NATIONAL_ADOPTION,
  NATIONAL_ADOPTION_COLLECTIONS as C,
  NATIONAL_ADOPTION_ID,
  NATIONAL_ADOPTION_SPECS,
  type AdoptionFigure,
  type CommunityWithOffices,
  type DocumentRegistrationDayDoc,
  type NationalAdoptionDoc,
  documentRegistrationDayId,
} from './schema';

/** The last entry dated on or before `date` (entries in recorded order: a later one wins a tie). */
const latestOn = <T>(items: readonly T[], dateOf: (t: T) => string, date: string): T | undefined => {
  let best: T | undefined;
  let bestDate = '';
  for (const item of items) {
    const d = dateOf(item);
    if (d <= date && (best === undefined || d >= bestDate)) {
      best = item;
      bestDate = d;
    }
  }
  return best;
};

export const existsOn = (c: Pick<AdoptionDoc, 'registeredOn' | 'mergedOn'>, asOf: string): boolean => c.registeredOn <= asOf && (c.mergedOn === null || c.mergedOn > asOf);

/** What one community adds to each national figure on `asOf` (nothing unless it exists then). */
export const communityFiguresOn = (c: AdoptionDoc, asOf: string): Record<AdoptionFigure, number> => {
  const out = Object.fromEntries(ADOPTION_FIGURES.map((f) => [f, 0])) as Record<AdoptionFigure, number>;
  if (!existsOn(c, asOf)) return out;
  out.totalCommunities = 1;
  const edition = latestOn(c.cmis, (d) => d.on, asOf)?.edition;
  if (edition !== undefined) out.withCmisDeployed = 1;
  if (c.consolidated) {
    out.consolidatedMultiSettlement = 1;
    if (edition === 'multi-settlement') out.consolidatedWithMultiSettlementCmis = 1;
  }
  if (c.documentCirculationOn !== null && c.documentCirculationOn <= asOf) out.withElectronicDocumentCirculation = 1;
  const website = latestOn(c.websites, (w) => w.on, asOf);
  if (website !== undefined) out.withOfficialWebsite = 1;
  if (website?.hostedOnCmis === true) out.whereCmisIsOfficialWebsite = 1;
  const population = latestOn(c.populations, (p) => p.asOf, asOf)?.population ?? 0;
  if (population >= 3000) out.withAtLeast3000Residents = 1;
  const hasOffice = c.offices.some((o) => o.on <= asOf);
  if (hasOffice) out.citizenServiceOffices = 1;
  if (c.province !== YEREVAN_PROVINCE) {
    out.populationOutsideYerevan = population;
    if (hasOffice) out.populationOutsideYerevanWithCso = population;
  }
  return out;
};

/** The community's figures as changes on the dates of its facts (the only dates they can change on). */
export const figureChangesOf = (c: AdoptionDoc | null): TallyEntry[] => {
  if (c === null) return [];
  const dates = new Set<string>([c.registeredOn]);
  if (c.mergedOn !== null) dates.add(c.mergedOn);
  if (c.documentCirculationOn !== null) dates.add(c.documentCirculationOn);
  for (const p of c.populations) dates.add(p.asOf);
  for (const d of c.cmis) dates.add(d.on);
  for (const w of c.websites) dates.add(w.on);
  for (const o of c.offices) dates.add(o.on);
  const out: TallyEntry[] = [];
  let previous: Record<AdoptionFigure, number> | null = null;
  for (const date of [...dates].sort()) {
    const now = communityFiguresOn(c, date);
    for (const figure of ADOPTION_FIGURES) {
      const change = now[figure] - (previous?.[figure] ?? 0);
      if (change !== 0) out.push({ path: ['changes', date, figure], amount: change });
    }
    previous = now;
  }
  return out;
};

const withOfficesOf = (c: AdoptionDoc): CommunityWithOffices => ({
  registeredOn: c.registeredOn,
  mergedOn: c.mergedOn,
  offices: c.offices.map((o) => ({ on: o.on, partners: o.partners })),
});

/** The national document after the community's timeline went from `previous` to `next`. */
export const evolveNationalAdoption = (doc: NationalAdoptionDoc | null, communityId: string, previous: AdoptionDoc | null, next: AdoptionDoc | null): NationalAdoptionDoc => {
  const changed = applyTally<NationalAdoptionDoc>(doc ?? { id: NATIONAL_ADOPTION_ID }, figureChangesOf(previous), figureChangesOf(next));
  const { [communityId]: _dropped, ...others } = changed.withOffices ?? {};
  const withOffices = next !== null && next.offices.length > 0 ? { ...others, [communityId]: withOfficesOf(next) } : others;
  const { [communityId]: _droppedFlag, ...otherFlags } = changed.documentCirculation ?? {};
  const documentCirculation =
    next !== null && next.documentCirculationOn !== null ? { ...otherFlags, [communityId]: { registeredOn: next.registeredOn, mergedOn: next.mergedOn, on: next.documentCirculationOn } } : otherFlags;
  const { withOffices: _old, documentCirculation: _oldFlags, ...rest } = changed;
  return {
    ...rest,
    ...(Object.keys(withOffices).length === 0 ? {} : { withOffices }),
    ...(Object.keys(documentCirculation).length === 0 ? {} : { documentCirculation }),
  };
};

const REGISTRATIONS: ReadonlySet<string> = new Set(['IncomingDocumentRegistered', 'OutgoingDocumentRegistered', 'InternalDocumentRegistered']);
const DOCUMENT_CATEGORY = 'document-';

/** The community's registration day a document registration adds to. */
const registrationDayOf = (event: RecordedEvent): DocKey | null => {
  if (!REGISTRATIONS.has(event.type) || !event.streamId.startsWith(DOCUMENT_CATEGORY)) return null;
  const { communityId, registeredAt } = event.data as { communityId?: unknown; registeredAt?: unknown };
  if (typeof communityId !== 'string' || typeof registeredAt !== 'string') return null;
  return { collection: C.documentRegistrationDays, id: documentRegistrationDayId(communityId, yerevanDay(registeredAt)) };
};

const evolveRegistrationDay = (doc: DocumentRegistrationDayDoc | null, event: RecordedEvent): DocumentRegistrationDayDoc => {
  const { communityId, registeredAt, documentId } = event.data as { communityId: string; registeredAt: string; documentId: string };
  if (doc?.documents.includes(documentId)) return doc;
  const on = yerevanDay(registeredAt);
  return { id: documentRegistrationDayId(communityId, on), communityId, on, documents: [...(doc?.documents ?? []), documentId] };
};

const NONE: readonly DocKey[] = [];

const timelineKeyOf = (event: RecordedEvent): DocKey | null => {
  const [key] = adoptionProjection.keysOf(event);
  return key === undefined ? null : { collection: C.timelines, id: key.id };
};

export const nationalAdoptionProjection: ProjectionDefinition = {
  name: NATIONAL_ADOPTION,
  collections: NATIONAL_ADOPTION_SPECS,
  keysOf(event: RecordedEvent): readonly DocKey[] {
    const day = registrationDayOf(event);
    if (day !== null) return [day];
    const timeline = timelineKeyOf(event);
    return timeline === null ? NONE : [{ collection: C.nationalAdoption, id: NATIONAL_ADOPTION_ID }, timeline];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null {
    if (key.collection === C.documentRegistrationDays) return evolveRegistrationDay(doc as unknown as DocumentRegistrationDayDoc | null, event) as unknown as Doc;
    if (key.collection === C.timelines) return evolveAdoption(doc as unknown as AdoptionDoc | null, event, key.id) as unknown as Doc | null;
    const timeline = timelineKeyOf(event);
    if (timeline === null) return doc;
    const previous = before(timeline) as unknown as AdoptionDoc | null;
    const next = evolveAdoption(previous, event, timeline.id);
    if (next === previous) return doc;
    return evolveNationalAdoption(doc as unknown as NationalAdoptionDoc | null, timeline.id, previous, next) as unknown as Doc;
  },
};
