/**
 * `act(id, asOf)` read from the act's own stream rather than a read model: its view, with the text in
 * force on `asOf` when given. Published, repealed and in-discussion acts are public; other acts only for
 * the community's staff, head and council, the ministry and auditors (anyone else gets NOT_FOUND, which
 * reveals nothing).
 */
import { legalActDecider, legalActView, type ActView } from '../../domain/legal-act';
import { yerevanDate } from '../../domain/kernel/time';
import type { CommandHandler } from '../command-handler';
import { Id, IsoDate } from '../commands/fields';
import { validateInput } from '../commands/validate';
import { actNotFound, actStreamId } from '../legal-act/commands';
import type { Clock } from '../ids';
import type { Actor } from '../ports/event-store';

export class ActQuery {
  @Id() id!: string;
  @IsoDate({ optional: true }) asOf?: string | null;
}

/** Statuses only the act's community, the ministry and auditors see. */
const NON_PUBLIC_STATUSES = new Set(['draft', 'on-agenda', 'adopted', 'rejected', 'signed']);

export const createActFromLog = ({ handler, clock }: { readonly handler: Pick<CommandHandler, 'load'>; readonly clock: Clock }) => ({
  act: async (args: { id: string; asOf?: string | null }, actor: Actor | null): Promise<ActView & { revision: number }> => {
    const query = validateInput(ActQuery, args);
    const { state: act, revision } = await handler.load(legalActDecider, actStreamId(query.id));
    if (act === null) throw actNotFound(query.id);
    const view = legalActView(act, yerevanDate(clock.now()), query.asOf ?? null)!;
    if (NON_PUBLIC_STATUSES.has(view.status)) {
      const own = actor !== null && ['staff', 'head', 'council'].includes(actor.role) && actor.communityId === act.communityId;
      const oversight = actor !== null && (actor.role === 'ministry' || actor.role === 'auditor' || actor.role === 'system');
      if (!own && !oversight) throw actNotFound(query.id);
    }
    return { ...view, revision };
  },
});

export type ActFromLog = ReturnType<typeof createActFromLog>;
