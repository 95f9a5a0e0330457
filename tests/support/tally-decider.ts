/** A tiny decider used to test the command handling core without the municipal domain. */
import type { Decider, DomainCommand, DomainEvent } from '../../domain/kernel/decider';
import { invalidTransition } from '../../domain/kernel/errors';

export type TallyCommand = DomainCommand<'OpenTally', { title: string }> | DomainCommand<'CountVote', { votes: number }> | DomainCommand<'CloseTally', Record<string, never>>;
export type TallyEvent =
  | DomainEvent<'TallyOpened', { title: string; at: string }>
  | DomainEvent<'VoteCounted', { votes: number; total: number }>
  | DomainEvent<'TallyClosed', { total: number }>;
export interface TallyState {
  status: 'none' | 'open' | 'closed';
  total: number;
}

export const tallyDecider: Decider<TallyCommand, TallyEvent, TallyState> = {
  name: 'tally',
  initialState: () => ({ status: 'none', total: 0 }),
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenTally':
        return state.status === 'none' ? [{ type: 'TallyOpened', data: { title: command.data.title, at: command.metadata.now } }] : invalidTransition('TALLY_EXISTS', 'Already open');
      case 'CountVote':
        if (state.status !== 'open') return invalidTransition('TALLY_NOT_OPEN', 'The tally is not open');
        return command.data.votes === 0 ? [] : [{ type: 'VoteCounted', data: { votes: command.data.votes, total: state.total + command.data.votes } }];
      case 'CloseTally':
        return state.status === 'open' ? [{ type: 'TallyClosed', data: { total: state.total } }] : invalidTransition('TALLY_NOT_OPEN', 'The tally is not open');
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'TallyOpened':
        return { status: 'open', total: 0 };
      case 'VoteCounted':
        return { ...state, total: event.data.total };
      case 'TallyClosed':
        return { ...state, status: 'closed' };
    }
  },
};
