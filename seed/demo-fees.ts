/**
 * The demo's local duties and fees of one community that belong to no application: paid at once or in
 * instalments, partially paid, due, overdue, waived by the council's exemption decision, cancelled,
 * refunded. (The fees of permits and certificates are planned with their applications.)
 */
import { CANCEL_REASON, FULL_REFUND_REASON, LOCAL_FEES, REFUND_REASON, WAIVER_REASON, type DemoCommunity } from './demo-content';
import { DEMO_WINDOW_DAYS } from './demo-applications';
import { mix, pad2, recentBiased, type DemoActors, type Timeline } from './demo-timeline';
import type { Random } from './random';

type FeeOutcome = 'paid' | 'paid-in-two' | 'partial' | 'partial-overdue' | 'due' | 'due-overdue' | 'waived' | 'cancelled' | 'refunded' | 'refunded-cancelled';

export const FEE_MIX: ReadonlyArray<readonly [FeeOutcome, number]> = [
  ['paid', 6],
  ['paid-in-two', 2],
  ['partial', 1],
  ['partial-overdue', 2],
  ['due', 2],
  ['due-overdue', 3],
  ['waived', 2],
  ['cancelled', 1],
  ['refunded', 1],
  ['refunded-cancelled', 1],
];

/** Days from assessment to the due date. */
const FEE_TERM_DAYS = 30;

type FeeStep = { readonly r: number; readonly kind: 'pay'; readonly amountAmd: number } | { readonly r: number; readonly kind: 'waive' | 'cancel' } | { readonly r: number; readonly kind: 'refund'; readonly amountAmd: number; readonly reason: string };

/**
 * @param exemptionActKey the key (in the runtime's ids) of the published exemption decision the waivers cite
 * @param waiversFrom the first day (relative to today) on which that decision is published
 */
export const planFees = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random, exemptionActKey: string, waiversFrom: number): void => {
  mix(rnd, FEE_MIX).forEach((outcome, i) => {
    const local = outcome === 'waived' ? rnd.pick(LOCAL_FEES.filter((f) => !f.business)) : rnd.pick(LOCAL_FEES);
    const amountAmd = Math.round(rnd.int(local.minAmd, local.maxAmd) / 100) * 100;
    const payer = local.business ? rnd.pick(actors.businesses) : rnd.pick(actors.residents);
    const steps: FeeStep[] = [];
    let r = 0;
    const push = (step: FeeStep): void => {
      r = step.r;
      steps.push(step);
    };
    const part = (share: number): number => Math.max(100, Math.round((amountAmd * share) / 100) * 100);
    switch (outcome) {
      case 'paid':
        push({ r: rnd.next() < 0.15 ? rnd.int(FEE_TERM_DAYS + 1, FEE_TERM_DAYS + 30) : rnd.int(1, FEE_TERM_DAYS - 2), kind: 'pay', amountAmd });
        break;
      case 'paid-in-two': {
        const first = part(0.5);
        push({ r: rnd.int(1, 10), kind: 'pay', amountAmd: first });
        push({ r: r + rnd.int(5, 18), kind: 'pay', amountAmd: amountAmd - first });
        break;
      }
      case 'partial':
        push({ r: rnd.int(1, 4), kind: 'pay', amountAmd: part(0.5) });
        break;
      case 'partial-overdue':
        push({ r: rnd.int(1, 20), kind: 'pay', amountAmd: part(0.3 + 0.3 * rnd.next()) });
        break;
      case 'waived':
        push({ r: rnd.int(2, 20), kind: 'waive' });
        break;
      case 'cancelled':
        push({ r: rnd.int(1, 10), kind: 'cancel' });
        break;
      case 'refunded': {
        push({ r: rnd.int(1, 20), kind: 'pay', amountAmd });
        push({ r: r + rnd.int(3, 30), kind: 'refund', amountAmd: part(0.2), reason: REFUND_REASON });
        break;
      }
      case 'refunded-cancelled': {
        // A paid fee is never cancelled: the first instalment is returned, then the fee is cancelled.
        const first = part(0.5);
        push({ r: rnd.int(1, 10), kind: 'pay', amountAmd: first });
        push({ r: r + rnd.int(2, 10), kind: 'refund', amountAmd: first, reason: FULL_REFUND_REASON });
        push({ r, kind: 'cancel' });
        break;
      }
      case 'due':
      case 'due-overdue':
        break;
    }

    let lo = -DEMO_WINDOW_DAYS + 12;
    let hi = -1 - r;
    if (outcome === 'due' || outcome === 'partial') lo = Math.max(lo, -(FEE_TERM_DAYS - 1));
    if (outcome === 'due-overdue' || outcome === 'partial-overdue') {
      hi = Math.min(hi, -(FEE_TERM_DAYS + 2));
      lo = Math.max(lo, -360);
    }
    if (outcome === 'waived') lo = Math.max(lo, waiversFrom + 1);
    const s = recentBiased(rnd, lo, hi);

    const key = `${c.code}:fee-${pad2(i + 1)}`;
    const cid = (what: string): string => `demo:${key}:${what}`;
    const clerk = actors.clerks[1 % actors.clerks.length];
    const story = t.story(rnd.int(9 * 60, 16 * 60));
    const dueOn = t.date(s + FEE_TERM_DAYS);
    story.command(s, cid('assess'), clerk, async (ctx, rt) => {
      const result = await rt.commands.assessFee(
        { input: { communityId: c.code, payerId: payer.id, payerName: payer.name, code: local.code, amountAmd, dueOn, basis: local.basis } },
        ctx,
      );
      rt.remember(key, result.id);
    });
    let payments = 0;
    for (const step of steps) {
      const day = s + step.r;
      switch (step.kind) {
        case 'pay': {
          payments += 1;
          const n = payments;
          story.command(day, cid(`payment-${n}`), clerk, (ctx, rt) =>
            rt.commands.recordPayment({ id: rt.id(key), amountAmd: step.amountAmd, paidAt: ctx.occurredAt as string, reference: `TRS-${key}-${n}` }, ctx),
          );
          break;
        }
        case 'waive':
          story.command(day, cid('waive'), actors.head, (ctx, rt) => rt.commands.waiveFee({ id: rt.id(key), reason: WAIVER_REASON, actId: rt.id(exemptionActKey) }, ctx));
          break;
        case 'cancel':
          story.command(day, cid('cancel'), clerk, (ctx, rt) => rt.commands.cancelFee({ id: rt.id(key), reason: CANCEL_REASON }, ctx));
          break;
        case 'refund':
          story.command(day, cid('refund'), clerk, (ctx, rt) => rt.commands.refundFee({ id: rt.id(key), amountAmd: step.amountAmd, reason: step.reason }, ctx));
          break;
      }
    }
  });
};
