/**
 * Files and attachments: uploads are checked by their content and stored all or nothing; the commands that
 * take attachments (submitApplication, provideApplicationInformation) refuse a reference to a file the
 * store does not hold and append nothing; the events carry hash, name, type and size.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilesystemFileStore } from '../../infrastructure/files/filesystem-file-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { jpegFile, pdfFile, pngFile } from '../../tests/support/files';
import { applicationDecider } from '../../domain/service-application';
import { createCommandHandler, type CommandContext, type CommandHandler } from '../command-handler';
import { schemaVersionOf } from '../event-catalogue';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { applicationStreamId } from '../service-application/commands';
import { acceptUploads, FilesRefused } from './uploads';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: '0800112345', role: 'resident', assurance: 'eid', channel: 'online' };
const clerk: Actor = { id: '0800100001', role: 'staff', communityId: 'AM08001', assurance: 'eid', channel: 'staff' };
const as = (actor: Actor): CommandContext => ({ actor });
const MIB = 1024 * 1024;

type SubmissionInput = Parameters<Commands['submitApplication']>[0]['input'];
/** A submission; `attachments` as given, malformed ones included (the rules are what is tested). */
const submission = (attachments?: readonly object[]): SubmissionInput =>
  ({
    communityId: 'AM08001',
    serviceCode: 'construction-permit',
    subject: 'Ավտոտնակի կառուցում',
    details: 'Կցում եմ հատակագիծը',
    applicantName: 'Անի Սարգսյան',
    ...(attachments !== undefined ? { attachments } : {}),
  }) as unknown as SubmissionInput;

/** Every file the store holds (its temporary folder aside). */
const storedFiles = (root: string): string[] =>
  fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => !p.startsWith('tmp') && fs.statSync(path.join(root, p)).isFile()) : [];

describe('files and attachments', () => {
  let dir: string;
  let root: string;
  let files: FilesystemFileStore;
  let eventStore: SqliteEventStore;
  let commands: Commands;
  let handler: CommandHandler;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-attach-'));
    root = path.join(dir, 'files');
    files = new FilesystemFileStore(root);
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    const clock = fixedClock('2026-03-02T08:00:00Z');
    handler = createCommandHandler({ eventStore, clock, ids: countingIds('attach'), schemaVersionOf });
    commands = createCommands({ handler, clock, files });
    await commands.registerCommunity({ input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 114_500 } }, as(ministry));
    await commands.offerService(
      { communityId: 'AM08001', input: { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' } },
      as(ministry),
    );
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const refusalOf = async (attempt: Promise<unknown>): Promise<FilesRefused> => {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FilesRefused);
    return error as FilesRefused;
  };

  describe('uploads, checked by content', () => {
    it('takes a PNG named .pdf as the PNG it is, keeps its Armenian name, and stores it by SHA-256', async () => {
      const png = pngFile();
      const [ref] = await acceptUploads([{ name: 'C:\\Users\\Անի\\հատակագիծ.pdf', declaredType: 'application/pdf', content: png }], files);
      expect(ref).toEqual({ sha256: createHash('sha256').update(png).digest('hex'), name: 'հատակագիծ.pdf', type: 'image/png', size: png.length });
      expect(fs.readFileSync(files.pathOf(ref.sha256))).toEqual(png);
    });

    it('takes PDF and JPEG, and a file of exactly 10 MiB', async () => {
      const refs = await acceptUploads(
        [
          { name: 'a.pdf', content: pdfFile() },
          { name: 'b.jpg', content: jpegFile() },
          { name: 'c.pdf', content: pdfFile(10 * MIB) },
        ],
        files,
      );
      expect(refs.map((r) => [r.type, r.size])).toEqual([
        ['application/pdf', pdfFile().length],
        ['image/jpeg', jpegFile().length],
        ['application/pdf', 10 * MIB],
      ]);
    });

    it('refuses a text file named .pdf, and stores nothing of the upload, not even its good file', async () => {
      const refused = await refusalOf(
        acceptUploads(
          [
            { name: 'good.png', content: pngFile() },
            { name: 'letter.pdf', declaredType: 'application/pdf', content: Buffer.from('Բարև, սա պարզ տեքստ է, ոչ PDF') },
          ],
          files,
        ),
      );
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'FILES_REFUSED', fields: ['files.1'] });
      expect(refused.refusals).toEqual([{ index: 1, name: 'letter.pdf', reason: 'FILE_TYPE_NOT_ALLOWED', message: expect.stringContaining('letter.pdf: its content is not a PDF, JPEG or PNG') }]);
      expect(storedFiles(root)).toEqual([]);
    });

    it('refuses a file of 11 MB, saying so, and stores nothing', async () => {
      const refused = await refusalOf(acceptUploads([{ name: 'big.pdf', content: pdfFile(11 * 1000 * 1000) }], files));
      expect(refused.refusals).toEqual([{ index: 0, name: 'big.pdf', reason: 'FILE_TOO_LARGE', message: 'big.pdf: 10.5 MiB is more than the 10 MiB a file may have' }]);
      expect(storedFiles(root)).toEqual([]);
    });

    it('refuses 6 files at once, and stores none of them', async () => {
      const six = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, content: pdfFile(100 + i) }));
      const refused = await refusalOf(acceptUploads(six, files));
      expect(refused.refusals).toEqual([{ index: null, name: null, reason: 'TOO_MANY_FILES', message: '6 files sent: at most 5 files at once' }]);
      expect(storedFiles(root)).toEqual([]);
    });

    it('refuses an empty file, each refused file with its own reason', async () => {
      const refused = await refusalOf(
        acceptUploads(
          [
            { name: 'empty.pdf', content: Buffer.alloc(0) },
            { name: 'notes.txt', content: Buffer.from('hello') },
          ],
          files,
        ),
      );
      expect(refused.refusals.map((r) => [r.index, r.reason])).toEqual([
        [0, 'FILE_EMPTY'],
        [1, 'FILE_TYPE_NOT_ALLOWED'],
      ]);
    });
  });

  describe('commands with attachments', () => {
    const expectRefused = async (attempt: () => Promise<unknown>, expected: Record<string, unknown>) => {
      const before = await eventStore.headPosition();
      await expect(attempt()).rejects.toMatchObject(expected);
      expect(await eventStore.headPosition()).toBe(before);
    };

    it('submitApplication records the uploaded files on the event: hash, name, type and size', async () => {
      const refs = await acceptUploads([{ name: 'հատակագիծ.png', content: pngFile() }, { name: 'անձնագիր.pdf', content: pdfFile() }], files);
      const r = await commands.submitApplication({ input: submission(refs) }, as(resident));
      const [event] = await eventStore.readStream(applicationStreamId(r.id));
      expect(event.type).toBe('ApplicationSubmitted');
      expect(event.metadata.schemaVersion).toBe(3);
      expect((event.data as { attachments: unknown }).attachments).toEqual(refs);
    });

    it('a submission without files carries no attachments field', async () => {
      const r = await commands.submitApplication({ input: submission() }, as(resident));
      const [event] = await eventStore.readStream(applicationStreamId(r.id));
      expect(event.data).not.toHaveProperty('attachments');
    });

    it('refuses a reference to a file the store does not hold, or with another size, and appends nothing (no tracking code either)', async () => {
      const [stored] = await acceptUploads([{ name: 'plan.png', content: pngFile() }], files);
      const missing = { ...stored, sha256: createHash('sha256').update('never uploaded').digest('hex') };
      await expectRefused(() => commands.submitApplication({ input: submission([stored, missing]) }, as(resident)), {
        code: 'VALIDATION_FAILED',
        reason: 'ATTACHMENT_NOT_STORED',
        fields: ['input.attachments.1.sha256'],
      });
      await expectRefused(() => commands.submitApplication({ input: submission([{ ...stored, size: stored.size + 1 }]) }, as(resident)), {
        reason: 'ATTACHMENT_NOT_STORED',
        fields: ['input.attachments.0.sha256'],
      });
    });

    it('refuses malformed references by the field rule', async () => {
      const [stored] = await acceptUploads([{ name: 'plan.png', content: pngFile() }], files);
      await expectRefused(() => commands.submitApplication({ input: submission([{ ...stored, sha256: stored.sha256.toUpperCase() }]) }, as(resident)), {
        code: 'VALIDATION_FAILED',
        fields: ['input.attachments.0.sha256'],
      });
      await expectRefused(() => commands.submitApplication({ input: submission([{ ...stored, type: 'text/plain' }]) }, as(resident)), { fields: ['input.attachments.0.type'] });
      await expectRefused(() => commands.submitApplication({ input: submission([{ ...stored, size: 11 * MIB }]) }, as(resident)), { fields: ['input.attachments.0.size'] });
      await expectRefused(() => commands.submitApplication({ input: submission(Array.from({ length: 6 }, () => stored)) }, as(resident)), { fields: ['input.attachments'] });
    });

    it('provideApplicationInformation carries the answer’s files; the case keeps every file it was sent', async () => {
      const [plan] = await acceptUploads([{ name: 'plan.png', content: pngFile() }], files);
      const { id } = await commands.submitApplication({ input: submission([plan]) }, as(resident));
      await commands.registerApplication({ id }, as(clerk));
      await commands.assignApplication({ id, assigneeId: clerk.id }, as(clerk));
      await commands.requestApplicationInformation({ id, question: 'Կցեք սեփականության վկայականը' }, as(clerk));
      const missing = { ...plan, sha256: 'a'.repeat(64) };
      await expectRefused(() => commands.provideApplicationInformation({ id, answer: 'Կցում եմ', attachments: [missing] }, as(resident)), {
        reason: 'ATTACHMENT_NOT_STORED',
        fields: ['attachments.0.sha256'],
      });
      const [deed] = await acceptUploads([{ name: 'վկայական.pdf', content: pdfFile() }], files);
      await commands.provideApplicationInformation({ id, answer: 'Կցում եմ', attachments: [deed] }, as(resident));
      const events = await eventStore.readStream(applicationStreamId(id));
      expect(events.at(-1)).toMatchObject({ type: 'ApplicationInformationProvided', data: { attachments: [deed] } });
      const { state } = await handler.load(applicationDecider, applicationStreamId(id));
      expect(state).toMatchObject({ attachments: [plan, deed] });
    });

    it('refuses every attachment where no file store is wired', async () => {
      const [stored] = await acceptUploads([{ name: 'plan.png', content: pngFile() }], files);
      const clock = fixedClock('2026-03-02T08:00:00Z');
      const withoutFiles = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('nofiles') }), clock });
      await expectRefused(() => withoutFiles.submitApplication({ input: submission([stored]) }, as(resident)), { reason: 'ATTACHMENT_NOT_STORED' });
    });
  });
});
