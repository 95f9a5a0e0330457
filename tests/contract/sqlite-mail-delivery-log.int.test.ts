/** The mail delivery log on the embedded store (DATA_DIR/mail.sqlite). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MailDeliveryLog } from '../../application/ports/mail';
import { SqliteMailDeliveryLog } from '../../infrastructure/mail/sqlite-mail-delivery-log';
import { mailDeliveryLogContract, type MailDeliveryLogFixture } from './mail-delivery-log.contract';

interface SqliteFixture extends MailDeliveryLogFixture {
  readonly dir: string;
  readonly opened: MailDeliveryLog[];
}

mailDeliveryLogContract<SqliteFixture>(
  'SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-mail-log-'));
    const file = path.join(dir, 'mail.sqlite');
    const opened: MailDeliveryLog[] = [new SqliteMailDeliveryLog(file)];
    return {
      dir,
      opened,
      log: opened[0],
      reopen: async () => {
        await opened[0].close();
        const again = new SqliteMailDeliveryLog(file);
        opened.push(again);
        return again;
      },
    };
  },
  async (f) => {
    for (const log of f.opened) await log.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  },
);
