/**
 * docs/api.md "Every mutation takes commandId": a retried command appends nothing and returns the same
 * aggregate (creations included); a commandId reused for another input is VALIDATION_FAILED; and
 * `expectedRevision` makes two racing clients resolve to exactly one winner (CONCURRENCY_CONFLICT).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, daysFromToday, mintTokens, type MutationName } from './support/api';

const CODE = 'LO-VAN';

/** The events appended after `position`, read straight from the server's log file. */
let appendedSince: (position: bigint) => Array<{ category: string; type: string; data: string }>;

describe('GraphQL API: idempotent retries and optimistic concurrency', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'ministry' | 'staff' | 'resident', string>;
  let n = 0;
  const fresh = (label: string) => `${label}-${++n}-${Date.now()}`;

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    const dataDir = server.dataDir;
    appendedSince = (position) => {
      const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true });
      try {
        return db
          .prepare<[bigint], { category: string; type: string; data: Buffer }>('SELECT category, type, data FROM events WHERE position > ? ORDER BY position')
          .all(position)
          .map((r) => ({ category: r.category, type: r.type, data: r.data.toString('utf8') }));
      } finally {
        db.close();
      }
    };
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry', sub: 'minister-1' },
      staff: { role: 'staff', sub: 'clerk-1', community: CODE },
      resident: { role: 'resident', sub: 'res-1', acr: 'eid' },
    });
    await api.must('registerCommunity', { input: { code: CODE, nameHy: 'Վանաձոր', nameEn: 'Vanadzor', province: 'Lori', kind: 'urban', population: 80_000 } }, t.ministry);
    await api.must(
      'offerService',
      { communityId: CODE, input: { code: 'trade-permit', nameHy: 'Առևտրի թույլտվություն', nameEn: 'Trade permit', feeAmd: 1000, deadlineDays: 15, issues: 'permit' } },
      t.ministry,
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const submitInput = (subject = 'Խանութի բացում') => ({
    input: { communityId: CODE, serviceCode: 'trade-permit', subject, details: 'Մանրամասներ', applicantName: 'Արմեն Հակոբյան' },
  });
  const feeInput = (amountAmd = 10_000) => ({
    input: { communityId: CODE, payerId: 'res-1', payerName: 'Արմեն Հակոբյան', code: 'trade', amountAmd, dueOn: daysFromToday(30), basis: 'Որոշում N 7' },
  });
  const actInput = (text = 'Ընդունել։') => ({ input: { communityId: CODE, issuer: 'council', titleHy: 'Բյուջեի մասին', text } });
  const complaintInput = (subject = 'Լուսավորություն') => ({
    input: { communityId: CODE, channel: 'online', category: 'lighting', subject, description: 'Փողոցը մութ է։' },
  });

  /** A creation sent twice with one commandId: the same aggregate and revision, nothing appended the second time. */
  const creations: Array<[MutationName, () => Record<string, unknown>, () => string, (() => Record<string, unknown>) | null]> = [
    ['registerCommunity', () => ({ input: { code: fresh('LO-X').slice(0, 30), nameHy: 'Նոր', nameEn: 'New', province: 'Lori', kind: 'rural', population: 500 } }), () => t.ministry, null],
    ['submitApplication', () => submitInput(), () => t.resident, () => submitInput('Այլ առարկա')],
    ['assessFee', () => feeInput(), () => t.staff, () => feeInput(10_001)],
    ['draftAct', () => actInput(), () => t.staff, () => actInput('Մերժել։')],
    ['fileComplaint', () => complaintInput(), () => t.resident, () => complaintInput('Այլ բողոք')],
  ];

  it.each(creations)('%s retried with the same commandId returns the same id and revision and appends nothing', async (name, vars, token, otherVars) => {
    const commandId = fresh(name);
    const variables = { ...vars(), commandId };
    const before = await api.head();
    const first = await api.must(name, variables, token());
    const headAfterFirst = await api.head();
    expect(headAfterFirst).not.toBe(before);
    expect(first.revision).toBe(0);

    const again = await api.must(name, variables, token());
    expect({ id: again.id, revision: again.revision, status: again.status }).toEqual({ id: first.id, revision: first.revision, status: first.status });
    expect(await api.head()).toBe(headAfterFirst);

    // Without a commandId the same input is a new command: a second aggregate.
    if (otherVars) {
      const other = await api.must(name, vars(), token());
      expect(other.id).not.toBe(first.id);

      // The same commandId with a different input is refused, and appends nothing.
      const head = await api.head();
      const error = await api.refused(name, { ...otherVars(), commandId }, token());
      expect(error.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['commandId'] });
      expect(await api.head()).toBe(head);
    }
  });

  it.each([
    ['submitApplication', () => submitInput(), () => t.resident],
    ['assessFee', () => feeInput(), () => t.staff],
    ['fileComplaint', () => complaintInput(), () => t.resident],
  ] as Array<[MutationName, () => Record<string, unknown>, () => string]>)('%s sent twice at once with one commandId creates one aggregate', async (name, vars, token) => {
    const variables = { ...vars(), commandId: fresh(`twin-${name}`) };
    const head = await api.head();
    const [a, b] = await Promise.all([api.must(name, variables, token()), api.must(name, variables, token())]);
    expect({ id: b.id, revision: b.revision }).toEqual({ id: a.id, revision: a.revision });
    // One event creates the aggregate. Both racing requests may have reserved a tracking code before one
    // lost the append (a code names at most one application, the same one here); nothing else is appended.
    const appended = appendedSince(BigInt(head ?? '0'));
    expect(appended.filter((e) => e.category !== 'trackingcode')).toHaveLength(1);
    for (const e of appended.filter((x) => x.category === 'trackingcode')) expect(JSON.parse(e.data)).toMatchObject({ applicationId: a.id });
  });

  it('registerCommunity: the same commandId for another community code is VALIDATION_FAILED', async () => {
    const commandId = fresh('reg');
    await api.must('registerCommunity', { input: { code: 'LO-A1', nameHy: 'Ա', nameEn: 'A', province: 'Lori', kind: 'rural', population: 10 }, commandId }, t.ministry);
    const head = await api.head();
    const error = await api.refused('registerCommunity', { input: { code: 'LO-A2', nameHy: 'Ա', nameEn: 'A', province: 'Lori', kind: 'rural', population: 10 }, commandId }, t.ministry);
    expect(error.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['commandId'] });
    expect(await api.head()).toBe(head);
  });

  it('a command on an existing aggregate retried with the same commandId appends nothing; reusing it for another mutation is VALIDATION_FAILED', async () => {
    const fee = await api.must('assessFee', feeInput(), t.staff);
    const commandId = fresh('pay');
    const payment = { id: fee.id, amountAmd: 2500, paidAt: new Date().toISOString(), reference: fresh('ref'), commandId };
    const first = await api.must('recordPayment', payment, t.staff);
    expect(first).toMatchObject({ revision: 1, status: 'partially-paid', paidAmd: 2500 });
    const head = await api.head();

    const again = await api.must('recordPayment', payment, t.staff);
    expect(again).toMatchObject({ id: fee.id, revision: 1, status: 'partially-paid', paidAmd: 2500 });
    expect(await api.head()).toBe(head);

    // Another amount under the same commandId, or the commandId on another mutation: refused.
    expect((await api.refused('recordPayment', { ...payment, amountAmd: 2600 }, t.staff)).extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['commandId'] });
    expect((await api.refused('cancelFee', { id: fee.id, reason: 'Սխալ', commandId }, t.staff)).extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['commandId'] });
    expect((await api.refused('draftAct', { ...actInput(), commandId }, t.staff)).extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['commandId'] });
    expect(await api.head()).toBe(head);
  });

  it('a stale expectedRevision is CONCURRENCY_CONFLICT and appends nothing', async () => {
    const fee = await api.must('assessFee', feeInput(), t.staff);
    await api.must('recordPayment', { id: fee.id, amountAmd: 100, paidAt: new Date().toISOString(), reference: fresh('r'), expectedRevision: 0 }, t.staff);
    const head = await api.head();
    const error = await api.refused('recordPayment', { id: fee.id, amountAmd: 100, paidAt: new Date().toISOString(), reference: fresh('r'), expectedRevision: 0 }, t.staff);
    expect(error.extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect(await api.head()).toBe(head);
  });

  /** Two clients send a command at once with the revision both saw: exactly one wins. */
  const race = async (name: MutationName, variables: (i: number) => Record<string, unknown>) => {
    const head = await api.head();
    const results = await Promise.all([0, 1].map((i) => api.send(name, variables(i), t.staff)));
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].errors!.map((e) => e.extensions?.code)).toEqual(['CONCURRENCY_CONFLICT']);
    expect(losers[0].text).not.toMatch(/at \w+ \(|SQLITE|SELECT /i);
    return { winner: winners[0].data![name], head };
  };

  it.each([1, 2, 3, 4, 5])('two recordPayment calls racing with the same expectedRevision: exactly one succeeds (round %i)', async () => {
    const fee = await api.must('assessFee', feeInput(), t.staff);
    const paidAt = new Date().toISOString();
    const { winner, head } = await race('recordPayment', (i) => ({ id: fee.id, amountAmd: 1000 + i, paidAt, reference: fresh(`race-${i}`), expectedRevision: 0 }));
    expect(winner).toMatchObject({ revision: 1, status: 'partially-paid' });
    expect([1000, 1001]).toContain(winner.paidAmd);
    // Exactly one event was appended.
    expect(BigInt((await api.head())!)).toBe(BigInt(head!) + 1n);
  });

  it.each([1, 2, 3, 4, 5])('two assignApplication calls racing with the same expectedRevision: exactly one succeeds (round %i)', async () => {
    const app = await api.must('submitApplication', submitInput(), t.resident);
    const registered = await api.must('registerApplication', { id: app.id, expectedRevision: 0 }, t.staff);
    expect(registered.revision).toBe(1);
    const { winner, head } = await race('assignApplication', (i) => ({ id: app.id, assigneeId: `clerk-${i}`, expectedRevision: 1 }));
    expect(winner).toMatchObject({ revision: 2, status: 'assigned' });
    expect(['clerk-0', 'clerk-1']).toContain(winner.assigneeId);
    expect(BigInt((await api.head())!)).toBe(BigInt(head!) + 1n);
  });
});
