import fc from 'fast-check';
import { isDomainError } from '../kernel/errors';
import type { ApplicationCommand, ServiceSnapshot } from './commands';
import { applicationDecider } from './decider';
import type { ApplicationEvent } from './events';
import { FINAL_STATUSES, isFeeSettled, type ApplicationState } from './state';
import { applicationView } from './view';

const nows = fc.constantFrom('2019-03-01T08:00:00Z', '2019-03-05T08:00:00Z', '2019-03-20T08:00:00Z');
const actor = { id: 'staff-1', role: 'staff' };

const service: fc.Arbitrary<ServiceSnapshot> = fc.record({
  code: fc.constantFrom('construction-permit', 'tax-liability-certificate', 'residence-certificate', 'general'),
  nameHy: fc.constant('Ծառայություն'),
  nameEn: fc.constant('Service'),
  feeAmd: fc.constantFrom(0, 5000),
  deadlineDays: fc.constantFrom(3, 10),
  issues: fc.constantFrom('none' as const, 'permit' as const, 'certificate' as const),
});

const submit = fc.record({
  type: fc.constant('SubmitApplication' as const),
  data: fc.record({
    applicationId: fc.constant('a1'),
    communityId: fc.constant('C1'),
    service,
    kind: fc.constantFrom('application' as const, 'inquiry' as const),
    subject: fc.constant('Subject'),
    details: fc.constant('Details'),
    applicantId: fc.constantFrom('res-1', null),
    applicantName: fc.constant('Անի'),
    channel: fc.constantFrom('online' as const, 'cso' as const),
  }),
});

const liability = { residentId: 'res-1', communityId: 'C1', asOf: '2019-03-05', totalDueAmd: 0, items: [], retrievedAt: '2019-03-05T08:00:00Z', source: 'sandbox' };

const later = fc.oneof(
  { weight: 1, arbitrary: submit },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('RegisterApplication' as const), data: fc.record({ registrationNumber: fc.constant('C1-2019-A1') }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('AssignApplication' as const), data: fc.record({ assigneeId: fc.constantFrom('s1', 's2') }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('RequestApplicationInformation' as const), data: fc.record({ question: fc.constant('Q?') }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('ProvideApplicationInformation' as const), data: fc.record({ answer: fc.constant('A') }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('ApproveApplication' as const), data: fc.record({ basis: fc.constant('Law') }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('RejectApplication' as const), data: fc.record({ reason: fc.constant('R'), basis: fc.constant('Law') }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('IssuePermit' as const), data: fc.record({ permitNumber: fc.constant('P'), validFrom: fc.constant('2019-03-05'), validUntil: fc.constantFrom('2019-03-04', '2020-03-05') }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('IssueCertificate' as const), data: fc.record({ certificateNumber: fc.constant('C'), taxLiability: fc.constantFrom(null, liability) }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('AnswerInquiry' as const), data: fc.record({ answer: fc.constant('A') }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('WithdrawApplication' as const), data: fc.record({ reason: fc.constant('R') }) }) },
  { weight: 3, arbitrary: fc.record({
    type: fc.constant('RecordFeeSettlement' as const),
    data: fc.record({ feeId: fc.constantFrom('f1', 'f2'), communityId: fc.constantFrom('C1', 'C2'), how: fc.constantFrom('paid' as const, 'waived' as const), at: fc.constant('2019-03-05T08:00:00Z') }),
  }) },
);

const withMeta = fc.tuple(nows, later).map(([now, c]) => ({ ...c, metadata: { now, actor } }) as ApplicationCommand);
const sequences = fc
  .tuple(
    nows.chain((now) => submit.map((c) => ({ ...c, metadata: { now, actor } }) as ApplicationCommand)),
    fc.array(withMeta, { minLength: 3, maxLength: 30, size: 'medium' }),
  )
  .map(([first, rest]) => [first, ...rest]);

const run = (commands: ApplicationCommand[], check: (before: ApplicationState, events: ApplicationEvent[], after: ApplicationState) => void) => {
  let state = applicationDecider.initialState();
  for (const c of commands) {
    const result = applicationDecider.decide(c, state);
    if (isDomainError(result)) continue;
    const next = result.reduce(applicationDecider.evolve, state);
    check(state, result, next);
    state = next;
  }
  return state;
};

describe('application invariants (random command sequences)', () => {
  it('never leaves a final status', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, (before, _events, after) => {
          if (FINAL_STATUSES.includes(before.status as never)) expect(after.status).toBe(before.status);
        });
      }),
    );
  });

  it('never issues a permit without approval and a settled fee, nor for a service that issues none', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, (before, events) => {
          if (!events.some((e) => e.type === 'PermitIssued')) return;
          expect(before.status).toBe('approved');
          if (before.status === 'none') return;
          expect(isFeeSettled(before)).toBe(true);
          expect(before.service.issues).toBe('permit');
          expect(before.kind).toBe('application');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('issues a certificate only for an approved application of a certificate service', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, (before, events) => {
          if (!events.some((e) => e.type === 'CertificateIssued')) return;
          expect(before.status).toBe('approved');
          if (before.status !== 'none') expect(before.service.issues).toBe('certificate');
        });
      }),
    );
  });

  it('a decided case is never overdue, and decidedAt is set exactly when a decision was made', () => {
    fc.assert(
      fc.property(sequences, fc.constantFrom('2019-03-01', '2019-04-30', '2030-01-01'), (commands, today) => {
        const state = run(commands, () => undefined);
        const view = applicationView(state, today);
        if (view === null) return;
        const decided = ['approved', 'rejected', 'completed'].includes(view.status);
        expect(view.decidedAt !== null).toBe(decided);
        if (decided || view.status === 'withdrawn') expect(view.overdue).toBe(false);
        if (view.overdue) expect(today > view.dueOn).toBe(true);
      }),
    );
  });
});
