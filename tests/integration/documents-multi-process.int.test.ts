/**
 * Two processes registering documents at once into one community's incoming journal on one DATA_DIR:
 * every registration gets a number, the numbers are 1…N with no gap and no repeat, and the journal
 * stream, the registrations and what each process was answered agree.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { documentJournalStreamId } from '../../domain/correspondence/journal';
import { yerevanDate } from '../../domain/kernel/time';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { registerCommunities } from '../support/registered-communities';

jest.setTimeout(180_000);
const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const registerFromChild = (dir: string, name: string, count: number, callers: number) =>
  run(process.execPath, ['-r', path.join(root, 'tests/support/ts-register.js'), path.join(root, 'tests/fixtures/register-documents.ts'), dir, name, String(count), String(callers), 'GYUMRI', '2']);

interface Answer {
  readonly id: string;
  readonly number: string;
  readonly year: number;
  readonly subject: string;
}

describe('concurrent registration across two processes on one SQLite log', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-documents-mp-'));
    const store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    await registerCommunities(store, ['GYUMRI']);
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('numbers every registration 1…N, gap-free and unique, whichever process took it', async () => {
    const PER_PROCESS = 40;
    const outputs = await Promise.all([registerFromChild(dir, 'left', PER_PROCESS, 4), registerFromChild(dir, 'right', PER_PROCESS, 4)]);
    const answers: Answer[] = outputs.flatMap(({ stdout }) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Answer),
    );
    expect(answers).toHaveLength(2 * PER_PROCESS);
    // Both processes registered, started together, and their numbers interleave in one sequence.
    const byProcess = (name: string) => answers.filter((a) => a.subject.startsWith(`Նամակ ${name} `));
    expect([byProcess('left').length, byProcess('right').length]).toEqual([PER_PROCESS, PER_PROCESS]);
    const numbersOf = (name: string) => byProcess(name).map((a) => Number(a.number));
    const [left, right] = [numbersOf('left'), numbersOf('right')];
    expect(left.some((n) => n > Math.min(...right) && n < Math.max(...right))).toBe(true);
    const year = answers[0].year;
    expect(answers.every((a) => a.year === year)).toBe(true);
    const numbers = answers.map((a) => Number(a.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));

    // The log agrees: one registration per document with the number it was answered, and the journal stream
    // assigned each number once, to that document.
    const store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    try {
      const events = await store.readAll({ maxCount: 100_000 });
      const registrations = events.filter((e) => e.type === 'IncomingDocumentRegistered').map((e) => e.data as { documentId: string; number: string; registeredAt: string });
      expect(new Map(registrations.map((r) => [r.documentId, r.number]))).toEqual(new Map(answers.map((a) => [a.id, a.number])));
      expect(registrations.every((r) => Number(yerevanDate(r.registeredAt).slice(0, 4)) === year)).toBe(true);
      const assigned = (await store.readStream(documentJournalStreamId('GYUMRI', 'incoming', year))).map((e) => e.data as { documentId: string; number: string });
      expect(assigned.map((a) => Number(a.number))).toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));
      expect(new Map(assigned.map((a) => [a.documentId, a.number]))).toEqual(new Map(answers.map((a) => [a.id, a.number])));
    } finally {
      await store.close();
    }
  });
});
