/**
 * The demo's legal acts of one community: council decisions drafted, revised, put to public discussion
 * with residents' comments, placed on a session's agenda and voted (most adopted, one rejected), then
 * published with an entry-into-force date; one amended by a later decision (a new consolidated version);
 * one repealed by a later decision from a date after today (so it is still published); decisions of the
 * head signed and published, one of them repealed (in the past) by a newer one; and acts still on their
 * way (a draft, one in discussion, one on the agenda, one adopted and not yet published, one signed).
 *
 * The schedule is fixed in days before today; the votes and the commenting residents are drawn.
 */
import { demoActs, ACT_COMMENTS, type DemoActText, type DemoCommunity } from './demo-content';
import { mix, type DemoActors, type Story, type Timeline } from './demo-timeline';
import type { Random } from './random';

type ActStep =
  | { readonly day: number; readonly kind: 'draft' | 'close' | 'sign' | 'comment' }
  | { readonly day: number; readonly kind: 'revise'; readonly text: string }
  | { readonly day: number; readonly kind: 'open'; readonly until: number }
  | { readonly day: number; readonly kind: 'agenda'; readonly session: number }
  | { readonly day: number; readonly kind: 'vote'; readonly adopt: boolean }
  | { readonly day: number; readonly kind: 'publish'; readonly effectiveFrom: number }
  | { readonly day: number; readonly kind: 'amend'; readonly target: string; readonly text: string; readonly effectiveFrom: number }
  | { readonly day: number; readonly kind: 'repeal'; readonly target: string; readonly effectiveFrom: number };

interface ActScript {
  readonly key: string;
  readonly issuer: 'council' | 'head';
  readonly act: DemoActText;
  readonly steps: readonly ActStep[];
}

/** Day (relative to today) on which the exemption decision is published: fees are waived by it after that. */
export const EXEMPTION_PUBLISHED_DAY = -475;
/** Days after today on which the street-trade rules' repeal takes effect (so they are still published today). */
export const FUTURE_REPEAL_DAYS = 40;

/** The key (in the runtime's ids) of an act of a community. */
export const actKey = (c: DemoCommunity, key: string): string => `${c.code}:act-${key}`;

const council = (s: {
  draft: number;
  revise?: { day: number; text: string };
  discussion?: { open: number; until: number; comments: readonly number[]; close?: number };
  agenda?: { day: number; session: number };
  vote?: { day: number; adopt: boolean };
  publish?: { day: number; effectiveFrom: number };
}): ActStep[] => [
  { day: s.draft, kind: 'draft' },
  ...(s.revise ? [{ day: s.revise.day, kind: 'revise' as const, text: s.revise.text }] : []),
  ...(s.discussion
    ? [
        { day: s.discussion.open, kind: 'open' as const, until: s.discussion.until },
        ...s.discussion.comments.map((day) => ({ day, kind: 'comment' as const })),
        ...(s.discussion.close !== undefined ? [{ day: s.discussion.close, kind: 'close' as const }] : []),
      ]
    : []),
  ...(s.agenda ? [{ day: s.agenda.day, kind: 'agenda' as const, session: s.agenda.session }] : []),
  ...(s.vote ? [{ day: s.vote.day, kind: 'vote' as const, adopt: s.vote.adopt }] : []),
  ...(s.publish ? [{ day: s.publish.day, kind: 'publish' as const, effectiveFrom: s.publish.effectiveFrom }] : []),
];

const scripts = (c: DemoCommunity): ActScript[] => {
  const a = demoActs(c);
  return [
    {
      key: 'rates',
      issuer: 'council',
      act: a.rates,
      steps: council({
        draft: -520,
        revise: { day: -518, text: a.rates.revisedText },
        discussion: { open: -517, until: -497, comments: [-515, -510, -503], close: -496 },
        agenda: { day: -494, session: -487 },
        vote: { day: -487, adopt: true },
        publish: { day: -485, effectiveFrom: -475 },
      }),
    },
    {
      key: 'exemptions',
      issuer: 'council',
      act: a.exemptions,
      steps: council({
        draft: -505,
        discussion: { open: -503, until: -489, comments: [-500, -492], close: -488 },
        agenda: { day: -486, session: -480 },
        vote: { day: -480, adopt: true },
        publish: { day: EXEMPTION_PUBLISHED_DAY, effectiveFrom: -470 },
      }),
    },
    {
      key: 'street-trade',
      issuer: 'council',
      act: a.streetTrade,
      steps: council({ draft: -450, agenda: { day: -445, session: -438 }, vote: { day: -438, adopt: true }, publish: { day: -436, effectiveFrom: -426 } }),
    },
    {
      key: 'reception-hours',
      issuer: 'head',
      act: a.receptionHours,
      steps: [
        { day: -420, kind: 'draft' },
        { day: -418, kind: 'sign' },
        { day: -417, kind: 'publish', effectiveFrom: -410 },
      ],
    },
    {
      key: 'amendment',
      issuer: 'council',
      act: a.amendment,
      steps: [
        ...council({
          draft: -300,
          discussion: { open: -298, until: -284, comments: [-296, -290], close: -283 },
          agenda: { day: -281, session: -274 },
          vote: { day: -274, adopt: true },
          publish: { day: -272, effectiveFrom: -262 },
        }),
        { day: -271, kind: 'amend', target: 'rates', text: a.rates.amendedText, effectiveFrom: -262 },
      ],
    },
    {
      key: 'parking',
      issuer: 'council',
      act: a.parking,
      steps: council({
        draft: -250,
        discussion: { open: -248, until: -234, comments: [-246, -243, -240, -236], close: -233 },
        agenda: { day: -231, session: -224 },
        vote: { day: -224, adopt: false },
      }),
    },
    {
      key: 'playgrounds',
      issuer: 'council',
      act: a.playgrounds,
      steps: council({ draft: -200, agenda: { day: -195, session: -188 }, vote: { day: -188, adopt: true }, publish: { day: -186, effectiveFrom: -180 } }),
    },
    {
      key: 'reception-hours-new',
      issuer: 'head',
      act: a.receptionHoursNew,
      steps: [
        { day: -152, kind: 'draft' },
        { day: -150, kind: 'sign' },
        { day: -149, kind: 'publish', effectiveFrom: -140 },
        { day: -148, kind: 'repeal', target: 'reception-hours', effectiveFrom: -140 },
      ],
    },
    {
      key: 'repeal-street-trade',
      issuer: 'council',
      act: a.repealStreetTrade,
      steps: [
        ...council({ draft: -95, agenda: { day: -85, session: -78 }, vote: { day: -78, adopt: true }, publish: { day: -76, effectiveFrom: -70 } }),
        { day: -75, kind: 'repeal', target: 'street-trade', effectiveFrom: FUTURE_REPEAL_DAYS },
      ],
    },
    {
      key: 'cleanup',
      issuer: 'council',
      act: a.cleanup,
      steps: council({ draft: -45, discussion: { open: -42, until: -28, comments: [-40, -33], close: -27 }, agenda: { day: -20, session: 6 } }),
    },
    {
      key: 'transport',
      issuer: 'council',
      act: a.transport,
      steps: council({ draft: -40, agenda: { day: -17, session: -10 }, vote: { day: -10, adopt: true } }),
    },
    {
      key: 'budget',
      issuer: 'council',
      act: a.budget,
      steps: council({ draft: -14, revise: { day: -12, text: `${a.budget.text}\n3. Բյուջեի նախագիծը ներկայացնել հանրային քննարկման։` }, discussion: { open: -10, until: 12, comments: [-8, -4, -2] } }),
    },
    {
      key: 'heating',
      issuer: 'head',
      act: a.heating,
      steps: [
        { day: -6, kind: 'draft' },
        { day: -3, kind: 'sign' },
      ],
    },
    { key: 'snow', issuer: 'council', act: a.snow, steps: [{ day: -3, kind: 'draft' }] },
  ];
};

/** Votes of a session of a council of `size` members: adopted (more than half of the votes cast are for) or not. */
const votesOf = (rnd: Random, size: number, adopt: boolean): { votesFor: number; votesAgainst: number; votesAbstained: number } => {
  const present = size - rnd.int(0, 5);
  const votesFor = adopt ? Math.floor(present / 2) + 1 + rnd.int(0, Math.floor(present * 0.4)) : rnd.int(2, Math.floor(present * 0.4));
  const rest = present - votesFor;
  const votesAgainst = adopt ? rnd.int(0, rest) : rnd.int(Math.ceil(rest / 2), rest);
  return { votesFor, votesAgainst, votesAbstained: rest - votesAgainst };
};

export const planActs = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random): void => {
  const secretary = actors.clerks[0];
  const commentTexts = mix(
    rnd,
    ACT_COMMENTS.map((text) => [text, 4] as const),
  );
  let comments = 0;
  for (const script of scripts(c)) {
    const key = actKey(c, script.key);
    const cid = (what: string): string => `demo:${key}:${what}`;
    const story: Story = t.story(rnd.int(10 * 60, 15 * 60));
    let n = 0;
    for (const step of script.steps) {
      const { day } = step;
      switch (step.kind) {
        case 'draft':
          story.command(day, cid('draft'), secretary, async (ctx, rt) => {
            const result = await rt.commands.draftAct(
              { input: { communityId: c.code, issuer: script.issuer, titleHy: script.act.titleHy, titleEn: script.act.titleEn, text: script.act.text } },
              ctx,
            );
            rt.remember(key, result.id);
          });
          break;
        case 'revise':
          story.command(day, cid('revise'), secretary, (ctx, rt) => rt.commands.reviseActDraft({ id: rt.id(key), text: step.text }, ctx));
          break;
        case 'open':
          story.command(day, cid('open-discussion'), secretary, (ctx, rt) => rt.commands.openActDiscussion({ id: rt.id(key), until: t.date(step.until) }, ctx));
          break;
        case 'comment': {
          n += 1;
          const comment = commentTexts[comments++ % commentTexts.length];
          const resident = rnd.pick(actors.residents);
          story.command(day, cid(`comment-${n}`), resident.actor, (ctx, rt) => rt.commands.commentOnAct({ id: rt.id(key), comment }, ctx));
          break;
        }
        case 'close':
          story.command(day, cid('close-discussion'), secretary, (ctx, rt) => rt.commands.closeActDiscussion({ id: rt.id(key) }, ctx));
          break;
        case 'agenda':
          story.command(day, cid('agenda'), secretary, (ctx, rt) => rt.commands.placeActOnAgenda({ id: rt.id(key), sessionDate: t.date(step.session) }, ctx));
          break;
        case 'vote': {
          const votes = votesOf(rnd, c.councilSize, step.adopt);
          story.command(day, cid('vote'), actors.council, (ctx, rt) => rt.commands.recordActVote({ id: rt.id(key), ...votes }, ctx));
          break;
        }
        case 'sign':
          story.command(day, cid('sign'), actors.head, (ctx, rt) => rt.commands.signAct({ id: rt.id(key) }, ctx));
          break;
        case 'publish':
          story.command(day, cid('publish'), secretary, (ctx, rt) => rt.commands.publishAct({ id: rt.id(key), effectiveFrom: t.date(step.effectiveFrom) }, ctx));
          break;
        case 'amend': {
          const target = actKey(c, step.target);
          story.command(day, `demo:${target}:amend-by-${script.key}`, secretary, (ctx, rt) =>
            rt.commands.amendAct({ id: rt.id(target), amendingActId: rt.id(key), text: step.text, effectiveFrom: t.date(step.effectiveFrom) }, ctx),
          );
          break;
        }
        case 'repeal': {
          const target = actKey(c, step.target);
          story.command(day, `demo:${target}:repeal-by-${script.key}`, secretary, (ctx, rt) =>
            rt.commands.repealAct({ id: rt.id(target), repealingActId: rt.id(key), effectiveFrom: t.date(step.effectiveFrom) }, ctx),
          );
          break;
        }
      }
    }
  }
};
