/**
 * Random command sequences, at random times, never break the complaint's invariants:
 * - the status is always one of the seven, and moves only along the allowed transitions;
 * - a complaint is closed only after a response, and a closed one accepts nothing but a reopening;
 * - a reopening happens only after a response, by the 30th day after it (Yerevan dates);
 * - the response due date never moves; escalation only goes up;
 * - a resolution is shown once (and only once) a response was recorded.
 */
import fc from 'fast-check';
import { daysBetween, yerevanDate } from '../kernel/time';
import { isDomainError } from '../kernel/errors';
import type { ComplaintCommand } from './commands';
import { decide, evolve, initialState } from './decider';
import type { ComplaintEvent } from './events';
import { complaintStatus, escalationRank, type ComplaintState, type ComplaintStatus } from './state';
import { complaintView } from './view';

type Op =
  | { readonly op: 'acknowledge' }
  | { readonly op: 'assign'; readonly who: string }
  | { readonly op: 'respond'; readonly resolution: 'upheld' | 'partially-upheld' | 'rejected' }
  | { readonly op: 'escalate'; readonly to: 'head' | 'ministry' }
  | { readonly op: 'reopen' }
  | { readonly op: 'close' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ op: 'acknowledge' }),
  fc.constantFrom('a', 'b').map((who): Op => ({ op: 'assign', who })),
  fc.constantFrom('upheld', 'partially-upheld', 'rejected' as const).map((resolution): Op => ({ op: 'respond', resolution })),
  fc.constantFrom('head', 'ministry' as const).map((to): Op => ({ op: 'escalate', to })),
  fc.constant<Op>({ op: 'reopen' }),
  fc.constant<Op>({ op: 'close' }),
);

const toCommand = (o: Op, now: string): ComplaintCommand => {
  const metadata = { now, actor: { id: 'clerk-1', role: 'staff' } };
  switch (o.op) {
    case 'acknowledge':
      return { type: 'AcknowledgeComplaint', data: {}, metadata };
    case 'assign':
      return { type: 'AssignComplaint', data: { assigneeId: o.who }, metadata };
    case 'respond':
      return { type: 'RespondToComplaint', data: { response: 'answer', resolution: o.resolution }, metadata };
    case 'escalate':
      return { type: 'EscalateComplaint', data: { to: o.to, reason: 'r' }, metadata };
    case 'reopen':
      return { type: 'ReopenComplaint', data: { reason: 'r' }, metadata };
    case 'close':
      return { type: 'CloseComplaint', data: {}, metadata };
  }
};

/** The transitions of the specification, written independently of the decider. */
const allowedFrom: Record<Op['op'], readonly ComplaintStatus[]> = {
  acknowledge: ['filed'],
  assign: ['filed', 'acknowledged', 'assigned', 'escalated', 'reopened'],
  respond: ['filed', 'acknowledged', 'assigned', 'escalated', 'reopened'],
  escalate: ['filed', 'acknowledged', 'assigned', 'escalated', 'reopened'],
  reopen: ['responded', 'closed'],
  close: ['responded'],
};
const statuses: readonly ComplaintStatus[] = ['filed', 'acknowledged', 'assigned', 'responded', 'escalated', 'reopened', 'closed'];

const seen = new Set<string>();

describe('Complaint invariants (property)', () => {
  it('hold for every sequence of commands at any times', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(op, fc.integer({ min: 0, max: 20 * 24 })), { maxLength: 30 }), (steps) => {
        let t = Date.parse('2024-01-10T08:00:00Z');
        let state: ComplaintState = initialState();
        const filed = decide(
          {
            type: 'FileComplaint',
            data: { complaintId: 'c', communityId: 'C', channel: 'hotline', category: 'x', subject: 's', description: 'd' },
            metadata: { now: new Date(t).toISOString() },
          },
          state,
        ) as ComplaintEvent[];
        state = filed.reduce(evolve, state);
        const dueOn = state!.responseDueOn;
        seen.add(complaintStatus(state!));
        let lastResponseAt: string | null = null;

        for (const [o, hours] of steps) {
          t += hours * 3_600_000;
          const now = new Date(t).toISOString();
          const before = state!;
          const status = complaintStatus(before);
          const result = decide(toCommand(o, now), before);
          const withinReopenPeriod = lastResponseAt !== null && daysBetween(yerevanDate(lastResponseAt), yerevanDate(now)) <= 30;
          const sameAssignee = o.op === 'assign' && status === 'assigned' && before.assigneeId === o.who;
          const higher = o.op !== 'escalate' || escalationRank(o.to) > escalationRank(before.escalatedTo);
          const expectAccepted = allowedFrom[o.op].includes(status) && (o.op !== 'reopen' || withinReopenPeriod) && higher;

          if (isDomainError(result)) {
            expect(result.code).toBe('INVALID_TRANSITION');
            expect(expectAccepted).toBe(false);
            if (o.op === 'reopen' && allowedFrom.reopen.includes(status)) expect(result.reason).toBe('REOPEN_PERIOD_EXPIRED');
            continue;
          }
          expect(expectAccepted).toBe(true);
          if (sameAssignee) expect(result).toEqual([]);
          else expect(result).toHaveLength(1);
          if (status === 'closed') expect(result.map((e) => e.type)).toEqual(['ComplaintReopened']);
          for (const event of result) {
            if (event.type === 'ComplaintClosed') expect(status).toBe('responded');
            if (event.type === 'ComplaintResponded') lastResponseAt = event.data.at;
            state = evolve(state, event);
          }
          const after = state!;
          seen.add(complaintStatus(after));
          expect(statuses).toContain(complaintStatus(after));
          expect(after.responseDueOn).toBe(dueOn);
          expect(escalationRank(after.escalatedTo)).toBeGreaterThanOrEqual(escalationRank(before.escalatedTo));
          const view = complaintView(after, yerevanDate(now));
          expect(view.resolution !== null).toBe(lastResponseAt !== null);
          expect(view.overdue).toBe(view.status !== 'responded' && view.status !== 'closed' && yerevanDate(now) > dueOn);
        }
      }),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual([...statuses].sort());
  });
});
