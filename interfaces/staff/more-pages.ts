/**
 * The workspace sections registered from their own files, and their navigation entries:
 *   GET  /staff/acts                      the community's register of acts (acts.ts)
 *   GET  /staff/dashboard                 the community's figures and charts (dashboard.ts)
 *   GET  /staff/directory                 the staff directory; POST /staff/directory/:command appoints or dismisses (directory.ts)
 * The case pages of acts and complaints, and /staff/new/draftAct and /staff/new/fileComplaint, are served
 * by index.ts's case and creation routes (cases-more.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import { registerActsRegister } from './acts';
import { registerDashboard } from './dashboard';
import { registerDirectory } from './directory';
import { translate, type Lang } from './i18n';
import type { NavigationEntry, StaffPageContext } from './page-context';

export const registerMorePages = async (scope: FastifyInstance, context: StaffPageContext): Promise<void> => {
  registerActsRegister(scope, context);
  registerDashboard(scope, context);
  registerDirectory(scope, context);
};

const WRITERS: ReadonlySet<string> = new Set(['staff', 'head']);
const DIRECTORY_KEEPERS: ReadonlySet<string> = new Set(['head', 'ministry']);

/** The navigation entries of these sections for `actor` (`section` is the page's). */
export const moreNavigation = (lang: Lang, actor: Actor | null, section: string): NavigationEntry[] => {
  if (!actor) return [];
  const entry = (href: string, key: string, name: string): NavigationEntry => ({ href, text: translate(lang, key), active: section === name });
  return [
    entry('/staff/acts', 'navActs', 'acts'),
    ...(actor.communityId && WRITERS.has(actor.role)
      ? [entry('/staff/new/draftAct', 'navNewAct', 'new-act'), entry('/staff/new/fileComplaint', 'navNewComplaint', 'new-complaint')]
      : []),
    entry('/staff/dashboard', 'navDashboard', 'dashboard'),
    ...(actor.communityId || DIRECTORY_KEEPERS.has(actor.role) ? [entry('/staff/directory', 'navDirectory', 'directory')] : []),
  ];
};
