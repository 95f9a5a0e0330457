/**
 * The community registry's commands through the command bus over the real SQLite event store:
 * validation, authorization, idempotent command ids, consolidation across streams, and the domain
 * rules as a caller sees them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { systemActor } from '../authorization';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { createCommands, type Commands } from '../commands/registry';
import { communityStreamId } from './commands';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const refused: Record<string, Actor> = {
  staff: { id: 'clerk-1', role: 'staff', communityId: 'AM08001', assurance: 'password', channel: 'staff' },
  head: { id: 'head-1', role: 'head', communityId: 'AM08001', assurance: 'eid', channel: 'staff' },
  resident: { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' },
  auditor: { id: 'aud-1', role: 'auditor', assurance: 'password', channel: 'staff' },
  integration: { id: 'stat', role: 'integration', assurance: 'system', channel: 'system' },
};
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

const gyumri = {
  code: 'AM08001',
  nameHy: 'Գյումրի',
  nameEn: 'Gyumri',
  province: 'Shirak',
  kind: 'urban' as const,
  population: 114_500,
  settlements: ['Գյումրի'],
  occurredAt: '2017-01-01T09:00:00+04:00',
};
const village = (code: string, nameHy: string, population: number) => ({ code, nameHy, nameEn: code, province: 'Syunik', kind: 'rural' as const, population, settlements: [nameHy] });

/** What a command answers about its aggregate (besides the log position and whether it repeated). */
const aggregateOf = (r: { id: string; revision: number; view: unknown }) => ({ id: r.id, revision: r.revision, view: r.view });

describe('community commands (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let communities: Commands;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    clock = fixedClock('2019-07-01T08:00:00Z');
    communities = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('community-test') }), clock });
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectRefused = async (attempt: () => Promise<unknown>, code: string, extra: Record<string, unknown> = {}) => {
    const before = await eventStore.headPosition();
    await expect(attempt()).rejects.toMatchObject({ code, ...extra });
    expect(await eventStore.headPosition()).toBe(before);
  };

  it('registers a community with its provenance and business time', async () => {
    const r = await communities.registerCommunity({ input: gyumri, source: 'S_cod_adm3' }, as(ministry));
    expect(r).toMatchObject({ id: 'AM08001', revision: 0, view: { id: 'AM08001', status: 'active', nameHy: 'Գյումրի', population: 114_500, cmisEdition: null, documentCirculation: false } });
    expect(r.view.provenance).toEqual([
      { fact: 'registration', source: 'S_cod_adm3' },
      { fact: 'population', source: 'S_cod_adm3' },
    ]);
    const [event] = await eventStore.readStream(communityStreamId('AM08001'));
    expect(event).toMatchObject({ type: 'CommunityRegistered', data: { on: '2017-01-01', source: 'S_cod_adm3' }, metadata: { occurredAt: '2017-01-01T09:00:00+04:00', actor: ministry } });
  });

  it('records every registry fact and shows it in the view', async () => {
    await communities.registerCommunity({ input: gyumri }, as(ministry));
    await communities.recordPopulation({ communityId: 'AM08001', population: 112_000, asOf: '2019-01-01', source: 'S_armstat' }, as(ministry));
    await communities.deployCmis({ communityId: 'AM08001', edition: 'single-settlement', on: '2018-04-01', source: 'synthetic' }, as(ministry));
    await communities.enableDocumentCirculation({ communityId: 'AM08001', on: '2018-05-01' }, as(ministry));
    await communities.launchOfficialWebsite({ communityId: 'AM08001', url: 'https://gyumricity.am', hostedOnCmis: true, on: '2018-06-01' }, as(ministry));
    await communities.openCitizenServiceOffice({ communityId: 'AM08001', officeId: 'cso-1', name: 'ՔՍԳ', partners: ['GIZ/BMZ'], on: '2016-03-01' }, as(ministry));
    await communities.offerService(
      { communityId: 'AM08001', input: { code: 'construction-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Construction permit', feeAmd: 0, deadlineDays: 10, issues: 'permit' } },
      as(ministry),
    );
    const r = await communities.withdrawService({ communityId: 'AM08001', code: 'construction-permit', source: 'synthetic' }, as(ministry));
    expect(r.revision).toBe(7);
    expect(r.view).toMatchObject({
      population: 112_000,
      cmisEdition: 'single-settlement',
      documentCirculation: true,
      officialWebsite: { url: 'https://gyumricity.am', hostedOnCmis: true },
      citizenServiceOffices: [{ officeId: 'cso-1', name: 'ՔՍԳ', partners: ['GIZ/BMZ'] }],
      services: [],
    });
    // A fact dated in the past is recorded with that date as its business time.
    const events = await eventStore.readStream(communityStreamId('AM08001'));
    expect(events.find((e) => e.type === 'CmisDeployed')?.metadata.occurredAt).toBe('2018-04-01T00:00:00+04:00');
    expect(events.find((e) => e.type === 'ServiceOffered')?.metadata.occurredAt).toBe('2019-07-01T08:00:00.000Z');
  });

  it('refuses invalid input with the fields at fault, appending nothing', async () => {
    await communities.registerCommunity({ input: gyumri }, as(ministry));
    await expectRefused(() => communities.registerCommunity({ input: { ...gyumri, code: 'NEW', province: 'Atlantis', population: -1 } }, as(ministry)), 'VALIDATION_FAILED', {
      fields: expect.arrayContaining(['input.province', 'input.population']),
    });
    await expectRefused(() => communities.registerCommunity({ input: { ...gyumri, code: 'NEW', nameHy: 'x'.repeat(201) } }, as(ministry)), 'VALIDATION_FAILED', { fields: ['input.nameHy'] });
    await expectRefused(() => communities.registerCommunity({ input: { ...gyumri, code: 'NEW', colour: 'red' } as typeof gyumri }, as(ministry)), 'VALIDATION_FAILED', { fields: ['input.colour'] });
    await expectRefused(() => communities.deployCmis({ communityId: 'AM08001', edition: 'single-settlement', on: '2019-02-30' }, as(ministry)), 'VALIDATION_FAILED', { fields: ['on'] });
    await expectRefused(
      () => communities.offerService({ communityId: 'AM08001', input: { code: 'x', nameHy: 'x', nameEn: 'x', feeAmd: 1.5, deadlineDays: 0, issues: 'permit' } }, as(ministry)),
      'VALIDATION_FAILED',
      { fields: ['input.feeAmd', 'input.deadlineDays'] },
    );
    await expectRefused(
      () => communities.launchOfficialWebsite({ communityId: 'AM08001', url: 'javascript:alert(1)', hostedOnCmis: true, on: '2019-01-01' }, as(ministry)),
      'VALIDATION_FAILED',
      { fields: ['url'] },
    );
    await expectRefused(() => communities.recordPopulation({ communityId: 'AM08001', population: 5, asOf: '2019-01-01', source: '' }, as(ministry)), 'VALIDATION_FAILED', { fields: ['source'] });
  });

  it.each(Object.entries(refused))('refuses the %s role (FORBIDDEN) and appends nothing', async (_who, actor) => {
    await communities.registerCommunity({ input: gyumri }, as(ministry));
    await expectRefused(() => communities.registerCommunity({ input: { ...gyumri, code: 'OTHER' } }, as(actor)), 'FORBIDDEN');
    await expectRefused(() => communities.deployCmis({ communityId: 'AM08001', edition: 'single-settlement', on: '2018-01-01' }, as(actor)), 'FORBIDDEN');
    await expectRefused(
      () => communities.offerService({ communityId: 'AM08001', input: { code: 'x', nameHy: 'x', nameEn: 'x', feeAmd: 0, deadlineDays: 1, issues: 'none' } }, as(actor)),
      'FORBIDDEN',
    );
  });

  it('lets the system actor seed the registry', async () => {
    await expect(communities.registerCommunity({ input: gyumri, source: 'S_cod_adm3' }, as(systemActor()))).resolves.toMatchObject({ id: 'AM08001' });
  });

  it('a repeated commandId appends nothing and returns the same community; reused for other input it is refused', async () => {
    const first = await communities.registerCommunity({ input: gyumri }, as(ministry, { commandId: 'reg-1' }));
    const head = await eventStore.headPosition();
    const again = await communities.registerCommunity({ input: gyumri }, as(ministry, { commandId: 'reg-1' }));
    expect(aggregateOf(again)).toEqual(aggregateOf(first));
    expect(again).toMatchObject({ duplicate: true, position: first.position });
    expect(await eventStore.headPosition()).toBe(head);
    await expectRefused(() => communities.registerCommunity({ input: { ...gyumri, population: 1 } }, as(ministry, { commandId: 'reg-1' })), 'VALIDATION_FAILED');
  });

  it('refuses registering twice, acting on an unknown community, and a stale expected revision', async () => {
    await communities.registerCommunity({ input: gyumri }, as(ministry));
    await expectRefused(() => communities.registerCommunity({ input: gyumri }, as(ministry)), 'INVALID_TRANSITION', { reason: 'COMMUNITY_ALREADY_REGISTERED' });
    await expectRefused(() => communities.enableDocumentCirculation({ communityId: 'NOPE', on: '2019-01-01' }, as(ministry)), 'NOT_FOUND');
    await expectRefused(() => communities.withdrawService({ communityId: 'AM08001', code: 'nothing' }, as(ministry)), 'INVALID_TRANSITION', { reason: 'SERVICE_NOT_OFFERED' });
    await expectRefused(() => communities.enableDocumentCirculation({ communityId: 'AM08001', on: '2019-01-01' }, as(ministry, { expectedRevision: 3 })), 'CONCURRENCY_CONFLICT');
    await expect(communities.enableDocumentCirculation({ communityId: 'AM08001', on: '2019-01-01', expectedRevision: 0 }, as(ministry))).resolves.toMatchObject({ revision: 1 });
  });

  it('takes source at the top level or inside the input, and refuses the two when they differ', async () => {
    await expectRefused(
      () => communities.registerCommunity({ input: { ...gyumri, source: 'S_armstat' }, source: 'S_cod_adm3' }, as(ministry)),
      'VALIDATION_FAILED',
      { fields: ['source', 'input.source'] },
    );
    const r = await communities.registerCommunity({ input: { ...gyumri, source: 'S_cod_adm3' }, source: 'S_cod_adm3' }, as(ministry));
    expect(r.view.provenance).toContainEqual({ fact: 'registration', source: 'S_cod_adm3' });
    const service = { code: 'birth-certificate', nameHy: 'Ծննդյան վկայական', nameEn: 'Birth certificate', feeAmd: 1_000, deadlineDays: 3, issues: 'certificate' as const };
    await expectRefused(() => communities.offerService({ communityId: 'AM08001', input: { ...service, source: 'a' }, source: 'b' }, as(ministry)), 'VALIDATION_FAILED', {
      fields: ['source', 'input.source'],
    });
    await communities.offerService({ communityId: 'AM08001', input: { ...service, source: 'Գյումրու որոշում' } }, as(ministry));
    const events = await eventStore.readStream(communityStreamId('AM08001'));
    expect(events.find((e) => e.type === 'ServiceOffered')?.data).toMatchObject({ code: 'birth-certificate', nameHy: 'Ծննդյան վկայական', source: 'Գյումրու որոշում' });
  });

  describe('consolidation', () => {
    beforeEach(async () => {
      await communities.registerCommunity({ input: village('AM09010', 'Տաթև', 900) }, as(ministry));
      await communities.registerCommunity({ input: village('AM09011', 'Շինուհայր', 1_800) }, as(ministry));
    });
    const tatev = { code: 'AM09100', nameHy: 'Տաթև', nameEn: 'Tatev', province: 'Syunik', kind: 'rural' as const, formerCommunityIds: ['AM09010', 'AM09011'], on: '2016-06-01' };

    it('registers the consolidated community and merges each former one from that date', async () => {
      const r = await communities.consolidateCommunities({ input: tatev, source: 'synthetic' }, as(ministry, { commandId: 'cons-1' }));
      expect(r).toMatchObject({
        id: 'AM09100',
        revision: 0,
        view: { status: 'active', formerCommunityIds: ['AM09010', 'AM09011'], settlements: ['Տաթև', 'Շինուհայր'], population: 2_700, consolidatedOn: '2016-06-01' },
      });
      for (const former of ['AM09010', 'AM09011']) {
        const events = await eventStore.readStream(communityStreamId(former));
        expect(events.map((e) => e.type)).toEqual(['CommunityRegistered', 'CommunityMerged']);
        expect(events[1].data).toEqual({ communityId: former, mergedInto: 'AM09100', on: '2016-06-01', source: 'synthetic' });
        expect(events[1].metadata.correlationId).toBe('cons-1');
      }
      const head = await eventStore.headPosition();
      const again = await communities.consolidateCommunities({ input: tatev, source: 'synthetic' }, as(ministry, { commandId: 'cons-1' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(r));
      expect(again).toMatchObject({ duplicate: true, position: r.position });
      expect(await eventStore.headPosition()).toBe(head);
      await expectRefused(() => communities.recordPopulation({ communityId: 'AM09010', population: 5, asOf: '2019-01-01' }, as(ministry)), 'INVALID_TRANSITION', { reason: 'COMMUNITY_MERGED' });
    });

    it('refuses an unknown former community or one merged elsewhere, appending nothing', async () => {
      await expectRefused(() => communities.consolidateCommunities({ input: { ...tatev, formerCommunityIds: ['AM09010', 'GHOST'] } }, as(ministry)), 'VALIDATION_FAILED', {
        fields: ['input.formerCommunityIds'],
      });
      await communities.consolidateCommunities({ input: { ...tatev, code: 'AM09200', formerCommunityIds: ['AM09011'] } }, as(ministry));
      await expectRefused(() => communities.consolidateCommunities({ input: tatev }, as(ministry)), 'INVALID_TRANSITION', { reason: 'COMMUNITY_MERGED' });
      await expectRefused(() => communities.consolidateCommunities({ input: { ...tatev, formerCommunityIds: ['AM09100', 'AM09100'] } }, as(ministry)), 'VALIDATION_FAILED');
    });

    it('refuses a consolidation into one of its former communities, or under a code already registered, merging nothing', async () => {
      await expectRefused(() => communities.consolidateCommunities({ input: { ...tatev, code: 'AM09010' } }, as(ministry)), 'VALIDATION_FAILED', {
        fields: ['input.code'],
        reason: 'CONSOLIDATED_INTO_ITSELF',
      });
      await communities.registerCommunity({ input: village('AM09100', 'Տաթև', 10) }, as(ministry));
      await expectRefused(() => communities.consolidateCommunities({ input: tatev }, as(ministry)), 'INVALID_TRANSITION', { reason: 'COMMUNITY_ALREADY_REGISTERED' });
      for (const former of ['AM09010', 'AM09011']) expect((await eventStore.readStream(communityStreamId(former))).map((e) => e.type)).toEqual(['CommunityRegistered']);
    });

    it('refuses a role other than the ministry before reading any former community', async () => {
      await expectRefused(() => communities.consolidateCommunities({ input: { ...tatev, formerCommunityIds: ['GHOST'] } }, as(refused.staff)), 'FORBIDDEN');
    });

    it("records the request's correlation id on the consolidation and on every merge", async () => {
      await communities.consolidateCommunities({ input: tatev }, as(ministry, { correlationId: 'request-7' }));
      const streams = ['AM09100', 'AM09010', 'AM09011'].map((code) => communityStreamId(code));
      const last = await Promise.all(streams.map(async (stream) => (await eventStore.readStream(stream)).at(-1)));
      expect(last.map((e) => [e?.type, e?.metadata.correlationId])).toEqual([
        ['CommunityConsolidated', 'request-7'],
        ['CommunityMerged', 'request-7'],
        ['CommunityMerged', 'request-7'],
      ]);
    });

    it('completes a consolidation interrupted after its merges when retried with the same commandId, merging nothing twice', async () => {
      // The new community's append fails once, as if the process stopped after merging the former ones.
      let failOnce = true;
      const interrupted = new Proxy(eventStore, {
        get(target, key, receiver) {
          if (key !== 'append') return Reflect.get(target, key, receiver) as unknown;
          return async (...args: Parameters<SqliteEventStore['append']>) => {
            if (args[0] === communityStreamId('AM09100') && failOnce) {
              failOnce = false;
              throw new Error('the process stopped');
            }
            return target.append(...args);
          };
        },
      });
      const flaky = createCommands({ handler: createCommandHandler({ eventStore: interrupted, clock, ids: countingIds('interrupted') }), clock });
      await expect(flaky.consolidateCommunities({ input: tatev }, as(ministry, { commandId: 'cons-2' }))).rejects.toThrow('the process stopped');
      expect(await eventStore.streamInfo(communityStreamId('AM09100'))).toBeNull();

      const r = await flaky.consolidateCommunities({ input: tatev }, as(ministry, { commandId: 'cons-2' }));
      expect(r).toMatchObject({ id: 'AM09100', duplicate: false, view: { status: 'active', formerCommunityIds: ['AM09010', 'AM09011'] } });
      for (const former of ['AM09010', 'AM09011']) {
        expect((await eventStore.readStream(communityStreamId(former))).map((e) => e.type)).toEqual(['CommunityRegistered', 'CommunityMerged']);
      }
    });
  });
});
