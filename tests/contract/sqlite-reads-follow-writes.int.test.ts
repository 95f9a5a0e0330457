/** The reads-follow-writes ports on the embedded stores: read.sqlite's checkpoints and DATA_DIR/callers.sqlite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteCallerPositions } from '../../infrastructure/sqlite/sqlite-caller-positions';
import { SqliteReadModelProgress } from '../../infrastructure/sqlite/sqlite-read-model-progress';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { readsFollowWritesContract, type ReadsFollowWritesFixture } from './reads-follow-writes.contract';

interface SqliteFixture extends ReadsFollowWritesFixture {
  readonly dir: string;
}

readsFollowWritesContract<SqliteFixture>(
  'embedded SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-rfw-'));
    const writer = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    return {
      dir,
      writer,
      progress: new SqliteReadModelProgress(path.join(dir, 'read.sqlite')),
      callers: new SqliteCallerPositions(path.join(dir, 'callers.sqlite')),
      otherCallers: new SqliteCallerPositions(path.join(dir, 'callers.sqlite')),
    };
  },
  async (f) => {
    await f.callers.close();
    await f.otherCallers.close();
    await f.progress.close();
    await f.writer.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  },
);
