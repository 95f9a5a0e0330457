/**
 * Numbers from a register stream (an act register, an application journal, a correspondence journal):
 * the number a case already holds there, or the next one, appended with the register's expected
 * revision, so two cases numbered at once never share a number and none is skipped. A conflict reloads
 * the register and tries again. A cross-aggregate step, taken in a command's `prepare`.
 */
import type { Decider, DomainCommand, DomainEvent } from '../../domain/shared/decider';
import type { CommandInput } from '../command-handler';
import { ConcurrencyConflict } from '../errors';
import type { CommandCall, CommandEnv } from './declare';

export const takeNumber = async <C extends DomainCommand, E extends DomainEvent, S>(
  env: Pick<CommandEnv, 'handler' | 'maxRegisterAttempts'>,
  register: Decider<C, E, S>,
  streamId: string,
  assign: CommandInput<C>,
  held: (state: S) => string | null,
  call: CommandCall,
): Promise<string> => {
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await env.handler.load(register, streamId);
    const existing = held(state);
    if (existing !== null) return existing;
    try {
      const r = await env.handler.handle(register, streamId, assign, {
        actor: call.actor,
        expectedRevision: revision,
        occurredAt: call.now,
        correlationId: call.correlationId ?? call.commandId,
        causationId: call.commandId,
      });
      const assigned = held(r.state);
      if (assigned === null) throw new Error(`The register ${streamId} recorded no number`);
      return assigned;
    } catch (error) {
      if (error instanceof ConcurrencyConflict && attempt < env.maxRegisterAttempts) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      throw error;
    }
  }
};
