/**
 * The full command round trip in process (validate, authorize, load, decide, append with the expected
 * revision, acknowledged once durable) through `createWriteSide` on a SqliteEventStore (FULL):
 *
 * - `submitApplication` by a resident (eID): loads the community's stream (10 or 1 000 prior events) to
 *   find the offered service, then creates a new application stream;
 * - `recordPayment` by the community's staff: loads the fee's stream (10 or 1 000 prior events) to
 *   authorize, then loads it again, decides and appends one event. Each row works round robin over
 *   several fees so a stream grows little while measured (the note gives the range of prior events).
 *
 * The baseline is the ceiling of one-transaction-per-append single-event inserts (plain better-sqlite3,
 * FULL, on the ceiling's log of the same size), measured in turns with the command rows: a ratio above 1×
 * means more acknowledged commands per second than SQLite gives appends when each commits alone.
 */
import { ConcurrencyConflict } from '../../application/errors';
import type { EventStore } from '../../application/ports/event-store';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';
import { CEILING, paymentEvent, plainSqlite, ROUNDS } from './appends';
import { COMMUNITY_10, COMMUNITY_1000, resident, staffOf, submission, type LogPlan } from './fixtures';
import { interleaved, type BenchRow, type Contender, type MeasureOptions } from './harness';

export const ROUND_TRIP = 'command round trip';
export const SUBMIT_10 = 'submitApplication, community stream of 10 events';
export const SUBMIT_1000 = 'submitApplication, community stream of 1 000 events';
export const PAY_10 = 'recordPayment, fee stream of 10 events';
export const PAY_1000 = 'recordPayment, fee stream of 1 000 events';
export const PAY_16 = 'recordPayment ×16 callers (group commit)';
export const SUBMIT_16 = 'submitApplication ×16 callers (group commit)';
export const REGISTER_16 = 'registerApplication ×16 callers on one community (one journal stream)';

export interface CommandLog {
  readonly log: number;
  readonly store: SqliteEventStore;
  readonly plan: LogPlan;
  readonly plainFile: string;
}

/** The round-trip rows on every log size, all measured in turns with each other and with the ceiling. */
export const commandRows = async (quick: boolean, logs: readonly CommandLog[]): Promise<BenchRow[]> => {
  const maxSeconds = quick ? 1.5 : 3;
  const n = quick
    ? { submit10: 1500, submit1000: 150, pay10: 400, pay1000: 100, c16: 2400, register16: 600 }
    : { submit10: 4000, submit1000: 300, pay10: 1000, pay1000: 200, c16: 6000, register16: 2000 };
  let reference = 0;
  const contenders: Contender[] = [];
  const finish: Array<() => Promise<Record<string, string>>> = [];
  const plains: Array<ReturnType<typeof plainSqlite>> = [];
  try {
    for (const { log, store, plan, plainFile } of logs) {
      // Appends refused for a stale expected revision: the registration journal's conflict retries.
      let conflicts = 0;
      const counting = new Proxy(store, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown;
          if (property !== 'append' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          return async (...args: Parameters<EventStore['append']>) => {
            try {
              return await target.append(...args);
            } catch (error) {
              if (error instanceof ConcurrencyConflict) conflicts += 1;
              throw error;
            }
          };
        },
      });
      const { commands } = createWriteSide({ eventStore: counting });
      const residentCtx = { actor: resident };
      const staffCtx = { actor: staffOf(COMMUNITY_10) };
      const base: MeasureOptions = { log, maxSeconds, baseline: CEILING };
      const submit = (communityId: string) => () => commands.submitApplication({ input: submission(communityId) }, residentCtx);
      const pay = (fees: readonly string[]) => (i: number) =>
        commands.recordPayment({ id: fees[i % fees.length].slice('fee-'.length), amountAmd: 100, paidAt: '2026-11-25T08:00:00.000Z', reference: `BENCH-${reference++}` }, staffCtx);
      const revisions = (fees: readonly string[]) => Promise.all(fees.map(async (f) => (await store.streamInfo(f))?.revision ?? -1));

      // Warm up the code paths (JIT) on streams the rows do not measure.
      const warm = submit(COMMUNITY_10);
      for (let i = 0; i < 50; i++) await warm();

      // One caller's fees and the 16 callers' fees apart, so each set grows only by its own row.
      const fees10 = plan.fees10.slice(0, Math.floor(plan.fees10.length / 3));
      const fees10x16 = plan.fees10.slice(fees10.length);
      const sets = [fees10, plan.fees1000, fees10x16];
      const before = await Promise.all(sets.map(revisions));
      finish.push(async () => {
        const after = await Promise.all(sets.map(revisions));
        const range = (k: number) => `${sets[k].length} fees round robin, ${Math.min(...before[k]) + 1}–${Math.max(...after[k])} prior events`;
        return { [PAY_10]: range(0), [PAY_1000]: range(1), [PAY_16]: range(2) };
      });
      // Applications to register, submitted before the rows: one journal stream for all of them.
      const toRegister: string[] = [];
      for (let i = 0; i < n.register16; i++) toRegister.push((await submit(COMMUNITY_10)()).id);
      const staffOfCommunity = { actor: staffOf(COMMUNITY_10) };
      const conflictsBefore = conflicts;
      finish.push(async () => ({
        [REGISTER_16]: `${toRegister.length} applications, journal numbers 1…${toRegister.length} taken in turns by 16 callers; ${conflicts - conflictsBefore} conflict retries (${((conflicts - conflictsBefore) / toRegister.length).toFixed(1)} per registration), none lost`,
      }));
      const plain = plainSqlite(plainFile);
      plains.push(plain);
      contenders.push(
        {
          group: ROUND_TRIP,
          name: CEILING,
          count: n.submit10,
          op: (i) => plain.append(`fee-rt${i}`, [paymentEvent(i)]),
          options: { log, maxSeconds, note: 'single-event appends, one transaction each, FULL' },
        },
        { group: ROUND_TRIP, name: SUBMIT_10, count: n.submit10, op: submit(COMMUNITY_10), options: { ...base, note: 'a new application stream each' } },
        { group: ROUND_TRIP, name: SUBMIT_1000, count: n.submit1000, op: submit(COMMUNITY_1000), options: { ...base, note: 'a new application stream each' } },
        { group: ROUND_TRIP, name: PAY_10, count: n.pay10, op: pay(fees10), options: base },
        { group: ROUND_TRIP, name: PAY_1000, count: n.pay1000, op: pay(plan.fees1000), options: base },
        { group: ROUND_TRIP, name: PAY_16, count: n.c16, op: pay(fees10x16), options: { ...base, concurrency: 16 } },
        { group: ROUND_TRIP, name: SUBMIT_16, count: n.c16, op: submit(COMMUNITY_10), options: { ...base, concurrency: 16, note: 'community stream of 10 events' } },
        { group: ROUND_TRIP, name: REGISTER_16, count: n.register16, op: (i) => commands.registerApplication({ id: toRegister[i] }, staffOfCommunity), options: { ...base, concurrency: 16 } },
      );
    }
    const rows = await interleaved(ROUNDS, contenders);
    const notes = await Promise.all(finish.map((f) => f()));
    const notesOf = (log: number | undefined): Record<string, string> => Object.assign({}, ...notes.filter((_, k) => logs[Math.floor(k / 2)]?.log === log));
    return rows.map((r) => {
      const note = notesOf(r.log)[r.name];
      return note ? { ...r, note } : r;
    });
  } finally {
    for (const p of plains) p.close();
  }
};
