/**
 * Numbers from a register stream (an act register, an application journal, a correspondence journal):
 * the number a case already holds there, or the next one, appended with the register's expected
 * revision, so two cases numbered at once never share a number and none is skipped. A conflict reloads
 * the register and tries again. A cross-aggregate step, taken in a command's `prepare`.
 */
import type { Decider, DomainCommand, DomainEvent } from '../../domain/kernel/decider';
import type { CommandInput } from '../command-handler';
import { ConcurrencyConflict } from '../errors';
import type { CommandCall, CommandEnv } from './declare';

/**
 * Numbers taken through one command handler from one register wait for each other: within a process they
 * would only conflict and retry, each retry costing a commit. Other processes still conflict and retry.
 */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

const inTurn = <T>(handler: object, streamId: string, take: () => Promise<T>): Promise<T> => {
  let byStream = queues.get(handler);
  if (!byStream) queues.set(handler, (byStream = new Map()));
  const previous = byStream.get(streamId) ?? Promise.resolve();
  const mine = previous.then(take, take);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  byStream.set(streamId, settled);
  void settled.then(() => {
    if (byStream.get(streamId) === settled) byStream.delete(streamId);
  });
  return mine;
};

export const takeNumber = <C extends DomainCommand, E extends DomainEvent, S>(
  env: Pick<CommandEnv, 'handler' | 'maxRegisterAttempts'>,
  register: Decider<C, E, S>,
  streamId: string,
  assign: CommandInput<C>,
  held: (state: S) => string | null,
  call: CommandCall,
): Promise<string> => inTurn(env.handler, streamId, () => takeNumberNow(env, register, streamId, assign, held, call));

const takeNumberNow = async <C extends DomainCommand, E extends DomainEvent, S>(
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
