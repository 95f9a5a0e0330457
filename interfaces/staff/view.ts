/**
 * Nunjucks through @fastify/view for the workspace: our views first, then GOV.UK Frontend's and the MOJ
 * components' templates (`govuk/…`, `moj/…`). Autoescape is on, so whatever a person typed is shown as text.
 * Filters: `date` and `datetime` (Intl, Asia/Yerevan), `amd` (drams), and `mojDate` for MOJ macros (the
 * stock one formats English dates with moment).
 */
import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import { moduleDir } from './assets';
import { formatAmd, formatDate, type Lang } from './i18n';

const viewsDir = (): string => {
  const candidates = [path.join(__dirname, 'views'), path.resolve(__dirname, '..', '..', '..', 'interfaces', 'staff', 'views')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'layout.njk')));
  if (!found) throw new Error('The workspace templates (interfaces/staff/views) are missing');
  return found;
};


/** `ownViews`: folders searched before the workspace's (the resident portal's views extend its layout). */
export const registerViews = async (app: FastifyInstance, ownViews: readonly string[] = []): Promise<void> => {
  await app.register(view, {
    engine: { nunjucks },
    templates: [...ownViews, viewsDir(), path.join(moduleDir('govuk-frontend'), 'dist'), moduleDir('@ministryofjustice/frontend')],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      noCache: false,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('date', function (this: { ctx: { lang?: Lang } }, value: string) {
          return formatDate(this.ctx.lang ?? 'hy', value);
        });
        env.addFilter('datetime', function (this: { ctx: { lang?: Lang } }, value: string) {
          return formatDate(this.ctx.lang ?? 'hy', value, true);
        });
        env.addFilter('mojDate', function (this: { ctx: { lang?: Lang } }, value: string) {
          return formatDate(this.ctx.lang ?? 'hy', value, true);
        });
        env.addFilter('amd', (value: number) => formatAmd(value));
      },
    },
  });
};
