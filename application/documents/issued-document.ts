/**
 * An issued permit or certificate, as the log proves it: the facts of its issuing event (PermitIssued or
 * CertificateIssued) and of the application it ends (who applied, for which service, on what basis), with
 * the community's names — read from the streams themselves, never from a read model, so that the PDF and
 * the public /verify page say exactly what the audited events say.
 *
 * Who may have the PDF: its holder (the resident who applied), staff of that community, the ministry and
 * auditors (the same rule as reading the case); anyone else is told it does not exist.
 */
import { AGGREGATES, streamIdOf } from '../../domain/aggregates';
import type { ApplicationEvent, CertificateIssued, PermitIssued } from '../../domain/service-application/events';
import { yerevanDate } from '../../domain/kernel/time';
import { decideRead } from '../read-policy';
import type { Actor, EventStore, RecordedEvent } from '../ports/event-store';

export interface IssuedDocument {
  readonly applicationId: string;
  readonly kind: 'permit' | 'certificate';
  /** The permit's or certificate's number. */
  readonly number: string;
  readonly registrationNumber: string | null;
  readonly communityId: string;
  readonly communityNameHy: string;
  readonly communityNameEn: string;
  readonly serviceCode: string;
  readonly serviceNameHy: string;
  readonly serviceNameEn: string;
  readonly holderId: string | null;
  readonly holderName: string;
  readonly subject: string;
  /** The decision's legal basis (ApplicationApproved.basis). */
  readonly basis: string | null;
  /** Yerevan date of issue. */
  readonly issuedOn: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** The issuing event, whose inclusion in the audit log /verify proves. */
  readonly event: RecordedEvent;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;

/** The community's names as its stream says them now (its code when the stream is missing). */
const communityNames = async (eventStore: Pick<EventStore, 'readStream'>, communityId: string): Promise<{ nameHy: string; nameEn: string }> => {
  const folding = AGGREGATES.community;
  const events = await eventStore.readStream(streamIdOf('community', communityId));
  const state = events.reduce((s, e) => folding.decider.evolve(s, { type: e.type, data: e.data }), folding.decider.initialState());
  const view = (folding.view as (state: unknown, today: string) => { nameHy?: string; nameEn?: string } | null)(state, yerevanDate(new Date()));
  return { nameHy: view?.nameHy ?? communityId, nameEn: view?.nameEn ?? view?.nameHy ?? communityId };
};

/** The document issued on an application, or null (no such application, or nothing issued yet). */
export const loadIssuedDocument = async (eventStore: Pick<EventStore, 'readStream'>, applicationId: string): Promise<IssuedDocument | null> => {
  if (typeof applicationId !== 'string' || !ID.test(applicationId)) return null;
  const events = await eventStore.readStream(streamIdOf('application', applicationId));
  const issuing = events.find((e) => e.type === 'PermitIssued' || e.type === 'CertificateIssued');
  if (!issuing) return null;
  const typed = (e: RecordedEvent) => ({ type: e.type, data: e.data }) as ApplicationEvent;
  let submitted: Extract<ApplicationEvent, { type: 'ApplicationSubmitted' }>['data'] | null = null;
  let registrationNumber: string | null = null;
  let basis: string | null = null;
  for (const e of events.map(typed)) {
    if (e.type === 'ApplicationSubmitted') submitted = e.data;
    else if (e.type === 'ApplicationRegistered') registrationNumber = e.data.registrationNumber;
    else if (e.type === 'ApplicationApproved') basis = e.data.basis;
  }
  if (!submitted) return null;
  const issued = typed(issuing) as PermitIssued | CertificateIssued;
  const community = await communityNames(eventStore, issued.data.communityId);
  return {
    applicationId,
    kind: issued.type === 'PermitIssued' ? 'permit' : 'certificate',
    number: issued.type === 'PermitIssued' ? issued.data.permitNumber : issued.data.certificateNumber,
    registrationNumber,
    communityId: issued.data.communityId,
    communityNameHy: community.nameHy,
    communityNameEn: community.nameEn,
    serviceCode: submitted.serviceCode,
    serviceNameHy: submitted.service.nameHy,
    serviceNameEn: submitted.service.nameEn,
    holderId: issued.data.applicantId ?? submitted.applicantId,
    holderName: submitted.applicantName,
    subject: submitted.subject,
    basis,
    issuedOn: yerevanDate(issued.data.issuedAt),
    validFrom: issued.type === 'PermitIssued' ? issued.data.validFrom : null,
    validUntil: issued.type === 'PermitIssued' ? issued.data.validUntil : null,
    event: issuing,
  };
};

/** Whether the caller may download the document: its holder, the community's staff, the ministry, auditors. */
export const mayHaveIssuedDocument = (actor: Actor | null, document: IssuedDocument): boolean =>
  decideRead(actor, { kind: 'case', caseKind: 'application', id: document.applicationId, found: { communityId: document.communityId, ownerId: document.holderId } }).allowed;
