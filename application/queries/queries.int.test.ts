/**
 * The query functions over a real SqliteReadStore, filled by the projections (rebuilt by the runner) from
 * events the real services appended to a real SqliteEventStore. Expectations are computed by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { projectInMemory } from '../../projections/definition';
import { ALL_PROJECTIONS, createReportReadModels } from '../../projections';
import { applyEvents, rebuildProjection } from '../../projections/runner';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { ValidationFailed } from '../errors';
import { createCommands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { createQueries, type Queries } from '.';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const staff: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM01', assurance: 'password', channel: 'staff', officeId: 'cso-1' };
const head: Actor = { id: 'head-1', role: 'head', communityId: 'AM01', assurance: 'eid', channel: 'staff' };
const res1: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const res2: Actor = { id: 'res-2', role: 'resident', assurance: 'mid', channel: 'online' };
const as = (actor: Actor): CommandContext => ({ actor });

/** 10:00 in Yerevan on `date`. */
const morning = (date: string): string => `${date}T06:00:00Z`;
const TODAY = '2024-03-01';

describe('queries over the SQLite read store', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let clock: ReturnType<typeof fixedClock>;
  let queries: Queries;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    clock = fixedClock(morning('2023-12-01'));
    const handler = createCommandHandler({ eventStore, clock, ids: countingIds('queries-test') });
    const commands = createCommands({ handler, propertyTax: new PropertyTaxSandbox(clock), clock });
    const communities = commands;
    const applications = commands;
    const fees = commands;
    const acts = commands;
    const complaints = createCommands({ handler, clock });
    const at = (date: string, hourUtc = 6): void => clock.set(`${date}T${String(hourUtc).padStart(2, '0')}:00:00Z`);

    // Communities: one consolidated from two former ones, and Yerevan (whose name has the ligature և).
    const register = (code: string, nameHy: string, nameEn: string, province: string, population: number) =>
      communities.registerCommunity({ input: { code, nameHy, nameEn, province, kind: 'urban', population } }, as(ministry));
    await register('AM01', 'Ալավերդի', 'Alaverdi', 'Lori', 12_000);
    await register('AM02', 'Գյումրի', 'Gyumri', 'Shirak', 114_000);
    await register('AM03', 'Երևան', 'Yerevan', 'Yerevan', 1_000_000);
    await register('F1', 'Ձորագետ', 'Dzoraget', 'Lori', 900);
    await register('F2', 'Գյուլագարակ', 'Gyulagarak', 'Lori', 1_200);
    await communities.consolidateCommunities(
      { input: { code: 'AM04', nameHy: 'Գյուլագարակ համայնք', nameEn: 'Gyulagarak community', province: 'Lori', kind: 'rural', formerCommunityIds: ['F1', 'F2'], on: '2023-12-01' } },
      as(ministry),
    );
    await communities.offerService(
      { communityId: 'AM01', input: { code: 'construction-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' } },
      as(ministry),
    );
    await communities.offerService(
      { communityId: 'AM01', input: { code: 'general-inquiry', nameHy: 'Հարցում', nameEn: 'Inquiry', feeAmd: 0, deadlineDays: 15, issues: 'none' } },
      as(ministry),
    );
    await communities.openCitizenServiceOffice({ communityId: 'AM01', officeId: 'cso-1', name: 'Ալավերդու ՔՍԳ', partners: ['GIZ'], on: '2023-12-01' }, as(ministry));

    // Applications: submitted (date), decided (date, outcome) → processing days.
    const submit = async (key: string, date: string, resident: Actor, serviceCode = 'construction-permit', kind: 'application' | 'inquiry' = 'application') => {
      at(date);
      const r = await applications.submitApplication(
        { input: { communityId: 'AM01', serviceCode, kind, subject: `Դիմում ${key}`, details: 'Մանրամասներ', applicantName: 'Բնակիչ' } },
        as(resident),
      );
      ids[key] = r.id;
      await applications.registerApplication({ id: r.id }, as(staff));
    };
    await submit('A1', '2024-01-01', res1); // due 01-11
    await submit('A2', '2024-01-02', res1); // due 01-12
    await submit('A3', '2024-01-03', res2); // due 01-13
    await submit('A4', '2024-01-05', res2); // due 01-15
    await submit('A8', '2024-01-10', res1);
    await submit('A5', '2024-02-01', res1, 'general-inquiry', 'inquiry'); // due 02-16
    await submit('A6', '2024-02-10', res2); // due 02-20: overdue on 03-01
    await submit('A7', '2024-02-25', res1); // due 03-06: not overdue on 03-01
    at('2024-01-04');
    await applications.approveApplication({ id: ids.A1, basis: 'Law' }, as(staff)); // 3 days, on time
    at('2024-01-06');
    await applications.approveApplication({ id: ids.A4, basis: 'Law' }, as(staff)); // 1 day, on time
    at('2024-01-11');
    await applications.withdrawApplication({ id: ids.A8, reason: 'Այլևս պետք չէ' }, as(res1)); // not a decision
    // 23:30 Yerevan on 12 January: still the due date.
    at('2024-01-12', 19);
    await applications.rejectApplication({ id: ids.A2, reason: 'Incomplete', basis: 'Law' }, as(staff)); // 10 days, on time
    at('2024-01-20');
    await applications.approveApplication({ id: ids.A3, basis: 'Law' }, as(staff)); // 17 days, late
    at('2024-02-08');
    await applications.answerInquiry({ id: ids.A5, answer: 'Պատասխան' }, as(staff)); // 7 days, on time

    // Fees.
    const assess = async (key: string, payerId: string, code: string, amountAmd: number, dueOn: string) => {
      const r = await fees.assessFee({ input: { communityId: 'AM01', payerId, payerName: 'Վճարող', code, amountAmd, dueOn, basis: 'Որոշում 1' } }, as(staff));
      ids[key] = r.id;
    };
    at('2024-01-05');
    await assess('F1', 'res-1', 'LD-01', 10_000, '2024-02-15');
    await assess('F2', 'res-2', 'LD-01', 3_000, '2024-04-01');
    await assess('F3', 'res-1', 'LD-02', 2_000, '2024-01-31');
    await assess('F4', 'res-2', 'LD-02', 1_000, '2024-01-10');
    await assess('F5', 'res-2', 'LD-01', 700, '2024-02-01');
    at('2024-01-20');
    await fees.recordPayment({ id: ids.F3, amountAmd: 2_000, paidAt: '2024-01-20T08:00:00Z', reference: 'P-3' }, as(staff));
    await fees.waiveFee({ id: ids.F4, reason: 'Արտոնություն' }, as(staff));
    at('2024-02-01');
    await fees.recordPayment({ id: ids.F1, amountAmd: 4_000, paidAt: '2024-02-01T10:00:00Z', reference: 'P-1' }, as(staff));
    await fees.cancelFee({ id: ids.F5, reason: 'Սխալ' }, as(staff));
    at('2024-02-05');
    await fees.refundFee({ id: ids.F3, amountAmd: 500, reason: 'Գերավճար' }, as(staff));

    // Acts: two council decisions (the second repeals the first from a future date), a head decision in force later, a draft, a rejected one.
    const councilAct = async (key: string, draftedOn: string, sessionDate: string, votes: [number, number, number]) => {
      at(draftedOn);
      const r = await acts.draftAct({ input: { communityId: 'AM01', issuer: 'council', titleHy: `Որոշում ${key}`, text: `Տեքստ ${key}` } }, as(staff));
      ids[key] = r.id;
      await acts.placeActOnAgenda({ id: r.id, sessionDate }, as(staff));
      at(sessionDate);
      await acts.recordActVote({ id: r.id, votesFor: votes[0], votesAgainst: votes[1], votesAbstained: votes[2] }, as(staff));
    };
    await councilAct('ACT1', '2024-01-05', '2024-01-20', [7, 2, 1]);
    at('2024-01-25');
    await acts.publishAct({ id: ids.ACT1, effectiveFrom: '2024-02-01' }, as(staff));
    await councilAct('ACT2', '2024-01-06', '2024-02-01', [6, 3, 0]);
    at('2024-02-03');
    await acts.publishAct({ id: ids.ACT2, effectiveFrom: '2024-02-10' }, as(staff));
    await acts.repealAct({ id: ids.ACT1, repealingActId: ids.ACT2, effectiveFrom: '2024-06-01' }, as(staff));
    at('2024-02-10');
    const headAct = await acts.draftAct({ input: { communityId: 'AM01', issuer: 'head', titleHy: 'Ղեկավարի որոշում', text: 'Տեքստ' } }, as(head));
    ids.ACT3 = headAct.id;
    at('2024-02-12');
    await acts.signAct({ id: ids.ACT3 }, as(head));
    await acts.publishAct({ id: ids.ACT3, effectiveFrom: '2024-04-01' }, as(head));
    at('2024-02-15');
    ids.ACT4 = (await acts.draftAct({ input: { communityId: 'AM01', issuer: 'council', titleHy: 'Նախագիծ', text: 'Տեքստ' } }, as(staff))).id;
    await councilAct('ACT5', '2024-02-16', '2024-02-20', [2, 5, 1]);

    // Complaints.
    const file = async (key: string, date: string, actor: Actor, channel: 'online' | 'hotline') => {
      at(date);
      const r = await complaints.fileComplaint(
        { input: { communityId: 'AM01', channel, category: 'roads', subject: `Բողոք ${key}`, description: 'Նկարագրություն', ...(channel === 'hotline' ? { complainantId: 'res-1' } : {}) } },
        as(actor),
      );
      ids[key] = r.id;
    };
    await file('K1', '2024-01-10', staff, 'hotline');
    await file('K2', '2024-01-15', res2, 'online');
    await file('K3', '2024-01-20', res1, 'online'); // due 02-19: overdue on 03-01
    await file('K4', '2024-02-20', res1, 'online'); // due 03-21
    at('2024-01-20');
    await complaints.respondToComplaint({ id: ids.K1, response: 'Կարգավորված է', resolution: 'upheld' }, as(staff));
    at('2024-02-10');
    await complaints.respondToComplaint({ id: ids.K2, response: 'Մերժված է', resolution: 'rejected' }, as(staff));

    for (const projection of ALL_PROJECTIONS) await rebuildProjection(eventStore, readStore, projection, { batchSize: 17 });
    clock.set(morning(TODAY));
    queries = createQueries({ readStore, clock, reports: createReportReadModels(readStore) });
  });

  afterAll(async () => {
    await readStore?.close();
    await eventStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /* ------------------------------------------------------------ stored documents ------------------------------------------------------------ */

  it('stores exactly what the projections fold in memory (batches of any size, JSON round trip)', async () => {
    const events = await eventStore.readAll({ maxCount: 100_000 });
    const other = new SqliteReadStore(path.join(dir, 'read-batches.sqlite'));
    try {
      for (const projection of ALL_PROJECTIONS) {
        for (const spec of projection.collections) await other.defineCollection(spec);
        for (let i = 0; i < events.length; i += 7) await applyEvents(other, projection, 0, events.slice(i, i + 7));
        const expected = projectInMemory(projection, events);
        for (const [collection, docs] of expected) {
          const positioned = await other.getInGenerationWithPositions(collection, 0, [...docs.keys()]);
          const stored = new Map([...positioned].filter(([, p]) => p.doc !== null).map(([id, p]) => [id, p.doc]));
          expect(stored.size).toBe(docs.size);
          for (const [id, doc] of docs) expect(stored.get(id)).toEqual(JSON.parse(JSON.stringify(doc)));
          expect(await other.count(collection)).toBe(docs.size);
        }
      }
    } finally {
      await other.close();
    }
  });

  /* ------------------------------------------------------------ cases ------------------------------------------------------------ */

  it('application(id) is the domain view with revision; unknown ids give null', async () => {
    const a6 = await queries.application(ids.A6);
    expect(a6).toMatchObject({ id: ids.A6, revision: 1, status: 'registered', dueOn: '2024-02-20', overdue: true, feeSettled: false, communityId: 'AM01' });
    expect(await queries.application(ids.A7)).toMatchObject({ overdue: false, dueOn: '2024-03-06' });
    expect(await queries.application('nope')).toBeNull();
  });

  it('applications: newest first, status and overdue filters, pages with cursors', async () => {
    const all = await queries.applications({ communityId: 'AM01', first: 100 });
    expect(all.totalCount).toBe(8);
    expect(all.nodes.map((n) => n.id)).toEqual(['A7', 'A6', 'A5', 'A8', 'A4', 'A3', 'A2', 'A1'].map((k) => ids[k]));
    expect((await queries.applications({ communityId: 'AM01', overdue: true })).nodes.map((n) => n.id)).toEqual([ids.A6]);
    const notOverdue = await queries.applications({ communityId: 'AM01', overdue: false, first: 100 });
    expect(notOverdue.totalCount).toBe(7);
    expect(notOverdue.nodes.every((n) => !n.overdue)).toBe(true);
    expect((await queries.applications({ communityId: 'AM01', status: 'approved' })).nodes.map((n) => n.id)).toEqual([ids.A4, ids.A3, ids.A1]);
    expect((await queries.applications({ communityId: 'AM02' })).totalCount).toBe(0);

    const page1 = await queries.applications({ communityId: 'AM01', first: 3 });
    expect(page1.nodes.map((n) => n.id)).toEqual([ids.A7, ids.A6, ids.A5]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await queries.applications({ communityId: 'AM01', first: 3, after: page1.pageInfo.endCursor });
    expect(page2.nodes.map((n) => n.id)).toEqual([ids.A8, ids.A4, ids.A3]);
    const page3 = await queries.applications({ communityId: 'AM01', first: 3, after: page2.pageInfo.endCursor });
    expect(page3.nodes.map((n) => n.id)).toEqual([ids.A2, ids.A1]);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(page3.totalCount).toBe(8);
    expect((await queries.applications({ communityId: 'AM01' })).nodes).toHaveLength(8); // default 20
  });

  it('list arguments are checked: first 0..100, known statuses, a real cursor', async () => {
    await expect(queries.applications({ communityId: 'AM01', first: 101 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['first'] });
    await expect(queries.applications({ communityId: 'AM01', first: -1 })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(queries.applications({ communityId: 'AM01', status: 'lost' as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['status'] });
    await expect(queries.applications({ communityId: 'AM01', after: 'garbage!' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const none = await queries.applications({ communityId: 'AM01', first: 0 });
    expect(none).toMatchObject({ nodes: [], totalCount: 8, pageInfo: { hasNextPage: true } });
  });

  it('myApplications, myFees, myComplaints: only the resident’s own cases', async () => {
    const mine = await queries.myApplications('res-1', { first: 100 });
    expect(mine.nodes.map((n) => n.id)).toEqual([ids.A7, ids.A5, ids.A8, ids.A2, ids.A1]);
    expect((await queries.myApplications('res-2')).nodes.map((n) => n.id)).toEqual([ids.A6, ids.A4, ids.A3]);
    expect((await queries.myFees('res-1')).nodes.map((n) => n.id).sort()).toEqual([ids.F1, ids.F3].sort());
    // K1 was filed by staff on the hotline for res-1.
    expect((await queries.myComplaints('res-1')).nodes.map((n) => n.id)).toEqual([ids.K4, ids.K3, ids.K1]);
    expect((await queries.myComplaints('res-9')).totalCount).toBe(0);
  });

  it('fees: derived status, overdue filter, balances', async () => {
    expect(await queries.fee(ids.F1)).toMatchObject({ status: 'partially-paid', paidAmd: 4_000, balanceAmd: 6_000, overdue: true });
    expect(await queries.fee(ids.F3)).toMatchObject({ status: 'paid', paidAmd: 2_000, refundedAmd: 500, balanceAmd: 0, overdue: false });
    expect((await queries.fees({ communityId: 'AM01', overdue: true })).nodes.map((n) => n.id)).toEqual([ids.F1]);
    expect((await queries.fees({ communityId: 'AM01', status: 'waived' })).nodes.map((n) => n.id)).toEqual([ids.F4]);
    expect((await queries.fees({ communityId: 'AM01', first: 100 })).totalCount).toBe(5);
  });

  it('complaints: overdue and status filters', async () => {
    expect((await queries.complaints({ communityId: 'AM01', overdue: true })).nodes.map((n) => n.id)).toEqual([ids.K3]);
    expect((await queries.complaints({ communityId: 'AM01', status: 'responded' })).nodes.map((n) => n.id)).toEqual([ids.K2, ids.K1]);
    expect(await queries.complaint(ids.K3)).toMatchObject({ status: 'filed', responseDueOn: '2024-02-19', overdue: true });
  });

  it('acts: a repeal effective in the future leaves the act published until that day', async () => {
    expect(await queries.act(ids.ACT1)).toMatchObject({ status: 'published', repealedBy: ids.ACT2, repealEffectiveFrom: '2024-06-01', inForce: true });
    const published = await queries.acts({ communityId: 'AM01', status: 'published' });
    expect(published.nodes.map((n) => n.id)).toEqual([ids.ACT3, ids.ACT2, ids.ACT1]);
    expect((await queries.acts({ communityId: 'AM01', status: 'repealed' })).totalCount).toBe(0);
    expect((await queries.acts({ communityId: 'AM01', status: 'draft' })).nodes.map((n) => n.id)).toEqual([ids.ACT4]);
    expect((await queries.acts({ communityId: 'AM01', status: 'rejected' })).nodes.map((n) => n.id)).toEqual([ids.ACT5]);
    expect((await queries.acts({ communityId: 'AM01', first: 100 })).totalCount).toBe(5);
    expect((await queries.acts({ communityId: 'AM01', publicOnly: true })).totalCount).toBe(3);
    expect((await queries.acts({ communityId: 'AM01', status: 'draft', publicOnly: true })).totalCount).toBe(0);
    // The text in force on a date.
    expect(await queries.act(ids.ACT1, '2024-01-31')).toMatchObject({ text: null, inForce: false });
    expect(await queries.act(ids.ACT1, '2024-02-01')).toMatchObject({ text: 'Տեքստ ACT1', inForce: true });

    // From the repeal's effective date on, the same documents answer `repealed`.
    const later = createQueries({ readStore, clock: fixedClock(morning('2024-06-01')), reports: createReportReadModels(readStore) });
    expect((await later.acts({ communityId: 'AM01', status: 'repealed' })).nodes.map((n) => n.id)).toEqual([ids.ACT1]);
    expect((await later.acts({ communityId: 'AM01', status: 'published' })).nodes.map((n) => n.id)).toEqual([ids.ACT3, ids.ACT2]);
    expect(await later.act(ids.ACT1)).toMatchObject({ status: 'repealed', inForce: false });
  });

  it('communities: by code, merged ones only on request, search in both scripts', async () => {
    const active = await queries.communities({});
    expect(active.nodes.map((n) => n.id)).toEqual(['AM01', 'AM02', 'AM03', 'AM04']);
    const all = await queries.communities({ includeMerged: true });
    expect(all.nodes.map((n) => n.id)).toEqual(['AM01', 'AM02', 'AM03', 'AM04', 'F1', 'F2']);
    expect(all.nodes.find((n) => n.id === 'F1')).toMatchObject({ status: 'merged', mergedInto: 'AM04' });
    expect((await queries.communities({ province: 'Lori' })).nodes.map((n) => n.id)).toEqual(['AM01', 'AM04']);
    expect((await queries.communities({ province: 'Lori', includeMerged: true })).totalCount).toBe(4);

    expect((await queries.communities({ search: 'GYU' })).nodes.map((n) => n.id)).toEqual(['AM02', 'AM04']);
    expect((await queries.communities({ search: 'gyu', includeMerged: true })).nodes.map((n) => n.id)).toEqual(['AM02', 'AM04', 'F2']);
    // Armenian, upper case; and the ligature և matching ե + ւ.
    expect((await queries.communities({ search: 'ԳՅՈՒՄ' })).nodes.map((n) => n.id)).toEqual(['AM02']);
    expect((await queries.communities({ search: 'երեւան' })).nodes.map((n) => n.id)).toEqual(['AM03']);
    expect((await queries.communities({ search: 'ԵՐԵՒԱՆ' })).nodes.map((n) => n.id)).toEqual(['AM03']);

    const p1 = await queries.communities({ search: 'gyu', includeMerged: true, first: 2 });
    expect(p1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const p2 = await queries.communities({ search: 'gyu', includeMerged: true, first: 2, after: p1.pageInfo.endCursor });
    expect(p2.nodes.map((n) => n.id)).toEqual(['F2']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    // The same cursor format as the store's: a page without search continues from a searched one.
    const p3 = await queries.communities({ includeMerged: true, first: 10, after: p1.pageInfo.endCursor });
    expect(p3.nodes.map((n) => n.id)).toEqual(['F1', 'F2']);
    expect(await queries.community('AM02')).toMatchObject({ id: 'AM02', nameEn: 'Gyumri', revision: 0, status: 'active' });
  });

  /* ------------------------------------------------------------ reports ------------------------------------------------------------ */

  it('publicSite: services, offices, acts in force with history, statistics', async () => {
    const site = await queries.publicSite('AM01');
    expect(site.services.map((s) => [s.code, s.feeAmd, s.deadlineDays])).toEqual([
      ['construction-permit', 5_000, 10],
      ['general-inquiry', 0, 15],
    ]);
    expect(site.citizenServiceOffices).toEqual([expect.objectContaining({ officeId: 'cso-1', partners: ['GIZ'] })]);
    expect(site.actsInForce.map((a) => a.id)).toEqual([ids.ACT2, ids.ACT1]);
    expect(site.actsInForce[1]).toMatchObject({ status: 'published', text: 'Տեքստ ACT1', history: [expect.objectContaining({ version: 1, effectiveFrom: '2024-02-01' })] });
    expect(site.upcomingActs.map((a) => a.id)).toEqual([ids.ACT3]);
    expect(site.statistics.applications).toMatchObject({ total: 8, open: 2, overdue: 1, decided: 5 });
    expect(site.statistics.applications.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'approved', count: 3 },
        { status: 'rejected', count: 1 },
        { status: 'completed', count: 1 },
        { status: 'withdrawn', count: 1 },
        { status: 'registered', count: 2 },
        { status: 'submitted', count: 0 },
      ]),
    );
    expect(site.statistics.complaints).toMatchObject({
      total: 4,
      open: 2,
      overdue: 1,
      byResolution: [
        { resolution: 'upheld', count: 1 },
        { resolution: 'partially-upheld', count: 0 },
        { resolution: 'rejected', count: 1 },
      ],
    });
    await expect(queries.publicSite('XX')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('dashboard: backlog, overdue counts and money as integers', async () => {
    const d = await queries.dashboard('AM01');
    expect(d.applications).toEqual({
      open: 2,
      overdue: 1,
      backlog: [
        { status: 'submitted', count: 0 },
        { status: 'registered', count: 2 },
        { status: 'assigned', count: 0 },
        { status: 'awaiting-information', count: 0 },
      ],
    });
    expect(d.complaints).toMatchObject({ open: 2, overdue: 1 });
    expect(d.complaints.backlog).toEqual(expect.arrayContaining([{ status: 'filed', count: 2 }]));
    // Open: F1 (balance 6 000, overdue) and F2 (3 000). Collected: 4 000 + 2 000 − 500.
    expect(d.fees).toEqual({ open: 2, overdue: 1, receivableAmd: 9_000, overdueAmd: 6_000, collectedAmd: 5_500, paidAmd: 6_000, refundedAmd: 500 });
  });

  it('transparencyReport: nearest-rank median and p90, on-time share, fees by code, acts, complaints', async () => {
    const all = await queries.transparencyReport({ communityId: 'AM01' });
    // Decided: 3, 1, 10, 17, 7 days → sorted 1 3 7 10 17: median rank ⌈2.5⌉ = 3 → 7; p90 rank ⌈4.5⌉ = 5 → 17. On time: A1, A4, A2, A5.
    expect(all).toMatchObject({
      communityId: 'AM01',
      from: null,
      to: null,
      applicationsDecided: 5,
      processingTimeDays: { median: 7, p90: 17 },
      decidedOnTime: 4,
      shareDecidedOnTime: 80,
      feesCollectedAmd: 5_500,
      actsAdopted: 3,
      actsPublished: 3,
      complaintsResponded: 2,
    });
    expect(all.feesCollectedByCode).toEqual([
      { code: 'LD-01', collectedAmd: 4_000, paidAmd: 4_000, refundedAmd: 0, waivedAmd: 0, payments: 1, refunds: 0, waivers: 0 },
      { code: 'LD-02', collectedAmd: 1_500, paidAmd: 2_000, refundedAmd: 500, waivedAmd: 1_000, payments: 1, refunds: 1, waivers: 1 },
    ]);

    const january = await queries.transparencyReport({ communityId: 'AM01', from: '2024-01-05', to: '2024-01-31' });
    // Decided in range: A4 (1), A2 (10), A3 (17): median ⌈1.5⌉ = 2 → 10; p90 ⌈2.7⌉ = 3 → 17; on time 2 of 3.
    expect(january).toMatchObject({ applicationsDecided: 3, processingTimeDays: { median: 10, p90: 17 }, decidedOnTime: 2, shareDecidedOnTime: 66.7, actsAdopted: 1, actsPublished: 1 });
    expect(january.feesCollectedByCode).toEqual([{ code: 'LD-02', collectedAmd: 2_000, paidAmd: 2_000, refundedAmd: 0, waivedAmd: 1_000, payments: 1, refunds: 0, waivers: 1 }]);
    expect(january.complaintsByResolution).toEqual([
      { resolution: 'upheld', count: 1 },
      { resolution: 'partially-upheld', count: 0 },
      { resolution: 'rejected', count: 0 },
    ]);

    const february = await queries.transparencyReport({ communityId: 'AM01', from: '2024-02-01', to: '2024-02-29' });
    expect(february.feesCollectedByCode.map((r) => [r.code, r.collectedAmd])).toEqual([
      ['LD-01', 4_000],
      ['LD-02', -500],
    ]);
    expect(february).toMatchObject({ applicationsDecided: 1, processingTimeDays: { median: 7, p90: 7 }, actsAdopted: 2, actsPublished: 2 });

    const national = await queries.transparencyReport({});
    expect(national).toMatchObject({ communityId: null, applicationsDecided: 5, feesCollectedAmd: 5_500 });
    const empty = await queries.transparencyReport({ communityId: 'AM02' });
    expect(empty).toMatchObject({ applicationsDecided: 0, processingTimeDays: { median: null, p90: null }, shareDecidedOnTime: null, feesCollectedByCode: [] });
    await expect(queries.transparencyReport({ from: '2024-02-30' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
    await expect(queries.transparencyReport({ from: '2024-03-01', to: '2024-02-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  /* ------------------------------------------------------------ audit log ------------------------------------------------------------ */

  it('auditLog: newest first, by community, actor and business time', async () => {
    const head = await eventStore.headPosition();
    const page = await queries.auditLog({ first: 5 });
    expect(page.nodes.map((n) => n.position)).toEqual([0n, 1n, 2n, 3n, 4n].map((i) => String(head! - i)));
    expect(page.totalCount).toBe(Number(head));

    const byResident = await queries.auditLog({ actorId: 'res-2', first: 100 });
    // Each submission also reserved its tracking code, by the same resident.
    expect(byResident.nodes.map((n) => n.type)).toEqual(['ComplaintFiled', 'ApplicationSubmitted', 'TrackingCodeReserved', 'ApplicationSubmitted', 'TrackingCodeReserved', 'ApplicationSubmitted', 'TrackingCodeReserved']);
    expect(byResident.nodes[0]).toMatchObject({ role: 'resident', assurance: 'mid', channel: 'online', communityId: 'AM01', category: 'complaint' });

    const staffInJanuary20 = await queries.auditLog({ communityId: 'AM01', actorId: 'clerk-1', from: '2024-01-20', to: '2024-01-20', first: 100 });
    expect(staffInJanuary20.nodes.map((n) => n.type).sort()).toEqual(
      ['ActAdopted', 'ApplicationApproved', 'ComplaintResponded', 'FeePaid', 'FeePaymentRecorded', 'FeeWaived', 'ActNumberAssigned'].sort(),
    );
    expect(staffInJanuary20.nodes.every((n) => n.occurredAt.startsWith('2024-01-20'))).toBe(true);
    const instant = await queries.auditLog({ from: '2024-02-12T06:00:00Z', to: '2024-02-12T06:00:00Z', first: 100 });
    expect(instant.nodes.map((n) => n.type).sort()).toEqual(['ActNumberAssigned', 'ActPublished', 'ActSigned']);
    expect(instant.nodes.every((n) => n.actorId === 'head-1')).toBe(true);
    const ministryActs = await queries.auditLog({ communityId: 'F1', first: 100 });
    expect(ministryActs.nodes.map((n) => n.type)).toEqual(['CommunityMerged', 'CommunityRegistered']);
    await expect(queries.auditLog({ from: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
  });
});
