/**
 * Replays the national community history through the real command handlers (ministry commands, not rows
 * written around them). Every command has a fixed commandId, so seeding twice appends nothing.
 */
import type { Actor } from '../application/ports/event-store';
import type { Commands } from '../application/commands/registry';
import type { HistoryCommand } from './national-history';

/** The ministry's registry keeper as the seed's actor: the history is imported, not typed in. */
export const MINISTRY_SEED_ACTOR: Actor = { id: 'ministry-registry-import', role: 'ministry', assurance: 'system', channel: 'system' };

export const seedHistory = async (
  community: Pick<Commands, HistoryCommand['mutation']>,
  commands: readonly HistoryCommand[],
  actor: Actor = MINISTRY_SEED_ACTOR,
): Promise<number> => {
  for (const command of commands) {
    const ctx = { actor, commandId: command.commandId, occurredAt: command.occurredAt };
    const method = community[command.mutation] as (args: unknown, ctx: unknown) => Promise<unknown>;
    await method.call(community, command.args, ctx);
  }
  return commands.length;
};
