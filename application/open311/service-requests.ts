/**
 * Complaints as Open311 GeoReport v2 service requests, and complaint categories as its services
 * (docs/open311.md has the field-by-field mapping). Pure mapping plus the one read-model search the
 * requests list needs; the HTTP shapes (JSON, XML) are the interface's.
 */
import { COMPLAINT_CATEGORIES, complaintCategory, complaintStatus, type Complaint, type ComplaintCategory } from '../../domain/complaint';
import { COLLECTIONS, type ComplaintDoc } from '../queries/read-models';
import type { FieldCondition, ReadModelReader } from '../ports/read-store';

/** The Open311 status of a complaint: `closed` once answered (responded) or closed, `open` otherwise (a reopened complaint is open again). */
export type Open311Status = 'open' | 'closed';

export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: false;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

export interface Open311ServiceRequest {
  readonly service_request_id: string;
  readonly status: Open311Status;
  readonly status_notes: string | null;
  readonly service_name: string;
  readonly service_code: string;
  readonly description: string;
  readonly agency_responsible: string;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
  readonly address: string | null;
  readonly address_id: string | null;
  readonly zipcode: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly media_url: string | null;
}

/** Names in Armenian unless the client asks for English (`locale=en`). */
export type Open311Locale = 'hy' | 'en';

export const open311Service = (category: ComplaintCategory, locale: Open311Locale): Open311Service => ({
  service_code: category.code,
  service_name: locale === 'en' ? category.nameEn : category.nameHy,
  description: locale === 'en' ? category.descriptionEn : category.descriptionHy,
  metadata: false,
  type: 'realtime',
  keywords: category.keywords.join(','),
  group: category.group,
});

/** A community's complaint categories: every community answers for the same list (domain/complaint/categories.ts). */
export const open311Services = (locale: Open311Locale): Open311Service[] => COMPLAINT_CATEGORIES.map((c) => open311Service(c, locale));

export const open311StatusOf = (complaint: Complaint): Open311Status => {
  const status = complaintStatus(complaint);
  return status === 'responded' || status === 'closed' ? 'closed' : 'open';
};

/** The end of the Yerevan day the response is due (Armenia keeps UTC+4 all year). */
const endOfYerevanDay = (date: string): string => `${date}T23:59:59+04:00`;

/** The latest time the state records a step at (assignments, escalations and reopenings keep no time in the state). */
const updatedAt = (c: Complaint): string =>
  [c.filedAt, c.acknowledgedAt, c.respondedAt, c.closedAt].filter((t): t is string => t !== null).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

export const open311Request = (complaint: Complaint, agencyResponsible: string, locale: Open311Locale): Open311ServiceRequest => {
  const category = complaintCategory(complaint.category);
  const status = open311StatusOf(complaint);
  return {
    service_request_id: complaint.complaintId,
    status,
    status_notes: complaint.response,
    service_name: category ? (locale === 'en' ? category.nameEn : category.nameHy) : complaint.category,
    service_code: complaint.category,
    description: complaint.description,
    agency_responsible: agencyResponsible,
    service_notice: null,
    requested_datetime: complaint.filedAt,
    updated_datetime: updatedAt(complaint),
    // Once answered nothing more is expected; until then the response is due by the end of its due date.
    expected_datetime: status === 'open' ? endOfYerevanDay(complaint.responseDueOn) : null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
};

export interface RequestSearch {
  readonly communityId: string;
  /** ISO instants, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly statuses: readonly Open311Status[];
  readonly serviceCodes: readonly string[];
  /** At most this many, newest first. */
  readonly limit: number;
}

/**
 * The community's complaints filed in [from, to], newest first, of the given statuses and categories.
 * The category is not an indexed field of the complaints read model, so pages of the date range are
 * read and filtered here until `limit` are found.
 */
export const searchComplaints = async (readStore: ReadModelReader, search: RequestSearch): Promise<Complaint[]> => {
  const open: FieldCondition | undefined = search.statuses.length === 1 ? search.statuses[0] === 'open' : undefined;
  const filter: Record<string, FieldCondition> = { communityId: search.communityId, filedAt: { $gte: search.from, $lte: search.to } };
  if (open !== undefined) filter.open = open;
  const found: Complaint[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readStore.findPage<ComplaintDoc>(COLLECTIONS.complaints, { filter, sort: [['filedAt', 'desc']], limit: 1000, after });
    for (const doc of page.items) {
      if (search.serviceCodes.length && !search.serviceCodes.includes(doc.state.category)) continue;
      found.push(doc.state);
      if (found.length >= search.limit) return found;
    }
    if (!page.hasNextPage || page.endCursor === null) return found;
    after = page.endCursor;
  }
};

/** Complaints by id (missing ids and other communities' complaints left out), in the order asked. */
export const complaintsByIds = async (readStore: ReadModelReader, communityId: string, ids: readonly string[]): Promise<Complaint[]> => {
  const docs = await Promise.all(ids.map((id) => readStore.get<ComplaintDoc>(COLLECTIONS.complaints, id)));
  return docs.filter((d): d is ComplaintDoc => d !== null && d.communityId === communityId).map((d) => d.state);
};
