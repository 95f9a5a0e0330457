/**
 * The five case read models of the `cases` projection: communities, applications, fees, acts and
 * complaints. Each document holds the aggregate's state and the indexed fields queries filter and
 * sort on (application/queries/read-models.ts describes every field).
 */
import { applicationEventCatalogue } from '../../domain/service-application/catalogue';
import { evolve as evolveApplication } from '../../domain/service-application/decider';
import type { ApplicationEvent } from '../../domain/service-application/events';
import { initialState as initialApplication, OPEN_STATUSES, type ApplicationCase, type ApplicationState } from '../../domain/service-application/state';
import { communityEventCatalogue } from '../../domain/community/catalogue';
import { evolve as evolveCommunity } from '../../domain/community/decider';
import type { CommunityEvent } from '../../domain/community/events';
import { initialState as initialCommunity, type CommunityState, type RegisteredCommunity } from '../../domain/community/state';
import { complaintEventCatalogue } from '../../domain/complaint/catalogue';
import { evolve as evolveComplaint } from '../../domain/complaint/decider';
import type { ComplaintEvent } from '../../domain/complaint/events';
import { complaintStatus, type Complaint, type ComplaintState } from '../../domain/complaint/state';
import { feeEventCatalogue } from '../../domain/fee/catalogue';
import { evolve as evolveFee } from '../../domain/fee/decider';
import type { FeeEvent } from '../../domain/fee/events';
import { feeStatus, type Fee, type FeeState } from '../../domain/fee/state';
import { legalActEventCatalogue } from '../../domain/legal-act/catalogue';
import { evolve as evolveAct } from '../../domain/legal-act/decider';
import type { LegalActEvent } from '../../domain/legal-act/events';
import type { LegalAct, LegalActState } from '../../domain/legal-act/state';
import {
  ACTS_SPEC,
  APPLICATIONS_SPEC,
  COMMUNITIES_SPEC,
  COMPLAINTS_SPEC,
  FEES_SPEC,
  NEVER,
  type ActDoc,
  type ApplicationDoc,
  type CommunityDoc,
  type ComplaintDoc,
  type FeeDoc,
} from './schema';
import { utcInstant, yerevanDay } from '../dates';
import type { CaseModel } from './case-projection';

const typesOf = (catalogue: ReadonlyArray<{ readonly type: string }>): string[] => catalogue.map((e) => e.type);

export const communitiesModel: CaseModel<CommunityEvent, CommunityState, RegisteredCommunity, CommunityDoc> = {
  spec: COMMUNITIES_SPEC,
  category: 'community',
  eventTypes: typesOf(communityEventCatalogue),
  initialState: initialCommunity,
  evolve: evolveCommunity,
  exists: (s): s is RegisteredCommunity => s.status === 'registered',
  document: ({ id, revision, position, state: s }) => ({
    id,
    revision,
    position,
    province: s.province,
    kind: s.kind,
    registeredOn: s.registeredOn,
    mergedOn: s.merger?.on ?? null,
    mergedOnOrNever: s.merger?.on ?? NEVER,
    nameEn: s.nameEn,
    consolidated: s.consolidatedOn !== null,
    state: s,
  }),
};

const OPEN_APPLICATION = new Set<string>(OPEN_STATUSES);

export const applicationsModel: CaseModel<ApplicationEvent, ApplicationState, ApplicationCase, ApplicationDoc> = {
  spec: APPLICATIONS_SPEC,
  category: 'application',
  eventTypes: typesOf(applicationEventCatalogue),
  initialState: initialApplication,
  evolve: evolveApplication,
  exists: (s): s is ApplicationCase => s.status !== 'none',
  document: ({ id, revision, position, state: s }, _event, previous) => {
    const open = OPEN_APPLICATION.has(s.status);
    return {
      id,
      revision,
      position,
      communityId: s.communityId,
      status: s.status,
      open,
      dueOn: s.dueOn,
      openDueOn: open ? s.dueOn : NEVER,
      applicantId: s.applicantId,
      submittedAt: previous?.submittedAt ?? utcInstant(s.submittedAt),
      decidedOn: s.decidedAt === null ? null : previous !== null && previous.state.decidedAt === s.decidedAt ? previous.decidedOn : yerevanDay(s.decidedAt),
      serviceCode: s.service.code,
      state: s,
    };
  },
};

export const feesModel: CaseModel<FeeEvent, FeeState, Fee, FeeDoc> = {
  spec: FEES_SPEC,
  category: 'fee',
  eventTypes: typesOf(feeEventCatalogue),
  initialState: () => null,
  evolve: evolveFee,
  exists: (s): s is Fee => s !== null,
  document: ({ id, revision, position, state: s }, _event, previous) => {
    const status = feeStatus(s);
    const open = status === 'due' || status === 'partially-paid';
    return {
      id,
      revision,
      position,
      communityId: s.communityId,
      status,
      open,
      dueOn: s.dueOn,
      openDueOn: open ? s.dueOn : NEVER,
      payerId: s.payerId,
      assessedAt: previous?.assessedAt ?? utcInstant(s.assessedAt),
      code: s.code,
      applicationId: s.applicationId ?? null,
      state: s,
    };
  },
};

/** The act register's event shares the legal-act catalogue but lives on `actregister-…` streams. */
const ACT_EVENT_TYPES = typesOf(legalActEventCatalogue).filter((t) => t !== 'ActNumberAssigned');

export const actsModel: CaseModel<LegalActEvent, LegalActState, LegalAct, ActDoc> = {
  spec: ACTS_SPEC,
  category: 'act',
  eventTypes: ACT_EVENT_TYPES,
  initialState: () => null,
  evolve: evolveAct,
  exists: (s): s is LegalAct => s !== null,
  document: ({ id, revision, position, state: s }, event, previous) => {
    const data = event.data as { readonly at?: string; readonly sessionDate?: string };
    let adoptedOn = previous?.adoptedOn ?? null;
    let publishedOn = previous?.publishedOn ?? null;
    let draftedAt = previous?.draftedAt ?? null;
    switch (event.type) {
      case 'ActDrafted':
        draftedAt = utcInstant(data.at ?? event.metadata.occurredAt);
        break;
      case 'ActAdopted':
        adoptedOn = data.sessionDate ?? yerevanDay(data.at ?? event.metadata.occurredAt);
        break;
      case 'ActSigned':
        adoptedOn = yerevanDay(data.at ?? event.metadata.occurredAt);
        break;
      case 'ActPublished':
        publishedOn = yerevanDay(data.at ?? event.metadata.occurredAt);
        break;
    }
    return {
      id,
      revision,
      position,
      communityId: s.communityId,
      status: s.phase,
      issuer: s.issuer,
      adoptedOn,
      publishedOn,
      repealEffectiveFrom: s.repeal?.effectiveFrom ?? null,
      repealOnOrNever: s.repeal?.effectiveFrom ?? NEVER,
      draftedAt: draftedAt ?? utcInstant(event.metadata.occurredAt),
      state: s,
    };
  },
};

export const complaintsModel: CaseModel<ComplaintEvent, ComplaintState, Complaint, ComplaintDoc> = {
  spec: COMPLAINTS_SPEC,
  category: 'complaint',
  eventTypes: typesOf(complaintEventCatalogue),
  initialState: () => null,
  evolve: evolveComplaint,
  exists: (s): s is Complaint => s !== null,
  document: ({ id, revision, position, state: s }, _event, previous) => {
    const status = complaintStatus(s);
    const open = status !== 'responded' && status !== 'closed';
    return {
      id,
      revision,
      position,
      communityId: s.communityId,
      status,
      open,
      responseDueOn: s.responseDueOn,
      openResponseDueOn: open ? s.responseDueOn : NEVER,
      complainantId: s.complainantId ?? null,
      filedAt: previous?.filedAt ?? utcInstant(s.filedAt),
      respondedOn:
        s.respondedAt === null ? null : previous !== null && previous.state.respondedAt === s.respondedAt ? previous.respondedOn : yerevanDay(s.respondedAt),
      resolution: s.resolution,
      channel: s.channel,
      state: s,
    };
  },
};

export const CASE_MODELS = [communitiesModel, applicationsModel, feesModel, actsModel, complaintsModel] as const;
