/**
 * The act register (համայնքի իրավական ակտերի մատյան): one stream per community and year,
 * `actregister-<communityId>_<year>`, that hands out act numbers.
 *
 * - Numbers are `"<year>/<sequence>"` (e.g. `"2024/7"`), the sequence counting from 1 per community
 *   and calendar year (Asia/Yerevan), council decisions and decisions of the head in one series.
 * - Each number is appended with the stream's expected revision, so two concurrent assignments can
 *   never take the same sequence: the loser reloads and retries.
 * - Idempotent per act: asking again for an act that already has a number in this register
 *   records nothing, and the service reads back the same number. The number is assigned here
 *   BEFORE the act's `ActAdopted`/`ActSigned`, so a crash between the two appends leaves the act
 *   with its one reserved number for the retry, never two.
 */
import { match } from 'ts-pattern';
import type { Decider, DomainCommand, DomainEvent } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';

export const ACT_REGISTER_CATEGORY = 'actregister';

export const actRegisterStreamId = (communityId: string, year: number): string => `${ACT_REGISTER_CATEGORY}-${communityId}_${year}`;

export const formatActNumber = (year: number, sequence: number): string => `${year}/${sequence}`;

export type AssignActNumber = DomainCommand<'AssignActNumber', { readonly communityId: string; readonly year: number; readonly actId: string }>;
export type ActRegisterCommand = AssignActNumber;

export type ActNumberAssigned = DomainEvent<
  'ActNumberAssigned',
  {
    readonly communityId: string;
    readonly year: number;
    /** 1, 2, 3… per community and year, without gaps unless an assigned act was never adopted. */
    readonly sequence: number;
    /** `"<year>/<sequence>"`. */
    readonly number: string;
    readonly actId: string;
    readonly at: string;
  }
>;
export type ActRegisterEvent = ActNumberAssigned;

export interface ActRegisterState {
  readonly communityId: string | null;
  readonly year: number | null;
  readonly lastSequence: number;
  /** actId → its number in this register. */
  readonly numbers: ReadonlyMap<string, { readonly sequence: number; readonly number: string }>;
}

export const initialRegisterState = (): ActRegisterState => ({ communityId: null, year: null, lastSequence: 0, numbers: new Map() });

/** The number an act already holds in this register, if any. */
export const numberOf = (state: ActRegisterState, actId: string): string | null => state.numbers.get(actId)?.number ?? null;

export const decideRegister = (command: ActRegisterCommand, state: ActRegisterState): ActRegisterEvent[] | DomainError =>
  match(command)
    .with({ type: 'AssignActNumber' }, ({ data, metadata }): ActRegisterEvent[] | DomainError => {
      if (typeof data.communityId !== 'string' || data.communityId.length === 0) return domainValidation('COMMUNITY_REQUIRED', 'The register needs a community', ['communityId']);
      if (!Number.isSafeInteger(data.year) || data.year < 1000 || data.year > 9999) return domainValidation('INVALID_YEAR', 'The year has four digits', ['year']);
      if (typeof data.actId !== 'string' || data.actId.length === 0) return domainValidation('ACT_ID_REQUIRED', 'A number is assigned to an act', ['actId']);
      if ((state.communityId !== null && state.communityId !== data.communityId) || (state.year !== null && state.year !== data.year)) {
        return invalidTransition('ACT_REGISTER_MISMATCH', `This register belongs to community ${state.communityId}, year ${state.year}`);
      }
      if (state.numbers.has(data.actId)) return [];
      const sequence = state.lastSequence + 1;
      return [
        {
          type: 'ActNumberAssigned',
          data: { communityId: data.communityId, year: data.year, sequence, number: formatActNumber(data.year, sequence), actId: data.actId, at: metadata.now },
        },
      ];
    })
    .exhaustive();

export const evolveRegister = (state: ActRegisterState, event: ActRegisterEvent): ActRegisterState =>
  match(event)
    .with({ type: 'ActNumberAssigned' }, ({ data }) => ({
      communityId: data.communityId,
      year: data.year,
      lastSequence: Math.max(state.lastSequence, data.sequence),
      numbers: new Map(state.numbers).set(data.actId, { sequence: data.sequence, number: data.number }),
    }))
    .exhaustive();

export const actRegisterDecider: Decider<ActRegisterCommand, ActRegisterEvent, ActRegisterState> = {
  name: ACT_REGISTER_CATEGORY,
  decide: decideRegister,
  evolve: evolveRegister,
  initialState: initialRegisterState,
};
