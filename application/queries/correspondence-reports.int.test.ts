/**
 * The correspondence figures of the reports over a real SQLite read store, filled by the projections
 * (rebuilt by the runner) from documents the real commands registered: the transparency report's
 * documents registered, executed (on time) and overdue per community and nationally, and the national
 * adoption report's registry flag of document circulation beside its actual use. Expectations by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { ALL_PROJECTIONS, createReportReadModels } from '../../projections';
import { rebuildProjection } from '../../projections/runner';
import { registerCommunities } from '../../tests/support/registered-communities';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { createQueries, type Queries } from '.';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const clerk = (communityId: string): Actor => ({ id: `clerk-${communityId}`, role: 'staff', communityId, assurance: 'password', channel: 'staff' });
const head = (communityId: string): Actor => ({ id: `head-${communityId}`, role: 'head', communityId, assurance: 'eid', channel: 'staff' });
const as = (actor: Actor): CommandContext => ({ actor });

describe('correspondence in the reports (SQLite read store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let clock: ReturnType<typeof fixedClock>;
  let commands: Commands;
  let queries: Queries;

  /** 12:00 in Yerevan on `date`. */
  const at = (date: string): void => clock.set(`${date}T08:00:00Z`);
  const letter = async (communityId: string, subject = 'Ճանապարհների նորոգում'): Promise<string> =>
    (
      await commands.registerIncomingDocument(
        { input: { communityId, senderName: 'Շիրակի մարզպետարան', receivedOn: clock.now().toISOString().slice(0, 10), subject, channel: 'post' } } as Parameters<Commands['registerIncomingDocument']>[0],
        as(clerk(communityId)),
      )
    ).id;
  const resolve = (communityId: string, documentId: string, controlDueOn: string) =>
    commands.issueResolution({ documentId, executorIds: [clerk(communityId).id], instruction: 'Պատրաստել պատասխան', controlDueOn }, as(head(communityId)));
  const execute = (communityId: string, documentId: string) => commands.reportExecution({ documentId, report: 'Պատասխանը ուղարկված է' }, as(clerk(communityId)));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-correspondence-reports-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    await registerCommunities(eventStore, ['GYUMRI', 'DILIJAN', 'GORIS']);
    clock = fixedClock('2024-03-01T08:00:00Z');
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('correspondence-reports') }), clock });
    // The registry flags Gyumri and Goris (Goris never registers a document); Dilijan registers without the flag.
    await commands.enableDocumentCirculation({ communityId: 'GYUMRI', on: '2017-05-01' }, as(ministry));
    await commands.enableDocumentCirculation({ communityId: 'GORIS', on: '2024-03-10' }, as(ministry));

    // Gyumri, March 2024 (Monday 4 March … Friday 15 March).
    at('2024-03-04');
    const g1 = await letter('GYUMRI');
    const g2 = await letter('GYUMRI');
    const g3 = await letter('GYUMRI');
    const g4 = await letter('GYUMRI');
    const cancelled = await letter('GYUMRI');
    await commands.cancelRegistration({ id: cancelled, reason: 'Կրկնակի գրանցում' }, as(clerk('GYUMRI')));
    await resolve('GYUMRI', g1, '2024-03-06');
    await resolve('GYUMRI', g2, '2024-03-06');
    await resolve('GYUMRI', g3, '2024-03-12');
    await resolve('GYUMRI', g4, '2024-03-20');
    at('2024-03-06');
    await execute('GYUMRI', g1); // on the control date: on time
    at('2024-03-07');
    await execute('GYUMRI', g2); // a day late
    // g3 (control 12 March) and g4 (20 March) stay in execution.

    // Dilijan, one letter in February, executed without a control date.
    at('2024-02-20');
    const d1 = await letter('DILIJAN', 'Դպրոցի վերանորոգում');
    await commands.issueResolution({ documentId: d1, executorIds: [clerk('DILIJAN').id], instruction: 'Ի գիտություն' }, as(head('DILIJAN')));
    await execute('DILIJAN', d1);

    for (const projection of ALL_PROJECTIONS) await rebuildProjection(eventStore, readStore, projection, { batchSize: 5 });
    at('2024-03-15');
    queries = createQueries({ readStore, clock, reports: createReportReadModels(readStore) });
  });

  afterAll(async () => {
    await readStore?.close();
    await eventStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('transparencyReport counts documents registered (not cancelled), executed and on time, and overdue as of today, per community', async () => {
    expect(await queries.transparencyReport({ communityId: 'GYUMRI' })).toMatchObject({ documentsRegistered: 4, documentsExecuted: 2, documentsExecutedOnTime: 1, documentsOverdue: 1 });
    expect(await queries.transparencyReport({ communityId: 'DILIJAN' })).toMatchObject({ documentsRegistered: 1, documentsExecuted: 1, documentsExecutedOnTime: 1, documentsOverdue: 0 });
    expect(await queries.transparencyReport({ communityId: 'GORIS' })).toMatchObject({ documentsRegistered: 0, documentsExecuted: 0, documentsExecutedOnTime: 0, documentsOverdue: 0 });
    expect(await queries.transparencyReport({})).toMatchObject({ communityId: null, documentsRegistered: 5, documentsExecuted: 3, documentsExecutedOnTime: 2, documentsOverdue: 1 });
  });

  it('a range counts registrations and executions dated in it, and overdue documents whose control date is in it', async () => {
    expect(await queries.transparencyReport({ communityId: 'GYUMRI', from: '2024-03-07', to: '2024-03-31' })).toMatchObject({
      documentsRegistered: 0,
      documentsExecuted: 1,
      documentsExecutedOnTime: 0,
      documentsOverdue: 1,
    });
    expect(await queries.transparencyReport({ from: '2024-02-01', to: '2024-02-29' })).toMatchObject({ documentsRegistered: 1, documentsExecuted: 1, documentsOverdue: 0 });
    // Later, g4's control date (20 March) has passed too.
    clock.set('2024-03-21T08:00:00Z');
    expect(await queries.transparencyReport({ communityId: 'GYUMRI' })).toMatchObject({ documentsOverdue: 2 });
    at('2024-03-15');
  });

  it('nationalAdoptionReport.documentCirculationUse: the registry flag beside the communities that registered documents', async () => {
    const report = await queries.nationalAdoptionReport('2024-03-15');
    expect(report.withElectronicDocumentCirculation).toBe(2);
    // Default period: 1 January of asOf's year to asOf.
    expect(await report.documentCirculationUse()).toEqual({
      from: '2024-01-01',
      to: '2024-03-15',
      communitiesRegisteringDocuments: 2,
      flaggedAndRegistering: 1,
      flaggedNotRegistering: 1,
      registeringNotFlagged: 1,
    });
    expect(await report.documentCirculationUse({ from: '2024-03-01' })).toMatchObject({ communitiesRegisteringDocuments: 1, flaggedAndRegistering: 1, registeringNotFlagged: 0 });
    expect(await report.documentCirculationUse({ from: '2023-01-01', to: '2023-12-31' })).toMatchObject({ communitiesRegisteringDocuments: 0, flaggedNotRegistering: 2 });
    // Before Goris's flag (10 March): only Gyumri is flagged.
    expect(await (await queries.nationalAdoptionReport('2024-03-09')).documentCirculationUse({ from: '2024-01-01', to: '2024-12-31' })).toMatchObject({
      flaggedAndRegistering: 1,
      flaggedNotRegistering: 0,
      registeringNotFlagged: 1,
    });
    await expect(report.documentCirculationUse({ from: '2024-03-02', to: '2024-03-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(report.documentCirculationUse({ from: '2024-02-30' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
  });
});
