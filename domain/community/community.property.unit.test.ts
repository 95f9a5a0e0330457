import fc from 'fast-check';
import { isDomainError } from '../kernel/errors';
import type { CommunityCommand } from './commands';
import { communityDecider } from './decider';
import type { CommunityState } from './state';
import { communityView } from './view';

const dates = fc.constantFrom('2015-11-20', '2016-06-01', '2017-01-01', '2018-04-01', '2019-06-01', '2019-07-01', '2020-01-01');
const nows = dates.map((d) => `${d}T08:00:00Z`);
const codes = fc.constantFrom('s1', 's2', 's3');
const source = fc.option(fc.constantFrom('synthetic', 'S_cod_adm3'), { nil: undefined });

const command: fc.Arbitrary<CommunityCommand> = fc
  .tuple(
    nows,
    fc.oneof(
      fc.record({ type: fc.constant('RegisterCommunity' as const), data: fc.record({ code: fc.constant('C1'), nameHy: fc.constant('Գյումրի'), nameEn: fc.constant('Gyumri'), province: fc.constantFrom('Shirak', 'Nowhere'), kind: fc.constantFrom('urban' as const, 'rural' as const), population: fc.oneof({ weight: 5, arbitrary: fc.nat(200000) }, { weight: 1, arbitrary: fc.constant(-1) }), settlements: fc.constant(['Գյումրի']), source }) }),
      fc.record({ type: fc.constant('ConsolidateCommunities' as const), data: fc.record({ code: fc.constant('C1'), nameHy: fc.constant('Ն'), nameEn: fc.constant('N'), province: fc.constant('Lori'), kind: fc.constant('rural' as const), formerCommunityIds: fc.constantFrom(['A', 'B'], [], ['C1']), settlements: fc.constant([]), population: fc.option(fc.nat(100000), { nil: null }), on: dates, source }) }),
      fc.record({ type: fc.constant('MergeIntoCommunity' as const), data: fc.record({ mergedInto: fc.constantFrom('N1', 'N2', 'C1'), on: dates, source }) }),
      fc.record({ type: fc.constant('RecordPopulation' as const), data: fc.record({ population: fc.oneof({ weight: 5, arbitrary: fc.nat(200000) }, { weight: 1, arbitrary: fc.constant(-1) }), asOf: dates, source }) }),
      fc.record({ type: fc.constant('DeployCmis' as const), data: fc.record({ edition: fc.constantFrom('single-settlement' as const, 'multi-settlement' as const), on: dates, source }) }),
      fc.record({ type: fc.constant('EnableDocumentCirculation' as const), data: fc.record({ on: dates, source }) }),
      fc.record({ type: fc.constant('LaunchOfficialWebsite' as const), data: fc.record({ url: fc.constantFrom('https://a.am', 'https://b.am'), hostedOnCmis: fc.boolean(), on: dates, source }) }),
      fc.record({ type: fc.constant('OpenCitizenServiceOffice' as const), data: fc.record({ officeId: fc.constantFrom('o1', 'o2'), name: fc.constant('ՔՍԳ'), partners: fc.constantFrom([], ['GIZ']), on: dates, source }) }),
      fc.record({ type: fc.constant('OfferService' as const), data: fc.record({ code: codes, nameHy: fc.constant('Ծ'), nameEn: fc.constant('S'), feeAmd: fc.oneof({ weight: 5, arbitrary: fc.nat(10000) }, { weight: 1, arbitrary: fc.constant(-1) }), deadlineDays: fc.integer({ min: 0, max: 30 }), issues: fc.constantFrom('none' as const, 'permit' as const, 'certificate' as const), source }) }),
      fc.record({ type: fc.constant('WithdrawService' as const), data: fc.record({ code: codes, source }) }),
    ),
  )
  .map(([now, c]) => ({ ...c, metadata: { now, actor: { id: 'm', role: 'ministry' } } }) as CommunityCommand);

const validRegistration: fc.Arbitrary<CommunityCommand> = fc.constantFrom<CommunityCommand>(
  {
    type: 'RegisterCommunity',
    data: { code: 'C1', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 120000, settlements: ['Գյումրի'] },
    metadata: { now: '2015-01-01T08:00:00Z' },
  },
  {
    type: 'ConsolidateCommunities',
    data: { code: 'C1', nameHy: 'Ն', nameEn: 'N', province: 'Lori', kind: 'rural', formerCommunityIds: ['A', 'B'], settlements: [], population: null, on: '2016-06-01' },
    metadata: { now: '2016-06-01T08:00:00Z' },
  },
);

/** Mostly sequences that start with a valid registration, so later commands meet a registered community. */
const sequences = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validRegistration, fc.array(command, { maxLength: 40 })).map(([r, rest]) => [r, ...rest]) },
  { weight: 1, arbitrary: fc.array(command, { maxLength: 40 }) },
);

const effectiveDate = (c: CommunityCommand): string =>
  c.type === 'RecordPopulation' ? c.data.asOf : 'on' in c.data ? (c.data as { on: string }).on : c.metadata.now.slice(0, 10);

/** Runs the commands, calling `check` before each with the state, the command and its result. */
const run = (commands: CommunityCommand[], check: (state: CommunityState, c: CommunityCommand, result: ReturnType<typeof communityDecider.decide>) => void) => {
  let state = communityDecider.initialState();
  for (const c of commands) {
    const result = communityDecider.decide(c, state);
    check(state, c, result);
    if (!isDomainError(result)) state = result.reduce(communityDecider.evolve, state);
  }
  return state;
};

describe('community invariants (random command sequences)', () => {
  it('a merged community accepts no command dated on or after its merger', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, (state, c, result) => {
          if (state.status !== 'registered' || state.merger === null) return;
          const sameMerger = c.type === 'MergeIntoCommunity' && c.data.mergedInto === state.merger.mergedInto && c.data.on === state.merger.on;
          if (sameMerger) expect(result).toEqual([]);
          else if (c.type === 'RegisterCommunity' || c.type === 'ConsolidateCommunities' || effectiveDate(c) >= state.merger.on) expect(isDomainError(result)).toBe(true);
        });
      }),
    );
  });

  it('nothing but a registration is accepted before the community is registered, and a registration only once', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, (state, c, result) => {
          const creation = c.type === 'RegisterCommunity' || c.type === 'ConsolidateCommunities';
          if (state.status === 'unregistered' && !creation) expect(isDomainError(result) && result.code).toBe('NOT_FOUND');
          if (state.status === 'registered' && creation) expect(isDomainError(result) && result.reason).toBe('COMMUNITY_ALREADY_REGISTERED');
        });
      }),
    );
  });

  it('the catalogue holds each service code once, with a non-negative whole fee and a positive deadline', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const state = run(commands, () => undefined);
        if (state.status !== 'registered') return;
        const codesOffered = state.services.map((s) => s.code);
        expect(new Set(codesOffered).size).toBe(codesOffered.length);
        for (const s of state.services) {
          expect(Number.isSafeInteger(s.feeAmd) && s.feeAmd >= 0).toBe(true);
          expect(s.deadlineDays).toBeGreaterThan(0);
        }
        expect(state.populations.every((p) => p.population === null || p.population >= 0)).toBe(true);
      }),
    );
  });

  it('once merged on a day, the view stays merged on every later day', () => {
    fc.assert(
      fc.property(sequences, fc.array(dates, { minLength: 2, maxLength: 5 }), (commands, days) => {
        const state = run(commands, () => undefined);
        const sorted = [...days].sort();
        const statuses = sorted.map((d) => communityView(state, d)?.status);
        const firstMerged = statuses.indexOf('merged');
        if (firstMerged >= 0) expect(statuses.slice(firstMerged).every((s) => s === 'merged')).toBe(true);
      }),
    );
  });
});
