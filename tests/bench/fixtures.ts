/**
 * The logs the scaling rows run on.
 *
 * Templates are made once through the real services (on a log in memory): communities with 10 and 1 000
 * events, a community for the public site, a fee with 10 events (assessed, 9 payments) and one with
 * 1 000 (assessed, 999 payments). A log of N events is then: clones of the 10-event fee (new ids) as
 * filler, each appended as one 10-event append, and the fixture streams (the template communities
 * verbatim, clones of the fees) interleaved one event per append evenly through the whole log, as a
 * stream's events are in real traffic. Filling uses bulk appends through SqliteEventStore with
 * synchronous=NORMAL (many appends in flight, group-committed); the rows then reopen it with FULL.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, AppendOptions, AppendResult, EventStore, NewEvent, ReadStreamOptions, RecordedEvent } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';

export const COMMUNITY_10 = 'AM90010';
export const COMMUNITY_1000 = 'AM90011';
/** The community the publicSite rows ask for (its read model never changes during the run). */
export const COMMUNITY_SITE = 'AM90012';
export const SERVICE = 'construction-permit';

export const ministry: Actor = { id: 'min-bench', role: 'ministry', assurance: 'eid', channel: 'staff' };
export const resident: Actor = { id: 'r1', role: 'resident', assurance: 'eid', channel: 'online' };
export const staffOf = (communityId: string): Actor => ({ id: 'clerk-bench', role: 'staff', communityId, assurance: 'password', channel: 'staff' });

export const submission = (communityId: string) => ({
  communityId,
  serviceCode: SERVICE,
  subject: 'Ավտոտնակի կառուցում',
  details: 'Խնդրում եմ թույլատրել ավտոտնակի կառուցումը',
  applicantName: 'Անի Սարգսյան',
});

const services = [
  { code: SERVICE, nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' as const },
  { code: 'general-inquiry', nameHy: 'Հարցում', nameEn: 'Inquiry', feeAmd: 0, deadlineDays: 15, issues: 'none' as const },
  { code: 'residence-certificate', nameHy: 'Տեղեկանք բնակության մասին', nameEn: 'Certificate of residence', feeAmd: 1_000, deadlineDays: 3, issues: 'certificate' as const },
];

export interface Templates {
  /** Fixture streams copied verbatim into every log (the communities). */
  readonly communities: ReadonlyMap<string, readonly RecordedEvent[]>;
  readonly fee10: readonly RecordedEvent[];
  readonly fee1000: readonly RecordedEvent[];
  /** The template fees' ids (replaced in clones). */
  readonly fee10Id: string;
  readonly fee1000Id: string;
}

/**
 * A log in memory, for making the templates only: the handler and services are the real ones, but a
 * load does not decode JSON (making a 1 000-event stream command by command stays quick).
 */
class MemoryLog {
  readonly kind = 'sqlite' as const;
  private readonly streams = new Map<string, RecordedEvent[]>();
  private position = 0n;

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const expected = options.expectedRevision;
    if ((expected === 'no-stream' && stream.length > 0) || (typeof expected === 'number' && expected !== stream.length - 1)) {
      throw new Error(`template log: unexpected revision on ${streamId}`);
    }
    const first = this.position + 1n;
    for (const e of events) {
      this.position += 1n;
      stream.push({ streamId, type: e.type, revision: stream.length, position: this.position, data: e.data, metadata: e.metadata, dataBytes: new Uint8Array(), metadataBytes: new Uint8Array() });
    }
    this.streams.set(streamId, stream);
    return { nextRevision: stream.length - 1, firstPosition: first, lastPosition: this.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    return stream.filter((e) => e.revision >= (options.fromRevision ?? 0) && e.revision <= (options.toRevision ?? Number.MAX_SAFE_INTEGER));
  }

  async findCommand(): Promise<null> {
    return null;
  }

  read(streamId: string): RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }
}

/** Makes the template streams through the real services (on a log in memory; `large: false`: no 1 000-event ones). */
export const makeTemplates = async (options: { large?: boolean } = {}): Promise<Templates> => {
  const large = options.large ?? true;
  const log = new MemoryLog();
  const { commands: s } = createWriteSide({ eventStore: log as unknown as EventStore });
  const as = (actor: Actor) => ({ actor });
  const register = async (code: string, nameEn: string) => {
    await s.registerCommunity(
      { input: { code, nameHy: `Համայնք ${nameEn}`, nameEn, province: 'Shirak', kind: 'urban', population: 20_000, occurredAt: '2010-01-01T08:00:00Z' } },
      as(ministry),
    );
    for (const input of services) await s.offerService({ communityId: code, input }, as(ministry));
  };
  const populations = async (code: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const asOf = new Date(Date.UTC(2010, 1, 1 + i)).toISOString().slice(0, 10);
      await s.recordPopulation({ communityId: code, population: 20_000 + i, asOf }, as(ministry));
    }
  };
  await register(COMMUNITY_10, 'Bench ten');
  await populations(COMMUNITY_10, 10 - 1 - services.length);
  await register(COMMUNITY_1000, 'Bench thousand');
  if (large) await populations(COMMUNITY_1000, 1000 - 1 - services.length);
  await register(COMMUNITY_SITE, 'Bench site');
  await s.openCitizenServiceOffice({ communityId: COMMUNITY_SITE, officeId: 'cso-1', name: 'Քաղաքացիների սպասարկման գրասենյակ', partners: ['GIZ'], on: '2018-05-01' }, as(ministry));

  const fee = async (payments: number): Promise<string> => {
    const staff = { actor: staffOf(COMMUNITY_10) };
    const { id } = await s.assessFee(
      { input: { communityId: COMMUNITY_10, payerId: 'r1', payerName: 'Արամ Պետրոսյան', code: 'LAND-TAX', amountAmd: 1_000_000_000, dueOn: '2030-12-31', basis: 'Համայնքի ավագանու որոշում N 12' } },
      staff,
    );
    for (let i = 0; i < payments; i++) await s.recordPayment({ id, amountAmd: 1_000, paidAt: '2026-11-25T08:00:00.000Z', reference: `TEMPLATE-${i}` }, staff);
    return id;
  };
  const fee10Id = await fee(9);
  const fee1000Id = await fee(large ? 999 : 9);
  const communities = new Map([COMMUNITY_10, COMMUNITY_1000, COMMUNITY_SITE].map((c) => [`community-${c}`, log.read(`community-${c}`)] as const));
  if (communities.get(`community-${COMMUNITY_10}`)?.length !== 10 || (large && communities.get(`community-${COMMUNITY_1000}`)?.length !== 1000)) {
    throw new Error('the template communities do not have 10 and 1 000 events');
  }
  return { communities, fee10: log.read(`fee-${fee10Id}`), fee1000: log.read(`fee-${fee1000Id}`), fee10Id, fee1000Id };
};

/** A recorded event as a new one, with fresh event and command ids and `from` replaced by `to` in its data. */
export const cloneEvent = (event: RecordedEvent, from?: string, to?: string): NewEvent => {
  const id = randomUUID();
  const data = from && to ? (JSON.parse(JSON.stringify(event.data).split(from).join(to)) as unknown) : event.data;
  return { type: event.type, data, metadata: { ...event.metadata, eventId: id, commandId: id, correlationId: id, causationId: id } };
};

export interface LogPlan {
  /** Events in the log once filled. */
  readonly events: number;
  /** Fee streams with 10 prior events (the recordPayment rows use them round robin). */
  readonly fees10: readonly string[];
  /** Fee streams with 1 000 prior events. */
  readonly fees1000: readonly string[];
  /** A stream of exactly 1 000 events that no row changes (the read rows). */
  readonly stream1000: string;
}

/** Fixture events of a log: every fixture stream, one event at a time, round robin (per-stream order kept). */
const fixtureEvents = (t: Templates, fees10: number, fees1000: number): { events: Array<[string, NewEvent]>; plan: Omit<LogPlan, 'events'> } => {
  const streams: Array<Array<[string, NewEvent]>> = [];
  for (const [streamId, events] of t.communities) streams.push(events.map((e) => [streamId, cloneEvent(e)]));
  const clones = (template: readonly RecordedEvent[], from: string, n: number): string[] =>
    Array.from({ length: n }, () => {
      const id = randomUUID();
      streams.push(template.map((e) => [`fee-${id}`, cloneEvent(e, from, id)]));
      return `fee-${id}`;
    });
  const ids10 = clones(t.fee10, t.fee10Id, fees10);
  const ids1000 = clones(t.fee1000, t.fee1000Id, fees1000);
  const events: Array<[string, NewEvent]> = [];
  for (let round = 0; ; round++) {
    let any = false;
    for (const s of streams) {
      if (round < s.length) {
        events.push(s[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return { events, plan: { fees10: ids10, fees1000: ids1000, stream1000: `community-${COMMUNITY_1000}` } };
};

export const fixtureSize = (t: Templates, fees10: number, fees1000: number): number =>
  [...t.communities.values()].reduce((n, e) => n + e.length, 0) + fees10 * t.fee10.length + fees1000 * t.fee1000.length;

/**
 * Fills `file` (a new SqliteEventStore file) with `total` events: filler fee streams of 10 events and
 * the fixture streams spread evenly through it. Returns what the rows need to know about the log.
 */
export const fillLog = async (file: string, t: Templates, total: number, sizes: { fees10: number; fees1000: number }): Promise<LogPlan> => {
  const { events: fixtures, plan } = fixtureEvents(t, sizes.fees10, sizes.fees1000);
  const fillerStreams = Math.max(0, Math.floor((total - fixtures.length) / t.fee10.length));
  const store = new SqliteEventStore(file, { synchronous: 'NORMAL' });
  try {
    let pending: Array<Promise<unknown>> = [];
    const flush = async () => {
      await Promise.all(pending);
      pending = [];
    };
    let f = 0;
    for (let i = 0; i < fillerStreams; i++) {
      const id = randomUUID();
      pending.push(store.append(`fee-${id}`, t.fee10.map((e) => cloneEvent(e, t.fee10Id, id)), { expectedRevision: 'no-stream' }));
      const due = Math.floor(((i + 1) * fixtures.length) / fillerStreams);
      for (; f < due; f++) pending.push(store.append(fixtures[f][0], [fixtures[f][1]], { expectedRevision: 'any' }));
      if (pending.length >= 200) await flush();
    }
    for (; f < fixtures.length; f++) pending.push(store.append(fixtures[f][0], [fixtures[f][1]], { expectedRevision: 'any' }));
    await flush();
    // Top up to exactly `total` with single-event filler streams (the 10-event clones leave a remainder).
    const head = Number(store.headPositionSync() ?? 0n);
    for (let i = head; i < total; i++) {
      const id = randomUUID();
      pending.push(store.append(`fee-${id}`, [cloneEvent(t.fee10[0], t.fee10Id, id)], { expectedRevision: 'no-stream' }));
    }
    await flush();
    const events = Number(store.headPositionSync() ?? 0n);
    if (store.readStreamSync(plan.stream1000).length !== 1000) throw new Error(`${plan.stream1000} should have 1 000 events`);
    return { ...plan, events };
  } finally {
    await store.close();
  }
};
