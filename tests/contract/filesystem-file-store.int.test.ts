/** The embedded file store: DATA_DIR/files, two instances over one folder as two processes. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilesystemFileStore } from '../../infrastructure/files/filesystem-file-store';
import { fileStoreContract, type FileStoreFixture } from './file-store.contract';

interface FolderFixture extends FileStoreFixture {
  readonly dir: string;
  readonly store: FilesystemFileStore;
}

const openFolder = async (): Promise<FolderFixture> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-files-'));
  const root = path.join(dir, 'files');
  return { dir, store: new FilesystemFileStore(root), other: new FilesystemFileStore(root) };
};
const closeFolder = async (f: FolderFixture): Promise<void> => fs.rmSync(f.dir, { recursive: true, force: true });

fileStoreContract<FolderFixture>('DATA_DIR folder', openFolder, closeFolder);

describe('file store: DATA_DIR folder layout', () => {
  let f: FolderFixture;
  beforeEach(async () => {
    f = await openFolder();
  });
  afterEach(async () => closeFolder(f));

  it('keeps a file at files/<2 hex>/<2 hex>/<sha256> and leaves no temporary file behind', async () => {
    const { sha256 } = await f.store.put(Buffer.from('%PDF-1.4 test'));
    const expected = path.join(f.dir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(fs.readFileSync(expected, 'utf8')).toBe('%PDF-1.4 test');
    expect(fs.readdirSync(path.join(f.dir, 'files', 'tmp'))).toEqual([]);
  });

  it('never answers a file a crash left half-written in tmp/', async () => {
    const content = Buffer.from('whole file');
    const sha256 = createHash('sha256').update(content).digest('hex');
    fs.writeFileSync(path.join(f.dir, 'files', 'tmp', `${sha256}.crashed`), content.subarray(0, 3));
    expect(await f.store.stat(sha256)).toBeNull();
    expect(await f.store.put(content)).toEqual({ sha256, size: content.byteLength });
    expect(fs.readFileSync(f.store.pathOf(sha256), 'utf8')).toBe('whole file');
  });
});
