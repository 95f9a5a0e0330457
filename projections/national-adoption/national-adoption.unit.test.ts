/** The `national-adoption` projection: given community events → the national figures as dated changes. */
import type { CommunityEvent } from '../../domain/community';
import { projectInMemory } from '../definition';
import { eventLog, type EventLog } from '../../tests/support/projection-log';
import { nationalAdoptionProjection } from './national-adoption-projection';
import { NATIONAL_ADOPTION_COLLECTIONS } from './schema';

const registered = (communityId: string, on: string, population: number, province = 'Lori'): CommunityEvent => ({
  type: 'CommunityRegistered',
  data: { communityId, nameHy: communityId, nameEn: communityId, province, kind: 'rural', population, settlements: [], on, source: null },
});

const national = (log: EventLog) => projectInMemory(nationalAdoptionProjection, log.events).get(NATIONAL_ADOPTION_COLLECTIONS.nationalAdoption)!.get('national');

describe('national-adoption projection', () => {
  it('a registration counts the community from its date, with its population', () => {
    const log = eventLog();
    log.append('community-A', registered('A', '2011-10-12', 2_900));
    log.append('community-Y', registered('Y', '2011-10-12', 1_000_000, 'Yerevan'));
    expect(national(log)).toEqual({
      id: 'national',
      changes: { '2011-10-12': { totalCommunities: 2, withAtLeast3000Residents: 1, populationOutsideYerevan: 2_900 } },
    });
  });

  it('each fact changes the figures from its date; a merger takes the community out from its date', () => {
    const log = eventLog();
    log.append('community-A', registered('A', '2011-10-12', 2_900));
    log.append('community-A', [
      { type: 'PopulationRecorded', data: { communityId: 'A', population: 3_100, asOf: '2016-01-01', source: null } },
      { type: 'CmisDeployed', data: { communityId: 'A', edition: 'single-settlement', on: '2016-05-01', source: null } },
      { type: 'OfficialWebsiteLaunched', data: { communityId: 'A', url: 'https://a.am', hostedOnCmis: true, on: '2017-01-01', source: null } },
      { type: 'CitizenServiceOfficeOpened', data: { communityId: 'A', officeId: 'o1', name: 'ՔՍԳ', partners: ['GIZ/BMZ'], on: '2018-02-01', source: null } },
      { type: 'CommunityMerged', data: { communityId: 'A', mergedInto: 'N', on: '2019-01-01', source: null } },
    ] as CommunityEvent[]);
    expect(national(log)).toEqual({
      id: 'national',
      changes: {
        '2011-10-12': { totalCommunities: 1, populationOutsideYerevan: 2_900 },
        '2016-01-01': { withAtLeast3000Residents: 1, populationOutsideYerevan: 200 },
        '2016-05-01': { withCmisDeployed: 1 },
        '2017-01-01': { withOfficialWebsite: 1, whereCmisIsOfficialWebsite: 1 },
        '2018-02-01': { citizenServiceOffices: 1, populationOutsideYerevanWithCso: 3_100 },
        '2019-01-01': {
          totalCommunities: -1,
          withAtLeast3000Residents: -1,
          populationOutsideYerevan: -3_100,
          withCmisDeployed: -1,
          withOfficialWebsite: -1,
          whereCmisIsOfficialWebsite: -1,
          citizenServiceOffices: -1,
          populationOutsideYerevanWithCso: -3_100,
        },
      },
      withOffices: { A: { registeredOn: '2011-10-12', mergedOn: '2019-01-01', offices: [{ on: '2018-02-01', partners: ['GIZ/BMZ'] }] } },
    });
  });

  it('a fact recorded late, dated before others, replaces what it changes (a later website not on CMIS)', () => {
    const log = eventLog();
    log.append('community-A', registered('A', '2011-10-12', 100));
    log.append('community-A', { type: 'OfficialWebsiteLaunched', data: { communityId: 'A', url: 'https://a.am', hostedOnCmis: true, on: '2017-01-01', source: null } });
    log.append('community-A', { type: 'OfficialWebsiteLaunched', data: { communityId: 'A', url: 'https://a.gov.am', hostedOnCmis: false, on: '2018-01-01', source: null } });
    expect(national(log)?.changes).toEqual({
      '2011-10-12': { totalCommunities: 1, populationOutsideYerevan: 100 },
      '2017-01-01': { withOfficialWebsite: 1, whereCmisIsOfficialWebsite: 1 },
      '2018-01-01': { whereCmisIsOfficialWebsite: -1 },
    });
  });

  it('events of other streams, and facts of a community never registered, change nothing', () => {
    const log = eventLog();
    log.append('community-Z', { type: 'CmisDeployed', data: { communityId: 'Z', edition: 'single-settlement', on: '2016-05-01', source: null } } as CommunityEvent);
    log.append('application-a1', registered('a1', '2011-10-12', 100));
    expect(national(log)).toBeUndefined();
  });
});

describe('national-adoption projection: electronic document circulation in use', () => {
  const days = (log: EventLog) => projectInMemory(nationalAdoptionProjection, log.events).get(NATIONAL_ADOPTION_COLLECTIONS.documentRegistrationDays)!;
  const registration = (type: string, documentId: string, communityId: string, registeredAt: string) =>
    ({ type, data: { documentId, communityId, number: '1', year: 2024, subject: 'Նամակ', attachments: [], registeredAt } }) as unknown as CommunityEvent;

  it('keeps the communities flagged with document circulation, and each community’s registration days (Yerevan dates, each document once)', () => {
    const log = eventLog();
    log.append('community-A', registered('A', '2011-10-12', 5_000));
    log.append('community-A', { type: 'DocumentCirculationEnabled', data: { communityId: 'A', on: '2017-03-01', source: null } } as CommunityEvent);
    log.append('document-d1', registration('IncomingDocumentRegistered', 'd1', 'A', '2024-02-29T21:00:00Z'));
    log.append('document-d2', registration('InternalDocumentRegistered', 'd2', 'A', '2024-03-01T08:00:00Z'));
    log.append('document-d3', registration('OutgoingDocumentRegistered', 'd3', 'B', '2024-03-01T08:00:00Z'));
    // Not registrations: nothing for them.
    log.append('document-d1', { type: 'DocumentRegistrationCancelled', data: { documentId: 'd1', communityId: 'A', reason: 'x', at: '2024-03-02T08:00:00Z' } } as unknown as CommunityEvent);
    expect(national(log)?.documentCirculation).toEqual({ A: { registeredOn: '2011-10-12', mergedOn: null, on: '2017-03-01' } });
    expect([...days(log).values()]).toEqual([
      { id: 'A:2024-03-01', communityId: 'A', on: '2024-03-01', documents: ['d1', 'd2'] },
      { id: 'B:2024-03-01', communityId: 'B', on: '2024-03-01', documents: ['d3'] },
    ]);
    const replayed = projectInMemory(nationalAdoptionProjection, [...log.events, log.events[2]]).get(NATIONAL_ADOPTION_COLLECTIONS.documentRegistrationDays)!;
    expect(replayed.get('A:2024-03-01')).toMatchObject({ documents: ['d1', 'd2'] });
  });
});
