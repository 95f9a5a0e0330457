/**
 * The machinery of the demo seed (demo.ts): a timeline of commands in business time, stories (one
 * aggregate's life, or a few that belong together) whose steps are strictly chronological, and the
 * runtime that sends each command through the command bus and remembers the ids they create.
 *
 * Days are counted relative to `today` (-1 is yesterday), so the whole demo moves with `today` and a
 * later run can find where an earlier one put it (see demo.ts, `anchoredToday`).
 */
import { addDays } from '../domain/kernel/time';
import { systemActor } from '../application/authorization';
import type { CommandContext } from '../application/command-handler';
import { feeStreamId } from '../application/fee/commands';
import type { Commands } from '../application/commands/registry';
import type { Actor, EventStore } from '../application/ports/event-store';
import { settlementOf } from '../application/process-managers/permit-fee-settlement';
import type { Random } from './random';

/** The write side the demo drives: the command bus (interfaces/composition.ts builds it). */
export type DemoCommands = Commands;

/** What the demo reads from the log: whether a community exists, an earlier run's anchor, a fee's events, what it appended. */
export type DemoEventStore = Pick<EventStore, 'findCommand' | 'readStream' | 'readAll' | 'headPosition' | 'streamInfo'>;

export interface DemoStep {
  /** Business time, `YYYY-MM-DDTHH:MM:00+04:00` (so the strings sort chronologically). */
  readonly at: string;
  /** Order of planning, to keep simultaneous steps in a stable order. */
  readonly seq: number;
  readonly commandId: string;
  readonly run: () => Promise<void>;
}

/** Sends the demo's commands, counts them, and keeps the ids of the aggregates they created. */
export class DemoRuntime {
  sent = 0;
  private readonly ids = new Map<string, string>();

  constructor(
    readonly commands: DemoCommands,
    readonly eventStore: DemoEventStore,
  ) {}

  /** Runs one command; a failure names the command (the CLI prints it as its one-line reason). */
  async send<R>(commandId: string, call: () => Promise<R>): Promise<R> {
    this.sent += 1;
    try {
      return await call();
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new Error(`demo seed: command ${commandId} failed${code ? ` (${code})` : ''}: ${(error as Error).message}`, { cause: error });
    }
  }

  remember(key: string, id: string): void {
    this.ids.set(key, id);
  }

  /** The id of an aggregate an earlier step created. */
  id(key: string): string {
    const id = this.ids.get(key);
    if (id === undefined) throw new Error(`demo seed: ${key} was not created before it was used`);
    return id;
  }

  /**
   * What the permit/fee process manager does when a fee linked to an application is paid in full (by the
   * payment `paymentCommandId`; an instalment that does not complete the fee settles nothing):
   * RecordFeeSettlement as the system actor with commandId `fee-settlement:<eventId of FeePaid>`, the same
   * arguments and correlation, so the manager finds it done (or the demo finds the manager's).
   */
  async settleFeePayment(feeId: string, paymentCommandId: string): Promise<void> {
    const events = await this.eventStore.readStream(feeStreamId(feeId));
    const paid = events.find((e) => e.type === 'FeePaid' && e.metadata.commandId === paymentCommandId);
    const settlement = paid ? settlementOf(paid) : null;
    if (!paid || !settlement) return;
    const eventId = paid.metadata.eventId;
    const commandId = `fee-settlement:${eventId}`;
    await this.send(commandId, () =>
      this.commands.recordFeeSettlement(
        { id: settlement.applicationId, feeId: settlement.feeId, communityId: settlement.communityId, how: settlement.how, at: settlement.at },
        {
          actor: systemActor(),
          commandId,
          causationId: eventId,
          correlationId: paid.metadata.correlationId ?? eventId,
          occurredAt: paid.metadata.occurredAt,
        },
      ),
    );
  }
}

export class Timeline {
  readonly steps: DemoStep[] = [];

  constructor(
    readonly today: string,
    readonly rt: DemoRuntime,
  ) {}

  /** The calendar date `day` days from today (negative: in the past). */
  date(day: number): string {
    return addDays(this.today, day);
  }

  /** A story whose steps happen from `baseMinute` (minutes after midnight, Yerevan) on each of its days. */
  story(baseMinute: number): Story {
    return new Story(this, baseMinute);
  }

  add(at: string, commandId: string, run: () => Promise<void>): void {
    this.steps.push({ at, seq: this.steps.length, commandId, run });
  }

  /** The steps in business-time order. */
  chronological(): DemoStep[] {
    return [...this.steps].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  }
}

/** Minutes between two steps of one story on the same day. */
const STEP_MINUTES = 7;

/** Steps of one story: never earlier than the previous one, several on a day a few minutes apart. */
export class Story {
  private lastDay = Number.NEGATIVE_INFINITY;
  private onDay = 0;

  constructor(
    private readonly timeline: Timeline,
    private readonly baseMinute: number,
  ) {}

  /** The business time of the story's next step on `day` (at most -1: the demo records only the past). */
  at(day: number): string {
    if (!Number.isInteger(day) || day > -1) throw new Error(`demo seed: a step on day ${day} is not in the past`);
    if (day < this.lastDay) throw new Error(`demo seed: a step on day ${day} comes before its story's previous step (day ${this.lastDay})`);
    this.onDay = day === this.lastDay ? this.onDay + 1 : 0;
    this.lastDay = day;
    const minute = this.baseMinute + this.onDay * STEP_MINUTES;
    if (minute >= 24 * 60) throw new Error('demo seed: too many steps on one day');
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return `${this.timeline.date(day)}T${hh}:${mm}:00+04:00`;
  }

  /** One command by `actor` on `day`; `call` gets the context (actor, commandId, occurredAt). */
  command(day: number, commandId: string, actor: Actor, call: (ctx: CommandContext, rt: DemoRuntime) => Promise<unknown>): void {
    const at = this.at(day);
    const ctx: CommandContext = { actor, commandId, occurredAt: at };
    const rt = this.timeline.rt;
    this.timeline.add(at, commandId, async () => {
      await rt.send(commandId, () => call(ctx, rt));
    });
  }

  /** A step that decides at run time whether to send anything (`run` calls `rt.send` itself). */
  custom(day: number, commandId: string, run: (at: string, rt: DemoRuntime) => Promise<void>): void {
    const at = this.at(day);
    const rt = this.timeline.rt;
    this.timeline.add(at, commandId, () => run(at, rt));
  }
}

/** A resident of a demo community. */
export interface DemoResident {
  readonly id: string;
  readonly name: string;
  /** Signed in with eID or mID, online. */
  readonly actor: Actor;
}

export interface DemoActors {
  readonly ministry: Actor;
  /** Clerks of the municipality (the first also keeps the act register and the agenda). */
  readonly clerks: readonly Actor[];
  readonly head: Actor;
  /** The council secretary, who records the votes of a session. */
  readonly council: Actor;
  readonly residents: readonly DemoResident[];
  /** Businesses that pay local duties. */
  readonly businesses: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** A clerk acting for a resident through a channel (citizen service office, hotline, in person). */
export const onBehalf = (clerk: Actor, channel: 'cso' | 'hotline' | 'in-person', residentId: string | null): Actor => ({
  ...clerk,
  channel,
  ...(residentId === null ? {} : { onBehalfOf: residentId }),
});

/**
 * A whole number in [lo, hi], more often near `hi`: the use of online services grows, so recent months
 * are busier than the first ones (density ∝ x^(1/3) over the range: about three times as many at the end).
 */
export const recentBiased = (rnd: Random, lo: number, hi: number): number => {
  if (lo > hi) throw new Error(`demo seed: empty day range [${lo}, ${hi}]`);
  return Math.min(hi, lo + Math.floor((hi - lo + 1) * rnd.next() ** 0.75));
};

/** `items` repeated as often as their counts say, shuffled. */
export const mix = <T>(rnd: Random, counts: ReadonlyArray<readonly [T, number]>): T[] => rnd.shuffle(counts.flatMap(([item, n]) => Array.from({ length: n }, () => item)));

export const pad2 = (n: number): string => String(n).padStart(2, '0');
