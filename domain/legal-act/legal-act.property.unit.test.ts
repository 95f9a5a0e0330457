import fc from 'fast-check';
import { addDays } from '../kernel/time';
import { isDomainError } from '../kernel/errors';
import type { LegalActCommand } from './commands';
import { decide, evolve, initialState } from './decider';
import type { LegalActEvent } from './events';
import { actRegisterDecider, type ActRegisterState } from './register';
import { actStatus, textInForce, versionInForce, type LegalAct, type LegalActState } from './state';

const ACT = 'act-1';
const COMMUNITY = 'AM02001';
const START = '2024-01-01';
const dateArb = fc.integer({ min: -30, max: 800 }).map((d) => addDays(START, d));
const textArb = fc.constantFrom('Տեքստ Ա', 'Տեքստ Բ', 'Text C', 'Text D');
const statusArb = fc.constantFrom('published', 'published', 'adopted', 'draft', 'repealed', 'none');
const otherActArb = fc.constantFrom('act-2', 'act-3', ACT);
const communityArb = fc.constantFrom(COMMUNITY, COMMUNITY, 'AM03001', null);

type Step = { readonly type: LegalActCommand['type']; readonly data: object; readonly advanceDays: number };

const commandArb: fc.Arbitrary<Omit<Step, 'advanceDays'>> = fc.oneof(
  fc.record({ type: fc.constant('DraftAct' as const), data: fc.record({ actId: fc.constant(ACT), communityId: fc.constant(COMMUNITY), issuer: fc.constantFrom('council', 'head'), titleHy: fc.constant('Որոշում'), text: textArb }) }),
  fc.record({ type: fc.constant('ReviseActDraft' as const), data: fc.record({ text: textArb }) }),
  fc.record({ type: fc.constant('OpenActDiscussion' as const), data: fc.record({ until: dateArb }) }),
  fc.record({ type: fc.constant('CommentOnAct' as const), data: fc.record({ comment: textArb, commenterId: fc.constant('resident-1') }) }),
  fc.record({ type: fc.constant('CloseActDiscussion' as const), data: fc.constant({}) }),
  fc.record({ type: fc.constant('PlaceActOnAgenda' as const), data: fc.record({ sessionDate: dateArb }) }),
  fc.record({
    type: fc.constant('RecordActVote' as const),
    data: fc.record({ votesFor: fc.nat(15), votesAgainst: fc.nat(15), votesAbstained: fc.nat(5), number: fc.integer({ min: 1, max: 99 }).map((n) => `2024/${n}`) }),
  }),
  fc.record({ type: fc.constant('SignAct' as const), data: fc.record({ number: fc.integer({ min: 1, max: 99 }).map((n) => `2024/${n}`) }) }),
  fc.record({ type: fc.constant('PublishAct' as const), data: fc.record({ effectiveFrom: dateArb }) }),
  fc.record({
    type: fc.constant('AmendAct' as const),
    data: fc.record({ amendingActId: otherActArb, text: textArb, effectiveFrom: dateArb, amendingActStatus: statusArb, amendingActCommunityId: communityArb }),
  }),
  fc.record({
    type: fc.constant('RepealAct' as const),
    data: fc.record({ repealingActId: otherActArb, effectiveFrom: dateArb, repealingActStatus: statusArb, repealingActCommunityId: communityArb }),
  }),
);

const stepArb = (cmd: fc.Arbitrary<Omit<Step, 'advanceDays'>>) => fc.record({ cmd, advanceDays: fc.nat(40) });
const noiseArb = fc.array(stepArb(commandArb), { maxLength: 3 });
const votedArb = fc.record({
  type: fc.constant('RecordActVote' as const),
  data: fc.record({ votesFor: fc.integer({ min: 4, max: 15 }), votesAgainst: fc.nat(6), votesAbstained: fc.nat(3), number: fc.constant('2024/1') }),
});
const laterArb: fc.Arbitrary<Omit<Step, 'advanceDays'>> = fc.oneof(
  { arbitrary: commandArb, weight: 2 },
  {
    arbitrary: fc.record({
      type: fc.constant('AmendAct' as const),
      data: fc.record({ amendingActId: fc.constantFrom('act-2', 'act-4'), text: textArb, effectiveFrom: dateArb, amendingActStatus: fc.constant('published'), amendingActCommunityId: fc.constant(COMMUNITY) }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('RepealAct' as const),
      data: fc.record({ repealingActId: fc.constant('act-3'), effectiveFrom: dateArb, repealingActStatus: fc.constant('published'), repealingActCommunityId: fc.constant(COMMUNITY) }),
    }),
    weight: 1,
  },
);

/**
 * The act is drafted, then most histories follow the procedure towards publication (council:
 * agenda → vote → publish; head: sign → publish) with random commands interleaved, then go on
 * with random commands, amendments and repeals; business time only moves forward.
 */
const historyArb = fc
  .tuple(
    fc.constantFrom('council', 'head'),
    noiseArb,
    stepArb(fc.record({ type: fc.constant('PlaceActOnAgenda' as const), data: fc.record({ sessionDate: dateArb }) })),
    noiseArb,
    stepArb(votedArb),
    stepArb(fc.record({ type: fc.constant('SignAct' as const), data: fc.constant({ number: '2024/1' }) })),
    noiseArb,
    stepArb(fc.record({ type: fc.constant('PublishAct' as const), data: fc.record({ effectiveFrom: dateArb }) })),
    fc.array(stepArb(laterArb), { maxLength: 25 }),
  )
  .map(([issuer, n1, place, n2, vote, sign, n3, publish, tail]) => [
    issuer,
    issuer === 'council' ? [...n1, place, ...n2, vote, ...n3, publish, ...tail] : [...n1, sign, ...n3, publish, ...tail],
  ] as const);

interface Transition {
  readonly before: LegalActState;
  readonly after: LegalActState;
  readonly events: readonly LegalActEvent[];
  readonly command: LegalActCommand;
}

const run = (issuer: string, steps: ReadonlyArray<{ cmd: Omit<Step, 'advanceDays'>; advanceDays: number }>): Transition[] => {
  let state: LegalActState = initialState();
  let day = START;
  const all: Array<{ cmd: Omit<Step, 'advanceDays'>; advanceDays: number }> = [
    { cmd: { type: 'DraftAct', data: { actId: ACT, communityId: COMMUNITY, issuer, titleHy: 'Որոշում', text: 'Տեքստ Ա' } }, advanceDays: 0 },
    ...steps,
  ];
  const transitions: Transition[] = [];
  for (const { cmd, advanceDays } of all) {
    day = addDays(day, advanceDays);
    const command = { type: cmd.type, data: cmd.data, metadata: { now: `${day}T10:00:00+04:00`, actor: { id: 'u', role: 'staff' } } } as LegalActCommand;
    const result = decide(command, state);
    const events = isDomainError(result) ? [] : result;
    const after = events.reduce(evolve, state);
    transitions.push({ before: state, after, events, command });
    state = after;
  }
  return transitions;
};

const probeDates = Array.from({ length: 90 }, (_, i) => addDays(START, -40 + i * 10));

describe('legal act invariants under random command sequences', () => {
  it('a published act stays published, changing only by amendment (version + 1) or repeal', () => {
    fc.assert(
      fc.property(historyArb, ([issuer, steps]) => {
        for (const { before, after, events } of run(issuer, steps)) {
          if (before?.phase !== 'published') continue;
          expect(after?.phase).toBe('published');
          if (events.length === 0) {
            expect(after).toBe(before);
            continue;
          }
          expect(events).toHaveLength(1);
          const [event] = events;
          if (event.type === 'ActAmended') {
            expect(after!.version).toBe(before.version + 1);
            expect(after!.versions).toHaveLength(before.versions.length + 1);
          } else {
            expect(event.type).toBe('ActRepealed');
            expect(after!.version).toBe(before.version);
            // Status may only move from published to repealed, and only from the repeal's date.
            for (const d of probeDates) expect(actStatus(after!, d)).toBe(d >= after!.repeal!.effectiveFrom ? 'repealed' : 'published');
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an act number never changes once assigned, and only adopted or signed acts get one', () => {
    fc.assert(
      fc.property(historyArb, ([issuer, steps]) => {
        for (const { before, after, events } of run(issuer, steps)) {
          if (before?.number != null) expect(after?.number).toBe(before.number);
          if (before?.number == null && after?.number != null) {
            expect(events.map((e) => e.type)).toEqual([after.issuer === 'council' ? 'ActAdopted' : 'ActSigned']);
          }
          // Council acts are never signed; decisions of the head are never voted.
          for (const e of events) {
            if (e.type === 'ActSigned') expect(before?.issuer).toBe('head');
            if (e.type === 'ActAdopted' || e.type === 'ActRejected' || e.type === 'ActPlacedOnAgenda') expect(before?.issuer).toBe('council');
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the text in force is monotone with versions over time, and the repeal ends it for good', () => {
    fc.assert(
      fc.property(historyArb, ([issuer, steps]) => {
        const transitions = run(issuer, steps);
        const act = transitions[transitions.length - 1].after as LegalAct;
        const problems: string[] = [];
        for (let i = 1; i < act.versions.length; i++) {
          if (act.versions[i].version <= act.versions[i - 1].version) problems.push(`version order at ${i}`);
          if (act.versions[i].effectiveFrom < act.versions[i - 1].effectiveFrom) problems.push(`effectiveFrom order at ${i}`);
        }
        let last = 0;
        for (const d of probeDates) {
          const v = versionInForce(act, d);
          if (textInForce(act, d) !== (v?.text ?? null)) problems.push(`text on ${d}`);
          const repealedOn = act.repeal !== null && d >= act.repeal.effectiveFrom;
          if (v === null) {
            // nothing in force: either not yet in force, or repealed from that day on
            if (last > 0 && !repealedOn) problems.push(`text stopped being in force on ${d} without a repeal`);
            continue;
          }
          if (repealedOn) problems.push(`text in force on ${d} after the repeal`);
          if (v.version < last) problems.push(`version went back on ${d}: ${v.version} < ${last}`);
          if (v.effectiveFrom > d) problems.push(`version ${v.version} in force on ${d} before ${v.effectiveFrom}`);
          last = v.version;
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the generated histories', () => {
  it('reach published, amended and repealed acts often enough for the properties to mean something', () => {
    let published = 0;
    let amended = 0;
    let repealed = 0;
    for (const [issuer, steps] of fc.sample(historyArb, { numRuns: 300, seed: 42 })) {
      const transitions = run(issuer, steps);
      const act = transitions[transitions.length - 1].after!;
      if (act.phase === 'published') published++;
      if (act.versions.length > 1) amended++;
      if (act.repeal) repealed++;
    }
    expect(published).toBeGreaterThan(150);
    expect(amended).toBeGreaterThan(50);
    expect(repealed).toBeGreaterThan(50);
  });
});

describe('act register invariants', () => {
  it('numbers are consecutive, distinct, and an act keeps its number', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 30 }), (requests) => {
        let state: ActRegisterState = actRegisterDecider.initialState();
        const seen = new Map<string, string>();
        for (const actId of requests) {
          const result = actRegisterDecider.decide({ type: 'AssignActNumber', data: { communityId: COMMUNITY, year: 2024, actId }, metadata: { now: '2024-05-05T10:00:00Z' } }, state);
          if (isDomainError(result)) throw new Error(result.reason);
          state = result.reduce(actRegisterDecider.evolve, state);
          const number = state.numbers.get(actId)!.number;
          if (seen.has(actId)) expect(number).toBe(seen.get(actId));
          seen.set(actId, number);
        }
        const sequences = [...state.numbers.values()].map((n) => n.sequence).sort((x, y) => x - y);
        expect(sequences).toEqual(Array.from({ length: new Set(requests).size }, (_, i) => i + 1));
        expect(new Set([...state.numbers.values()].map((n) => n.number)).size).toBe(sequences.length);
      }),
    );
  });
});
