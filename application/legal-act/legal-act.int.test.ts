import { registerCommunities } from '../../tests/support/registered-communities';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { legalActDecider } from '../../domain/legal-act/decider';
import { actRegisterDecider, actRegisterStreamId } from '../../domain/legal-act/register';
import { createCommands, type Commands } from '../commands/registry';
import { createActFromLog, type ActFromLog } from '../queries/act-from-log';

const A = 'AM02001';
const B = 'AM03001';
const actor = (id: string, role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  id,
  role,
  assurance: role === 'resident' ? 'eid' : 'password',
  channel: role === 'resident' ? 'online' : 'staff',
  ...extra,
});
const staffA = actor('staff-a', 'staff', { communityId: A });
const headA = actor('head-a', 'head', { communityId: A });
const councilA = actor('council-a', 'council', { communityId: A });
const staffB = actor('staff-b', 'staff', { communityId: B });
const headB = actor('head-b', 'head', { communityId: B });
const councilB = actor('council-b', 'council', { communityId: B });
const resident = actor('resident-1', 'resident');
const ministry = actor('ministry-1', 'ministry');
const auditor = actor('auditor-1', 'auditor');
const integration = actor('integration-1', 'integration');
const as = (a: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor: a, ...extra });

const councilDraft = { communityId: A, issuer: 'council' as const, titleHy: 'Տեղական տուրքերի դրույքաչափերի մասին', titleEn: 'On local duty rates', text: 'Հոդված 1. Տեքստ' };
const headDraft = { ...councilDraft, issuer: 'head' as const, titleHy: 'Համայնքի ղեկավարի որոշում' };

/** What a command answers about its aggregate (besides the log position and whether it repeated). */
const aggregateOf = (r: { id: string; revision: number; view: unknown }) => ({ id: r.id, revision: r.revision, view: r.view });

describe('legal act commands over the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let handler: ReturnType<typeof createCommandHandler>;
  let acts: Commands;
  let reader: ActFromLog;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    store = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL' }); // durability is not under test here
    await registerCommunities(store, [A, B]);
    clock = fixedClock('2024-03-01T08:00:00.000Z'); // 12:00 in Yerevan
    handler = createCommandHandler({ eventStore: store, clock, ids: countingIds('act') });
    acts = createCommands({ handler, clock });
    reader = createActFromLog({ handler, clock });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectRefused = async (promise: Promise<unknown>, code: string, extra: Record<string, unknown> = {}) => {
    const before = await store.headPosition();
    await expect(promise).rejects.toMatchObject({ code, ...extra });
    expect(await store.headPosition()).toBe(before);
  };

  const councilActOnAgenda = async (input: object = {}) => {
    const { id } = await acts.draftAct({ input: { ...councilDraft, ...input } }, as(staffA));
    await acts.placeActOnAgenda({ id, sessionDate: '2024-03-20' }, as(staffA));
    return id;
  };
  const publishedCouncilAct = async (effectiveFrom = '2024-04-01', text?: string) => {
    const id = await councilActOnAgenda(text ? { text } : {});
    await acts.recordActVote({ id, votesFor: 9, votesAgainst: 2, votesAbstained: 1 }, as(councilA));
    await acts.publishAct({ id, effectiveFrom }, as(staffA));
    return id;
  };

  describe('the procedure', () => {
    it('drafts, revises, discusses, votes, publishes a council act; the number comes from the register', async () => {
      const drafted = await acts.draftAct({ input: councilDraft }, as(staffA));
      expect(drafted).toMatchObject({ revision: 0, view: { id: drafted.id, status: 'draft', communityId: A, issuer: 'council', version: 1, number: null, text: 'Հոդված 1. Տեքստ' } });
      const revised = await acts.reviseActDraft({ id: drafted.id, text: 'Հոդված 1. Նոր տեքստ' }, as(headA));
      expect(revised.view).toMatchObject({ version: 2, text: 'Հոդված 1. Նոր տեքստ' });
      expect((await acts.openActDiscussion({ id: drafted.id, until: '2024-03-10' }, as(staffA))).view.status).toBe('in-discussion');
      const commented = await acts.commentOnAct({ id: drafted.id, comment: 'Առաջարկում եմ նվազեցնել դրույքաչափը' }, as(resident));
      expect(commented.view.commentCount).toBe(1);
      await acts.commentOnAct({ id: drafted.id, comment: 'Հեռախոսով ստացված առաջարկ' }, as(staffA, { actor: { ...staffA, channel: 'hotline', onBehalfOf: 'resident-2' } }));
      expect((await acts.closeActDiscussion({ id: drafted.id }, as(staffA))).view.status).toBe('draft');
      expect((await acts.placeActOnAgenda({ id: drafted.id, sessionDate: '2024-03-20' }, as(staffA))).view).toMatchObject({ status: 'on-agenda', sessionDate: '2024-03-20' });
      const voted = await acts.recordActVote({ id: drafted.id, votesFor: 9, votesAgainst: 2, votesAbstained: 1 }, as(councilA));
      expect(voted.view).toMatchObject({ status: 'adopted', number: '2024/1', votes: { for: 9, against: 2, abstained: 1 } });
      const published = await acts.publishAct({ id: drafted.id, effectiveFrom: '2024-04-01' }, as(staffA));
      expect(published.view).toMatchObject({ status: 'published', effectiveFrom: '2024-04-01', version: 2, inForce: false });

      const stream = await store.readStream(`act-${drafted.id}`);
      expect(stream.map((e) => e.type)).toEqual([
        'ActDrafted',
        'ActDraftRevised',
        'ActDiscussionOpened',
        'ActCommentAdded',
        'ActCommentAdded',
        'ActDiscussionClosed',
        'ActPlacedOnAgenda',
        'ActAdopted',
        'ActPublished',
      ]);
      expect(stream[3].data).toMatchObject({ commenterId: 'resident-1' });
      expect(stream[4].data).toMatchObject({ commenterId: 'resident-2' });
      const register = await store.readStream(actRegisterStreamId(A, 2024));
      expect(register.map((e) => e.data)).toEqual([{ communityId: A, year: 2024, sequence: 1, number: '2024/1', actId: drafted.id, at: '2024-03-01T08:00:00.000Z' }]);
      // the number is appended to the register before the act records it
      expect(register[0].position < stream[7].position).toBe(true);
    });

    it('signs and publishes a decision of the head with the next number of the same register', async () => {
      await publishedCouncilAct();
      const { id } = await acts.draftAct({ input: headDraft }, as(staffA));
      const signed = await acts.signAct({ id }, as(headA));
      expect(signed.view).toMatchObject({ status: 'signed', number: '2024/2' });
      const [, signedEvent] = await store.readStream(`act-${id}`);
      expect(signedEvent.data).toMatchObject({ signedBy: 'head-a', number: '2024/2' });
      expect((await acts.publishAct({ id, effectiveFrom: '2024-03-02' }, as(headA))).view.status).toBe('published');
    });

    it('rejects when votes for are not more than half of the votes cast, taking no number', async () => {
      const id = await councilActOnAgenda();
      const r = await acts.recordActVote({ id, votesFor: 5, votesAgainst: 3, votesAbstained: 2 }, as(councilA));
      expect(r.view).toMatchObject({ status: 'rejected', number: null, votes: { for: 5, against: 3, abstained: 2 } });
      expect(await store.readStream(actRegisterStreamId(A, 2024))).toEqual([]);
    });

    it("the register's number is recorded under the adopting command's correlation id, caused by its command", async () => {
      const id = await councilActOnAgenda();
      await acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA, { commandId: 'vote-session-7', correlationId: 'request-42' }));
      const [entry] = await store.readStream(actRegisterStreamId(A, 2024));
      const adopted = (await store.readStream(`act-${id}`)).find((e) => e.type === 'ActAdopted')!;
      expect(adopted.metadata).toMatchObject({ commandId: 'vote-session-7', correlationId: 'request-42' });
      expect(entry.metadata).toMatchObject({ correlationId: 'request-42', causationId: 'vote-session-7', actor: { id: 'council-a', role: 'council' } });
    });

    it('the system actor (seeding) may run every act command in any community', async () => {
      const system: Actor = { id: 'hamaynk', role: 'system', assurance: 'system', channel: 'system' };
      const { id } = await acts.draftAct({ input: { ...councilDraft, communityId: B } }, as(system));
      await acts.openActDiscussion({ id, until: '2024-03-10' }, as(system));
      await acts.commentOnAct({ id, comment: 'Ներմուծված կարծիք' }, as({ ...system, onBehalfOf: 'resident-7' }));
      await acts.closeActDiscussion({ id }, as(system));
      await acts.placeActOnAgenda({ id, sessionDate: '2024-03-20' }, as(system));
      expect((await acts.recordActVote({ id, votesFor: 5, votesAgainst: 0, votesAbstained: 0 }, as(system))).view).toMatchObject({ status: 'adopted', number: '2024/1' });
      expect((await acts.publishAct({ id, effectiveFrom: '2024-04-01' }, as(system))).view.status).toBe('published');
      const { id: decision } = await acts.draftAct({ input: { ...headDraft, communityId: B } }, as(system));
      expect((await acts.signAct({ id: decision }, as(system))).view).toMatchObject({ status: 'signed', number: '2024/2' });
      await acts.publishAct({ id: decision, effectiveFrom: '2024-04-01' }, as(system));
      expect((await acts.amendAct({ id, amendingActId: decision, text: 'Նոր', effectiveFrom: '2024-05-01' }, as(system))).view.version).toBe(2);
      expect((await acts.repealAct({ id, repealingActId: decision, effectiveFrom: '2025-01-01' }, as(system))).view.repealedBy).toBe(decision);
      expect((await store.readStream(`act-${id}`)).find((e) => e.type === 'ActCommentAdded')?.data).toMatchObject({ commenterId: 'resident-7' });
    });

    it('numbers by the Yerevan calendar year of the adoption, per community', async () => {
      const a = await councilActOnAgenda();
      clock.set('2024-12-31T20:30:00.000Z'); // already 2025-01-01 00:30 in Yerevan
      expect((await acts.recordActVote({ id: a, votesFor: 3, votesAgainst: 0, votesAbstained: 0 }, as(councilA))).view.number).toBe('2025/1');
      const { id: b } = await acts.draftAct({ input: { ...councilDraft, communityId: B } }, as(staffB));
      await acts.placeActOnAgenda({ id: b, sessionDate: '2025-01-15' }, as(staffB));
      expect((await acts.recordActVote({ id: b, votesFor: 3, votesAgainst: 0, votesAbstained: 0 }, as(councilB))).view.number).toBe('2025/1');
    });
  });

  describe('refusals append nothing', () => {
    it('publishing an act that was not adopted is INVALID_TRANSITION ACT_NOT_ADOPTED', async () => {
      const id = await councilActOnAgenda();
      await expectRefused(acts.publishAct({ id, effectiveFrom: '2024-04-01' }, as(staffA)), 'INVALID_TRANSITION', { reason: 'ACT_NOT_ADOPTED' });
    });

    it('a vote on a decision of the head is refused before any number is taken', async () => {
      const { id } = await acts.draftAct({ input: headDraft }, as(staffA));
      await expectRefused(acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA)), 'INVALID_TRANSITION', { reason: 'NOT_A_COUNCIL_ACT' });
      await expectRefused(acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA, { commandId: 'vote-head-act' })), 'INVALID_TRANSITION', {
        reason: 'NOT_A_COUNCIL_ACT',
      });
      const council = await councilActOnAgenda();
      await expectRefused(acts.signAct({ id: council }, as(headA)), 'INVALID_TRANSITION', { reason: 'NOT_A_HEAD_DECISION' });
      expect(await store.readStream(actRegisterStreamId(A, 2024))).toEqual([]);
    });

    it('a second vote on an adopted act is refused and takes no second number', async () => {
      const id = await councilActOnAgenda();
      await acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA));
      await expectRefused(acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA)), 'INVALID_TRANSITION', { reason: 'ACT_NOT_ON_AGENDA' });
      expect(await store.readStream(actRegisterStreamId(A, 2024))).toHaveLength(1);
    });

    it('a stale expectedRevision is CONCURRENCY_CONFLICT, before any number is taken', async () => {
      const id = await councilActOnAgenda();
      await expectRefused(acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA, { expectedRevision: 0 })), 'CONCURRENCY_CONFLICT');
      await expectRefused(acts.reviseActDraft({ id, text: 'x' }, as(staffA, { expectedRevision: 0 })), 'CONCURRENCY_CONFLICT');
      const r = await acts.recordActVote({ id, votesFor: 9, votesAgainst: 0, votesAbstained: 0 }, as(councilA, { expectedRevision: 1 }));
      expect(r).toMatchObject({ revision: 2, view: { number: '2024/1' } });
    });

    it('an unknown act is NOT_FOUND', async () => {
      await expectRefused(acts.reviseActDraft({ id: 'no-such-act', text: 'x' }, as(staffA)), 'NOT_FOUND');
      await expectRefused(acts.signAct({ id: 'no-such-act' }, as(headA)), 'NOT_FOUND');
    });

    it('comments after the last day of the discussion are refused', async () => {
      const { id } = await acts.draftAct({ input: councilDraft }, as(staffA));
      await acts.openActDiscussion({ id, until: '2024-03-10' }, as(staffA));
      clock.set('2024-03-10T19:59:00.000Z'); // 23:59 in Yerevan, still the last day
      await acts.commentOnAct({ id, comment: 'Վերջին րոպեին' }, as(resident));
      clock.set('2024-03-10T20:01:00.000Z'); // 00:01 on 11 March in Yerevan
      await expectRefused(acts.commentOnAct({ id, comment: 'Ուշ' }, as(resident)), 'INVALID_TRANSITION', { reason: 'ACT_DISCUSSION_ENDED' });
      await acts.closeActDiscussion({ id }, as(staffA));
      await expectRefused(acts.commentOnAct({ id, comment: 'Ուշ' }, as(resident)), 'INVALID_TRANSITION', { reason: 'ACT_NOT_IN_DISCUSSION' });
    });

    it('the amending or repealing act must be a published act of the same community', async () => {
      const target = await publishedCouncilAct();
      const unpublished = await councilActOnAgenda();
      await expectRefused(acts.amendAct({ id: target, amendingActId: unpublished, text: 'Նոր', effectiveFrom: '2024-06-01' }, as(staffA)), 'INVALID_TRANSITION', {
        reason: 'AMENDING_ACT_NOT_PUBLISHED',
      });
      await expectRefused(acts.amendAct({ id: target, amendingActId: 'no-such-act', text: 'Նոր', effectiveFrom: '2024-06-01' }, as(staffA)), 'INVALID_TRANSITION', {
        reason: 'AMENDING_ACT_NOT_PUBLISHED',
      });
      await expectRefused(acts.repealAct({ id: target, repealingActId: unpublished, effectiveFrom: '2025-01-01' }, as(staffA)), 'INVALID_TRANSITION', {
        reason: 'REPEALING_ACT_NOT_PUBLISHED',
      });
      // a published act of another community
      const { id: other } = await acts.draftAct({ input: { ...headDraft, communityId: B } }, as(staffB));
      await acts.signAct({ id: other }, as(headB));
      await acts.publishAct({ id: other, effectiveFrom: '2024-04-01' }, as(headB));
      await expectRefused(acts.repealAct({ id: target, repealingActId: other, effectiveFrom: '2025-01-01' }, as(staffA)), 'INVALID_TRANSITION', {
        reason: 'REPEALING_ACT_OF_ANOTHER_COMMUNITY',
      });
      await expectRefused(acts.amendAct({ id: unpublished, amendingActId: target, text: 'Նոր', effectiveFrom: '2024-06-01' }, as(staffA)), 'INVALID_TRANSITION', {
        reason: 'ACT_NOT_PUBLISHED',
      });
    });
  });

  describe('input validation (VALIDATION_FAILED listing the fields, nothing appended)', () => {
    it('checks the draft input: lengths (Armenian counts per letter), issuer, blank text', async () => {
      const armenian200 = 'Ա'.repeat(200);
      expect((await acts.draftAct({ input: { ...councilDraft, titleHy: armenian200, text: 'Տ'.repeat(100_000) } }, as(staffA))).view.titleHy).toBe(armenian200);
      await expectRefused(acts.draftAct({ input: { ...councilDraft, titleHy: 'Ա'.repeat(201) } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.titleHy'] });
      await expectRefused(acts.draftAct({ input: { ...councilDraft, titleEn: 'x'.repeat(201) } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.titleEn'] });
      // no English title is said by leaving it out (or null), as for every optional name; a blank one is refused
      await expectRefused(acts.draftAct({ input: { ...councilDraft, titleEn: '  ' } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.titleEn'] });
      expect((await acts.draftAct({ input: { ...councilDraft, titleEn: null } }, as(staffA))).view.titleEn).toBeNull();
      await expectRefused(acts.draftAct({ input: { ...councilDraft, text: 'Տ'.repeat(100_001) } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.text'] });
      await expectRefused(acts.draftAct({ input: { ...councilDraft, text: '   ' } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.text'] });
      await expectRefused(acts.draftAct({ input: { ...councilDraft, issuer: 'mayor' as 'head' } }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.issuer'] });
      await expectRefused(acts.draftAct({ input: { ...councilDraft, surprise: 1 } as typeof councilDraft }, as(staffA)), 'VALIDATION_FAILED', { fields: ['input.surprise'] });
      await expectRefused(acts.draftAct({} as never, as(staffA)), 'VALIDATION_FAILED');
    });

    it('checks dates are real dates', async () => {
      const { id } = await acts.draftAct({ input: councilDraft }, as(staffA));
      await expectRefused(acts.openActDiscussion({ id, until: '2024-02-30' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['until'] });
      await expectRefused(acts.openActDiscussion({ id, until: '10.03.2024' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['until'] });
      await expectRefused(acts.placeActOnAgenda({ id, sessionDate: '2024-13-01' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['sessionDate'] });
      await expectRefused(acts.publishAct({ id, effectiveFrom: '2023-02-29' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['effectiveFrom'] });
      await expectRefused(acts.amendAct({ id, amendingActId: 'x', text: 't', effectiveFrom: '2024-04-31' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['effectiveFrom'] });
      await expectRefused(acts.repealAct({ id, repealingActId: 'x', effectiveFrom: '' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['effectiveFrom'] });
      // a discussion cannot end before today (a domain rule, also VALIDATION_FAILED)
      await expectRefused(acts.openActDiscussion({ id, until: '2024-02-29' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['until'] });
    });

    it('checks vote counts are whole numbers ≥ 0', async () => {
      const id = await councilActOnAgenda();
      await expectRefused(acts.recordActVote({ id, votesFor: -1, votesAgainst: 0, votesAbstained: 0 }, as(councilA)), 'VALIDATION_FAILED', { fields: ['votesFor'] });
      await expectRefused(acts.recordActVote({ id, votesFor: 5, votesAgainst: 1.5, votesAbstained: 0 }, as(councilA)), 'VALIDATION_FAILED', { fields: ['votesAgainst'] });
      await expectRefused(acts.recordActVote({ id, votesFor: 5, votesAgainst: 0, votesAbstained: '1' as unknown as number }, as(councilA)), 'VALIDATION_FAILED', { fields: ['votesAbstained'] });
      await expectRefused(acts.recordActVote({ id, votesFor: 0, votesAgainst: 0, votesAbstained: 0 }, as(councilA)), 'VALIDATION_FAILED');
      expect(await store.readStream(actRegisterStreamId(A, 2024))).toEqual([]);
    });

    it('checks ids and comment text', async () => {
      await expectRefused(acts.reviseActDraft({ id: 'bad id with spaces', text: 'x' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['id'] });
      const { id } = await acts.draftAct({ input: councilDraft }, as(staffA));
      await acts.openActDiscussion({ id, until: '2024-03-10' }, as(staffA));
      await expectRefused(acts.commentOnAct({ id, comment: '' }, as(resident)), 'VALIDATION_FAILED', { fields: ['comment'] });
      await expectRefused(acts.commentOnAct({ id, comment: 'x'.repeat(100_001) }, as(resident)), 'VALIDATION_FAILED', { fields: ['comment'] });
    });
  });

  describe('authorization (FORBIDDEN appends nothing)', () => {
    let draft: string;
    let inDiscussion: string;
    let onAgenda: string;
    let adopted: string;
    let headDecision: string;
    let published: string;
    let amender: string;

    beforeEach(async () => {
      draft = (await acts.draftAct({ input: councilDraft }, as(staffA))).id;
      inDiscussion = (await acts.draftAct({ input: councilDraft }, as(staffA))).id;
      await acts.openActDiscussion({ id: inDiscussion, until: '2024-03-10' }, as(staffA));
      onAgenda = await councilActOnAgenda();
      adopted = await councilActOnAgenda();
      await acts.recordActVote({ id: adopted, votesFor: 7, votesAgainst: 1, votesAbstained: 0 }, as(councilA));
      headDecision = (await acts.draftAct({ input: headDraft }, as(staffA))).id;
      published = await publishedCouncilAct();
      amender = await publishedCouncilAct('2024-05-01');
    });

    const operations: Record<string, () => (ctx: CommandContext) => Promise<unknown>> = {
      draftAct: () => (ctx) => acts.draftAct({ input: councilDraft }, ctx),
      reviseActDraft: () => (ctx) => acts.reviseActDraft({ id: draft, text: 'Նոր տեքստ' }, ctx),
      openActDiscussion: () => (ctx) => acts.openActDiscussion({ id: draft, until: '2024-03-15' }, ctx),
      commentOnAct: () => (ctx) => acts.commentOnAct({ id: inDiscussion, comment: 'Կարծիք' }, ctx),
      closeActDiscussion: () => (ctx) => acts.closeActDiscussion({ id: inDiscussion }, ctx),
      placeActOnAgenda: () => (ctx) => acts.placeActOnAgenda({ id: draft, sessionDate: '2024-03-20' }, ctx),
      recordActVote: () => (ctx) => acts.recordActVote({ id: onAgenda, votesFor: 7, votesAgainst: 1, votesAbstained: 0 }, ctx),
      signAct: () => (ctx) => acts.signAct({ id: headDecision }, ctx),
      publishAct: () => (ctx) => acts.publishAct({ id: adopted, effectiveFrom: '2024-04-01' }, ctx),
      amendAct: () => (ctx) => acts.amendAct({ id: published, amendingActId: amender, text: 'Նոր', effectiveFrom: '2024-05-01' }, ctx),
      repealAct: () => (ctx) => acts.repealAct({ id: published, repealingActId: amender, effectiveFrom: '2025-01-01' }, ctx),
    };
    const staffOnBehalf = { ...staffA, channel: 'cso' as const, onBehalfOf: 'resident-9' };
    const staffBOnBehalf = { ...staffB, channel: 'cso' as const, onBehalfOf: 'resident-9' };
    const allowed: Record<string, Actor[]> = {
      draftAct: [staffA, headA],
      reviseActDraft: [staffA, headA],
      openActDiscussion: [staffA, headA],
      commentOnAct: [resident, staffOnBehalf],
      closeActDiscussion: [staffA, headA],
      placeActOnAgenda: [staffA, headA],
      recordActVote: [councilA, staffA, headA],
      signAct: [headA],
      publishAct: [staffA, headA],
      amendAct: [staffA, headA],
      repealAct: [staffA, headA],
    };
    const everyone = [staffA, headA, councilA, staffB, headB, councilB, resident, ministry, auditor, integration];
    const matrix = [
      ...Object.keys(operations).flatMap((op) => everyone.filter((a) => !allowed[op].includes(a)).map((a) => [op, `${a.role} ${a.id}`, a] as const)),
      // staff of another community may not comment even on a resident's behalf
      ['commentOnAct', 'staff staff-b on behalf of a resident', staffBOnBehalf] as const,
    ];

    it.each(matrix)('%s by %s is FORBIDDEN and appends nothing', async (op, _who, a) => {
      await expectRefused(operations[op]()(as(a)), 'FORBIDDEN');
    });

    it.each(Object.keys(operations).flatMap((op) => allowed[op].map((a) => [op, `${a.role} ${a.id}`, a] as const)))('%s by %s is allowed', async (op, _who, a) => {
      const before = await store.headPosition();
      await expect(operations[op]()(as(a))).resolves.toMatchObject({ revision: expect.any(Number) });
      expect((await store.headPosition())! > before!).toBe(true);
    });

    it('a forbidden role learns nothing about unknown acts (FORBIDDEN, not NOT_FOUND)', async () => {
      await expectRefused(acts.reviseActDraft({ id: 'no-such-act', text: 'x' }, as(auditor)), 'FORBIDDEN');
      await expectRefused(acts.signAct({ id: 'no-such-act' }, as(staffA)), 'FORBIDDEN');
    });
  });

  describe('idempotent commandId', () => {
    it('a repeated draftAct returns the same act and appends once; reuse for other input is VALIDATION_FAILED', async () => {
      const first = await acts.draftAct({ input: councilDraft }, as(staffA, { commandId: 'draft-1' }));
      const head = await store.headPosition();
      const again = await acts.draftAct({ input: councilDraft }, as(staffA, { commandId: 'draft-1' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(first));
      expect(again).toMatchObject({ duplicate: true, position: first.position });
      expect(await store.headPosition()).toBe(head);
      await expectRefused(acts.draftAct({ input: { ...councilDraft, text: 'Այլ' } }, as(staffA, { commandId: 'draft-1' })), 'VALIDATION_FAILED', { fields: ['commandId'] });
    });

    it('a repeated adopting vote returns the same number and appends nothing more', async () => {
      const id = await councilActOnAgenda();
      const vote = { id, votesFor: 8, votesAgainst: 1, votesAbstained: 1 };
      const first = await acts.recordActVote(vote, as(councilA, { commandId: 'vote-1' }));
      const head = await store.headPosition();
      const again = await acts.recordActVote(vote, as(councilA, { commandId: 'vote-1' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(first));
      expect(again).toMatchObject({ duplicate: true, position: first.position });
      expect(again.view.number).toBe('2024/1');
      expect(await store.headPosition()).toBe(head);
      await expectRefused(acts.recordActVote({ ...vote, votesFor: 9 }, as(councilA, { commandId: 'vote-1' })), 'VALIDATION_FAILED', { fields: ['commandId'] });
    });

    it('a repeated rejecting vote and a repeated signature return the first result', async () => {
      const id = await councilActOnAgenda();
      const vote = { id, votesFor: 1, votesAgainst: 8, votesAbstained: 1 };
      const first = await acts.recordActVote(vote, as(councilA, { commandId: 'vote-2' }));
      const head = await store.headPosition();
      const again = await acts.recordActVote(vote, as(councilA, { commandId: 'vote-2' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(first));
      expect(again).toMatchObject({ duplicate: true, position: first.position });
      const { id: decision } = await acts.draftAct({ input: headDraft }, as(staffA));
      const signed = await acts.signAct({ id: decision }, as(headA, { commandId: 'sign-1' }));
      const head2 = await store.headPosition();
      const signedAgain = await acts.signAct({ id: decision }, as(headA, { commandId: 'sign-1' }));
      expect(aggregateOf(signedAgain)).toEqual(aggregateOf(signed));
      expect(signedAgain).toMatchObject({ duplicate: true, position: signed.position });
      expect(await store.headPosition()).toBe(head2);
      expect(head2! > head!).toBe(true);
    });

    it('a crash between the register append and the adoption never gives the act two numbers', async () => {
      const id = await councilActOnAgenda();
      const other = await councilActOnAgenda();
      // The first attempt got as far as the register, then the process died.
      await handler.handle(actRegisterDecider, actRegisterStreamId(A, 2024), { type: 'AssignActNumber', data: { communityId: A, year: 2024, actId: id } }, as(councilA));
      await acts.recordActVote({ id: other, votesFor: 8, votesAgainst: 0, votesAbstained: 0 }, as(councilA));
      const retried = await acts.recordActVote({ id, votesFor: 8, votesAgainst: 0, votesAbstained: 0 }, as(councilA));
      expect(retried.view.number).toBe('2024/1');
      const register = await store.readStream(actRegisterStreamId(A, 2024));
      expect(register.map((e) => [(e.data as { actId: string }).actId, (e.data as { number: string }).number])).toEqual([
        [id, '2024/1'],
        [other, '2024/2'],
      ]);
    });
  });

  describe('act numbering under concurrency', () => {
    it('20 acts of one community adopted concurrently get 20 distinct consecutive numbers', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await councilActOnAgenda({ titleHy: `Որոշում ${i + 1}` }));
      const results = await Promise.all(ids.map((id) => acts.recordActVote({ id, votesFor: 10, votesAgainst: 2, votesAbstained: 1 }, as(councilA))));
      const numbers = results.map((r) => r.view.number);
      expect(new Set(numbers).size).toBe(20);
      expect([...numbers].sort((x, y) => Number(x!.split('/')[1]) - Number(y!.split('/')[1]))).toEqual(Array.from({ length: 20 }, (_, i) => `2024/${i + 1}`));
      const register = await store.readStream(actRegisterStreamId(A, 2024));
      expect(register.map((e) => (e.data as { sequence: number }).sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // each act's ActAdopted carries the number the register gave it
      for (const id of ids) {
        const adopted = (await store.readStream(`act-${id}`)).find((e) => e.type === 'ActAdopted');
        const entry = register.find((e) => (e.data as { actId: string }).actId === id);
        expect((adopted?.data as { number: string }).number).toBe((entry?.data as { number: string }).number);
      }
    });

    it('council adoptions and head signatures racing share one series without gaps or duplicates', async () => {
      const council: string[] = [];
      const head: string[] = [];
      for (let i = 0; i < 8; i++) council.push(await councilActOnAgenda());
      for (let i = 0; i < 8; i++) head.push((await acts.draftAct({ input: headDraft }, as(staffA))).id);
      const results = await Promise.all([
        ...council.map((id) => acts.recordActVote({ id, votesFor: 5, votesAgainst: 0, votesAbstained: 0 }, as(councilA))),
        ...head.map((id) => acts.signAct({ id }, as(headA))),
        // the same act adopted twice at once: one wins, the other is refused; one number only
        acts.recordActVote({ id: council[0], votesFor: 5, votesAgainst: 0, votesAbstained: 0 }, as(councilA)).catch((e: { reason?: string }) => e.reason),
      ]);
      const numbers = results.slice(0, 16).map((r) => (r as { view: { number: string } }).view.number);
      expect(results[16]).toBe('ACT_NOT_ON_AGENDA');
      expect(new Set(numbers).size).toBe(16);
      expect(new Set(numbers)).toEqual(new Set(Array.from({ length: 16 }, (_, i) => `2024/${i + 1}`)));
      expect(await store.readStream(actRegisterStreamId(A, 2024))).toHaveLength(16);
    });
  });

  describe('time travel: the text in force on a date (hand-computed)', () => {
    it('follows publication, amendments and a repeal that takes effect later', async () => {
      const id = await publishedCouncilAct('2024-04-01', 'Տարբերակ 1');
      const amending1 = await publishedCouncilAct('2024-05-20');
      const amending2 = await publishedCouncilAct('2024-08-20');
      const repealing = await publishedCouncilAct('2024-12-01');
      const a1 = await acts.amendAct({ id, amendingActId: amending1, text: 'Տարբերակ 2', effectiveFrom: '2024-06-01' }, as(staffA));
      expect(a1.view).toMatchObject({ status: 'published', version: 2, text: 'Տարբերակ 2', effectiveFrom: '2024-06-01' });
      await acts.amendAct({ id, amendingActId: amending2, text: 'Տարբերակ 3', effectiveFrom: '2024-09-01' }, as(staffA));
      await expectRefused(acts.amendAct({ id, amendingActId: amending1, text: 'Տարբերակ X', effectiveFrom: '2024-07-01' }, as(staffA)), 'VALIDATION_FAILED', { fields: ['effectiveFrom'] });
      const repealed = await acts.repealAct({ id, repealingActId: repealing, effectiveFrom: '2025-01-01' }, as(staffA));
      // today is 2024-03-01: the repeal is in the future, the act stays published
      expect(repealed.view).toMatchObject({ status: 'published', repealedBy: repealing, repealEffectiveFrom: '2025-01-01' });

      const on = async (asOf: string) => (await reader.act({ id, asOf }, null)).text;
      expect(await on('2024-03-31')).toBeNull();
      expect(await on('2024-04-01')).toBe('Տարբերակ 1');
      expect(await on('2024-05-31')).toBe('Տարբերակ 1');
      expect(await on('2024-06-01')).toBe('Տարբերակ 2');
      expect(await on('2024-08-31')).toBe('Տարբերակ 2');
      expect(await on('2024-09-01')).toBe('Տարբերակ 3');
      expect(await on('2024-12-31')).toBe('Տարբերակ 3');
      expect(await on('2025-01-01')).toBeNull();
      expect(await reader.act({ id, asOf: '2024-07-01' }, null)).toMatchObject({ version: 2, effectiveFrom: '2024-06-01', inForce: true });
      expect((await reader.act({ id }, null)).history.map((v) => [v.version, v.effectiveFrom, v.amendingActId])).toEqual([
        [1, '2024-04-01', null],
        [2, '2024-06-01', amending1],
        [3, '2024-09-01', amending2],
      ]);

      // the status follows the clock: repealed from the repeal's date
      clock.set('2024-12-31T19:59:00.000Z');
      expect((await reader.act({ id }, null)).status).toBe('published');
      clock.set('2024-12-31T20:00:00.000Z'); // midnight in Yerevan
      expect((await reader.act({ id }, null)).status).toBe('repealed');
      await expectRefused(acts.amendAct({ id, amendingActId: amending1, text: 'Տարբերակ 4', effectiveFrom: '2025-02-01' }, as(staffA)), 'INVALID_TRANSITION', { reason: 'ACT_REPEALED' });

      // the aggregate as it was before the second amendment was recorded
      const stream = await store.readStream(`act-${id}`);
      const firstAmendment = stream.findIndex((e) => e.type === 'ActAmended');
      const { state } = await handler.load(legalActDecider, `act-${id}`, firstAmendment);
      expect(state?.version).toBe(2);
      expect(state?.versions.map((v) => v.text)).toEqual(['Տարբերակ 1', 'Տարբերակ 2']);
    });

    it('act(id) hides non-public acts from outsiders and checks asOf', async () => {
      const { id } = await acts.draftAct({ input: councilDraft }, as(staffA));
      await expect(reader.act({ id }, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reader.act({ id }, staffB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reader.act({ id }, councilA)).resolves.toMatchObject({ status: 'draft', revision: 0 });
      await expect(reader.act({ id }, auditor)).resolves.toMatchObject({ status: 'draft' });
      await acts.openActDiscussion({ id, until: '2024-03-10' }, as(staffA));
      await expect(reader.act({ id }, resident)).resolves.toMatchObject({ status: 'in-discussion' });
      await expect(reader.act({ id, asOf: '2024-02-30' }, resident)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['asOf'] });
    });
  });
});
