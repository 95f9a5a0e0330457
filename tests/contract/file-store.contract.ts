/**
 * The contract of the FileStore port (application/ports/file-store.ts) that every adapter passes — the
 * DATA_DIR folder always, GridFS where a MongoDB server exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FileStore } from '../../application/ports/file-store';

export interface FileStoreFixture {
  readonly store: FileStore;
  /** Another process's view of the same store. */
  readonly other: FileStore;
}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const bytesOf = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const fileStoreContract = <F extends FileStoreFixture>(name: string, open: () => Promise<F>, close: (f: F) => Promise<void>): void => {
  describe(`file store: ${name}`, () => {
    let f: F;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => close(f));

    it('answers the SHA-256 and size of what it stored, and another connection reads the same bytes back', async () => {
      const content = Buffer.from('Դիմում՝ շինարարության թույլտվության համար\n', 'utf8');
      const stored = await f.store.put(content);
      expect(stored).toEqual({ sha256: sha256Of(content), size: content.byteLength });
      expect(await f.other.stat(stored.sha256)).toEqual(stored);
      const back = await f.other.read(stored.sha256);
      expect(back).not.toBeNull();
      expect((await bytesOf(back!)).toString('utf8')).toBe('Դիմում՝ շինարարության թույլտվության համար\n');
    });

    it('keeps every byte value of a binary file of 10 MB', async () => {
      const content = randomBytes(10 * 1024 * 1024);
      const stored = await f.store.put(content);
      expect(stored.size).toBe(content.byteLength);
      expect(sha256Of(await bytesOf((await f.store.read(stored.sha256))!))).toBe(sha256Of(content));
    });

    it('stores the same content once, however often and however concurrently it is put', async () => {
      const content = randomBytes(64 * 1024);
      const answers = await Promise.all([f.store.put(content), f.other.put(content), f.store.put(Buffer.from(content))]);
      expect(new Set(answers.map((a) => a.sha256)).size).toBe(1);
      expect(await f.store.put(content)).toEqual(answers[0]);
      expect(await bytesOf((await f.other.read(answers[0].sha256))!)).toEqual(content);
    });

    it('answers null for a hash it does not hold, and for anything that is not a SHA-256', async () => {
      const missing = sha256Of(randomBytes(16));
      expect(await f.store.stat(missing)).toBeNull();
      expect(await f.store.read(missing)).toBeNull();
      for (const bad of ['../../etc/passwd', missing.toUpperCase(), missing.slice(1), '']) {
        expect(await f.store.stat(bad)).toBeNull();
        expect(await f.store.read(bad)).toBeNull();
      }
    });

    it('keeps different contents apart', async () => {
      const a = await f.store.put(Buffer.from('a'));
      const b = await f.store.put(Buffer.from('b'));
      expect(a.sha256).not.toBe(b.sha256);
      expect((await bytesOf((await f.store.read(a.sha256))!)).toString()).toBe('a');
      expect((await bytesOf((await f.store.read(b.sha256))!)).toString()).toBe('b');
    });
  });
};
