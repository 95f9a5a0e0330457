/**
 * The embedded file store: one file per content under DATA_DIR/files, at `<hash[0..2]>/<hash[2..4]>/<hash>`
 * (a few hundred entries per folder however many files). A file is written to `tmp/` first, fsynced, renamed
 * into place and its folder fsynced: a reader (or a crash) sees the whole file or none, never a part.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_PATTERN, type FileStore, type StoredFile } from '../../application/ports/file-store';

/** The folder under DATA_DIR. */
export const FILES_DIR = 'files';

const fsyncDir = (dir: string): void => {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
};

export class FilesystemFileStore implements FileStore {
  readonly kind = 'filesystem' as const;
  private readonly tmp: string;

  /** @param root the store's folder (DATA_DIR/files); created if missing. */
  constructor(readonly root: string) {
    this.tmp = path.join(root, 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  /** Where the file of `sha256` lives (whether or not it is there). */
  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const stored = { sha256, size: content.byteLength };
    const target = this.pathOf(sha256);
    if (await this.stat(sha256)) return stored;
    const dir = path.dirname(target);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = path.join(this.tmp, `${sha256}.${randomUUID()}`);
    const handle = await fs.promises.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Another writer of the same content may have renamed first: the rename replaces equal bytes with equal bytes.
    await fs.promises.rename(temp, target);
    fsyncDir(dir);
    return stored;
  }

  async stat(sha256: string): Promise<StoredFile | null> {
    if (!SHA256_PATTERN.test(sha256)) return null;
    try {
      const s = await fs.promises.stat(this.pathOf(sha256));
      return s.isFile() ? { sha256, size: s.size } : null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async read(sha256: string): Promise<Readable | null> {
    if (!(await this.stat(sha256))) return null;
    return fs.createReadStream(this.pathOf(sha256));
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }
}
