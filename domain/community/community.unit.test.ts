import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { CommunityCommand } from './commands';
import { communityDecider } from './decider';
import type { CommunityEvent } from './events';
import { offeredService } from './state';
import { communityView } from './view';

const meta = (now = '2019-03-10T09:00:00Z'): CommandMetadata => ({ now, actor: { id: 'ministry-1', role: 'ministry' } });
const cmd = <T extends CommunityCommand['type'], C extends CommunityCommand = Extract<CommunityCommand, { type: T }>>(type: T, data: C['data'], now?: string): C => ({ type, data, metadata: meta(now) }) as C;
const given = (...events: CommunityEvent[]) => spec(communityDecider).given(...events);

const registered: CommunityEvent = {
  type: 'CommunityRegistered',
  data: {
    communityId: 'AM09001',
    nameHy: 'Սիսիան',
    nameEn: 'Sisian',
    province: 'Syunik',
    kind: 'urban',
    population: 14000,
    settlements: ['Սիսիան'],
    on: '2017-01-01',
    source: 'S_cod_adm3',
  },
};
const merged: CommunityEvent = { type: 'CommunityMerged', data: { communityId: 'AM09001', mergedInto: 'NEW01', on: '2019-06-01', source: 'synthetic' } };
const permitService: CommunityEvent = {
  type: 'ServiceOffered',
  data: {
    communityId: 'AM09001',
    code: 'construction-permit',
    nameHy: 'Շինարարության թույլտվություն',
    nameEn: 'Construction permit',
    feeAmd: 5000,
    deadlineDays: 10,
    issues: 'permit',
    on: '2019-01-05',
    source: null,
  },
};

describe('community decider', () => {
  describe('RegisterCommunity', () => {
    const register = cmd('RegisterCommunity', {
      code: 'AM09001',
      nameHy: 'Սիսիան',
      nameEn: 'Sisian',
      province: 'Syunik',
      kind: 'urban',
      population: 14000,
      settlements: ['Սիսիան'],
      source: 'S_cod_adm3',
    }, '2016-12-31T21:30:00Z');

    it('registers a community, dated by the Yerevan date of its business time', () => {
      given().when(register).then(registered);
    });
    it('refuses registering twice', () => {
      given(registered).when(register).thenFails('INVALID_TRANSITION', 'COMMUNITY_ALREADY_REGISTERED');
    });
    it('refuses an unknown province', () => {
      given().when({ ...register, data: { ...register.data, province: 'Atlantis' } }).thenFails('VALIDATION_FAILED', 'UNKNOWN_PROVINCE');
    });
    it('refuses a negative or fractional population', () => {
      given().when({ ...register, data: { ...register.data, population: -1 } }).thenFails('VALIDATION_FAILED', 'INVALID_POPULATION');
      given().when({ ...register, data: { ...register.data, population: 10.5 } }).thenFails('VALIDATION_FAILED', 'INVALID_POPULATION');
    });
    it('refuses blank names', () => {
      given().when({ ...register, data: { ...register.data, nameHy: '  ' } }).thenFails('VALIDATION_FAILED', 'NAME_REQUIRED');
    });
    it('records no source as null', () => {
      const result = given().when({ ...register, data: { ...register.data, source: undefined } }).result;
      expect(result).toEqual([{ ...registered, data: { ...registered.data, source: null } }]);
    });
  });

  describe('ConsolidateCommunities', () => {
    const consolidate = cmd('ConsolidateCommunities', {
      code: 'NEW01',
      nameHy: 'Տաթև',
      nameEn: 'Tatev',
      province: 'Syunik',
      kind: 'rural',
      formerCommunityIds: ['AM09001', 'AM09002'],
      settlements: ['Տաթև', 'Շինուհայր'],
      population: null,
      on: '2016-06-01',
      source: 'synthetic',
    });
    const consolidated: CommunityEvent = {
      type: 'CommunityConsolidated',
      data: {
        communityId: 'NEW01',
        nameHy: 'Տաթև',
        nameEn: 'Tatev',
        province: 'Syunik',
        kind: 'rural',
        population: null,
        settlements: ['Տաթև', 'Շինուհայր'],
        formerCommunityIds: ['AM09001', 'AM09002'],
        on: '2016-06-01',
        source: 'synthetic',
      },
    };
    it('registers the consolidated community on its new stream', () => {
      given().when(consolidate).then(consolidated);
    });
    it('refuses a code already registered', () => {
      given(consolidated).when(consolidate).thenFails('INVALID_TRANSITION', 'COMMUNITY_ALREADY_REGISTERED');
    });
    it('refuses consolidating nothing, the same community twice, or into one of the former codes', () => {
      given().when({ ...consolidate, data: { ...consolidate.data, formerCommunityIds: [] } }).thenFails('VALIDATION_FAILED', 'FORMER_COMMUNITIES_REQUIRED');
      given().when({ ...consolidate, data: { ...consolidate.data, formerCommunityIds: ['A', 'A'] } }).thenFails('VALIDATION_FAILED', 'FORMER_COMMUNITIES_REPEATED');
      given().when({ ...consolidate, data: { ...consolidate.data, formerCommunityIds: ['NEW01', 'B'] } }).thenFails('VALIDATION_FAILED', 'CONSOLIDATED_INTO_ITSELF');
    });
    it('refuses an impossible date', () => {
      given().when({ ...consolidate, data: { ...consolidate.data, on: '2016-02-30' } }).thenFails('VALIDATION_FAILED', 'INVALID_DATE');
    });
    it('shows the former communities and the consolidation date in the view', () => {
      const view = communityView(given(consolidated).state(), '2019-07-01');
      expect(view).toMatchObject({ id: 'NEW01', status: 'active', population: null, formerCommunityIds: ['AM09001', 'AM09002'], consolidatedOn: '2016-06-01' });
    });
  });

  describe('MergeIntoCommunity', () => {
    const merge = cmd('MergeIntoCommunity', { mergedInto: 'NEW01', on: '2019-06-01', source: 'synthetic' });
    it('merges a registered community', () => {
      given(registered).when(merge).then(merged);
    });
    it('records nothing when the same merger is repeated', () => {
      given(registered, merged).when(merge).thenNothing();
    });
    it('refuses merging a merged community into another one', () => {
      given(registered, merged).when({ ...merge, data: { ...merge.data, mergedInto: 'OTHER' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
    it('refuses an unregistered community', () => {
      given().when(merge).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
    });
    it('refuses merging into itself', () => {
      given(registered).when({ ...merge, data: { ...merge.data, mergedInto: 'AM09001' } }).thenFails('INVALID_TRANSITION', 'MERGED_INTO_ITSELF');
    });
    it('is merged only from the merge date', () => {
      const state = given(registered, merged).state();
      expect(communityView(state, '2019-05-31')?.status).toBe('active');
      expect(communityView(state, '2019-06-01')).toMatchObject({ status: 'merged', mergedInto: 'NEW01', mergedOn: '2019-06-01' });
    });
  });

  describe('RecordPopulation', () => {
    const record = cmd('RecordPopulation', { population: 13800, asOf: '2019-01-01', source: 'S_wiki_syunik' });
    const recorded: CommunityEvent = { type: 'PopulationRecorded', data: { communityId: 'AM09001', population: 13800, asOf: '2019-01-01', source: 'S_wiki_syunik' } };
    it('records a population count', () => {
      given(registered).when(record).then(recorded);
    });
    it('records nothing for the same count again', () => {
      given(registered, recorded).when(record).thenNothing();
    });
    it('refuses an unregistered community', () => {
      given().when(record).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
    });
    it('refuses a count dated on or after the merger, but accepts one dated before it', () => {
      given(registered, merged).when({ ...record, data: { ...record.data, asOf: '2019-06-01' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
      given(registered, merged).when(record).then(recorded);
    });
    it('refuses an impossible date and a negative population', () => {
      given(registered).when({ ...record, data: { ...record.data, asOf: '2019-13-01' } }).thenFails('VALIDATION_FAILED', 'INVALID_DATE');
      given(registered).when({ ...record, data: { ...record.data, population: -5 } }).thenFails('VALIDATION_FAILED', 'INVALID_POPULATION');
    });
    it('the view shows the latest count dated on or before today', () => {
      const later: CommunityEvent = { type: 'PopulationRecorded', data: { communityId: 'AM09001', population: 13500, asOf: '2020-01-01', source: null } };
      const state = given(registered, later, recorded).state();
      expect(communityView(state, '2019-07-01')).toMatchObject({ population: 13800, populationAsOf: '2019-01-01' });
      expect(communityView(state, '2020-07-01')).toMatchObject({ population: 13500, populationAsOf: '2020-01-01' });
      expect(communityView(state, '2019-07-01')?.provenance).toEqual([
        { fact: 'registration', source: 'S_cod_adm3' },
        { fact: 'population', source: 'S_wiki_syunik' },
      ]);
    });
  });

  describe('DeployCmis', () => {
    const deploy = cmd('DeployCmis', { edition: 'single-settlement', on: '2018-04-01', source: 'synthetic' });
    const deployed: CommunityEvent = { type: 'CmisDeployed', data: { communityId: 'AM09001', edition: 'single-settlement', on: '2018-04-01', source: 'synthetic' } };
    it('deploys the CMIS', () => {
      given(registered).when(deploy).then(deployed);
    });
    it('records nothing when that edition is already in use', () => {
      given(registered, deployed).when({ ...deploy, data: { ...deploy.data, on: '2018-09-01' } }).thenNothing();
    });
    it('records an edition change', () => {
      const upgrade = { ...deploy, data: { ...deploy.data, edition: 'multi-settlement' as const, on: '2019-01-01' } };
      given(registered, deployed).when(upgrade).then({ type: 'CmisDeployed', data: { ...deployed.data, edition: 'multi-settlement', on: '2019-01-01' } });
    });
    it('refuses an unknown edition', () => {
      given(registered).when({ ...deploy, data: { ...deploy.data, edition: 'cloud' as never } }).thenFails('VALIDATION_FAILED', 'INVALID_EDITION');
    });
    it('refuses an unregistered or merged community', () => {
      given().when(deploy).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, merged).when({ ...deploy, data: { ...deploy.data, on: '2019-07-01' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
    it('the view shows the edition in use on the day', () => {
      const state = given(registered, deployed).state();
      expect(communityView(state, '2018-03-31')?.cmisEdition).toBeNull();
      expect(communityView(state, '2018-04-01')).toMatchObject({ cmisEdition: 'single-settlement', cmisDeployedOn: '2018-04-01' });
    });
  });

  describe('EnableDocumentCirculation', () => {
    const enable = cmd('EnableDocumentCirculation', { on: '2018-05-01', source: 'synthetic' });
    const enabled: CommunityEvent = { type: 'DocumentCirculationEnabled', data: { communityId: 'AM09001', on: '2018-05-01', source: 'synthetic' } };
    it('enables electronic document circulation', () => {
      given(registered).when(enable).then(enabled);
      expect(communityView(given(registered, enabled).state(), '2019-01-01')).toMatchObject({ documentCirculation: true, documentCirculationOn: '2018-05-01' });
    });
    it('records nothing when it was already enabled by then', () => {
      given(registered, enabled).when({ ...enable, data: { ...enable.data, on: '2018-06-01' } }).thenNothing();
    });
    it('refuses an unregistered or merged community', () => {
      given().when(enable).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, merged).when({ ...enable, data: { ...enable.data, on: '2020-01-01' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
  });

  describe('LaunchOfficialWebsite', () => {
    const launch = cmd('LaunchOfficialWebsite', { url: 'https://sisian.am', hostedOnCmis: true, on: '2018-06-01', source: 'synthetic' });
    const launched: CommunityEvent = {
      type: 'OfficialWebsiteLaunched',
      data: { communityId: 'AM09001', url: 'https://sisian.am', hostedOnCmis: true, on: '2018-06-01', source: 'synthetic' },
    };
    it('launches the official website', () => {
      given(registered).when(launch).then(launched);
      expect(communityView(given(registered, launched).state(), '2019-01-01')?.officialWebsite).toEqual({ url: 'https://sisian.am', hostedOnCmis: true });
    });
    it('records nothing for the same website again', () => {
      given(registered, launched).when(launch).thenNothing();
    });
    it('refuses an address that is not http(s)', () => {
      given(registered).when({ ...launch, data: { ...launch.data, url: 'ftp://sisian.am' } }).thenFails('VALIDATION_FAILED', 'INVALID_URL');
    });
    it('refuses an unregistered or merged community', () => {
      given().when(launch).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, merged).when({ ...launch, data: { ...launch.data, on: '2019-06-02' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
  });

  describe('OpenCitizenServiceOffice', () => {
    const open = cmd('OpenCitizenServiceOffice', { officeId: 'cso-1', name: 'ՔՍԳ Սիսիան', partners: ['GIZ/BMZ', 'SDC'], on: '2015-11-20', source: 'S_fdfa_2015' });
    const opened: CommunityEvent = {
      type: 'CitizenServiceOfficeOpened',
      data: { communityId: 'AM09001', officeId: 'cso-1', name: 'ՔՍԳ Սիսիան', partners: ['GIZ/BMZ', 'SDC'], on: '2015-11-20', source: 'S_fdfa_2015' },
    };
    it('opens a citizen service office', () => {
      given(registered).when(open).then(opened);
      expect(communityView(given(registered, opened).state(), '2019-01-01')?.citizenServiceOffices).toEqual([
        { officeId: 'cso-1', name: 'ՔՍԳ Սիսիան', partners: ['GIZ/BMZ', 'SDC'], openedOn: '2015-11-20' },
      ]);
    });
    it('refuses opening the same office twice', () => {
      given(registered, opened).when(open).thenFails('INVALID_TRANSITION', 'OFFICE_ALREADY_OPEN');
    });
    it('refuses blank partners', () => {
      given(registered).when({ ...open, data: { ...open.data, partners: [''] } }).thenFails('VALIDATION_FAILED', 'INVALID_PARTNERS');
    });
    it('refuses an unregistered or merged community', () => {
      given().when(open).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, merged).when({ ...open, data: { ...open.data, on: '2019-06-01' } }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
  });

  describe('OfferService', () => {
    const offer = cmd(
      'OfferService',
      { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' },
      '2019-01-05T10:00:00+04:00',
    );
    it('offers a service', () => {
      given(registered).when(offer).then(permitService);
      expect(offeredService(given(registered, permitService).state(), 'construction-permit')).toMatchObject({ feeAmd: 5000, issues: 'permit' });
    });
    it('records nothing when re-offered on the same terms', () => {
      given(registered, permitService).when(offer).thenNothing();
    });
    it('re-offering with new terms replaces the terms', () => {
      const newTerms = { ...offer, data: { ...offer.data, feeAmd: 7000 } };
      given(registered, permitService).when(newTerms).then({ type: 'ServiceOffered', data: { ...permitService.data, feeAmd: 7000 } });
      const state = given(registered, permitService, { type: 'ServiceOffered', data: { ...permitService.data, feeAmd: 7000 } }).state();
      expect(communityView(state, '2019-02-01')?.services).toHaveLength(1);
      expect(offeredService(state, 'construction-permit')?.feeAmd).toBe(7000);
    });
    it('accepts a free service', () => {
      given(registered).when({ ...offer, data: { ...offer.data, feeAmd: 0 } }).then({ type: 'ServiceOffered', data: { ...permitService.data, feeAmd: 0 } });
    });
    it('refuses a negative or fractional fee, a zero deadline, an unknown document', () => {
      given(registered).when({ ...offer, data: { ...offer.data, feeAmd: -1 } }).thenFails('VALIDATION_FAILED', 'INVALID_FEE');
      given(registered).when({ ...offer, data: { ...offer.data, feeAmd: 0.5 } }).thenFails('VALIDATION_FAILED', 'INVALID_FEE');
      given(registered).when({ ...offer, data: { ...offer.data, deadlineDays: 0 } }).thenFails('VALIDATION_FAILED', 'INVALID_DEADLINE');
      given(registered).when({ ...offer, data: { ...offer.data, issues: 'licence' as never } }).thenFails('VALIDATION_FAILED', 'INVALID_ISSUES');
    });
    it('refuses an unregistered or merged community', () => {
      given().when(offer).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, merged).when({ ...offer, metadata: meta('2019-06-01T08:00:00Z') }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
  });

  describe('WithdrawService', () => {
    const withdraw = cmd('WithdrawService', { code: 'construction-permit', source: 'synthetic' }, '2019-02-01T10:00:00Z');
    const withdrawn: CommunityEvent = { type: 'ServiceWithdrawn', data: { communityId: 'AM09001', code: 'construction-permit', on: '2019-02-01', source: 'synthetic' } };
    it('withdraws an offered service', () => {
      given(registered, permitService).when(withdraw).then(withdrawn);
      expect(offeredService(given(registered, permitService, withdrawn).state(), 'construction-permit')).toBeUndefined();
    });
    it('refuses withdrawing a service not offered', () => {
      given(registered).when(withdraw).thenFails('INVALID_TRANSITION', 'SERVICE_NOT_OFFERED');
      given(registered, permitService, withdrawn).when(withdraw).thenFails('INVALID_TRANSITION', 'SERVICE_NOT_OFFERED');
    });
    it('refuses an unregistered or merged community', () => {
      given().when(withdraw).thenFails('NOT_FOUND', 'COMMUNITY_NOT_FOUND');
      given(registered, permitService, merged).when({ ...withdraw, metadata: meta('2019-07-01T08:00:00Z') }).thenFails('INVALID_TRANSITION', 'COMMUNITY_MERGED');
    });
  });

  it('the view of an unregistered community is null', () => {
    expect(communityView(given().state(), '2019-01-01')).toBeNull();
  });
});
