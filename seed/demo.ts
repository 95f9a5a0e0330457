/**
 * The demo seed (`npx hamaynk seed --demo`, `SEED=demo`): a few communities' daily work, recorded through
 * the same application services as real users' commands, so every event is one a user could have caused.
 *
 * - Runs after the national 2019 history and works in three of its communities: Gyumri (AM08001),
 *   Dilijan (AM11003) and Goris (AM09003). A community missing from the store (no history seeded) is
 *   registered by the demo itself first, so the demo also works on an empty store.
 * - Per community: a service catalogue (construction permit with a fee, certificate of residence with a
 *   small fee, the free tax-liability certificate, a free inquiry service, a free excavation consent);
 *   60 applications and inquiries through every status; 21 local duties and fees (paid, in instalments,
 *   partially paid, due, overdue, waived by a council decision, cancelled, refunded) besides the permits'
 *   and certificates' fees; 14 legal acts (see demo-acts.ts); 26 complaints through every status; about
 *   35 documents of the correspondence journals, one dispatched on the system to the next demo community
 *   (see demo-documents.ts).
 * - Business time (`occurredAt`) spreads over the 18 months before `today`, in order within each
 *   aggregate; the commands run in business-time order, so the log reads like those months.
 * - Deterministic: a fixed-seed generator (no Math.random, no clock), and every command has a fixed
 *   `commandId` (`demo:<community>:<case>:<step>`), so seeding again appends nothing. A later run on
 *   another day finds the earlier run's dates (from its first application) and replays the same plan.
 * - Its people are appointed first, in the staff directory (demo-staff.ts): the ministry official (by the
 *   system, as `hamaynk appoint` does) and an auditor, then in each community three clerks, the head and the
 *   council secretary (by the ministry). Every staff actor of the demo is one of them (id = personal id).
 * - A paid fee linked to an application is settled on it exactly as the permit/fee process manager
 *   would (commandId `fee-settlement:<eventId of FeePaid>`), so the manager later finds it done.
 */
import { addDays, daysBetween, isIsoDate, yerevanDate } from '../domain/kernel/time';
import type { Actor, EventStore } from '../application/ports/event-store';
import { actKey, EXEMPTION_PUBLISHED_DAY, planActs } from './demo-acts';
import { DEMO_WINDOW_DAYS, planApplications } from './demo-applications';
import { planComplaints } from './demo-complaints';
import { planDocuments } from './demo-documents';
import { BUSINESSES, DEMO_COMMUNITIES, FIRST_NAMES, SURNAMES, demoServices, type DemoCommunity } from './demo-content';
import { planFees } from './demo-fees';
import { DemoRuntime, Timeline, pad2, type DemoActors, type DemoEventStore, type DemoCommands } from './demo-timeline';
import { createRandom, type Random } from './random';
import { systemActor } from '../application/authorization';
import { DEMO_AUDITOR, DEMO_MINISTRY_OFFICIAL, demoCommunityStaff, type DemoStaffMember } from './demo-staff';

export { DEMO_COMMUNITIES, DEMO_WINDOW_DAYS, type DemoCommunity, type DemoCommands, type DemoEventStore };

/** Seed of the demo's generator. */
export const DEMO_SEED = 2026;

/** The command whose recorded date tells a later run where the first run placed the demo. */
export const DEMO_PROBE_COMMAND = `demo:${DEMO_COMMUNITIES[0].code}:app-01:submit`;

/**
 * How the demo's events are known: their correlation id is a demo command id (`demo:…`). Only the seed,
 * in-process, sets it so: GraphQL commands are correlated by the server's own request id.
 */
export const DEMO_CORRELATION_PREFIX = 'demo:';

export const isDemoEvent = (event: { readonly metadata: { readonly correlationId?: string } }): boolean =>
  event.metadata.correlationId?.startsWith(DEMO_CORRELATION_PREFIX) === true;

/**
 * Whether the log holds the demo's synthetic cases: the demo's first case (the probe command) is
 * recorded and its event is the demo's. Two indexed reads; a client reusing the probe's command id for a
 * command of its own does not count (its event is correlated by its request).
 */
export const demoDataInLog = async (eventStore: Pick<EventStore, 'findCommand' | 'readStream'>): Promise<boolean> => {
  const probe = await eventStore.findCommand(DEMO_PROBE_COMMAND);
  if (!probe) return false;
  const events = await eventStore.readStream(probe.streamId, { fromRevision: probe.revision, toRevision: probe.revision });
  return events.some(isDemoEvent);
};

/** The ministry official who keeps the communities' service catalogues and appoints the demo's staff. */
export const DEMO_MINISTRY: Actor = { id: DEMO_MINISTRY_OFFICIAL.personalId, role: 'ministry', assurance: 'eid', channel: 'staff' };

/** Who appoints the first official: the system, as `hamaynk appoint` does. */
const DEMO_BOOTSTRAP: Actor = systemActor('hamaynk-seed');

export interface DemoDeps {
  /** The command bus (interfaces/composition.ts `createWriteSide(...).commands`). */
  readonly commands: DemoCommands;
  readonly eventStore: DemoEventStore;
  /** YYYY-MM-DD (Asia/Yerevan): the demo covers the 18 months before it. */
  readonly today: string;
  readonly seed?: number;
}

export interface DemoResult {
  /** Commands sent (a repeated one included). */
  readonly commands: number;
  /** Events the demo appended (0 when it had been seeded before). */
  readonly appended: number;
}

export const seedDemo = async (deps: DemoDeps): Promise<DemoResult> => {
  if (!isIsoDate(deps.today)) throw new Error(`demo seed: today must be a date YYYY-MM-DD, not ${String(deps.today)}`);
  const seed = deps.seed ?? DEMO_SEED;
  const headBefore = await deps.eventStore.headPosition();
  const today = await anchoredToday(deps, seed);
  const rt = new DemoRuntime(deps.commands, deps.eventStore);
  for (const step of planDemo(today, rt, seed).chronological()) await step.run();
  return { commands: rt.sent, appended: await countAppended(deps.eventStore, headBefore) };
};

/** The demo's commands as a timeline (nothing runs until a step's `run` is called). */
export const planDemo = (today: string, rt: DemoRuntime, seed: number = DEMO_SEED): Timeline => {
  const t = new Timeline(today, rt);
  planOfficials(t);
  for (const c of DEMO_COMMUNITIES) {
    const random = (part: string): Random => createRandom(seed, `demo:${c.code}:${part}`);
    const actors = demoActors(c, random('people'));
    planCatalogue(t, c);
    planStaff(t, c);
    planActs(t, c, actors, random('acts'));
    planApplications(t, c, actors, random('applications'));
    planFees(t, c, actors, random('fees'), actKey(c, 'exemptions'), EXEMPTION_PUBLISHED_DAY);
    planComplaints(t, c, actors, random('complaints'));
    planDocuments(t, c, actors, random('documents'));
  }
  return t;
};

/** The community's staff, head, council secretary (the people of demo-staff.ts), 40 residents and a few businesses. */
export const demoActors = (c: DemoCommunity, rnd: Random): DemoActors => {
  const staff = ({ personalId, role }: DemoStaffMember): Actor => ({
    id: personalId,
    role,
    communityId: c.code,
    assurance: role === 'head' ? 'eid' : 'password',
    channel: 'staff',
    // The office the national history opens for the community (`<code>-CSO1`).
    ...(role === 'staff' ? { officeId: `${c.code}-CSO1` } : {}),
  });
  const people = demoCommunityStaff(c.code);
  const firstNames = rnd.shuffle(FIRST_NAMES);
  const surnames = rnd.shuffle(SURNAMES);
  return {
    ministry: DEMO_MINISTRY,
    clerks: people.clerks.map(staff),
    head: staff(people.head),
    council: staff(people.councilSecretary),
    residents: Array.from({ length: 40 }, (_, i) => {
      const id = `res-${c.code}-${pad2(i + 1)}`;
      const name = `${firstNames[i % firstNames.length]} ${surnames[(i * 7 + Math.floor(i / surnames.length)) % surnames.length]}`;
      return { id, name, actor: { id, role: 'resident', assurance: i % 4 === 3 ? 'mid' : 'eid', channel: 'online' } satisfies Actor };
    }),
    businesses: BUSINESSES.map((name, i) => ({ id: `org-${c.code}-${pad2(i + 1)}`, name })),
  };
};

/** The ministry official (appointed by the system) and the auditor, before anything else. */
const planOfficials = (t: Timeline): void => {
  const story = t.story(7 * 60);
  story.command(-DEMO_WINDOW_DAYS - 1, `demo:appoint:${DEMO_MINISTRY_OFFICIAL.personalId}`, DEMO_BOOTSTRAP, (ctx, rt) =>
    rt.commands.appointOfficial({ personalId: DEMO_MINISTRY_OFFICIAL.personalId, role: DEMO_MINISTRY_OFFICIAL.role, name: DEMO_MINISTRY_OFFICIAL.name }, ctx),
  );
  story.command(-DEMO_WINDOW_DAYS - 1, `demo:appoint:${DEMO_AUDITOR.personalId}`, DEMO_MINISTRY, (ctx, rt) =>
    rt.commands.appointOfficial({ personalId: DEMO_AUDITOR.personalId, role: DEMO_AUDITOR.role, name: DEMO_AUDITOR.name }, ctx),
  );
};

/** The community's clerks, head and council secretary, appointed by the ministry once the community is registered. */
const planStaff = (t: Timeline, c: DemoCommunity): void => {
  const story = t.story(9 * 60);
  const people = demoCommunityStaff(c.code);
  for (const person of [people.head, people.councilSecretary, ...people.clerks]) {
    story.command(-DEMO_WINDOW_DAYS, `demo:${c.code}:appoint:${person.personalId}`, DEMO_MINISTRY, (ctx, rt) =>
      rt.commands.appointStaff({ communityId: c.code, personalId: person.personalId, role: person.role, name: person.name }, ctx),
    );
  }
};

/** The community (when the store lacks it) and its service catalogue, on the demo's first day. */
const planCatalogue = (t: Timeline, c: DemoCommunity): void => {
  const story = t.story(8 * 60);
  const registration = `demo:${c.code}:register-community`;
  story.custom(-DEMO_WINDOW_DAYS - 1, registration, async (at, rt) => {
    if (await rt.eventStore.streamInfo(`community-${c.code}`)) return;
    await rt.send(registration, () =>
      rt.commands.registerCommunity(
        {
          input: { code: c.code, nameHy: c.nameHy, nameEn: c.nameEn, province: c.province, kind: c.kind, population: c.population, settlements: [...c.settlements], occurredAt: at },
          source: 'synthetic',
        },
        { actor: DEMO_MINISTRY, commandId: registration, occurredAt: at },
      ),
    );
  });
  for (const service of demoServices(c)) {
    story.command(-DEMO_WINDOW_DAYS, `demo:${c.code}:offer-service:${service.code}`, DEMO_MINISTRY, (ctx, rt) =>
      rt.commands.offerService({ communityId: c.code, input: { ...service }, source: 'synthetic' }, ctx),
    );
  }
};

/**
 * The `today` the demo was first seeded with: if the probe command was recorded, the plan is shifted by
 * the days between where this plan puts it and where it was recorded, so a run on another day repeats
 * the first run's commands exactly (and appends nothing) instead of clashing with them.
 */
const anchoredToday = async (deps: DemoDeps, seed: number): Promise<string> => {
  const prior = await deps.eventStore.findCommand(DEMO_PROBE_COMMAND);
  if (!prior) return deps.today;
  const [first] = await deps.eventStore.readStream(prior.streamId, { fromRevision: 0, toRevision: 0 });
  const probe = planDemo(deps.today, new DemoRuntime(deps.commands, deps.eventStore), seed).steps.find((s) => s.commandId === DEMO_PROBE_COMMAND);
  if (!first || !probe) return deps.today;
  return addDays(deps.today, daysBetween(probe.at.slice(0, 10), yerevanDate(first.metadata.occurredAt)));
};

const PAGE = 1000;

/** Events after `after` that the demo's commands caused (their correlation id is a demo command id). */
const countAppended = async (eventStore: DemoEventStore, after: bigint | null): Promise<number> => {
  let count = 0;
  let cursor = after;
  for (;;) {
    const batch = await eventStore.readAll({ ...(cursor === null ? {} : { after: cursor }), maxCount: PAGE });
    count += batch.filter(isDemoEvent).length;
    if (batch.length < PAGE) return count;
    cursor = batch[batch.length - 1].position;
  }
};
