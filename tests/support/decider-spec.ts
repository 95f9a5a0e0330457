/**
 * given(events).when(command).then(events) — decider specifications that read as the rules they test.
 *
 *   spec(feeDecider).given(feeAssessed).when(recordPayment).then(feePaymentRecorded)
 *   spec(feeDecider).given(feeCancelled).when(recordPayment).thenFails('INVALID_TRANSITION', 'FEE_CANCELLED')
 */
import type { Decider } from '../../domain/kernel/decider';
import { isDomainError, type DomainErrorCode } from '../../domain/kernel/errors';

export const spec = <Command, Event, State>(decider: Pick<Decider<Command, Event, State>, 'decide' | 'evolve' | 'initialState'>) => ({
  given: (...history: Event[]) => {
    const state = (): State => history.reduce(decider.evolve, decider.initialState());
    return {
      state,
      when: (command: Command) => {
        const result = decider.decide(command, state());
        return {
          result,
          then: (...expected: Event[]): void => {
            if (isDomainError(result)) throw new Error(`Expected events but the decider refused: ${result.code}/${result.reason}: ${result.message}`);
            expect(result).toEqual(expected);
          },
          thenNothing: (): void => {
            if (isDomainError(result)) throw new Error(`Expected no events but the decider refused: ${result.code}/${result.reason}`);
            expect(result).toEqual([]);
          },
          thenFails: (code: DomainErrorCode, reason?: string): void => {
            if (!isDomainError(result)) throw new Error(`Expected ${code}${reason ? `/${reason}` : ''} but got events ${JSON.stringify(result)}`);
            expect(result.code).toBe(code);
            if (reason !== undefined) expect(result.reason).toBe(reason);
          },
        };
      },
    };
  },
});
