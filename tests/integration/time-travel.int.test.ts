/** history and aggregateAsOf against hand-computed states of a fee and an act over time. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countingIds, fixedClock } from '../../application/ids';
import { createTimeTravel } from '../../application/time-travel';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';

describe('time travel', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-tt-'));
  const store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const { commands } = createWriteSide({ eventStore: store, clock, ids: countingIds('tt') });
  const travel = createTimeTravel(store);
  const ministry = { id: 'min', role: 'ministry' as const, assurance: 'password' as const, channel: 'staff' as const };
  const clerk = { id: 'clerk', role: 'staff' as const, communityId: 'DIL', assurance: 'password' as const, channel: 'staff' as const };
  let feeId = '';

  beforeAll(async () => {
    await commands.registerCommunity({ input: { code: 'DIL', nameHy: 'Դիլիջան', nameEn: 'Dilijan', province: 'Tavush', kind: 'urban', population: 17000 } }, { actor: ministry });
    const fee = await commands.assessFee(
      { input: { communityId: 'DIL', payerId: 'r1', payerName: 'Անի Սարգսյան', code: 'land-tax', amountAmd: 30000, dueOn: '2026-03-20', basis: 'Ավագանու որոշում N 12' } },
      { actor: clerk },
    );
    feeId = fee.id;
    clock.set('2026-03-10T09:00:00.000Z');
    await commands.recordPayment({ id: feeId, amountAmd: 10000, paidAt: '2026-03-10T08:00:00.000Z', reference: 'TR-1' }, { actor: clerk });
    clock.set('2026-04-02T09:00:00.000Z');
    await commands.recordPayment({ id: feeId, amountAmd: 20000, paidAt: '2026-04-02T08:00:00.000Z', reference: 'TR-2' }, { actor: clerk });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('history lists what was recorded up to a moment, or up to a revision', async () => {
    expect((await travel.history(`fee-${feeId}`)).map((e) => e.type)).toEqual(['FeeAssessed', 'FeePaymentRecorded', 'FeePaymentRecorded', 'FeePaid']);
    expect((await travel.history(`fee-${feeId}`, { asOf: '2026-03-05T00:00:00Z' })).map((e) => e.type)).toEqual(['FeeAssessed']);
    expect((await travel.history(`fee-${feeId}`, { asOf: '2026-03-10' })).map((e) => e.revision)).toEqual([0, 1]);
    expect((await travel.history(`fee-${feeId}`, { revision: 2 })).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await travel.history(`fee-${feeId}`, { asOf: '2026-02-28T23:00:00Z' })).toEqual([]);
  });

  it('aggregateAsOf folds the view as it stood, derived facts included', async () => {
    const assessed = await travel.aggregateAsOf(`fee-${feeId}`, { asOf: '2026-03-05T12:00:00Z' });
    expect(assessed).toMatchObject({ revision: 0, view: { status: 'due', paidAmd: 0, balanceAmd: 30000, overdue: false } });
    const partly = await travel.aggregateAsOf(`fee-${feeId}`, { asOf: '2026-03-25' });
    // 10 000 of 30 000 paid, and by 25 March the due date (20 March) had passed.
    expect(partly).toMatchObject({ revision: 1, view: { status: 'partially-paid', paidAmd: 10000, balanceAmd: 20000, overdue: true } });
    const paid = await travel.aggregateAsOf(`fee-${feeId}`, {});
    expect(paid).toMatchObject({ revision: 3, view: { status: 'paid', paidAmd: 30000, balanceAmd: 0, overdue: false } });
    expect(await travel.aggregateAsOf(`fee-${feeId}`, { revision: 1 })).toMatchObject({ revision: 1, view: { paidAmd: 10000 } });
    expect(await travel.aggregateAsOf(`community-DIL`, { asOf: '2026-03-01' })).toMatchObject({ view: { nameHy: 'Դիլիջան', status: 'active' } });
  });

  it('refuses a malformed moment and a stream that is not an aggregate', async () => {
    await expect(travel.history(`fee-${feeId}`, { asOf: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(travel.aggregateAsOf('actregister-DIL_2026')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
