/**
 * The demo's applications and inquiries of one community: 60 cases through every status, with the
 * fees of permits and certificates assessed, paid and settled before the document is issued.
 *
 * Each case is planned in days relative to its submission, then placed in the 18 months before today:
 * decided cases anywhere (busier in recent months), open cases either recently (not overdue) or long ago
 * (overdue), about one decision in seven after the due date (the first permit always), so the
 * transparency report's on-time share is below 100 %.
 */
import { addDays } from '../domain/kernel/time';
import {
  APPROVAL_BASIS,
  CONSENT_SUBJECTS,
  FEE_BASIS,
  INFORMATION_REQUESTS,
  INQUIRIES,
  PERMIT_SUBJECTS,
  REJECTIONS,
  RESIDENCE_PURPOSES,
  TAX_PURPOSES,
  WITHDRAWAL_REASONS,
  demoServices,
  type DemoCommunity,
  type DemoService,
  type DemoServiceCode,
} from './demo-content';
import { mix, onBehalf, pad2, recentBiased, type DemoActors, type Story, type Timeline } from './demo-timeline';
import type { Random } from './random';

export const DEMO_WINDOW_DAYS = 548;

type Outcome =
  | 'permit'
  | 'permit-awaiting-fee'
  | 'permit-partial-fee'
  | 'residence-certificate'
  | 'tax-certificate'
  | 'inquiry'
  | 'consent-approved'
  | 'certificate-approved'
  | 'rejected'
  | 'withdrawn'
  | 'awaiting-information'
  | 'assigned'
  | 'registered'
  | 'submitted';

/** How many cases of each kind a community has (60). */
export const APPLICATION_MIX: ReadonlyArray<readonly [Outcome, number]> = [
  ['permit', 10],
  ['permit-awaiting-fee', 2],
  ['permit-partial-fee', 1],
  ['residence-certificate', 8],
  ['tax-certificate', 6],
  ['inquiry', 10],
  ['consent-approved', 3],
  ['certificate-approved', 2],
  ['rejected', 6],
  ['withdrawn', 4],
  ['awaiting-information', 3],
  ['assigned', 2],
  ['registered', 2],
  ['submitted', 1],
];

const OPEN: readonly Outcome[] = ['submitted', 'registered', 'assigned', 'awaiting-information'];
const DECIDED: readonly Outcome[] = [
  'permit',
  'permit-awaiting-fee',
  'permit-partial-fee',
  'residence-certificate',
  'tax-certificate',
  'inquiry',
  'consent-approved',
  'certificate-approved',
  'rejected',
];

const SERVICE_OF: Readonly<Record<Outcome, readonly DemoServiceCode[]>> = {
  permit: ['construction-permit'],
  'permit-awaiting-fee': ['construction-permit'],
  'permit-partial-fee': ['construction-permit'],
  'residence-certificate': ['residence-certificate'],
  'tax-certificate': ['tax-liability-certificate'],
  'certificate-approved': ['tax-liability-certificate'],
  inquiry: ['general-inquiry'],
  'consent-approved': ['excavation-consent'],
  rejected: ['construction-permit', 'excavation-consent', 'construction-permit', 'residence-certificate', 'construction-permit', 'excavation-consent'],
  withdrawn: ['construction-permit', 'residence-certificate', 'general-inquiry', 'excavation-consent'],
  'awaiting-information': ['construction-permit', 'excavation-consent', 'construction-permit'],
  assigned: ['construction-permit', 'general-inquiry'],
  registered: ['excavation-consent', 'construction-permit'],
  submitted: ['general-inquiry'],
};

type StepKind = 'register' | 'assign' | 'request' | 'provide' | 'approve' | 'reject' | 'answer' | 'withdraw' | 'assess' | 'pay' | 'issue-permit' | 'issue-certificate';

interface RelativeStep {
  /** Days after submission. */
  readonly r: number;
  readonly kind: StepKind;
  readonly amountAmd?: number;
}

/** Days from a fee's assessment to its due date. */
const PERMIT_FEE_DAYS = 15;
const CERTIFICATE_FEE_DAYS = 10;

/** The community's applications, each its own story on the timeline. */
export const planApplications = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random): void => {
  const services = new Map(demoServices(c).map((s) => [s.code, s]));
  const seen = new Map<Outcome, number>();
  let firstPermit = true;
  mix(rnd, APPLICATION_MIX).forEach((outcome, i) => {
    const k = seen.get(outcome) ?? 0;
    seen.set(outcome, k + 1);
    const codes = SERVICE_OF[outcome];
    const service = services.get(codes[k % codes.length]) as DemoService;
    const forceLate = outcome === 'permit' && firstPermit;
    if (outcome === 'permit') firstPermit = false;
    planCase(t, c, actors, rnd, { n: i + 1, outcome, k, service, forceLate });
  });
};

interface CasePlan {
  readonly n: number;
  readonly outcome: Outcome;
  /** Index of this case among the community's cases with the same outcome. */
  readonly k: number;
  readonly service: DemoService;
  readonly forceLate: boolean;
}

const relativeSteps = (rnd: Random, p: CasePlan): RelativeStep[] => {
  const { outcome, service } = p;
  const deadline = service.deadlineDays;
  const steps: RelativeStep[] = [];
  let r = 0;
  const push = (kind: StepKind, at: number, amountAmd?: number): void => {
    r = Math.max(r, at);
    steps.push({ r, kind, ...(amountAmd === undefined ? {} : { amountAmd }) });
  };
  const decided = DECIDED.includes(outcome);
  if (outcome !== 'submitted') push('register', rnd.int(0, 1));
  if (decided || outcome === 'assigned' || outcome === 'awaiting-information') push('assign', r + rnd.int(0, deadline <= 5 ? 1 : 2));
  if (outcome === 'awaiting-information') push('request', r + rnd.int(1, 3));
  if (outcome === 'withdrawn') push('withdraw', r + rnd.int(1, 6));
  if (!decided) return steps;

  const mayAsk = service.code === 'construction-permit' || service.code === 'excavation-consent';
  if (mayAsk && rnd.next() < 0.3) {
    push('request', r + rnd.int(1, 3));
    push('provide', r + rnd.int(1, 5));
  }
  const late = p.forceLate || rnd.next() < 0.15;
  const decisionDay = late ? deadline + rnd.int(1, 20) : rnd.int(1, deadline);
  push(outcome === 'rejected' ? 'reject' : outcome === 'inquiry' ? 'answer' : 'approve', decisionDay);

  const fee = service.feeAmd;
  switch (outcome) {
    case 'permit': {
      push('assess', r);
      if (rnd.next() < 0.25) {
        const first = Math.round(fee / 2);
        push('pay', r + rnd.int(0, 6), first);
        push('pay', r + rnd.int(1, 8), fee - first);
      } else {
        push('pay', r + rnd.int(0, 8), fee);
      }
      push('issue-permit', r + rnd.int(0, 2));
      break;
    }
    case 'permit-awaiting-fee':
      push('assess', r);
      break;
    case 'permit-partial-fee':
      push('assess', r);
      push('pay', r + rnd.int(1, 3), Math.round((fee * 0.4) / 100) * 100);
      break;
    case 'residence-certificate':
      push('assess', r);
      push('pay', r, fee);
      push('issue-certificate', r + rnd.int(0, 1));
      break;
    case 'tax-certificate':
      push('issue-certificate', r + rnd.int(0, 1));
      break;
    default:
      break;
  }
  return steps;
};

/** The range of submission days (relative to today) that gives the case its intended shape. */
const submissionRange = (p: CasePlan, steps: readonly RelativeStep[]): [number, number] => {
  const span = steps.length ? steps[steps.length - 1].r : 0;
  const deadline = p.service.deadlineDays;
  const decisionDay = steps.find((s) => s.kind === 'approve')?.r ?? 0;
  let lo = -DEMO_WINDOW_DAYS + 12;
  let hi = -1 - span;
  if (OPEN.includes(p.outcome)) {
    if (p.k % 2 === 0) {
      // Long forgotten: today is after its due date.
      hi = Math.min(hi, -deadline - 2);
      lo = hi - 100;
    } else {
      // Recent: due today or later.
      lo = Math.max(lo, -deadline);
    }
  } else if (p.outcome === 'certificate-approved') {
    lo = hi - 10;
  } else if (p.outcome === 'permit-awaiting-fee' && p.k === 0) {
    // Its fee is overdue.
    hi = Math.min(hi, -(decisionDay + PERMIT_FEE_DAYS + 2));
    lo = hi - 60;
  } else if (p.outcome === 'permit-awaiting-fee' || p.outcome === 'permit-partial-fee') {
    // Its fee is not yet due.
    lo = Math.max(lo, -(decisionDay + PERMIT_FEE_DAYS - 1));
  }
  return [lo, hi];
};

const planCase = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random, p: CasePlan): void => {
  const { service } = p;
  const steps = relativeSteps(rnd, p);
  const [lo, hi] = submissionRange(p, steps);
  const s = recentBiased(rnd, lo, hi);
  const story: Story = t.story(rnd.int(9 * 60, 16 * 60));

  const key = `${c.code}:app-${pad2(p.n)}`;
  const cid = (what: string): string => `demo:${key}:${what}`;
  const resident = rnd.pick(actors.residents);
  const clerk = actors.clerks[0];
  const assignee = rnd.pick(actors.clerks);
  const online = rnd.next() < 0.6;
  const channel = rnd.next() < 0.75 ? 'cso' : rnd.next() < 0.5 ? 'in-person' : 'hotline';
  const street = `${rnd.pick(c.streets)} ${rnd.int(1, 120)}`;
  const isInquiry = service.code === 'general-inquiry';
  const inquiry = rnd.pick(INQUIRIES);
  const exchange = rnd.pick(INFORMATION_REQUESTS);
  const rejection = rnd.pick(REJECTIONS);
  const { subject, details } = texts(c, service.code, rnd, street, inquiry);
  const withdrawal = rnd.pick(WITHDRAWAL_REASONS);
  const applicantActor = online ? resident.actor : clerk;
  const approver = service.code === 'construction-permit' ? actors.head : assignee;
  let payments = 0;

  story.command(s, cid('submit'), online ? resident.actor : onBehalf(clerk, channel, resident.id), async (ctx, rt) => {
    const result = await rt.commands.submitApplication(
      {
        input: {
          communityId: c.code,
          serviceCode: service.code,
          kind: isInquiry ? 'inquiry' : 'application',
          subject,
          details,
          applicantName: resident.name,
          applicantId: resident.id,
          ...(online ? {} : { channel }),
        },
      },
      ctx,
    );
    rt.remember(key, result.id);
  });

  for (const step of steps) {
    const day = s + step.r;
    const date = t.date(day);
    switch (step.kind) {
      case 'register':
        story.command(day, cid('register'), clerk, (ctx, rt) => rt.commands.registerApplication({ id: rt.id(key) }, ctx));
        break;
      case 'assign':
        story.command(day, cid('assign'), clerk, (ctx, rt) => rt.commands.assignApplication({ id: rt.id(key), assigneeId: assignee.id }, ctx));
        break;
      case 'request':
        story.command(day, cid('request-information'), assignee, (ctx, rt) =>
          rt.commands.requestApplicationInformation({ id: rt.id(key), question: exchange.question }, ctx),
        );
        break;
      case 'provide':
        story.command(day, cid('provide-information'), applicantActor, (ctx, rt) =>
          rt.commands.provideApplicationInformation({ id: rt.id(key), answer: exchange.answer }, ctx),
        );
        break;
      case 'approve':
        story.command(day, cid('approve'), approver, (ctx, rt) => rt.commands.approveApplication({ id: rt.id(key), basis: APPROVAL_BASIS[service.code] }, ctx));
        break;
      case 'reject':
        story.command(day, cid('reject'), actors.head, (ctx, rt) =>
          rt.commands.rejectApplication({ id: rt.id(key), reason: rejection.reason, basis: rejection.basis }, ctx),
        );
        break;
      case 'answer':
        story.command(day, cid('answer'), assignee, (ctx, rt) => rt.commands.answerInquiry({ id: rt.id(key), answer: inquiry.answer }, ctx));
        break;
      case 'withdraw':
        story.command(day, cid('withdraw'), applicantActor, (ctx, rt) => rt.commands.withdrawApplication({ id: rt.id(key), reason: withdrawal }, ctx));
        break;
      case 'assess': {
        const dueOn = addDays(date, service.issues === 'permit' ? PERMIT_FEE_DAYS : CERTIFICATE_FEE_DAYS);
        story.command(day, cid('assess-fee'), clerk, async (ctx, rt) => {
          const result = await rt.commands.assessFee(
            {
              input: {
                communityId: c.code,
                payerId: resident.id,
                payerName: resident.name,
                code: service.code,
                amountAmd: service.feeAmd,
                dueOn,
                basis: FEE_BASIS,
                applicationId: rt.id(key),
              },
            },
            ctx,
          );
          rt.remember(`${key}:fee`, result.id);
        });
        break;
      }
      case 'pay': {
        payments += 1;
        const n = payments;
        const amountAmd = step.amountAmd as number;
        story.command(day, cid(`payment-${n}`), clerk, async (ctx, rt) => {
          const feeId = rt.id(`${key}:fee`);
          await rt.commands.recordPayment({ id: feeId, amountAmd, paidAt: ctx.occurredAt as string, reference: `TRS-${key}-${n}` }, ctx);
          await rt.settleFeePayment(feeId, ctx.commandId as string);
        });
        break;
      }
      case 'issue-permit':
        story.command(day, cid('issue-permit'), clerk, (ctx, rt) =>
          rt.commands.issuePermit({ id: rt.id(key), validFrom: date, validUntil: addDays(date, 730) }, ctx),
        );
        break;
      case 'issue-certificate':
        story.command(day, cid('issue-certificate'), clerk, (ctx, rt) => rt.commands.issueCertificate({ id: rt.id(key) }, ctx));
        break;
    }
  }
};

const texts = (c: DemoCommunity, code: DemoServiceCode, rnd: Random, street: string, inquiry: (typeof INQUIRIES)[number]): { subject: string; details: string } => {
  switch (code) {
    case 'construction-permit': {
      const subject = rnd.pick(PERMIT_SUBJECTS);
      return { subject, details: `Խնդրում եմ տրամադրել շինարարության թույլտվություն՝ «${subject}», հասցե՝ ${c.nameHy}, ${street}։` };
    }
    case 'residence-certificate': {
      const purpose = rnd.pick(RESIDENCE_PURPOSES);
      return {
        subject: `Տեղեկանք բնակության վայրի մասին (${purpose})`,
        details: `Խնդրում եմ տրամադրել տեղեկանք առ այն, որ հաշվառված եմ ${c.nameHy}, ${street} հասցեում՝ ներկայացնելու համար (${purpose})։`,
      };
    }
    case 'tax-liability-certificate': {
      const purpose = rnd.pick(TAX_PURPOSES);
      return {
        subject: `Տեղեկանք գույքահարկի պարտավորությունների մասին (${purpose})`,
        details: `Խնդրում եմ տրամադրել տեղեկանք իմ գույքային հարկերի պարտավորությունների մասին՝ ${purpose} ներկայացնելու համար։`,
      };
    }
    case 'general-inquiry':
      return { subject: inquiry.subject, details: `${inquiry.details} Հասցե՝ ${street}։` };
    case 'excavation-consent': {
      const subject = rnd.pick(CONSENT_SUBJECTS);
      return { subject, details: `Խնդրում եմ համաձայնություն տալ հողային աշխատանքների համար («${subject}»), հասցե՝ ${c.nameHy}, ${street}։` };
    }
  }
};
