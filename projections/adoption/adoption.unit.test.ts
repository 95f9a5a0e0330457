/** The `adoption` projection: one timeline per community, every fact with its effective date. */
import type { CommunityEvent } from '../../domain/community';
import { projectInMemory } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { adoptionProjection } from './adoption-projection';

const registered = (communityId: string, on: string, population: number): CommunityEvent => ({
  type: 'CommunityRegistered',
  data: { communityId, nameHy: communityId, nameEn: communityId, province: 'Lori', kind: 'rural', population, settlements: [], on, source: null },
});

const timelines = (events: Parameters<typeof projectInMemory>[1]) => projectInMemory(adoptionProjection, events).get('adoption')!;

describe('adoption projection', () => {
  it('keeps every dated fact of a community in recorded order', () => {
    const log = eventLog();
    log.append('community-A', registered('A', '2011-10-12', 2_900));
    log.append('community-A', [
      { type: 'PopulationRecorded', data: { communityId: 'A', population: 3_100, asOf: '2016-01-01', source: null } },
      { type: 'CmisDeployed', data: { communityId: 'A', edition: 'single-settlement', on: '2016-05-01', source: null } },
      { type: 'DocumentCirculationEnabled', data: { communityId: 'A', on: '2017-03-01', source: null } },
      // An earlier date recorded later wins for document circulation (it was enabled from then).
      { type: 'DocumentCirculationEnabled', data: { communityId: 'A', on: '2016-09-01', source: null } },
      { type: 'OfficialWebsiteLaunched', data: { communityId: 'A', url: 'https://a.am', hostedOnCmis: true, on: '2017-01-01', source: null } },
      { type: 'CitizenServiceOfficeOpened', data: { communityId: 'A', officeId: 'o1', name: 'ՔՍԳ', partners: ['GIZ/BMZ', 'USAID'], on: '2018-02-01', source: null } },
      { type: 'ServiceOffered', data: { communityId: 'A', code: 's', nameHy: 's', nameEn: 's', feeAmd: 0, deadlineDays: 5, issues: 'none', on: '2018-03-01', source: null } },
      { type: 'CommunityMerged', data: { communityId: 'A', mergedInto: 'N', on: '2019-01-01', source: null } },
    ] as CommunityEvent[]);
    expect(timelines(log.events).get('A')).toEqual({
      id: 'A',
      revision: 8,
      province: 'Lori',
      registeredOn: '2011-10-12',
      mergedOn: '2019-01-01',
      consolidated: false,
      populations: [
        { asOf: '2011-10-12', population: 2_900 },
        { asOf: '2016-01-01', population: 3_100 },
      ],
      cmis: [{ on: '2016-05-01', edition: 'single-settlement' }],
      documentCirculationOn: '2016-09-01',
      websites: [{ on: '2017-01-01', hostedOnCmis: true }],
      offices: [{ on: '2018-02-01', officeId: 'o1', partners: ['GIZ/BMZ', 'USAID'] }],
    });
  });

  it('a consolidated community is flagged, with the population it was formed with (possibly unknown)', () => {
    const log = eventLog();
    log.append('community-N', {
      type: 'CommunityConsolidated',
      data: { communityId: 'N', nameHy: 'Ն', nameEn: 'N', province: 'Tavush', kind: 'rural', population: null, settlements: [], formerCommunityIds: ['A'], on: '2017-06-01', source: null },
    });
    expect(timelines(log.events).get('N')).toMatchObject({ consolidated: true, registeredOn: '2017-06-01', province: 'Tavush', populations: [{ asOf: '2017-06-01', population: null }] });
  });

  it('ignores facts about an unregistered community, other categories and replays', () => {
    const log = eventLog();
    log.append('community-X', { type: 'CmisDeployed', data: { communityId: 'X', edition: 'single-settlement', on: '2016-05-01', source: null } });
    log.append('community-A', registered('A', '2011-10-12', 100));
    const [deployed] = log.append('community-A', { type: 'CmisDeployed', data: { communityId: 'A', edition: 'single-settlement', on: '2016-05-01', source: null } });
    log.append('application-A', { type: 'CmisDeployed', data: { communityId: 'A', edition: 'multi-settlement', on: '2016-05-01', source: null } });
    const docs = timelines([...log.events, { ...deployed, position: 40n }]);
    expect([...docs.keys()]).toEqual(['A']);
    expect(docs.get('A')!.cmis).toEqual([{ on: '2016-05-01', edition: 'single-settlement' }]);
  });
});
