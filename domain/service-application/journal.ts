/**
 * The registration journal of incoming applications (մուտքային դիմումների գրանցամատյան): one stream per
 * community and Yerevan calendar year, `appjournal-<communityId>_<year>`, that hands out registration
 * numbers `"<communityId>/<year>/<n>"`, n counting 1, 2, 3… with no gap and no repeat.
 *
 * - Each number is appended with the journal's expected revision: two concurrent registrations can never
 *   take the same n (the loser reloads and takes the next).
 * - Idempotent per application: asking again for an application that already has its number records
 *   nothing. The number is taken BEFORE the application's ApplicationRegistered, so a crash between the
 *   two appends leaves the application its one number for the retry, never two.
 *
 * Tracking codes (`trackingcode-<code>`): a stream per code, created once, so a code names one
 * application however many processes submit at once.
 */
import { match } from 'ts-pattern';
import type { Decider, DomainCommand, DomainEvent } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';

export const APPLICATION_JOURNAL_CATEGORY = 'appjournal';
export const TRACKING_CODE_CATEGORY = 'trackingcode';

export const applicationJournalStreamId = (communityId: string, year: number): string => `${APPLICATION_JOURNAL_CATEGORY}-${communityId}_${year}`;

export const formatRegistrationNumber = (communityId: string, year: number, sequence: number): string => `${communityId}/${year}/${sequence}`;

/** The alphabet of tracking codes: no 0/O, 1/I/L, so a code read aloud or copied by hand is not mistaken. */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;
export const isTrackingCode = (value: unknown): value is string =>
  typeof value === 'string' && value.length === TRACKING_CODE_LENGTH && [...value].every((c) => TRACKING_CODE_ALPHABET.includes(c));

export type AssignRegistrationNumber = DomainCommand<'AssignRegistrationNumber', { readonly communityId: string; readonly year: number; readonly applicationId: string }>;
export type ReserveTrackingCode = DomainCommand<'ReserveTrackingCode', { readonly trackingCode: string; readonly applicationId: string }>;

export type RegistrationNumberAssigned = DomainEvent<
  'RegistrationNumberAssigned',
  {
    readonly communityId: string;
    readonly year: number;
    readonly sequence: number;
    readonly registrationNumber: string;
    readonly applicationId: string;
    readonly at: string;
  }
>;
export type TrackingCodeReserved = DomainEvent<'TrackingCodeReserved', { readonly trackingCode: string; readonly applicationId: string; readonly at: string }>;

export type ApplicationJournalEvent = RegistrationNumberAssigned | TrackingCodeReserved;

export interface ApplicationJournalState {
  readonly communityId: string | null;
  readonly year: number | null;
  readonly lastSequence: number;
  /** applicationId → its registration number in this journal. */
  readonly numbers: ReadonlyMap<string, string>;
}

export const initialJournalState = (): ApplicationJournalState => ({ communityId: null, year: null, lastSequence: 0, numbers: new Map() });

/** The number an application already holds in this journal, if any. */
export const registrationNumberIn = (state: ApplicationJournalState, applicationId: string): string | null => state.numbers.get(applicationId) ?? null;

export const applicationJournalDecider: Decider<AssignRegistrationNumber, RegistrationNumberAssigned, ApplicationJournalState> = {
  name: APPLICATION_JOURNAL_CATEGORY,
  decide: (command, state): RegistrationNumberAssigned[] | DomainError =>
    match(command)
      .with({ type: 'AssignRegistrationNumber' }, ({ data, metadata }): RegistrationNumberAssigned[] | DomainError => {
        if (typeof data.communityId !== 'string' || data.communityId.length === 0) return domainValidation('COMMUNITY_REQUIRED', 'The journal needs a community', ['communityId']);
        if (!Number.isSafeInteger(data.year) || data.year < 1000 || data.year > 9999) return domainValidation('INVALID_YEAR', 'The year has four digits', ['year']);
        if (typeof data.applicationId !== 'string' || data.applicationId.length === 0) return domainValidation('APPLICATION_ID_REQUIRED', 'A number is given to an application', ['applicationId']);
        if ((state.communityId !== null && state.communityId !== data.communityId) || (state.year !== null && state.year !== data.year)) {
          return invalidTransition('JOURNAL_MISMATCH', `This journal belongs to community ${state.communityId}, year ${state.year}`);
        }
        if (state.numbers.has(data.applicationId)) return [];
        const sequence = state.lastSequence + 1;
        return [
          {
            type: 'RegistrationNumberAssigned',
            data: {
              communityId: data.communityId,
              year: data.year,
              sequence,
              registrationNumber: formatRegistrationNumber(data.communityId, data.year, sequence),
              applicationId: data.applicationId,
              at: metadata.now,
            },
          },
        ];
      })
      .exhaustive(),
  evolve: (state, event) =>
    match(event)
      .with({ type: 'RegistrationNumberAssigned' }, ({ data }) => ({
        communityId: data.communityId,
        year: data.year,
        lastSequence: Math.max(state.lastSequence, data.sequence),
        numbers: new Map(state.numbers).set(data.applicationId, data.registrationNumber),
      }))
      .exhaustive(),
  initialState: initialJournalState,
};

/** Who holds a tracking code: null while it is free. */
export type TrackingCodeState = { readonly applicationId: string } | null;

export const trackingCodeDecider: Decider<ReserveTrackingCode, TrackingCodeReserved, TrackingCodeState> = {
  name: TRACKING_CODE_CATEGORY,
  decide: (command, state): TrackingCodeReserved[] | DomainError =>
    match(command)
      .with({ type: 'ReserveTrackingCode' }, ({ data, metadata }): TrackingCodeReserved[] | DomainError => {
        if (!isTrackingCode(data.trackingCode)) return domainValidation('INVALID_TRACKING_CODE', `A tracking code is ${TRACKING_CODE_LENGTH} characters of ${TRACKING_CODE_ALPHABET}`, ['trackingCode']);
        if (state !== null) return state.applicationId === data.applicationId ? [] : invalidTransition('TRACKING_CODE_TAKEN', 'This tracking code names another application');
        return [{ type: 'TrackingCodeReserved', data: { trackingCode: data.trackingCode, applicationId: data.applicationId, at: metadata.now } }];
      })
      .exhaustive(),
  evolve: (_state, event) => match(event).with({ type: 'TrackingCodeReserved' }, ({ data }) => ({ applicationId: data.applicationId })).exhaustive(),
  initialState: () => null,
};
