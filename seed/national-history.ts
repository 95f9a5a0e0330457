/**
 * The national community history behind the 2019 report, as the ministry's commands in chronological order.
 *
 * `buildNationalHistory(data)` is pure and deterministic (a seeded mulberry32 generator; no Math.random, no clock):
 * the same data and seed give the same commands. Replaying them through the community service and asking
 * `nationalAdoptionReport(asOf: "2019-07-01")` gives the report's table (seed/data/cmis-report-2019-07-01.json);
 * as of 2015-01-01 it gives the 915 pre-reform communities.
 *
 * What is real and what is filled in:
 * - Real (from the data file): the 502 communities of 2019 with codes, Armenian and English names and provinces
 *   (S_cod_adm3); the settlements of the 52 consolidated communities (S_gor91); the pre-reform counts per province
 *   (S_wiki_admin_2015); the totals 915 → 502 with 465 merged into 52 (S_armenpress_2018, S_sdc_2021); the towns'
 *   2011 census figures; the province and national population figures; four citizen service offices; the dates the
 *   file gives for consolidations and offices.
 * - Synthetic (marked `source: "synthetic"`): the former communities' codes (`<consolidated code>-F01`, F01 being the
 *   centre) and English transliterations; villages' populations (within the real province totals); the consolidation
 *   dates the file does not tie to a community; who deployed CMIS, document circulation, websites and offices, and when.
 *
 * Every command carries `source` (the data file's source id of the fact it records, or "synthetic"), and `provenance`
 * with the source of each part of it (e.g. a registration's identity from S_cod_adm3 and its population synthetic).
 * See HISTORY_SOURCES for the figures of the report.
 */
import type { CmisEdition, CommunityKind } from '../domain/community/commands';
import type { Province } from '../domain/community/provinces';
import { buildAdoption, ADOPTION_TARGETS, DECEMBER_2015, HANDBOOK_DATE, REPORT_DATE, type Adoption } from './adoption';
import type { CommunitiesData } from './data';
import { buildPopulations, AT_LEAST_3000_TARGET, type Populations } from './populations';
import {
  buildStructure,
  settlementNames,
  COMMUNITIES_2019,
  CONSOLIDATED_COMMUNITIES,
  FIRST_STAGE_CONSOLIDATED,
  FIRST_STAGE_FORMERS,
  HISTORY_START,
  MERGED_FORMER_COMMUNITIES,
  PRE_REFORM_COMMUNITIES,
  SYNTHETIC,
  type Structure,
} from './structure';

export { SYNTHETIC, HISTORY_START, REPORT_DATE, DECEMBER_2015, HANDBOOK_DATE };
export { loadCommunitiesData, loadCmisReport2019, type CommunitiesData } from './data';

/** Default seed of the synthetic parts. */
export const DEFAULT_HISTORY_SEED = 2019;

export type HistoryMutation =
  | 'registerCommunity'
  | 'consolidateCommunities'
  | 'recordPopulation'
  | 'deployCmis'
  | 'enableDocumentCirculation'
  | 'launchOfficialWebsite'
  | 'openCitizenServiceOffice';

/** Arguments exactly as docs/api.md names them. */
export interface RegisterCommunityArgs {
  readonly input: {
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: Province;
    readonly kind: CommunityKind;
    readonly population: number;
    readonly settlements: readonly string[];
    readonly occurredAt: string;
  };
  readonly source: string;
}
export interface ConsolidateCommunitiesArgs {
  readonly input: {
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: Province;
    readonly kind: CommunityKind;
    readonly formerCommunityIds: readonly string[];
    readonly settlements: readonly string[];
    readonly on: string;
    readonly population: number;
  };
  readonly source: string;
}
export interface RecordPopulationArgs {
  readonly communityId: string;
  readonly population: number;
  readonly asOf: string;
  readonly source: string;
}
export interface DeployCmisArgs {
  readonly communityId: string;
  readonly edition: CmisEdition;
  readonly on: string;
  readonly source: string;
}
export interface EnableDocumentCirculationArgs {
  readonly communityId: string;
  readonly on: string;
  readonly source: string;
}
export interface LaunchOfficialWebsiteArgs {
  readonly communityId: string;
  readonly url: string;
  readonly hostedOnCmis: boolean;
  readonly on: string;
  readonly source: string;
}
export interface OpenCitizenServiceOfficeArgs {
  readonly communityId: string;
  readonly officeId: string;
  readonly name: string;
  readonly partners: readonly string[];
  readonly on: string;
  readonly source: string;
}

interface CommandBase<M extends HistoryMutation, A> {
  readonly mutation: M;
  readonly args: A;
  /** Business time of the command (ISO date-time, Yerevan offset); its date is the fact's date. */
  readonly occurredAt: string;
  /** Deterministic command id: replaying the history twice appends nothing the second time. */
  readonly commandId: string;
  /** Source of each part of the command (identity, population, date, …); `args.source` is that of its main fact. */
  readonly provenance: Readonly<Record<string, string>>;
}

export type HistoryCommand =
  | CommandBase<'registerCommunity', RegisterCommunityArgs>
  | CommandBase<'consolidateCommunities', ConsolidateCommunitiesArgs>
  | CommandBase<'recordPopulation', RecordPopulationArgs>
  | CommandBase<'deployCmis', DeployCmisArgs>
  | CommandBase<'enableDocumentCirculation', EnableDocumentCirculationArgs>
  | CommandBase<'launchOfficialWebsite', LaunchOfficialWebsiteArgs>
  | CommandBase<'openCitizenServiceOffice', OpenCitizenServiceOfficeArgs>;

export interface NationalHistoryOptions {
  readonly seed?: number;
}

/** The model the commands are made from (for seeders and pages that want more than the commands). */
export interface NationalHistoryPlan {
  readonly seed: number;
  readonly structure: Structure;
  readonly populations: Populations;
  readonly adoption: Adoption;
}

const PHASES: Readonly<Record<HistoryMutation, { readonly order: number; readonly time: string }>> = {
  registerCommunity: { order: 0, time: '09:00:00' },
  consolidateCommunities: { order: 1, time: '10:00:00' },
  recordPopulation: { order: 2, time: '11:00:00' },
  deployCmis: { order: 3, time: '12:00:00' },
  enableDocumentCirculation: { order: 4, time: '13:00:00' },
  launchOfficialWebsite: { order: 5, time: '14:00:00' },
  openCitizenServiceOffice: { order: 6, time: '15:00:00' },
};

/**
 * Business time for a fact dated `date`: daytime at +04:00 (Armenia's offset; under the summer time it kept until
 * 2011, 09:00–15:00 +04:00 still falls on the same Yerevan date), so `yerevanDate(occurredAt)` is the fact's date.
 */
const at = (date: string, mutation: HistoryMutation): string => `${date}T${PHASES[mutation].time}+04:00`;

export const planNationalHistory = (data: CommunitiesData, options: NationalHistoryOptions = {}): NationalHistoryPlan => {
  const seed = (options.seed ?? DEFAULT_HISTORY_SEED) >>> 0;
  const structure = buildStructure(data, seed);
  const populations = buildPopulations(data, structure, seed);
  const adoption = buildAdoption(data, structure, populations, seed);
  return { seed, structure, populations, adoption };
};

/** The ministry commands of the national history, in chronological order. */
export const buildNationalHistory = (data: CommunitiesData, options: NationalHistoryOptions = {}): HistoryCommand[] =>
  historyCommands(planNationalHistory(data, options));

/** The commands of a plan, in chronological order. */
export const historyCommands = (plan: NationalHistoryPlan): HistoryCommand[] => {
  const { structure, populations, adoption, seed } = plan;
  const out: Array<{ date: string; seq: number; command: HistoryCommand }> = [];
  const id = (...parts: string[]): string => ['history2019', String(seed), ...parts].join('/');
  const push = (date: string, command: HistoryCommand): void => {
    out.push({ date, seq: out.length, command });
  };

  for (const e of structure.entities) {
    if (e.role === 'consolidated') {
      const g = e.group;
      const pop = populations.atConsolidation.get(e.code);
      if (!g || !pop) throw new Error(`${e.code}: consolidation without a plan`);
      push(e.registeredOn, {
        mutation: 'consolidateCommunities',
        args: {
          input: {
            code: e.code,
            nameHy: e.nameHy,
            nameEn: e.nameEn,
            province: e.province,
            kind: e.kind,
            formerCommunityIds: [...e.formerCodes],
            settlements: settlementNames(e),
            on: e.registeredOn,
            population: pop.value,
          },
          source: g.membershipSource,
        },
        occurredAt: at(e.registeredOn, 'consolidateCommunities'),
        commandId: id('consolidateCommunities', e.code),
        provenance: {
          identity: e.identitySource,
          settlements: 'S_gor91',
          membership: g.membershipSource,
          ...(g.reconciliation ? { reconciliation: g.reconciliation } : {}),
          formerCommunities: `${g.formers} of ${g.record.settlements_count} settlements: ${g.formersSource}`,
          on: g.onSource,
          population: `${SYNTHETIC} (${pop.note})`,
        },
      });
      continue;
    }
    const census = populations.census2011.get(e.code);
    if (!census) throw new Error(`${e.code}: no 2011 figure`);
    push(HISTORY_START, {
      mutation: 'registerCommunity',
      args: {
        input: {
          code: e.code,
          nameHy: e.nameHy,
          nameEn: e.nameEn,
          province: e.province,
          kind: e.kind,
          population: census.value,
          settlements: settlementNames(e),
          occurredAt: at(HISTORY_START, 'registerCommunity'),
        },
        source: e.identitySource,
      },
      occurredAt: at(HISTORY_START, 'registerCommunity'),
      commandId: id('registerCommunity', e.code),
      provenance: {
        identity: e.role === 'former' ? `${SYNTHETIC} (code ${e.code}; Armenian name from S_gor91)` : e.identitySource,
        nameEn: e.nameEnSource,
        population: `${census.source} (${census.note})`,
        on: `${SYNTHETIC} (registry baseline: 2011 census reference date)`,
      },
    });
  }

  for (const [code, figures] of populations.records) {
    for (const f of figures) {
      push(f.asOf, {
        mutation: 'recordPopulation',
        args: { communityId: code, population: f.value, asOf: f.asOf, source: f.source },
        occurredAt: at(f.asOf, 'recordPopulation'),
        commandId: id('recordPopulation', code, f.asOf),
        provenance: { population: `${f.source} (${f.note})` },
      });
    }
  }

  for (const d of adoption.deployments) {
    push(d.on, {
      mutation: 'deployCmis',
      args: { communityId: d.code, edition: d.edition, on: d.on, source: d.source },
      occurredAt: at(d.on, 'deployCmis'),
      commandId: id('deployCmis', d.code, d.on, d.edition),
      provenance: { deployment: `${d.source} (${d.note})`, on: SYNTHETIC },
    });
  }
  for (const d of adoption.documentCirculation) {
    push(d.on, {
      mutation: 'enableDocumentCirculation',
      args: { communityId: d.code, on: d.on, source: d.source },
      occurredAt: at(d.on, 'enableDocumentCirculation'),
      commandId: id('enableDocumentCirculation', d.code),
      provenance: { documentCirculation: `${d.source} (${d.note})`, on: SYNTHETIC },
    });
  }
  for (const w of adoption.websites) {
    push(w.on, {
      mutation: 'launchOfficialWebsite',
      args: { communityId: w.code, url: w.url, hostedOnCmis: w.hostedOnCmis, on: w.on, source: w.source },
      occurredAt: at(w.on, 'launchOfficialWebsite'),
      commandId: id('launchOfficialWebsite', w.code, w.on),
      provenance: { website: `${w.source} (${w.note})`, url: `${SYNTHETIC} (placeholder .example address: the data file has no addresses)`, on: SYNTHETIC },
    });
  }
  for (const o of adoption.offices) {
    push(o.on, {
      mutation: 'openCitizenServiceOffice',
      args: { communityId: o.code, officeId: o.officeId, name: o.name, partners: [...o.partners], on: o.on, source: o.source },
      occurredAt: at(o.on, 'openCitizenServiceOffice'),
      commandId: id('openCitizenServiceOffice', o.code, o.officeId),
      provenance: { office: `${o.source} (${o.note})`, on: o.onSource, partners: o.source === SYNTHETIC ? SYNTHETIC : o.source, name: SYNTHETIC },
    });
  }

  return out
    .sort((a, b) => a.date.localeCompare(b.date) || PHASES[a.command.mutation].order - PHASES[b.command.mutation].order || a.seq - b.seq)
    .map((x) => x.command);
};

/** The community a command is about (its code). */
export const commandCommunityId = (command: HistoryCommand): string => {
  switch (command.mutation) {
    case 'registerCommunity':
    case 'consolidateCommunities':
      return command.args.input.code;
    default:
      return command.args.communityId;
  }
};

/** The date of the fact a command records (YYYY-MM-DD). */
export const commandDate = (command: HistoryCommand): string => {
  switch (command.mutation) {
    case 'registerCommunity':
      return command.args.input.occurredAt.slice(0, 10);
    case 'consolidateCommunities':
      return command.args.input.on;
    case 'recordPopulation':
      return command.args.asOf;
    default:
      return command.args.on;
  }
};

/** Id of the 2019 report table (not a source of the data file: the table the history reproduces). */
export const CMIS_REPORT_SOURCE = 'cmis-report-2019-07-01';

export interface FigureProvenance {
  /** What the figure is (a `nationalAdoptionReport` field where it is one). */
  readonly figure: string;
  readonly asOf: string;
  readonly value: number;
  /** Whether the figure itself is real (reported by a source). */
  readonly real: boolean;
  readonly sources: readonly string[];
  /** What in the history is real and what is synthetic. */
  readonly note: string;
}

/**
 * The figures the history reproduces, with their sources, so pages can tell real figures from synthetic ones.
 * In short: every count of the 2019 table is real (the report), but which community stands behind it is real only
 * for communities, consolidations and the four named offices; the rest is synthetic.
 */
export const HISTORY_SOURCES: {
  readonly synthetic: typeof SYNTHETIC;
  readonly report: typeof CMIS_REPORT_SOURCE;
  readonly figures: readonly FigureProvenance[];
} = {
  synthetic: SYNTHETIC,
  report: CMIS_REPORT_SOURCE,
  figures: [
    { figure: 'totalCommunities', asOf: REPORT_DATE, value: COMMUNITIES_2019, real: true, sources: [CMIS_REPORT_SOURCE, 'S_cod_adm3', 'S_evn_2021'], note: 'Every community, code, Armenian and English name and province is real (S_cod_adm3).' },
    {
      figure: 'consolidatedMultiSettlement',
      asOf: REPORT_DATE,
      value: CONSOLIDATED_COMMUNITIES,
      real: true,
      sources: [CMIS_REPORT_SOURCE, 'S_armenpress_2018', 'S_sdc_2021', 'S_gor91'],
      note: '49 consolidated communities and their settlements are from S_gor91 (high/medium confidence); Koghb, Jrvezh and Shnogh are chosen to make 52 (see RECONCILIATION).',
    },
    { figure: 'mergedFormerCommunities', asOf: REPORT_DATE, value: MERGED_FORMER_COMMUNITIES, real: true, sources: ['S_armenpress_2018', 'S_sdc_2021'], note: 'The former communities are real settlements (S_gor91) with synthetic codes; which settlements were separate communities is reconstructed where the province arithmetic requires.' },
    { figure: 'totalCommunities', asOf: '2015-01-01', value: PRE_REFORM_COMMUNITIES, real: true, sources: ['S_wiki_munis_2016', 'S_wiki_admin_2015', 'S_sdc_2021'], note: 'Pre-reform counts per province are real; 450 of the communities are the unchanged 2019 ones.' },
    { figure: 'totalCommunities', asOf: '2016-01-01', value: 885, real: true, sources: ['https://www.fdfa.admin.ch (SDC project page, in community_counts_over_time)'], note: 'Holds from the pilot consolidations of 2015-12-15 to 2016-06-16; the pilot date is a real reform date, its pairing with the pilot communities synthetic.' },
    { figure: 'consolidatedMultiSettlement', asOf: '2016-12-31', value: FIRST_STAGE_CONSOLIDATED, real: true, sources: ['S_newsam_2017'], note: `First stage: ${FIRST_STAGE_CONSOLIDATED} communities formed from ${FIRST_STAGE_FORMERS}.` },
    { figure: 'withCmisDeployed', asOf: REPORT_DATE, value: ADOPTION_TARGETS.cmisDeployed2019, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Reported as about 400; which communities and when is synthetic.' },
    { figure: 'withCmisDeployed', asOf: DECEMBER_2015, value: ADOPTION_TARGETS.cmisDeployedDecember2015, real: true, sources: ['S_hetq_2015'], note: 'Reported as 130 by December 2015; which communities is synthetic.' },
    { figure: 'consolidatedWithMultiSettlementCmis', asOf: REPORT_DATE, value: ADOPTION_TARGETS.consolidatedMultiSettlementCmis, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Which 40 is synthetic; 9 others keep the single-settlement CMIS of their former centre, 3 have none.' },
    { figure: 'withElectronicDocumentCirculation', asOf: REPORT_DATE, value: ADOPTION_TARGETS.documentCirculation2019, real: false, sources: [CMIS_REPORT_SOURCE], note: 'Reported as more than 300; 320 and which communities are synthetic.' },
    { figure: 'whereCmisIsOfficialWebsite', asOf: REPORT_DATE, value: ADOPTION_TARGETS.websitesOnCmis2019, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Reported as about 250; which communities and the addresses are synthetic (placeholder .example addresses).' },
    { figure: 'withAtLeast3000Residents', asOf: REPORT_DATE, value: AT_LEAST_3000_TARGET, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Towns and province totals are real; village populations are synthetic, drawn within the province totals and nudged so that exactly 153 reach 3000.' },
    { figure: 'citizenServiceOffices', asOf: REPORT_DATE, value: ADOPTION_TARGETS.offices2019, real: true, sources: [CMIS_REPORT_SOURCE, 'S_fdfa_2015', 'S_usaid_2015', 'S_infocom_gladzor', 'S_moj_2019', 'S_magnis'], note: 'Tatev, Tumanyan, Gladzor and Jrvezh are real; the other 38 are synthetic (32 consolidated communities in all, S_magnis: "more than 30").' },
    { figure: 'citizenServiceOfficesWithPartner(GIZ)', asOf: REPORT_DATE, value: ADOPTION_TARGETS.officesWithGiz2019, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Which three offices were founded without GIZ is synthetic.' },
    { figure: 'citizenServiceOffices', asOf: DECEMBER_2015, value: ADOPTION_TARGETS.officesDecember2015, real: true, sources: ['S_hetq_2015'], note: '10 offices in 6 provinces; Tatev and Tumanyan are real, the other 8 synthetic.' },
    { figure: 'citizenServiceOffices', asOf: HANDBOOK_DATE, value: ADOPTION_TARGETS.officesHandbook, real: true, sources: ['S_giz_handbook'], note: '29 municipalities in 9 provinces; the handbook is undated, the date is synthetic.' },
    { figure: 'shareOfPopulationOutsideYerevanWithCso', asOf: REPORT_DATE, value: ADOPTION_TARGETS.shareWithOffice2019, real: true, sources: [CMIS_REPORT_SOURCE], note: 'Reported as about 40 %; the result depends on the synthetic populations and offices.' },
  ],
};

export { CONSOLIDATED_COMMUNITIES, COMMUNITIES_2019, PRE_REFORM_COMMUNITIES, MERGED_FORMER_COMMUNITIES };
