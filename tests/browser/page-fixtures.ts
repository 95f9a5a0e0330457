/**
 * Plain data for the public pages' unit tests (as the pages take it), the same data as the public GraphQL
 * queries answer it, and resolvers answering the real schema's public queries from it (route tests
 * without the real server).
 */
import { NotFound, ValidationFailed } from '../../application/errors';
import { queryTypeDefs } from '../../interfaces/graphql/schema/queries';
import { viewTypeDefs } from '../../interfaces/graphql/schema/types.graphql';
import { toMonthly, toTransparency, type RawTransparency } from '../../interfaces/web/queries';
import type { ActPageData, AdoptionPoint, CommunityListData, CommunityPageData, CommunitySummary, NationalData, PublicSite, TransparencyFigures } from '../../interfaces/web/types';

export const TODAY = '2025-03-15';

const month = (start: string, offset: number): string => {
  const [y, m] = start.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
};

/** From 2011-10 to 2019-07: zero until 2014, then growing to the 2019 report's figures. */
export const overTime2019: AdoptionPoint[] = Array.from({ length: 94 }, (_, i) => {
  const m = month('2011-10', i);
  const k = Math.max(0, i - 30) / 63;
  return {
    month: m,
    withCmisDeployed: Math.round(400 * k),
    withElectronicDocumentCirculation: Math.round(310 * k),
    withOfficialWebsite: Math.round(270 * k),
    withCitizenServiceOffice: Math.round(42 * k),
  };
});

/** `transparencyReport` as the schema answers it. */
export const rawTransparency = {
  communityId: null,
  from: '2018-08-01',
  to: '2019-07-01',
  applicationsDecided: 1234,
  decidedOnTime: 1153,
  processingTimeDays: { median: 5, p90: 14 },
  shareDecidedOnTime: 93.4,
  feesCollectedByCode: [
    { code: 'T-02', collectedAmd: 250000, paidAmd: 260000, refundedAmd: 10000, waivedAmd: 0, payments: 3, refunds: 1, waivers: 0 },
    { code: 'T-01', collectedAmd: 1500000, paidAmd: 1500000, refundedAmd: 0, waivedAmd: 5000, payments: 30, refunds: 0, waivers: 1 },
  ],
  feesCollectedAmd: 1750000,
  actsAdopted: 12,
  actsPublished: 11,
  complaintsResponded: 13,
  complaintsByResolution: [
    { resolution: 'upheld', count: 4 },
    { resolution: 'partially-upheld', count: 2 },
    { resolution: 'rejected', count: 7 },
  ],
};

export const transparency: TransparencyFigures = toTransparency(rawTransparency);

/** All time for the community: 30 decided, 27 on time. */
export const rawAllTime: RawTransparency = { ...rawTransparency, applicationsDecided: 30, decidedOnTime: 27, processingTimeDays: { median: 4, p90: 12 }, shareDecidedOnTime: 90 };

/** A month's report: nothing in the first month of the period, then figures that vary by month. */
export const rawMonth = (from: string): RawTransparency => {
  const i = (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - (2024 * 12 + 4) + 1200) % 12;
  return {
    ...rawTransparency,
    applicationsDecided: i,
    decidedOnTime: i === 0 ? 0 : i - 1,
    processingTimeDays: i === 0 ? { median: null, p90: null } : { median: 3 + (i % 4), p90: 8 + (i % 5) },
    shareDecidedOnTime: i === 0 ? null : 80 + i,
  };
};

export const national2019: NationalData = {
  asOf: '2019-07-01',
  today: TODAY,
  report: {
    asOf: '2019-07-01',
    totalCommunities: 502,
    withCmisDeployed: 400,
    consolidatedMultiSettlement: 52,
    consolidatedWithMultiSettlementCmis: 40,
    withElectronicDocumentCirculation: 310,
    whereCmisIsOfficialWebsite: 250,
    withAtLeast3000Residents: 153,
    citizenServiceOffices: 42,
    citizenServiceOfficesWithGiz: 39,
    shareOfPopulationOutsideYerevanWithCso: 39.6,
  },
  overTime: overTime2019,
  period: { from: '2018-08-01', to: '2019-07-01' },
  transparency,
};

export const nationalToday: NationalData = {
  ...national2019,
  asOf: TODAY,
  report: { ...national2019.report, asOf: TODAY, withCmisDeployed: 455, totalCommunities: 71 },
};

export const gyumriSummary: CommunitySummary = { id: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 112300, status: 'active' };

export const site: PublicSite = {
  community: {
    ...gyumriSummary,
    settlements: ['Գյումրի'],
    cmisEdition: 'single-settlement',
    cmisDeployedOn: '2016-03-01',
    documentCirculation: true,
    documentCirculationOn: '2016-09-01',
    officialWebsite: { url: 'https://gyumri.am', hostedOnCmis: true },
    mergedInto: null,
    mergedOn: null,
  },
  services: [
    { code: 'S-01', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 10000, deadlineDays: 14, issues: 'permit' },
    { code: 'S-02', nameHy: 'Տեղեկանք բնակության վայրի մասին', nameEn: 'Certificate of residence', feeAmd: 0, deadlineDays: 3, issues: 'certificate' },
    { code: 'S-03', nameHy: 'Արտաքին գովազդ, «Ա» վահանակներ', nameEn: 'Outdoor advertising, "A" boards', feeAmd: 1234567, deadlineDays: 30, issues: 'none' },
  ],
  actsInForce: [
    {
      id: 'act-1',
      number: '12-Ն',
      titleHy: 'Տեղական տուրքերի դրույքաչափերի մասին',
      titleEn: 'On the rates of local duties',
      issuer: 'council',
      effectiveFrom: '2024-09-01',
      version: 2,
      history: [
        { version: 1, effectiveFrom: '2024-01-01', amendingActId: null },
        { version: 2, effectiveFrom: '2024-09-01', amendingActId: 'act-2' },
      ],
    },
    {
      id: 'act-2',
      number: '45-Ն',
      titleHy: '12-Ն որոշման մեջ փոփոխություն կատարելու մասին',
      titleEn: null,
      issuer: 'council',
      effectiveFrom: '2024-09-01',
      version: 1,
      history: [{ version: 1, effectiveFrom: '2024-09-01', amendingActId: null }],
    },
  ],
  upcomingActs: [
    {
      id: 'act-3',
      number: '77-Ն',
      titleHy: 'Ավագանու աշխատակարգի մասին',
      titleEn: 'On the rules of procedure of the council',
      issuer: 'council',
      effectiveFrom: '2025-06-01',
      version: 1,
      history: [{ version: 1, effectiveFrom: '2025-06-01', amendingActId: null }],
    },
  ],
  statistics: {
    applications: {
      total: 40,
      open: 10,
      overdue: 2,
      decided: 30,
      byStatus: [
        { status: 'submitted', count: 3 },
        { status: 'registered', count: 4 },
        { status: 'assigned', count: 2 },
        { status: 'awaiting-information', count: 1 },
        { status: 'approved', count: 12 },
        { status: 'rejected', count: 3 },
        { status: 'completed', count: 15 },
        { status: 'withdrawn', count: 0 },
      ],
    },
    complaints: {
      total: 6,
      open: 1,
      overdue: 0,
      byResolution: [
        { resolution: 'upheld', count: 2 },
        { resolution: 'partially-upheld', count: 1 },
        { resolution: 'rejected', count: 1 },
      ],
      byStatus: [
        { status: 'filed', count: 1 },
        { status: 'responded', count: 3 },
        { status: 'closed', count: 2 },
      ],
    },
  },
  citizenServiceOffices: [{ officeId: 'CSO-1', name: 'Գյումրու ՔՍԳ', partners: ['GIZ', 'USAID'], openedOn: '2017-05-10' }],
};

const monthsOfPeriod = Array.from({ length: 12 }, (_, i) => month('2024-04', i));

export const communityData: CommunityPageData = {
  today: TODAY,
  site,
  period: { from: '2024-04-01', to: TODAY },
  transparency,
  allTime: toTransparency(rawAllTime),
  monthly: monthsOfPeriod.map((m) => toMonthly(m, rawMonth(`${m}-01`))),
};

export const actData: ActPageData = {
  today: TODAY,
  asOf: '2024-10-01',
  community: { id: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri' },
  act: {
    id: 'act-1',
    status: 'published',
    communityId: 'AM08001',
    issuer: 'council',
    number: '12-Ն',
    titleHy: 'Տեղական տուրքերի դրույքաչափերի մասին',
    titleEn: 'On the rates of local duties',
    text: 'Հոդված 1. Սահմանել տուրքի դրույքաչափը՝ 1200 դրամ։\nՀոդված 2. <b>Ուժի մեջ է</b> հրապարակումից։',
    version: 2,
    effectiveFrom: '2024-09-01',
    votes: { for: 15, against: 3, abstained: 1 },
    repealedBy: null,
    repealEffectiveFrom: null,
    history: [
      { version: 1, effectiveFrom: '2024-01-01', amendingActId: null },
      { version: 2, effectiveFrom: '2024-09-01', amendingActId: 'act-2' },
    ],
  },
  references: { 'act-2': { id: 'act-2', number: '45-Ն', titleHy: '12-Ն որոշման մեջ փոփոխություն կատարելու մասին', titleEn: null } },
};

export const ACT_TEXTS: Record<string, Array<{ from: string; text: string }>> = {
  'act-1': [
    { from: '2024-01-01', text: 'Հոդված 1. Սահմանել տուրքի դրույքաչափը՝ 1000 դրամ։' },
    { from: '2024-09-01', text: actData.act.text! },
  ],
  'act-2': [{ from: '2024-09-01', text: 'Հոդված 1. 12-Ն որոշման 1-ին հոդվածում 1000 թիվը փոխարինել 1200 թվով։' }],
};

export const COMMUNITIES: CommunitySummary[] = [
  gyumriSummary,
  { id: 'AM08002', nameHy: 'Արթիկ', nameEn: 'Artik', province: 'Shirak', kind: 'urban', population: 19500, status: 'active' },
  { id: 'AM09001', nameHy: 'Կապան', nameEn: 'Kapan', province: 'Syunik', kind: 'urban', population: 42000, status: 'active' },
  { id: 'AM08001-F02', nameHy: 'Ազատան', nameEn: 'Azatan', province: 'Shirak', kind: 'rural', population: 4500, status: 'merged' },
];

export const listData: CommunityListData = {
  search: '',
  province: '',
  includeMerged: false,
  after: '',
  nodes: COMMUNITIES.filter((c) => c.status === 'active'),
  totalCount: 3,
  endCursor: 'AM09001',
  hasNextPage: true,
};

/** The real schema's public queries and types (so the pages' documents are validated against it). */
export const fixtureTypeDefs = [
  /* GraphQL */ `
  scalar Amd
  scalar JSON
  type Query { serverInfo: String }
  type CommunityRef { id: ID! }
`,
  viewTypeDefs,
  queryTypeDefs,
].join('\n');

/** Calls made to the fixture resolvers, to check what the pages asked. */
export const fixtureCalls: Array<{ field: string; args: Record<string, unknown> }> = [];

const textOn = (id: string, asOf: string | undefined): string | null => {
  const versions = ACT_TEXTS[id] ?? [];
  const on = asOf ?? TODAY;
  const inForce = versions.filter((v) => v.from <= on);
  return inForce.length ? inForce[inForce.length - 1].text : null;
};

export const fixtureResolvers = {
  Query: {
    nationalAdoptionReport: (_: unknown, args: { asOf: string }) => {
      fixtureCalls.push({ field: 'nationalAdoptionReport', args });
      const base = args.asOf === '2019-07-01' ? national2019.report : nationalToday.report;
      return {
        ...base,
        asOf: args.asOf,
        withOfficialWebsite: 270,
        citizenServiceOfficesWithPartner: ({ partner }: { partner: string }) => (partner === 'GIZ' ? base.citizenServiceOfficesWithGiz : 0),
      };
    },
    adoptionOverTime: (_: unknown, args: { from: string; to: string }) => {
      fixtureCalls.push({ field: 'adoptionOverTime', args });
      return overTime2019
        .filter((p) => p.month >= args.from.slice(0, 7) && p.month <= args.to.slice(0, 7))
        .map((p) => ({
          month: p.month,
          asOf: `${p.month}-28`,
          totalCommunities: 502,
          withCmisDeployed: p.withCmisDeployed,
          withElectronicDocumentCirculation: p.withElectronicDocumentCirculation,
          withOfficialWebsite: p.withOfficialWebsite,
          whereCmisIsOfficialWebsite: 0,
          citizenServiceOffices: p.withCitizenServiceOffice,
        }));
    },
    transparencyReport: (_: unknown, args: { communityId?: string; from?: string; to?: string }) => {
      fixtureCalls.push({ field: 'transparencyReport', args });
      if (!args.from && !args.to) return rawAllTime;
      if (args.communityId && args.from && args.to && args.from.slice(0, 7) === args.to.slice(0, 7)) return rawMonth(args.from);
      return rawTransparency;
    },
    publicSite: (_: unknown, args: { communityId: string }) => {
      fixtureCalls.push({ field: 'publicSite', args });
      if (args.communityId !== site.community.id) throw new NotFound(`No community ${args.communityId}`);
      return { communityId: site.community.id, asOf: TODAY, ...site };
    },
    community: (_: unknown, args: { id: string }) => COMMUNITIES.find((c) => c.id === args.id) ?? null,
    communities: (_: unknown, args: { search?: string; province?: string; includeMerged?: boolean; first?: number; after?: string }) => {
      fixtureCalls.push({ field: 'communities', args });
      if (args.search === 'refuse-me') throw new ValidationFailed('search is refused', ['search']);
      const needle = (args.search ?? '').toLocaleLowerCase();
      const nodes = COMMUNITIES.filter(
        (c) =>
          (args.includeMerged || c.status === 'active') &&
          (!args.province || c.province === args.province) &&
          (!needle || c.nameHy.toLocaleLowerCase().includes(needle) || c.nameEn.toLocaleLowerCase().includes(needle)),
      );
      return { nodes, totalCount: nodes.length, pageInfo: { endCursor: nodes.length ? nodes[nodes.length - 1].id : null, hasNextPage: false } };
    },
    act: (_: unknown, args: { id: string; asOf?: string }) => {
      fixtureCalls.push({ field: 'act', args });
      if (args.id === 'draft-1') throw new NotFound('No published act draft-1');
      if (!ACT_TEXTS[args.id]) return null;
      const base = args.id === 'act-1' ? actData.act : { ...actData.act, id: 'act-2', number: '45-Ն', titleHy: site.actsInForce[1].titleHy, titleEn: null, history: site.actsInForce[1].history, version: 1 };
      return { ...base, text: textOn(args.id, args.asOf) };
    },
  },
};
