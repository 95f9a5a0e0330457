/**
 * The demo seed over the real SQLite event store, through the real application services: it appends
 * once and never again (also on a later day), and what it leaves has every status the pages and
 * reports show — applications, fees, acts, complaints, correspondence — in business time over the 18
 * months before today.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationDecider, applicationView, type ApplicationView } from '../domain/service-application';
import { communityDecider } from '../domain/community';
import { complaintDecider } from '../domain/complaint';
import { complaintView, type ComplaintView } from '../domain/complaint/view';
import { documentDecider } from '../domain/correspondence/decider';
import { documentView, type DocumentView } from '../domain/correspondence/view';
import { feeDecider } from '../domain/fee';
import { feeView, type FeeView } from '../domain/fee/view';
import { legalActDecider } from '../domain/legal-act/decider';
import { legalActView, type ActView } from '../domain/legal-act/view';
import type { Decider, DomainEvent } from '../domain/kernel/decider';
import { addDays, yerevanDate } from '../domain/kernel/time';
import { PropertyTaxSandbox } from '../infrastructure/property-tax/property-tax-sandbox';
import { SqliteCheckpointStore } from '../infrastructure/sqlite/sqlite-checkpoint-store';
import { SqliteEventStore } from '../infrastructure/sqlite/sqlite-event-store';
import { createCommandHandler } from '../application/command-handler';
import { schemaVersionOf } from '../application/event-catalogue';
import { createCommands } from '../application/commands/registry';
import { countingIds, fixedClock } from '../application/ids';
import type { Actor, RecordedEvent } from '../application/ports/event-store';
import { createPermitFeeSettlement } from '../application/process-managers/permit-fee-settlement';
import { DEMO_COMMUNITIES, DEMO_MINISTRY, DEMO_WINDOW_DAYS, demoDataInLog, isDemoEvent, seedDemo, type DemoCommands } from './demo';
import { DEMO_AUDITOR, DEMO_MINISTRY_OFFICIAL, demoCommunityStaff } from './demo-staff';
import { createPeopleDirectory } from '../application/staff-directory/people';

const TODAY = '2026-11-25';
const CODES = DEMO_COMMUNITIES.map((c) => c.code);
const HISTORY_ACTOR: Actor = { id: 'ministry-registry-import', role: 'ministry', assurance: 'system', channel: 'system' };

const writeSide = (eventStore: SqliteEventStore, clock = fixedClock(`${TODAY}T08:00:00Z`)): DemoCommands => {
  const handler = createCommandHandler({ eventStore, clock, ids: countingIds('demo-test'), schemaVersionOf });
  return createCommands({ handler, propertyTax: new PropertyTaxSandbox(clock), clock });
};

/** Every stream of a category folded into its state. */
const fold = <C, E extends DomainEvent, S>(events: readonly RecordedEvent[], decider: Decider<C, E, S>): Map<string, S> => {
  const states = new Map<string, S>();
  for (const e of events) states.set(e.streamId, decider.evolve(states.get(e.streamId) ?? decider.initialState(), { type: e.type, data: e.data } as E));
  return states;
};

const countBy = <T>(items: readonly T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

describe('demo seed (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let first: { commands: number; appended: number };
  let headAfterFirst: bigint | null;
  let all: RecordedEvent[];
  let seconds: number;
  let demoBefore: boolean;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    // NORMAL instead of FULL: the test is about what the demo records, not about surviving a power cut.
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL' });
    // Gyumri is already in the registry, as the national history leaves it; Dilijan and Goris are not.
    await writeSide(eventStore).registerCommunity(
      { input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 121_976, occurredAt: '2015-01-01T09:00:00+04:00' }, source: 'S_cod_adm3' },
      { actor: HISTORY_ACTOR, commandId: 'history2019/2019/registerCommunity/AM08001' },
    );
    demoBefore = await demoDataInLog(eventStore);
    const started = Date.now();
    first = await seedDemo({ commands: writeSide(eventStore), eventStore, today: TODAY });
    seconds = (Date.now() - started) / 1000;
    headAfterFirst = await eventStore.headPosition();
    all = await eventStore.readAll();
  });

  afterAll(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is known as demo data in the log (the pages’ banner), and marks every event it appends', async () => {
    expect(demoBefore).toBe(false);
    expect(await demoDataInLog(eventStore)).toBe(true);
    const demoEvents = all.filter(isDemoEvent);
    expect(demoEvents).toHaveLength(first.appended);
    // Only the registry entry recorded before the demo is not the demo's.
    expect(all.filter((e) => !isDemoEvent(e)).map((e) => e.metadata.commandId)).toEqual(['history2019/2019/registerCommunity/AM08001']);
  });

  it('appends its events once, in the communities of the registry, registering those missing from it', () => {
    process.stdout.write(`demo seed: ${first.commands} commands, ${first.appended} events in ${seconds.toFixed(1)} s\n`);
    expect(first.appended).toBe(all.length - 1);
    const registrations = all.filter((e) => e.type === 'CommunityRegistered');
    expect(registrations.map((e) => [(e.data as { communityId: string }).communityId, e.metadata.actor.id])).toEqual([
      ['AM08001', HISTORY_ACTOR.id],
      ['AM11003', DEMO_MINISTRY.id],
      ['AM09003', DEMO_MINISTRY.id],
    ]);
    expect(first.appended).toBeGreaterThan(1500);
    expect(first.commands).toBeGreaterThan(1500);
    for (const code of CODES) {
      const community = fold(
        all.filter((e) => e.streamId === `community-${code}`),
        communityDecider,
      ).get(`community-${code}`);
      expect(community?.status).toBe('registered');
      if (community?.status === 'registered') expect(community.services.map((s) => s.code).sort()).toEqual(
        ['construction-permit', 'excavation-consent', 'general-inquiry', 'residence-certificate', 'tax-liability-certificate'],
      );
    }
  });

  it('appends nothing when seeded again, the same day or a later one', async () => {
    const again = await seedDemo({ commands: writeSide(eventStore), eventStore, today: TODAY });
    expect(again.appended).toBe(0);
    expect(await eventStore.headPosition()).toBe(headAfterFirst);
    const later = await seedDemo({ commands: writeSide(eventStore, fixedClock('2027-02-03T08:00:00Z')), eventStore, today: '2027-02-03' });
    expect(later.appended).toBe(0);
    expect(await eventStore.headPosition()).toBe(headAfterFirst);
  });

  it('appoints its people in the staff directory, and every staff-side actor of the demo is one of them', async () => {
    const people = createPeopleDirectory({ eventStore });
    expect(await people.actorOf(DEMO_MINISTRY_OFFICIAL.personalId, 'eid')).toMatchObject({ role: 'ministry' });
    expect(await people.actorOf(DEMO_AUDITOR.personalId, 'eid')).toMatchObject({ role: 'auditor' });
    // The first official is appointed by the system (as `hamaynk appoint` does); the rest by that official.
    const appointments = all.filter((e) => e.type === 'StaffAppointed' || e.type === 'OfficialAppointed');
    expect(appointments.map((e) => e.metadata.actor.role)).toEqual(['system', ...appointments.slice(1).map(() => 'ministry')]);
    for (const code of CODES) {
      const staff = demoCommunityStaff(code);
      for (const member of [...staff.clerks, staff.head, staff.councilSecretary]) {
        expect(member.personalId).toMatch(/^\d{10}$/);
        expect(await people.appointmentOf(member.personalId)).toMatchObject({ status: 'appointed', communityId: code, role: member.role, name: member.name });
      }
    }
    const appointed = new Set(appointments.map((e) => (e.data as { personalId: string }).personalId));
    const staffActors = new Set(all.filter(isDemoEvent).map((e) => e.metadata.actor).filter((a) => a.role !== 'resident' && a.role !== 'system').map((a) => a.id));
    expect([...staffActors].filter((id) => !appointed.has(id))).toEqual([]);
    // Cases are assigned to the appointed clerks, so a clerk who signs in finds their own work.
    const assignees = all.filter((e) => e.type === 'ApplicationAssigned').map((e) => (e.data as { assigneeId: string }).assigneeId);
    expect(assignees.length).toBeGreaterThan(0);
    expect(assignees.filter((id) => !appointed.has(id))).toEqual([]);
  });

  it('records business time over the 18 months before today, in order within each stream', () => {
    const from = addDays(TODAY, -DEMO_WINDOW_DAYS - 1);
    const last = new Map<string, string>();
    const months = new Set<string>();
    for (const e of all.filter((x) => x.metadata.correlationId.startsWith('demo:'))) {
      const date = yerevanDate(e.metadata.occurredAt);
      expect(date >= from && date < TODAY).toBe(true);
      const previous = last.get(e.streamId);
      if (previous !== undefined) expect(Date.parse(e.metadata.occurredAt)).toBeGreaterThanOrEqual(Date.parse(previous));
      last.set(e.streamId, e.metadata.occurredAt);
      months.add(date.slice(0, 7));
    }
    expect(months.size).toBeGreaterThanOrEqual(18);
  });

  describe('applications', () => {
    let views: ApplicationView[];
    beforeAll(() => {
      views = [...fold(all.filter((e) => e.streamId.startsWith('application-')), applicationDecider).values()].map((s) => applicationView(s, TODAY) as ApplicationView);
    });

    it('go through every status in each community', () => {
      expect(views).toHaveLength(60 * CODES.length);
      for (const code of CODES) {
        const statuses = countBy(
          views.filter((v) => v.communityId === code),
          (v) => v.status,
        );
        expect(Object.keys(statuses).sort()).toEqual(['approved', 'assigned', 'awaiting-information', 'completed', 'registered', 'rejected', 'submitted', 'withdrawn']);
      }
    });

    it('complete by permit (fee paid and settled first), certificate (with the tax liability) and answer', () => {
      const completed = views.filter((v) => v.status === 'completed');
      const permits = completed.filter((v) => v.permit !== null);
      expect(permits.length).toBeGreaterThan(0);
      for (const p of permits) expect(p.feeSettled).toBe(true);
      expect(completed.some((v) => v.certificate?.taxLiability != null)).toBe(true);
      expect(completed.some((v) => v.certificate !== null && v.serviceCode === 'residence-certificate')).toBe(true);
      expect(completed.some((v) => v.decision?.outcome === 'answered')).toBe(true);
    });

    it('include overdue open cases and decisions after the due date, but mostly on time', () => {
      expect(views.filter((v) => v.overdue).length).toBeGreaterThan(0);
      expect(views.filter((v) => v.status === 'submitted' || v.status === 'registered').some((v) => !v.overdue)).toBe(true);
      const decided = views.filter((v) => v.decidedAt !== null);
      const onTime = decided.filter((v) => yerevanDate(v.decidedAt as string) <= v.dueOn).length;
      expect(onTime).toBeLessThan(decided.length);
      expect(onTime / decided.length).toBeGreaterThan(0.7);
    });

    it('settle permit fees exactly as the permit/fee process manager would, so it finds nothing to do', async () => {
      const settled = all.filter((e) => e.type === 'ApplicationFeeSettled');
      const paid = new Map(all.filter((e) => e.type === 'FeePaid').map((e) => [e.metadata.eventId, e]));
      expect(settled.length).toBeGreaterThan(0);
      for (const s of settled) {
        const cause = paid.get(s.metadata.commandId.replace(/^fee-settlement:/, ''));
        expect(cause).toBeDefined();
        expect(s.metadata.actor.role).toBe('system');
      }
      const checkpoints = new SqliteCheckpointStore(path.join(dir, 'checkpoints.sqlite'));
      const errors: unknown[] = [];
      const manager = createPermitFeeSettlement({ eventStore, checkpoints, commands: writeSide(eventStore), onError: (e) => errors.push(e) });
      try {
        await manager.start();
        const feeEvents = all.filter((e) => e.streamId.startsWith('fee-'));
        await manager.whenProcessed(feeEvents[feeEvents.length - 1].position);
      } finally {
        await manager.stop();
        checkpoints.close();
      }
      expect(errors).toEqual([]);
      expect(await eventStore.headPosition()).toBe(headAfterFirst);
    });
  });

  it('leaves fees paid (some refunded), partially paid, due and overdue, waived by an act, cancelled', () => {
    const views = [...fold(all.filter((e) => e.streamId.startsWith('fee-')), feeDecider).values()].map((s) => feeView(s, TODAY) as FeeView);
    for (const code of CODES) {
      const statuses = new Set(views.filter((v) => v.communityId === code).map((v) => v.status));
      expect([...statuses].sort()).toEqual(['cancelled', 'due', 'paid', 'partially-paid', 'waived']);
    }
    expect(views.some((v) => v.status === 'due' && v.overdue)).toBe(true);
    expect(views.some((v) => v.status === 'due' && !v.overdue)).toBe(true);
    expect(views.some((v) => v.status === 'partially-paid' && v.overdue)).toBe(true);
    expect(views.some((v) => v.status === 'paid' && v.refundedAmd > 0)).toBe(true);
    expect(views.some((v) => v.status === 'cancelled' && v.refundedAmd > 0)).toBe(true);
    expect(views.some((v) => v.status === 'paid' && v.applicationId !== null)).toBe(true);
    const acts = new Set(all.filter((e) => e.type === 'ActPublished').map((e) => (e.data as { actId: string }).actId));
    const waived = views.filter((v) => v.status === 'waived');
    expect(waived.length).toBeGreaterThan(0);
    for (const w of waived) expect(acts.has(w.waiverActId as string)).toBe(true);
  });

  it('leaves acts in every status: amended to a new version, repealed from a future date and still published, repealed in the past', () => {
    const views = [...fold(all.filter((e) => e.streamId.startsWith('act-')), legalActDecider).values()].map((s) => legalActView(s, TODAY) as ActView);
    for (const code of CODES) {
      const statuses = new Set(views.filter((v) => v.communityId === code).map((v) => v.status));
      expect([...statuses].sort()).toEqual(['adopted', 'draft', 'in-discussion', 'on-agenda', 'published', 'rejected', 'repealed', 'signed']);
    }
    const amended = views.filter((v) => v.history.some((h) => h.amendingActId !== null));
    expect(amended.length).toBe(CODES.length);
    for (const a of amended) {
      expect(a.version).toBeGreaterThanOrEqual(2);
      expect(a.status).toBe('published');
    }
    const futureRepeals = views.filter((v) => v.repealEffectiveFrom !== null && v.repealEffectiveFrom > TODAY);
    expect(futureRepeals.length).toBe(CODES.length);
    for (const r of futureRepeals) {
      expect(r.status).toBe('published');
      expect(r.inForce).toBe(true);
    }
    expect(views.filter((v) => v.status === 'repealed' && (v.repealEffectiveFrom as string) <= TODAY)).toHaveLength(CODES.length);
    const rejected = views.filter((v) => v.status === 'rejected');
    for (const r of rejected) expect(r.votes && r.votes.for * 2 <= r.votes.for + r.votes.against + r.votes.abstained).toBe(true);
    expect(views.filter((v) => v.status === 'published' && v.issuer === 'head').length).toBeGreaterThan(0);
    expect(views.some((v) => v.commentCount > 0)).toBe(true);
  });

  it('leaves complaints in every status and every resolution, online and on behalf, some overdue', () => {
    const views = [...fold(all.filter((e) => e.streamId.startsWith('complaint-')), complaintDecider).values()].map((s) => complaintView(s, TODAY) as ComplaintView);
    for (const code of CODES) {
      const statuses = new Set(views.filter((v) => v.communityId === code).map((v) => v.status));
      expect([...statuses].sort()).toEqual(['acknowledged', 'assigned', 'closed', 'escalated', 'filed', 'reopened', 'responded']);
    }
    expect(new Set(views.map((v) => v.resolution).filter((r) => r !== null))).toEqual(new Set(['upheld', 'partially-upheld', 'rejected']));
    expect(new Set(views.map((v) => v.channel))).toEqual(new Set(['online', 'hotline', 'cso', 'in-person']));
    expect(views.some((v) => v.overdue)).toBe(true);
    expect(views.some((v) => v.escalatedTo === 'ministry')).toBe(true);
    expect(views.some((v) => v.reopenCount > 0 && v.status === 'closed')).toBe(true);
  });

  it('leaves correspondence in every journal and status, numbered gap-free, with replies and one interagency letter per community linked both ways', () => {
    const views = [...fold(all.filter((e) => e.streamId.startsWith('document-')), documentDecider).values()].map((s) => documentView(s, TODAY) as DocumentView);
    for (const code of CODES) {
      const mine = views.filter((v) => v.communityId === code);
      expect(mine.length).toBeGreaterThanOrEqual(30);
      const statuses = (journal: string) => [...new Set(mine.filter((v) => v.journal === journal).map((v) => v.status))].sort();
      expect(statuses('incoming')).toEqual(['cancelled', 'closed', 'executed', 'in-execution', 'registered']);
      expect(statuses('outgoing')).toEqual(['closed', 'dispatched', 'registered', 'signed']);
      expect(statuses('internal')).toEqual(['closed', 'registered']);
      const incoming = mine.filter((v) => v.journal === 'incoming');
      expect(incoming.some((v) => v.overdue)).toBe(true);
      expect(incoming.some((v) => v.status === 'in-execution' && !v.overdue)).toBe(true);
      expect(incoming.some((v) => v.executedOnTime === true)).toBe(true);
      expect(incoming.some((v) => v.executedOnTime === false)).toBe(true);
      expect(incoming.some((v) => v.extensions.length > 0)).toBe(true);
      expect(new Set(incoming.map((v) => v.channel))).toEqual(new Set(['post', 'email', 'in-person', 'online', 'interagency']));
      // Replies answer incoming letters of the same community.
      const replies = mine.filter((v) => v.inReplyTo !== null);
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) expect(incoming.map((v) => v.id)).toContain(r.inReplyTo);
      // Numbers 1…n per journal and year, cancelled ones included.
      const byJournal = new Map<string, number[]>();
      for (const v of mine) byJournal.set(`${v.journal}/${v.year}`, [...(byJournal.get(`${v.journal}/${v.year}`) ?? []), Number(v.number)]);
      for (const numbers of byJournal.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
      // The interagency letter this community received, and the sender's outgoing document, each naming the other.
      const received = incoming.filter((v) => v.channel === 'interagency');
      expect(received).toHaveLength(1);
      const sent = views.find((v) => v.id === received[0].linkedDocumentId);
      expect(sent).toMatchObject({ journal: 'outgoing', status: 'dispatched', dispatchedVia: 'interagency', recipientCommunityId: code, linkedDocumentId: received[0].id });
      expect(received[0].senderCommunityId).toBe(sent?.communityId);
    }
  });
});
