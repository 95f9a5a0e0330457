/**
 * `hamaynk documents export`, run as the operator runs it (a child process on a DATA_DIR whose log the
 * real commands wrote and whose read models the projections built): a community's journals in journal
 * order as CSV (RFC 4180, BOM, Armenian intact) or NDJSON, filtered by journal and year; bad options
 * exit non-zero with one line.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCommandHandler, type CommandContext } from '../../application/command-handler';
import { createCommands, type Commands } from '../../application/commands/registry';
import { countingIds, fixedClock } from '../../application/ids';
import type { Actor } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { EVENTS_FILE, READ_FILE } from '../../interfaces/composition';
import { parseCsv } from '../../interfaces/web/csv';
import { ALL_PROJECTIONS } from '../../projections';
import { rebuildProjection } from '../../projections/runner';
import { registerCommunities } from '../support/registered-communities';
import { cliArgs } from '../support/server-process';

jest.setTimeout(120_000);
const run = promisify(execFile);

const clerk: Actor = { id: 'clerk-g', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const head: Actor = { id: 'head-g', role: 'head', communityId: 'GYUMRI', assurance: 'eid', channel: 'staff' };
const as = (actor: Actor): CommandContext => ({ actor });
/** A subject a CSV writer must quote: a comma, double quotes and a line break. */
const TRICKY = 'Դիմում «Շիրակ» ՍՊԸ-ից, "շտապ"\nերկրորդ տող';

describe('hamaynk documents export', () => {
  let dataDir: string;
  const cli = (...args: string[]) => run(process.execPath, cliArgs('documents', ...args), { env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' } });
  const failure = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
    const error = (await cli(...args).then(
      () => null,
      (e: unknown) => e,
    )) as { code: number; stderr: string } | null;
    if (error === null) throw new Error(`documents ${args.join(' ')} succeeded`);
    return error;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-documents-export-'));
    const eventStore = new SqliteEventStore(path.join(dataDir, EVENTS_FILE));
    await registerCommunities(eventStore, ['GYUMRI', 'DILIJAN']);
    const clock = fixedClock('2023-12-20T08:00:00Z');
    const commands: Commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('export') }), clock });
    const letter = (subject: string) =>
      commands.registerIncomingDocument(
        { input: { communityId: 'GYUMRI', senderName: 'Շիրակի մարզպետարան', senderReference: '01/77', receivedOn: clock.now().toISOString().slice(0, 10), subject, channel: 'post' } } as Parameters<
          Commands['registerIncomingDocument']
        >[0],
        as(clerk),
      );
    await letter('Նախորդ տարվա նամակ'); // incoming 1 of 2023
    clock.set('2024-03-01T08:00:00Z');
    const first = await letter(TRICKY); // incoming 1 of 2024
    await letter('Երկրորդ նամակ'); // incoming 2 of 2024
    await commands.issueResolution({ documentId: first.id, executorIds: [clerk.id], instruction: 'Պատասխանել', controlDueOn: '2024-03-05' }, as(head));
    await commands.registerOutgoingDocument(
      { input: { communityId: 'GYUMRI', recipientName: 'ՍՊԸ «Շիրակ»', subject: 'Պատասխան', text: 'Հարգելի…', inReplyTo: first.id } } as Parameters<Commands['registerOutgoingDocument']>[0],
      as(clerk),
    );
    await commands.registerInternalDocument({ input: { communityId: 'GYUMRI', subject: 'Հրաման', text: 'Տեքստ' } } as Parameters<Commands['registerInternalDocument']>[0], as(clerk));
    const readStore = new SqliteReadStore(path.join(dataDir, READ_FILE));
    for (const projection of ALL_PROJECTIONS) await rebuildProjection(eventStore, readStore, projection);
    await readStore.close();
    await eventStore.close();
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the journals as CSV in journal order (journal, year, number), quoting what needs it, Armenian intact', async () => {
    const { stdout } = await cli('export', '--community', 'GYUMRI');
    expect(stdout.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(stdout);
    const col = (name: string) => header.indexOf(name);
    expect(header.slice(0, 6)).toEqual(['journal', 'year', 'number', 'registeredAt', 'status', 'subject']);
    expect(rows.map((r) => [r[col('journal')], r[col('year')], r[col('number')]])).toEqual([
      ['incoming', '2023', '1'],
      ['incoming', '2024', '1'],
      ['incoming', '2024', '2'],
      ['internal', '2024', '1'],
      ['outgoing', '2024', '1'],
    ]);
    const answered = rows[1];
    expect(answered[col('subject')]).toBe(TRICKY);
    expect(answered[col('status')]).toBe('in-execution');
    expect(answered[col('controlDueOn')]).toBe('2024-03-05');
    expect(answered[col('executors')]).toBe('clerk-g');
    // Today is long after 5 March 2024: the document is overdue.
    expect(answered[col('overdue')]).toBe('yes');
    expect(answered[col('replies')]).toBe(rows[4][col('id')]);
    expect(rows[4][col('inReplyTo')]).toBe(answered[col('id')]);
    expect(rows[4][col('recipientName')]).toBe('ՍՊԸ «Շիրակ»');
  });

  it('filters by journal and year, and writes NDJSON documents', async () => {
    const { stdout } = await cli('export', '--community', 'GYUMRI', '--journal', 'incoming', '--year', '2024', '--format', 'ndjson');
    const documents = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { number: string; year: number; journal: string; subject: string; senderReference: string });
    expect(documents.map((d) => [d.journal, d.year, d.number])).toEqual([
      ['incoming', 2024, '1'],
      ['incoming', 2024, '2'],
    ]);
    expect(documents[0]).toMatchObject({ subject: TRICKY, senderReference: '01/77' });
    // A community with no documents: the header only.
    expect(parseCsv((await cli('export', '--community', 'DILIJAN')).stdout)).toHaveLength(1);
  });

  it('refuses bad options with one line and a non-zero exit', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export'], /--community is required/],
      [['export', '--community', 'NOWHERE'], /no community NOWHERE/],
      [['export', '--community', 'GYUMRI', '--journal', 'outbox'], /journal/],
      [['export', '--community', 'GYUMRI', '--year', '24'], /--year must be a four-digit year/],
      [['export', '--community', 'GYUMRI', '--format', 'xml'], /--format must be one of csv, ndjson/],
      [['import', '--community', 'GYUMRI'], /usage: hamaynk documents export/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await failure(...args);
      expect([args.join(' '), code]).toEqual([args.join(' '), 1]);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  });
});
