import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { ApplicationCommand, ServiceSnapshot, TaxLiabilitySnapshot } from './commands';
import { applicationDecider } from './decider';
import type { ApplicationEvent } from './events';
import { applicationView } from './view';

const staff = { id: 'staff-1', role: 'staff' };
const meta = (now = '2019-03-10T09:00:00Z', actor: CommandMetadata['actor'] = staff): CommandMetadata => ({ now, actor });
const cmd = <T extends ApplicationCommand['type'], C extends ApplicationCommand = Extract<ApplicationCommand, { type: T }>>(type: T, data: C['data'], now?: string, actor?: CommandMetadata['actor']): C =>
  ({ type, data, metadata: meta(now, actor) }) as C;
const given = (...events: ApplicationEvent[]) => spec(applicationDecider).given(...events);

const permitService: ServiceSnapshot = { code: 'construction-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' };
const base = { applicationId: 'app-1', communityId: 'AM09001' };

const submitted = (service: ServiceSnapshot = permitService, kind: 'application' | 'inquiry' = 'application'): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    ...base,
    serviceCode: service.code,
    service,
    kind,
    subject: 'Ավտոտնակի կառուցում',
    details: 'Խնդրում եմ թույլատրել',
    applicantId: 'res-1',
    applicantName: 'Անի Սարգսյան',
    channel: 'online',
    submittedBy: 'res-1',
    submittedByRole: 'resident',
    onBehalfOf: null,
    submittedAt: '2019-03-01T21:30:00Z',
    dueOn: addDaysTo('2019-03-02', service.deadlineDays),
  },
});
function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const registered: ApplicationEvent = { type: 'ApplicationRegistered', data: { ...base, registrationNumber: 'AM09001-2019-APP1', registeredBy: 'staff-1', registeredAt: '2019-03-04T09:00:00Z' } };
const assigned: ApplicationEvent = { type: 'ApplicationAssigned', data: { ...base, assigneeId: 'staff-2', assignedBy: 'staff-1', assignedAt: '2019-03-04T10:00:00Z' } };
const asked: ApplicationEvent = { type: 'ApplicationInformationRequested', data: { ...base, question: 'Կցեք նախագիծը', requestedBy: 'staff-2', requestedAt: '2019-03-05T10:00:00Z' } };
// Asked on 5 March, answered on 6 March: the clock stopped one day, so the due date moves from 12 to 13 March.
const answered: ApplicationEvent = {
  type: 'ApplicationInformationProvided',
  data: { ...base, answer: 'Կցված է', providedBy: 'res-1', providedAt: '2019-03-06T10:00:00Z', dueOn: '2019-03-13' },
};
const decision = { ...base, serviceCode: 'construction-permit', decidedBy: 'staff-2', decidedAt: '2019-03-07T10:00:00Z', submittedAt: '2019-03-01T21:30:00Z', dueOn: '2019-03-12' };
const approved: ApplicationEvent = { type: 'ApplicationApproved', data: { ...decision, basis: 'Քաղաքաշինության մասին օրենք' } };
const rejected: ApplicationEvent = { type: 'ApplicationRejected', data: { ...decision, reason: 'Թերի փաստաթղթեր', basis: 'Հոդված 5' } };
const withdrawn: ApplicationEvent = { type: 'ApplicationWithdrawn', data: { ...base, reason: 'Այլևս պետք չէ', withdrawnBy: 'res-1', withdrawnAt: '2019-03-05T10:00:00Z' } };
const feePaid: ApplicationEvent = { type: 'ApplicationFeeSettled', data: { ...base, feeId: 'fee-9', how: 'paid', settledAt: '2019-03-08T10:00:00Z' } };
const permitIssued: ApplicationEvent = {
  type: 'PermitIssued',
  data: { ...base, serviceCode: 'construction-permit', applicantId: 'res-1', permitNumber: 'AM09001-2019-APP1-P', validFrom: '2019-03-10', validUntil: '2020-03-09', issuedBy: 'staff-1', issuedAt: '2019-03-10T09:00:00Z' },
};

describe('application decider', () => {
  describe('SubmitApplication', () => {
    const submit = cmd(
      'SubmitApplication',
      { ...base, service: permitService, kind: 'application', subject: 'Ավտոտնակի կառուցում', details: 'Խնդրում եմ թույլատրել', applicantId: 'res-1', applicantName: 'Անի Սարգսյան', channel: 'online' },
      '2019-03-01T21:30:00Z',
      { id: 'res-1', role: 'resident' },
    );
    it('submits; due on the Yerevan submission date plus the deadline', () => {
      // 21:30 UTC on 1 March is 01:30 on 2 March in Yerevan.
      given().when(submit).then(submitted());
    });
    it('records the staff member and the resident on whose behalf they submitted', () => {
      const byStaff = { ...submit, data: { ...submit.data, channel: 'cso' as const }, metadata: meta('2019-03-01T21:30:00Z', staff) };
      const result = given().when(byStaff).result;
      expect(result).toEqual([{ type: 'ApplicationSubmitted', data: { ...submitted().data, channel: 'cso', submittedBy: 'staff-1', submittedByRole: 'staff', onBehalfOf: 'res-1' } }]);
    });
    it('refuses submitting twice on the same stream', () => {
      given(submitted()).when(submit).thenFails('INVALID_TRANSITION', 'APPLICATION_ALREADY_SUBMITTED');
    });
    it('refuses a blank subject, an unknown channel or kind, and a service with a broken fee', () => {
      given().when({ ...submit, data: { ...submit.data, subject: ' ' } }).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
      given().when({ ...submit, data: { ...submit.data, channel: 'fax' as never } }).thenFails('VALIDATION_FAILED', 'INVALID_CHANNEL');
      given().when({ ...submit, data: { ...submit.data, kind: 'petition' as never } }).thenFails('VALIDATION_FAILED', 'INVALID_KIND');
      given().when({ ...submit, data: { ...submit.data, service: { ...permitService, feeAmd: 1.5 } } }).thenFails('VALIDATION_FAILED', 'INVALID_FEE');
    });
  });

  describe('RegisterApplication', () => {
    const register = cmd('RegisterApplication', { registrationNumber: 'AM09001-2019-APP1' }, '2019-03-04T09:00:00Z');
    it('registers a submitted application', () => {
      given(submitted()).when(register).then(registered);
    });
    it('refuses registering twice', () => {
      given(submitted(), registered).when(register).thenFails('INVALID_TRANSITION', 'APPLICATION_ALREADY_REGISTERED');
    });
    it('refuses an unknown application', () => {
      given().when(register).thenFails('NOT_FOUND', 'APPLICATION_NOT_FOUND');
    });
    it('refuses a withdrawn application', () => {
      given(submitted(), withdrawn).when(register).thenFails('INVALID_TRANSITION', 'APPLICATION_WITHDRAWN');
    });
  });

  describe('AssignApplication', () => {
    const assign = cmd('AssignApplication', { assigneeId: 'staff-2' }, '2019-03-04T10:00:00Z');
    it('assigns a registered application', () => {
      given(submitted(), registered).when(assign).then(assigned);
    });
    it('reassigns to someone else, and records nothing for the same assignee', () => {
      given(submitted(), registered, assigned).when({ ...assign, data: { assigneeId: 'staff-3' } }).then({ type: 'ApplicationAssigned', data: { ...assigned.data, assigneeId: 'staff-3' } });
      given(submitted(), registered, assigned).when(assign).thenNothing();
    });
    it('refuses an unregistered application', () => {
      given(submitted()).when(assign).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_REGISTERED');
    });
    it('refuses a decided application', () => {
      given(submitted(), registered, rejected).when(assign).thenFails('INVALID_TRANSITION', 'APPLICATION_DECIDED');
    });
    it('keeps a case awaiting information while reassigning it', () => {
      const reassigned: ApplicationEvent = { type: 'ApplicationAssigned', data: { ...assigned.data, assigneeId: 'staff-3' } };
      expect(applicationView(given(submitted(), registered, assigned, asked, reassigned).state(), '2019-03-05')?.status).toBe('awaiting-information');
    });
  });

  describe('RequestApplicationInformation', () => {
    const ask = cmd('RequestApplicationInformation', { question: 'Կցեք նախագիծը' }, '2019-03-05T10:00:00Z', { id: 'staff-2', role: 'staff' });
    it('asks the applicant for information', () => {
      given(submitted(), registered, assigned).when(ask).then(asked);
      expect(applicationView(given(submitted(), registered, assigned, asked).state(), '2019-03-05')).toMatchObject({ status: 'awaiting-information', pendingQuestion: 'Կցեք նախագիծը' });
    });
    it('refuses before assignment, and while a question is open', () => {
      given(submitted()).when(ask).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_REGISTERED');
      given(submitted(), registered).when(ask).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_ASSIGNED');
      given(submitted(), registered, assigned, asked).when(ask).thenFails('INVALID_TRANSITION', 'INFORMATION_ALREADY_REQUESTED');
    });
    it('refuses a blank question', () => {
      given(submitted(), registered, assigned).when({ ...ask, data: { question: '' } }).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
    });
  });

  describe('ProvideApplicationInformation', () => {
    const provide = cmd('ProvideApplicationInformation', { answer: 'Կցված է' }, '2019-03-06T10:00:00Z', { id: 'res-1', role: 'resident' });
    it('answers the open question; the case goes back to assigned', () => {
      given(submitted(), registered, assigned, asked).when(provide).then(answered);
      expect(applicationView(given(submitted(), registered, assigned, asked, answered).state(), '2019-03-06')).toMatchObject({ status: 'assigned', pendingQuestion: null });
    });
    it('moves the due date by the days the case waited for the applicant, and the decision repeats the moved date', () => {
      const state = given(submitted(), registered, assigned, asked, answered).state();
      expect(applicationView(state, '2019-03-06')?.dueOn).toBe('2019-03-13');
      const approve = cmd('ApproveApplication', { basis: 'Օրենք' }, '2019-03-13T10:00:00Z');
      const decided = applicationDecider.decide(approve, state);
      expect(decided).toMatchObject([{ type: 'ApplicationApproved', data: { dueOn: '2019-03-13' } }]);
    });
    it('keeps the due date of an answer given the day it was asked, and of answers recorded before the clock stopped (no dueOn)', () => {
      const sameDay = cmd('ProvideApplicationInformation', { answer: 'Կցված է' }, '2019-03-05T15:00:00Z', { id: 'res-1', role: 'resident' });
      given(submitted(), registered, assigned, asked)
        .when(sameDay)
        .then({ type: 'ApplicationInformationProvided', data: { ...base, answer: 'Կցված է', providedBy: 'res-1', providedAt: '2019-03-05T15:00:00Z', dueOn: '2019-03-12' } });
      const { dueOn: _moved, ...versionOne } = (answered as Extract<ApplicationEvent, { type: 'ApplicationInformationProvided' }>).data;
      expect(applicationView(given(submitted(), registered, assigned, asked, { type: 'ApplicationInformationProvided', data: versionOne }).state(), '2019-03-06')?.dueOn).toBe('2019-03-12');
    });
    it('refuses when no information was asked', () => {
      given(submitted(), registered, assigned).when(provide).thenFails('INVALID_TRANSITION', 'INFORMATION_NOT_REQUESTED');
    });
    it('refuses a closed case', () => {
      given(submitted(), withdrawn).when(provide).thenFails('INVALID_TRANSITION', 'APPLICATION_WITHDRAWN');
    });
  });

  describe('ApproveApplication', () => {
    const approve = cmd('ApproveApplication', { basis: 'Քաղաքաշինության մասին օրենք' }, '2019-03-07T10:00:00Z', { id: 'staff-2', role: 'staff' });
    it('approves a registered or assigned application', () => {
      given(submitted(), registered, assigned).when(approve).then(approved);
      given(submitted(), registered).when(approve).then(approved);
    });
    it('refuses approving an unregistered application', () => {
      given(submitted()).when(approve).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_REGISTERED');
    });
    it('refuses while awaiting information', () => {
      given(submitted(), registered, assigned, asked).when(approve).thenFails('INVALID_TRANSITION', 'AWAITING_INFORMATION');
    });
    it('refuses deciding twice and approving an inquiry', () => {
      given(submitted(), registered, rejected).when(approve).thenFails('INVALID_TRANSITION', 'APPLICATION_DECIDED');
      given(submitted(permitService, 'inquiry'), registered).when(approve).thenFails('INVALID_TRANSITION', 'INQUIRY_NOT_APPROVABLE');
    });
    it('refuses a blank legal basis', () => {
      given(submitted(), registered).when({ ...approve, data: { basis: ' ' } }).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
    });
  });

  describe('RejectApplication', () => {
    const reject = cmd('RejectApplication', { reason: 'Թերի փաստաթղթեր', basis: 'Հոդված 5' }, '2019-03-07T10:00:00Z', { id: 'staff-2', role: 'staff' });
    it('rejects, also while awaiting information', () => {
      given(submitted(), registered, assigned).when(reject).then(rejected);
      given(submitted(), registered, assigned, asked).when(reject).then(rejected);
    });
    it('refuses an unregistered application, or one already decided', () => {
      given(submitted()).when(reject).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_REGISTERED');
      given(submitted(), registered, approved).when(reject).thenFails('INVALID_TRANSITION', 'APPLICATION_DECIDED');
    });
    it('needs a reason and a basis', () => {
      given(submitted(), registered).when({ ...reject, data: { reason: 'x', basis: '' } }).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
    });
  });

  describe('IssuePermit', () => {
    const issue = cmd('IssuePermit', { permitNumber: 'AM09001-2019-APP1-P', validFrom: '2019-03-10', validUntil: '2020-03-09' }, '2019-03-10T09:00:00Z');
    it('issues a permit once approved and paid; the case is completed', () => {
      given(submitted(), registered, approved, feePaid).when(issue).then(permitIssued);
      expect(applicationView(given(submitted(), registered, approved, feePaid, permitIssued).state(), '2019-03-10')).toMatchObject({
        status: 'completed',
        feeSettled: true,
        permit: { number: 'AM09001-2019-APP1-P', validFrom: '2019-03-10', validUntil: '2020-03-09' },
      });
    });
    it('a free service needs no settlement', () => {
      const free = { ...permitService, feeAmd: 0 };
      given(submitted(free), registered, approved).when(issue).then(permitIssued);
    });
    it('refuses while the fee is not settled', () => {
      given(submitted(), registered, approved).when(issue).thenFails('INVALID_TRANSITION', 'FEE_NOT_SETTLED');
    });
    it('refuses without approval, even when paid', () => {
      given(submitted(), registered, feePaid).when(issue).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_APPROVED');
      given(submitted(), registered, rejected, feePaid).when(issue).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_APPROVED');
    });
    it('refuses a service that issues no permit', () => {
      given(submitted({ ...permitService, issues: 'certificate' }), registered, approved, feePaid).when(issue).thenFails('INVALID_TRANSITION', 'SERVICE_ISSUES_NO_PERMIT');
    });
    it('refuses issuing twice', () => {
      given(submitted(), registered, approved, feePaid, permitIssued).when(issue).thenFails('INVALID_TRANSITION', 'APPLICATION_COMPLETED');
    });
    it('refuses a validity that does not end after it starts, or an impossible date', () => {
      given(submitted(), registered, approved, feePaid).when({ ...issue, data: { ...issue.data, validUntil: '2019-03-10' } }).thenFails('VALIDATION_FAILED', 'VALIDITY_PERIOD_INVALID');
      given(submitted(), registered, approved, feePaid).when({ ...issue, data: { ...issue.data, validFrom: '2019-02-29' } }).thenFails('VALIDATION_FAILED', 'INVALID_DATE');
    });
    it('refuses an unknown application', () => {
      given().when(issue).thenFails('NOT_FOUND', 'APPLICATION_NOT_FOUND');
    });
  });

  describe('IssueCertificate', () => {
    const taxService: ServiceSnapshot = { code: 'tax-liability-certificate', nameHy: 'Տեղեկանք', nameEn: 'Tax liability certificate', feeAmd: 0, deadlineDays: 3, issues: 'certificate' };
    const liability: TaxLiabilitySnapshot = {
      residentId: 'res-1',
      communityId: 'AM09001',
      asOf: '2019-03-10',
      totalDueAmd: 12000,
      items: [{ kind: 'real-estate', description: 'Apartment', period: '2019', dueAmd: 12000 }],
      retrievedAt: '2019-03-10T09:00:00Z',
      source: 'sandbox',
    };
    const issue = cmd('IssueCertificate', { certificateNumber: 'AM09001-2019-APP1-C', taxLiability: liability }, '2019-03-10T09:00:00Z');
    const issued: ApplicationEvent = {
      type: 'CertificateIssued',
      data: { ...base, serviceCode: 'tax-liability-certificate', applicantId: 'res-1', certificateNumber: 'AM09001-2019-APP1-C', taxLiability: liability, issuedBy: 'staff-1', issuedAt: '2019-03-10T09:00:00Z' },
    };
    const taxApproved: ApplicationEvent = { type: 'ApplicationApproved', data: { ...decision, serviceCode: 'tax-liability-certificate', dueOn: '2019-03-05', basis: 'b' } };
    it('issues a tax-liability certificate with the liability snapshot', () => {
      given(submitted(taxService), registered, taxApproved).when(issue).then(issued);
      expect(applicationView(given(submitted(taxService), registered, taxApproved, issued).state(), '2019-03-10')).toMatchObject({ status: 'completed', certificate: { number: 'AM09001-2019-APP1-C' } });
    });
    it('refuses a tax-liability certificate without a snapshot, or with another resident’s', () => {
      given(submitted(taxService), registered, taxApproved).when({ ...issue, data: { ...issue.data, taxLiability: null } }).thenFails('VALIDATION_FAILED', 'TAX_LIABILITY_REQUIRED');
      given(submitted(taxService), registered, taxApproved)
        .when({ ...issue, data: { ...issue.data, taxLiability: { ...liability, residentId: 'res-2' } } })
        .thenFails('INVALID_TRANSITION', 'TAX_LIABILITY_OF_ANOTHER_RESIDENT');
    });
    it('issues other certificates without a snapshot', () => {
      const residence = { ...taxService, code: 'residence-certificate' };
      const result = given(submitted(residence), registered, approved).when({ ...issue, data: { certificateNumber: 'N-C', taxLiability: null } }).result;
      expect(result).toEqual([{ type: 'CertificateIssued', data: { ...issued.data, serviceCode: 'residence-certificate', certificateNumber: 'N-C', taxLiability: null } }]);
    });
    it('refuses a permit service, an unapproved case, a completed one', () => {
      given(submitted(), registered, approved).when(issue).thenFails('INVALID_TRANSITION', 'SERVICE_ISSUES_NO_CERTIFICATE');
      given(submitted(taxService), registered).when(issue).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_APPROVED');
      given(submitted(taxService), registered, taxApproved, issued).when(issue).thenFails('INVALID_TRANSITION', 'APPLICATION_COMPLETED');
    });
  });

  describe('AnswerInquiry', () => {
    const inquiry = submitted({ ...permitService, code: 'general-inquiry', feeAmd: 0, issues: 'none' }, 'inquiry');
    const answer = cmd('AnswerInquiry', { answer: 'Պատասխան' }, '2019-03-07T10:00:00Z', { id: 'staff-2', role: 'staff' });
    const inquiryAnswered: ApplicationEvent = { type: 'InquiryAnswered', data: { ...decision, serviceCode: 'general-inquiry', answer: 'Պատասխան' } };
    it('answers a registered inquiry; the case is completed and decided', () => {
      given(inquiry, registered).when(answer).then(inquiryAnswered);
      expect(applicationView(given(inquiry, registered, inquiryAnswered).state(), '2019-03-07')).toMatchObject({ status: 'completed', decidedAt: '2019-03-07T10:00:00Z' });
    });
    it('refuses an application that is not an inquiry', () => {
      given(submitted(), registered).when(answer).thenFails('INVALID_TRANSITION', 'NOT_AN_INQUIRY');
    });
    it('refuses an unregistered inquiry, and answering twice', () => {
      given(inquiry).when(answer).thenFails('INVALID_TRANSITION', 'APPLICATION_NOT_REGISTERED');
      given(inquiry, registered, inquiryAnswered).when(answer).thenFails('INVALID_TRANSITION', 'APPLICATION_COMPLETED');
    });
  });

  describe('WithdrawApplication', () => {
    const withdraw = cmd('WithdrawApplication', { reason: 'Այլևս պետք չէ' }, '2019-03-05T10:00:00Z', { id: 'res-1', role: 'resident' });
    it('withdraws before a decision', () => {
      given(submitted()).when(withdraw).then(withdrawn);
      given(submitted(), registered, assigned, asked).when(withdraw).then(withdrawn);
    });
    it('refuses after a decision, or twice', () => {
      given(submitted(), registered, approved).when(withdraw).thenFails('INVALID_TRANSITION', 'APPLICATION_DECIDED');
      given(submitted(), withdrawn).when(withdraw).thenFails('INVALID_TRANSITION', 'APPLICATION_WITHDRAWN');
    });
    it('needs a reason', () => {
      given(submitted()).when({ ...withdraw, data: { reason: '' } }).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
    });
  });

  describe('RecordFeeSettlement', () => {
    const settle = cmd('RecordFeeSettlement', { feeId: 'fee-9', communityId: 'AM09001', how: 'paid', at: '2019-03-08T10:00:00Z' }, '2019-03-08T10:00:00Z', { id: 'hamaynk', role: 'system' });
    it('records that the linked fee was paid', () => {
      given(submitted(), registered, approved).when(settle).then(feePaid);
    });
    it('records a waiver too', () => {
      given(submitted(), registered).when({ ...settle, data: { ...settle.data, how: 'waived' } }).then({ type: 'ApplicationFeeSettled', data: { ...feePaid.data, how: 'waived' } });
    });
    it('records nothing for the same fee twice', () => {
      given(submitted(), registered, approved, feePaid).when(settle).thenNothing();
    });
    it('keeps the status of a closed case', () => {
      given(submitted(), withdrawn).when(settle).then(feePaid);
      expect(applicationView(given(submitted(), withdrawn, feePaid).state(), '2019-03-08')?.status).toBe('withdrawn');
    });
    it('refuses a fee of another community and an unknown application', () => {
      given(submitted()).when({ ...settle, data: { ...settle.data, communityId: 'AM01001' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MISMATCH');
      given().when(settle).thenFails('NOT_FOUND', 'APPLICATION_NOT_FOUND');
    });
    it('refuses an impossible time', () => {
      given(submitted()).when({ ...settle, data: { ...settle.data, at: '2019-03-32T10:00:00Z' } }).thenFails('VALIDATION_FAILED', 'INVALID_DATE_TIME');
    });
  });

  describe('view', () => {
    it('is overdue only while undecided and after the due date', () => {
      const open = given(submitted(), registered).state();
      expect(applicationView(open, '2019-03-12')?.overdue).toBe(false);
      expect(applicationView(open, '2019-03-13')?.overdue).toBe(true);
      expect(applicationView(given(submitted(), registered, approved).state(), '2019-04-01')?.overdue).toBe(false);
      expect(applicationView(given(submitted(), withdrawn).state(), '2019-04-01')?.overdue).toBe(false);
    });
    it('shows the docs/api.md fields', () => {
      expect(applicationView(given(submitted(), registered).state(), '2019-03-05')).toMatchObject({
        id: 'app-1',
        status: 'registered',
        communityId: 'AM09001',
        serviceCode: 'construction-permit',
        kind: 'application',
        subject: 'Ավտոտնակի կառուցում',
        registrationNumber: 'AM09001-2019-APP1',
        dueOn: '2019-03-12',
        overdue: false,
        feeSettled: false,
        permit: null,
        applicantId: 'res-1',
        submittedAt: '2019-03-01T21:30:00Z',
        decidedAt: null,
      });
      expect(applicationView(given().state(), '2019-03-05')).toBeNull();
    });
  });
});
