/**
 * The read policy as a table: every caller × every kind of read → allowed, or the refusal's code.
 * Rows follow the API's "Who may call what" (docs); community A owns the cases, res-1 is their resident.
 */
import type { Actor } from './ports/event-store';
import { actListScope, CALLER_ROLES, decideRead, type ReadTarget } from './read-policy';

const A = 'GYU';
const B = 'DIL';

const person = (id: string, role: Actor['role'], communityId?: string): Actor => ({ id, role, communityId, assurance: 'eid', channel: 'online' });

const CALLERS = {
  anonymous: null,
  owner: person('res-1', 'resident'),
  'other-resident': person('res-2', 'resident'),
  'staff-A': person('st-1', 'staff', A),
  'staff-B': person('st-2', 'staff', B),
  'head-A': person('hd-1', 'head', A),
  'council-A': person('cn-1', 'council', A),
  'council-B': person('cn-2', 'council', B),
  ministry: person('mn-1', 'ministry'),
  auditor: person('au-1', 'auditor'),
  integration: person('in-1', 'integration'),
  // A resident token that names a community is still a resident: it reads no community's cases.
  'resident-claiming-A': person('res-3', 'resident', A),
} as const satisfies Record<string, Actor | null>;
type CallerName = keyof typeof CALLERS;
const NAMES = Object.keys(CALLERS) as CallerName[];

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
const outcome = (actor: Actor | null, target: ReadTarget): Outcome => {
  const d = decideRead(actor, target);
  return d.allowed ? 'allowed' : d.refusal.code;
};

const ok: Outcome = 'allowed';
const UN: Outcome = 'UNAUTHENTICATED';
const FB: Outcome = 'FORBIDDEN';
const NF: Outcome = 'NOT_FOUND';

const ownedCase = (caseKind: 'application' | 'fee' | 'complaint' | 'document'): ReadTarget => ({ kind: 'case', caseKind, id: 'c-1', found: { communityId: A, ownerId: 'res-1' } });

/** Columns in the order of CALLERS. */
const TABLE: ReadonlyArray<readonly [what: string, target: ReadTarget, expected: readonly Outcome[]]> = [
  //                                                                                              anon owner other stA stB hdA cnA cnB min aud int resA
  ['public reads (communities, reports, audit proofs)', { kind: 'public' }, /*                  */ [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['applications, fees, complaints, dashboard of A', { kind: 'community-cases', communityId: A, what: 'the fees' }, [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['the worklist (staff inbox) of A', { kind: 'worklist', communityId: A }, /*                    */ [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['an application of A, res-1 its applicant', ownedCase('application'), /*                      */ [UN, ok, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['a fee of A, res-1 its payer', ownedCase('fee'), /*                                             */ [UN, ok, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['a complaint of A, res-1 its complainant', ownedCase('complaint'), /*                           */ [UN, ok, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['a complaint of A filed for nobody', { kind: 'case', caseKind: 'complaint', id: 'c-2', found: { communityId: A, ownerId: null } }, [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['the documents (journals) of A', { kind: 'community-cases', communityId: A, what: 'the documents' }, [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['an online letter to A, res-1 its sender', ownedCase('document'), /*                             */ [UN, ok, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['a document of A registered by staff', { kind: 'case', caseKind: 'document', id: 'd-2', found: { communityId: A, ownerId: null } }, [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['a case that does not exist', { kind: 'case', caseKind: 'fee', id: 'nope', found: null }, /*   */ [UN, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF]],
  ['myApplications, myFees, myComplaints', { kind: 'own-cases' }, /*                             */ [UN, ok, ok, FB, FB, FB, FB, FB, FB, FB, FB, ok]],
  ['a draft act of A', { kind: 'act', id: 'a-1', communityId: A, status: 'draft' }, /*             */ [NF, NF, NF, ok, NF, ok, ok, NF, ok, ok, NF, NF]],
  ['an act of A on the agenda', { kind: 'act', id: 'a-2', communityId: A, status: 'on-agenda' }, /**/ [NF, NF, NF, ok, NF, ok, ok, NF, ok, ok, NF, NF]],
  ['an act of A in public discussion', { kind: 'act', id: 'a-3', communityId: A, status: 'in-discussion' }, [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['a published act of A', { kind: 'act', id: 'a-4', communityId: A, status: 'published' }, /*    */ [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['a repealed act of A', { kind: 'act', id: 'a-5', communityId: A, status: 'repealed' }, /*      */ [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['the staff directory of A', { kind: 'staff-directory', communityId: A }, /*                    */ [UN, FB, FB, ok, FB, ok, ok, FB, ok, ok, FB, FB]],
  ['history, aggregateAsOf, auditLog', { kind: 'audit-trail' }, /*                               */ [UN, FB, FB, FB, FB, FB, FB, FB, FB, ok, FB, FB]],
  ['the events subscription', { kind: 'event-feed' }, /*                                         */ [UN, FB, FB, FB, FB, FB, FB, FB, FB, ok, ok, FB]],
];

describe('read policy: who may read what', () => {
  describe.each(TABLE)('%s', (_what, target, expected) => {
    it.each(NAMES.map((name, i) => [name, expected[i]] as const))('%s → %s', (name, want) => {
      expect(outcome(CALLERS[name], target)).toBe(want);
    });
  });

  it('every row of the table has one decision per caller', () => {
    for (const [what, , expected] of TABLE) expect([what, expected.length]).toEqual([what, NAMES.length]);
  });

  it('refusals say who was refused what, for the GraphQL error message', () => {
    const d = decideRead(CALLERS['staff-B'], { kind: 'community-cases', communityId: A, what: 'the dashboard' });
    expect(d.allowed ? null : d.refusal.message).toBe(`A staff of ${B} may not read the dashboard of community ${A}`);
    const inbox = decideRead(CALLERS['council-B'], { kind: 'worklist', communityId: A });
    expect(inbox.allowed ? null : inbox.refusal.message).toBe(`A council of ${B} may not read the worklist of community ${A}`);
    const missing = decideRead(CALLERS.ministry, { kind: 'case', caseKind: 'application', id: 'x-9', found: null });
    expect(missing.allowed ? null : missing.refusal.message).toBe('There is no application x-9');
    const draft = decideRead(CALLERS.anonymous, { kind: 'act', id: 'a-1', communityId: A, status: 'draft' });
    expect(draft.allowed ? null : draft.refusal.message).toBe('There is no published act a-1');
  });

  it('refusals are errors with stable codes', () => {
    const d = decideRead(CALLERS.integration, { kind: 'audit-trail' });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.refusal).toBeInstanceOf(Error);
      expect(d.refusal.code).toBe('FORBIDDEN');
    }
  });

  it('acts lists: the community’s own people, the ministry and auditors see every act; everyone else the public ones', () => {
    const scopes = Object.fromEntries(NAMES.map((name) => [name, actListScope(CALLERS[name], A)]));
    expect(scopes).toEqual({
      anonymous: 'public',
      owner: 'public',
      'other-resident': 'public',
      'staff-A': 'all',
      'staff-B': 'public',
      'head-A': 'all',
      'council-A': 'all',
      'council-B': 'public',
      ministry: 'all',
      auditor: 'all',
      integration: 'public',
      'resident-claiming-A': 'public',
    });
  });

  it('the roles a token may carry are the API’s seven, never the system actor', () => {
    expect([...CALLER_ROLES]).toEqual(['resident', 'staff', 'head', 'council', 'ministry', 'auditor', 'integration']);
  });
});
