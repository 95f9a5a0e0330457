/**
 * The demo's complaints of one community through every status: filed, acknowledged and assigned (some
 * overdue), responded with each resolution (some late), escalated to the head and on to the ministry,
 * reopened by the complainant within 30 days of the response, answered again and closed. Half arrive
 * online from residents signed in with eID/mID, the rest by hotline, at the citizen service office or in
 * person, filed by a clerk on the complainant's behalf (a few hotline calls anonymous).
 */
import { COMPLAINT_RESPONSES, COMPLAINT_TOPICS, ESCALATION_REASONS, REOPEN_REASON, type DemoCommunity } from './demo-content';
import { DEMO_WINDOW_DAYS } from './demo-applications';
import { mix, onBehalf, pad2, recentBiased, type DemoActors, type Timeline } from './demo-timeline';
import type { Random } from './random';

type ComplaintOutcome =
  | 'filed'
  | 'acknowledged'
  | 'assigned'
  | 'responded'
  | 'escalated-head'
  | 'escalated-ministry'
  | 'escalated-responded'
  | 'reopened'
  | 'reopened-closed'
  | 'closed'
  | 'closed-late';

export const COMPLAINT_MIX: ReadonlyArray<readonly [ComplaintOutcome, number]> = [
  ['filed', 2],
  ['acknowledged', 2],
  ['assigned', 3],
  ['responded', 6],
  ['escalated-head', 1],
  ['escalated-ministry', 1],
  ['escalated-responded', 1],
  ['reopened', 2],
  ['reopened-closed', 1],
  ['closed', 5],
  ['closed-late', 2],
];

type Resolution = 'upheld' | 'partially-upheld' | 'rejected';
const RESOLUTIONS: readonly Resolution[] = ['upheld', 'partially-upheld', 'rejected'];

/** Days from filing to the response due date. */
const RESPONSE_DAYS = 30;

type Step =
  | { readonly r: number; readonly kind: 'acknowledge' | 'assign' | 'reopen' | 'close' }
  | { readonly r: number; readonly kind: 'escalate'; readonly to: 'head' | 'ministry' }
  | { readonly r: number; readonly kind: 'respond'; readonly resolution: Resolution };

export const planComplaints = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random): void => {
  const seen = new Map<ComplaintOutcome, number>();
  let resolutions = 0;
  const nextResolution = (): Resolution => RESOLUTIONS[resolutions++ % RESOLUTIONS.length];

  mix(rnd, COMPLAINT_MIX).forEach((outcome, i) => {
    const k = seen.get(outcome) ?? 0;
    seen.set(outcome, k + 1);
    const steps: Step[] = [];
    let r = 0;
    const push = (step: Step): void => {
      r = Math.max(r, step.r);
      steps.push({ ...step, r });
    };
    const respond = (late: boolean): void => {
      const day = late ? RESPONSE_DAYS + rnd.int(1, 20) : Math.max(r + 1, rnd.int(3, RESPONSE_DAYS));
      push({ r: day, kind: 'respond', resolution: nextResolution() });
    };

    if (outcome !== 'filed') push({ r: rnd.int(0, 2), kind: 'acknowledge' });
    const escalates = outcome.startsWith('escalated');
    if (outcome !== 'filed' && outcome !== 'acknowledged' && !(escalates && rnd.next() < 0.5)) push({ r: r + rnd.int(0, 3), kind: 'assign' });
    if (escalates) push({ r: r + rnd.int(1, 5), kind: 'escalate', to: 'head' });
    if (outcome === 'escalated-ministry') push({ r: r + rnd.int(2, 7), kind: 'escalate', to: 'ministry' });
    const answered = ['responded', 'escalated-responded', 'reopened', 'reopened-closed', 'closed', 'closed-late'].includes(outcome);
    if (answered) respond(outcome === 'closed-late' || rnd.next() < 0.1);
    if (outcome === 'reopened' || outcome === 'reopened-closed') push({ r: r + rnd.int(2, 20), kind: 'reopen' });
    if (outcome === 'reopened-closed') push({ r: r + rnd.int(3, 12), kind: 'respond', resolution: nextResolution() });
    if (outcome === 'closed' || outcome === 'closed-late' || outcome === 'reopened-closed') push({ r: r + rnd.int(3, 12), kind: 'close' });

    let lo = -DEMO_WINDOW_DAYS + 12;
    let hi = -1 - r;
    if (outcome === 'filed' || outcome === 'acknowledged' || outcome === 'assigned') {
      if (k % 2 === 0) {
        // Nobody answered in time: overdue.
        hi = Math.min(hi, -(RESPONSE_DAYS + 2));
        lo = hi - 60;
      } else {
        lo = Math.max(lo, -(RESPONSE_DAYS - 1));
      }
    }
    if (escalates && outcome !== 'escalated-responded') lo = Math.max(lo, hi - 40);
    const s = recentBiased(rnd, lo, hi);

    const key = `${c.code}:complaint-${pad2(i + 1)}`;
    const cid = (what: string): string => `demo:${key}:${what}`;
    const topic = rnd.pick(COMPLAINT_TOPICS);
    const street = `${rnd.pick(c.streets)} ${rnd.int(1, 120)}`;
    const resident = rnd.pick(actors.residents);
    const roll = rnd.next();
    const channel = roll < 0.5 ? 'online' : roll < 0.7 ? 'hotline' : roll < 0.9 ? 'cso' : 'in-person';
    const anonymous = channel === 'hotline' && rnd.next() < 0.35 && outcome !== 'reopened' && outcome !== 'reopened-closed';
    const clerk = actors.clerks[2 % actors.clerks.length];
    const assignee = rnd.pick(actors.clerks);
    const story = t.story(rnd.int(9 * 60, 16 * 60));

    story.command(s, cid('file'), channel === 'online' ? resident.actor : onBehalf(clerk, channel, anonymous ? null : resident.id), async (ctx, rt) => {
      const result = await rt.commands.fileComplaint(
        {
          input: {
            communityId: c.code,
            channel,
            category: topic.category,
            subject: topic.subject,
            description: `${topic.description} Հասցե՝ ${c.nameHy}, ${street}։`,
            ...(anonymous ? {} : { complainantName: resident.name, complainantId: resident.id }),
          },
        },
        ctx,
      );
      rt.remember(key, result.id);
    });

    let responded = 0;
    for (const step of steps) {
      const day = s + step.r;
      switch (step.kind) {
        case 'acknowledge':
          story.command(day, cid('acknowledge'), clerk, (ctx, rt) => rt.commands.acknowledgeComplaint({ id: rt.id(key) }, ctx));
          break;
        case 'assign':
          story.command(day, cid('assign'), clerk, (ctx, rt) => rt.commands.assignComplaint({ id: rt.id(key), assigneeId: assignee.id }, ctx));
          break;
        case 'escalate':
          story.command(day, cid(`escalate-${step.to}`), step.to === 'ministry' ? actors.head : clerk, (ctx, rt) =>
            rt.commands.escalateComplaint({ id: rt.id(key), to: step.to, reason: ESCALATION_REASONS[step.to] }, ctx),
          );
          break;
        case 'respond': {
          responded += 1;
          const response = rnd.pick(COMPLAINT_RESPONSES[step.resolution]);
          const responder = outcome.startsWith('escalated') ? actors.head : assignee;
          story.command(day, cid(`respond-${responded}`), responder, (ctx, rt) =>
            rt.commands.respondToComplaint({ id: rt.id(key), response, resolution: step.resolution }, ctx),
          );
          break;
        }
        case 'reopen':
          story.command(day, cid('reopen'), anonymous ? clerk : resident.actor, (ctx, rt) => rt.commands.reopenComplaint({ id: rt.id(key), reason: REOPEN_REASON }, ctx));
          break;
        case 'close':
          story.command(day, cid('close'), clerk, (ctx, rt) => rt.commands.closeComplaint({ id: rt.id(key) }, ctx));
          break;
      }
    }
  });
};
