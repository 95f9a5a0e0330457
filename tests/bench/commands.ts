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
 * The baseline is the same log size's ceiling of one-transaction-per-append single-event inserts (plain
 * better-sqlite3, FULL): a ratio above 1× means more acknowledged commands per second than SQLite gives
 * appends when each commits alone.
 */
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';
import { appendGroup, CEILING } from './appends';
import { COMMUNITY_10, COMMUNITY_1000, resident, staffOf, submission, type LogPlan } from './fixtures';
import { measure, type BenchRow, type MeasureOptions } from './harness';

export const ROUND_TRIP = 'command round trip';
export const SUBMIT_10 = 'submitApplication, community stream of 10 events';
export const SUBMIT_1000 = 'submitApplication, community stream of 1 000 events';
export const PAY_10 = 'recordPayment, fee stream of 10 events';
export const PAY_1000 = 'recordPayment, fee stream of 1 000 events';
export const PAY_16 = 'recordPayment ×16 callers (group commit)';
export const SUBMIT_16 = 'submitApplication ×16 callers (group commit)';

export const commandRows = async (quick: boolean, ctx: { log: number; store: SqliteEventStore; plan: LogPlan }): Promise<BenchRow[]> => {
  const { log, store, plan } = ctx;
  const { services } = createWriteSide({ eventStore: store });
  const residentCtx = { actor: resident };
  const staffCtx = { actor: staffOf(COMMUNITY_10) };
  const maxSeconds = quick ? 2.5 : 5;
  const base: MeasureOptions = { log, maxSeconds, baseline: CEILING, baselineGroup: appendGroup(1) };
  let reference = 0;
  const submit = (communityId: string) => () => services.application.submitApplication({ input: submission(communityId) }, residentCtx);
  const pay = (fees: readonly string[]) => (i: number) =>
    services.fee.recordPayment({ id: fees[i % fees.length].slice('fee-'.length), amountAmd: 100, paidAt: '2026-11-25T08:00:00.000Z', reference: `BENCH-${reference++}` }, staffCtx);
  const revisionOf = async (streamId: string) => (await store.streamInfo(streamId))?.revision ?? -1;
  const priorRange = async (fees: readonly string[], from: number[]) => {
    const to = await Promise.all(fees.map(revisionOf));
    return `${Math.min(...from) + 1}–${Math.max(...to)} prior events`;
  };

  // Warm up the code paths (JIT) on streams the rows do not measure.
  const warm = submit(COMMUNITY_10);
  for (let i = 0; i < 50; i++) await warm();

  const rows: BenchRow[] = [];
  const n = quick ? { submit10: 1500, submit1000: 200, pay10: 1000, pay1000: 150, c16: 3000 } : { submit10: 4000, submit1000: 400, pay10: 1000, pay1000: 300, c16: 8000 };
  rows.push(await measure(ROUND_TRIP, SUBMIT_10, n.submit10, submit(COMMUNITY_10), { ...base, note: 'new application stream each' }));
  rows.push(await measure(ROUND_TRIP, SUBMIT_1000, n.submit1000, submit(COMMUNITY_1000), { ...base, note: 'new application stream each' }));

  const fees10 = plan.fees10;
  let before = await Promise.all(fees10.map(revisionOf));
  const pay10 = await measure(ROUND_TRIP, PAY_10, Math.min(n.pay10, fees10.length * 2), pay(fees10), base);
  rows.push({ ...pay10, note: `${fees10.length} fees round robin, ${await priorRange(fees10, before)}` });

  const fees1000 = plan.fees1000;
  before = await Promise.all(fees1000.map(revisionOf));
  const pay1000 = await measure(ROUND_TRIP, PAY_1000, n.pay1000, pay(fees1000), base);
  rows.push({ ...pay1000, note: `${fees1000.length} fees round robin, ${await priorRange(fees1000, before)}` });

  before = await Promise.all(fees10.map(revisionOf));
  const pay16 = await measure(ROUND_TRIP, PAY_16, n.c16, pay(fees10), { ...base, concurrency: 16 });
  rows.push({ ...pay16, note: `${fees10.length} fees round robin, ${await priorRange(fees10, before)}` });
  rows.push(await measure(ROUND_TRIP, SUBMIT_16, n.c16, submit(COMMUNITY_10), { ...base, concurrency: 16, note: 'community stream of 10 events' }));
  return rows;
};
